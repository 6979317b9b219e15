"""Structured logs (senda.web.logs, ADR 0038): every line names its request, and no
child's name, UPN or family's email address reaches one, whatever the request does."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from io import StringIO

import pytest
from django.test import Client
from django.urls import reverse

from senda.web import logs
from senda.web.views import cases
from tests.factories import make_personas

NAME, SURNAME, UPN, EMAIL = "Wilhelmina", "Quennell", "A123456789012", "w.quennell@example.org"


@pytest.fixture
def log_lines() -> Iterator[StringIO]:
    """What the configured console handler writes, as JSON lines, at INFO and above."""
    root = logging.getLogger()
    (handler,) = [
        h for h in root.handlers if any(isinstance(f, logs.ScrubFilter) for f in h.filters)
    ]
    assert isinstance(handler, logging.StreamHandler)
    stream, formatter, level = StringIO(), handler.formatter, root.level
    previous = handler.setStream(stream)
    handler.setFormatter(logs.JsonFormatter())
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        handler.setStream(previous)  # type: ignore[arg-type]
        handler.setFormatter(formatter)
        root.setLevel(level)


def lines(stream: StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_it_keeps_the_childs_name_upn_and_email_out_of_every_log_line(db, log_lines, monkeypatch):
    personas = make_personas()
    child = personas.child
    child.given_name, child.family_name, child.upn = NAME, SURNAME, UPN
    child.save()
    personas.parent.email = EMAIL
    personas.parent.save()
    client = Client(raise_request_exception=False)
    client.force_login(personas.case_officer)
    case_url = reverse("web:case-detail", kwargs={"case_id": personas.case.pk})

    client.get(reverse("web:case-list"), {"q": SURNAME})  # a search for the child
    client.get(case_url)
    client.get(f"/cases/{personas.case.pk + 999}/?q={EMAIL}")  # 404
    client.get(reverse("web:child-details", kwargs={"child_id": child.pk}) + f"?upn={UPN}")

    def fails(*args: object, **kwargs: object) -> None:
        raise ValueError(f"no next step for {NAME} {SURNAME} ({UPN}), tell {EMAIL}")

    monkeypatch.setattr(cases, "next_step", fails)
    assert client.get(case_url, HTTP_X_REQUEST_ID="lb-trace-0001").status_code == 500
    logging.getLogger("senda.test").warning("a child: %s, %s", child, EMAIL)

    text = log_lines.getvalue()
    for secret in (NAME, SURNAME, UPN, EMAIL, EMAIL.split("@")[0]):
        assert secret not in text
    written = lines(log_lines)
    failed = [line for line in written if line.get("exception")]
    assert failed, "the 500 is logged, with its traceback"
    assert failed[0]["request_id"] == "lb-trace-0001"
    assert "builtins.ValueError (message withheld)" in str(failed[0]["exception"])
    requests = [line for line in written if line["logger"] == "senda.request"]
    assert [(line["path"], line["status"]) for line in requests][-2:] == [
        (f"/children/{child.pk}/details/", 200),
        (case_url, 500),
    ]
    assert written[-1]["message"] == "a child: <Child>, [email]"


def test_it_gives_every_request_an_id_and_returns_it(db, log_lines):
    client = Client()
    given = client.get("/healthz/", HTTP_X_REQUEST_ID="abc-123_DEF.456")
    made = client.get("/sign-in/", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert given["X-Request-ID"] == "abc-123_DEF.456"
    assert made["X-Request-ID"] != "<script>alert(1)</script>"
    assert len(made["X-Request-ID"]) == 32
    [line] = lines(log_lines)  # /healthz/ answering 200 is not logged: the balancer's
    assert line["request_id"] == made["X-Request-ID"]
    assert (line["method"], line["path"], line["status"]) == ("GET", "/sign-in/", 200)


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("from jo.bloggs+x@example.org", "from [email]"),
        ("UPN A123456789012.", "UPN [number]."),
        ("NHS 943 476 5919", "NHS [number]"),
        ("lives at SW1A 1AA", "lives at [postcode]"),
        ("GET /cases/?q=Smith HTTP/1.1", "GET /cases/?[query] HTTP/1.1"),
        ("case 123 of 45", "case 123 of 45"),
    ],
)
def test_it_scrubs(text, scrubbed):
    assert logs.scrub(text) == scrubbed
