"""Fuzz run: every page of the role matrix with hostile input; counts the 500s.

Not part of the suite (it takes a few minutes). Run it with pytest, which builds the test
database and the personas::

    PYTHONPATH=. .venv/bin/pytest bench/fuzz_web.py -q -s

Three passes, each counted separately and printed at the end:

- **query strings**: every GET route × every persona it answers with 200, with each hostile
  value given to every query parameter any page reads (ids, pages, quarters, weeks, dates in
  three boxes), all at once; then, as one persona per route, each parameter on its own;
- **path ids**: every route with an ``<id:…>`` (or ``<int:…>``) keyword, the keyword set to
  hostile numbers;
- **forms**: every form on those pages posted as the persona, each field in turn (and every
  field at once) set to a hostile value, the other fields left as the page filled them.

A 500 here is any response with status 500 or an exception escaping the view (the test
client re-raises; we catch and count it). The first few causes are printed with their
exception, so a cause is named once however many requests it breaks.
"""

from __future__ import annotations

import collections
import traceback
from typing import Any

import html5lib
import pytest
from django.test import Client
from django.urls import reverse
from tests.conftest import _empty_cache, _fast_password_hashing, personas  # noqa: F401
from tests.web.test_role_matrix import EXPECTED, PERSONAS, ROUTES, URL_ARGS

BIG = "99999999999999999999"
HOSTILE = [
    BIG,
    "-" + BIG,
    "9" * 5000,
    "-1",
    "0",
    "2147483648",
    "9223372036854775808",
    "1e400",
    "NaN",
    "inf",
    "1.5",
    "abc",
    "\x00",
    "a\x00b",
    "¹",
    "٣",
    "１２",
    "x" * 5000,
    " ",
    "9999-W53",
    "9999-10-q4",
    "0000-01-q1",
    "2025-26-q9",
    "9999-99",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
]
PARAMS = [
    "officer", "stage", "status", "setting", "phase", "need", "year", "sort", "page",
    "rule", "window", "week", "quarter", "layout", "weeks", "area", "years", "next",
    "user", "verb", "object_type", "case", "child", "form", "kpi", "plan",
    "since-day", "since-month", "since-year", "until-day", "until-month", "until-year",
    "overdue-page", "due-page", "closed-page",
]  # fmt: skip
#: The values tried on each parameter or field on its own (the rest go in all at once).
SHARP = [BIG, "9" * 5000, "¹", "a\x00b", "x" * 5000, "-1"]
DATES = [
    ("31", "12", "9999"),
    ("1", "1", "0001"),
    ("1", "1", "0000"),
    (BIG, "1", "2026"),
    ("1", BIG, "2026"),
    ("1", "1", BIG),
    ("1", "1", "9" * 5000),
    ("¹", "1", "2026"),
    ("1", "1", "２０２６"),
    ("-1", "1", "2026"),
    ("1", "1", "1000"),
]

Failures = collections.Counter[str]


def _get_routes() -> list[str]:
    return [name for name, row in EXPECTED.items() if 200 in row]


_ARGS: dict[str, Any] = {}


def _url(name: str, p: Any, **overrides: Any) -> str:
    """The route's URL with the role matrix's values (each made once: some write a row)."""
    kwargs = {}
    for key in ROUTES[name].pattern.converters:
        if key not in _ARGS:
            value = URL_ARGS[key]
            _ARGS[key] = value(p) if callable(value) else value
        kwargs[key] = _ARGS[key]
    kwargs.update(overrides)
    return reverse(f"web:{name}", kwargs=kwargs)


def _client(p: Any, persona: str) -> Client:
    client = Client(raise_request_exception=True)
    client.force_login(getattr(p, persona))
    return client


def _fetch(client: Client, method: str, url: str, data: Any, where: str, seen: Failures) -> int:
    try:
        response = getattr(client, method)(url, data)
    except Exception as error:
        key = f"{type(error).__name__}: {str(error)[:80]}"
        if seen[key] == 0:
            frame = traceback.extract_tb(error.__traceback__)[-1]
            print(
                f"\n500 {where} {method.upper()} {url[:90]}\n    {key}\n"
                f"    at {frame.filename}:{frame.lineno}"
            )
        seen[key] += 1
        return 500
    if response.status_code >= 500:
        seen[f"status {response.status_code} at {url[:60]}"] += 1
    return response.status_code


def _params_read(client: Client, url: str) -> set[str]:
    """The query parameters the page reads (asked of request.GET in any way)."""
    from django.http import QueryDict

    read: set[str] = set()
    originals = {
        name: getattr(QueryDict, name) for name in ("get", "getlist", "__getitem__", "__contains__")
    }

    def spy(name: str) -> Any:
        def wrapped(self: Any, key: Any, *args: Any) -> Any:
            if isinstance(key, str):
                read.add(key)
            return originals[name](self, key, *args)

        return wrapped

    for name in originals:
        setattr(QueryDict, name, spy(name))
    try:
        client.get(url, dict.fromkeys(PARAMS, "1"))
    except Exception:
        pass
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)
    return (read & set(PARAMS)) | {p for p in read if p.endswith("-page")}


def _query_pass(p: Any, seen: Failures) -> tuple[int, int]:
    requests = failures = 0
    for name in _get_routes():
        print(f"query {name}", flush=True)
        allowed = [
            persona
            for persona, status in zip(PERSONAS, EXPECTED[name], strict=True)
            if status == 200 and persona != "anonymous"
        ]
        url = _url(name, p)
        for n, persona in enumerate(sorted(allowed, key=lambda x: x != "service_manager")):
            client = _client(p, persona)
            params = _params_read(client, url)
            if not params:
                continue
            for value in HOSTILE if n == 0 else SHARP:
                requests += 1
                data = dict.fromkeys(params, value)
                failures += _fetch(client, "get", url, data, name, seen) == 500
            stems = {q.rsplit("-", 1)[0] for q in params if q.endswith("-day")}
            for stem in stems:
                for day, month, year in DATES:
                    requests += 1
                    data = {f"{stem}-day": day, f"{stem}-month": month, f"{stem}-year": year}
                    failures += _fetch(client, "get", url, data, name, seen) == 500
            if n == 0:
                for param in sorted(params):
                    for value in SHARP:
                        requests += 1
                        failures += _fetch(client, "get", url, {param: value}, name, seen) == 500
    return requests, failures


def _path_pass(p: Any, seen: Failures) -> tuple[int, int]:
    requests = failures = 0
    for name in _get_routes():
        ints = [k for k, conv in ROUTES[name].pattern.converters.items() if "[0-9]" in conv.regex]
        persona = (
            "service_manager"
            if EXPECTED[name][PERSONAS.index("service_manager")] == 200
            else "case_officer"
        )
        client = _client(p, persona)
        for key in ints:
            for value in ("0", BIG, "9" * 400, "2147483648", "9223372036854775808"):
                requests += 1
                # reverse() refuses what the converter would not match (over 18 digits),
                # so the hostile value replaces a valid one in the URL by hand.
                url = _url(name, p, **{key: 987654321987654321}).replace(
                    "987654321987654321", value
                )
                failures += _fetch(client, "get", url, {}, name, seen) == 500
    return requests, failures


def _forms(html: str) -> list[tuple[str, dict[str, str]]]:
    """(action, {field: value as the page filled it}) for every POST form on a page."""
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    found = []
    for form in doc.iter("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        fields: dict[str, str] = {}
        for el in form.iter():
            field = el.get("name")
            if not field or el.tag not in ("input", "textarea", "select"):
                continue
            kind = (el.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                if el.get("checked") is not None or field not in fields:
                    fields[field] = el.get("value") or "on"
            elif el.tag == "select":
                options = [o.get("value") or "" for o in el.iter("option")]
                fields[field] = next((o for o in options if o), "")
            elif el.tag == "textarea":
                fields[field] = el.text or "text"
            else:
                fields[field] = el.get("value") or "1"
        found.append((form.get("action") or "", fields))
    return found


def _form_pass(p: Any, seen: Failures) -> tuple[int, int]:
    requests = failures = 0
    for name in _get_routes():
        print(f"forms {name}", flush=True)
        for persona in ("service_manager", "team_manager", "case_officer"):
            if EXPECTED[name][PERSONAS.index(persona)] == 200:
                break
        else:
            continue
        client = _client(p, persona)
        url = _url(name, p)
        try:
            response = client.get(url)
        except Exception:
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for action, fields in _forms(response.content.decode()):
            target = action or url
            if "sign-out" in target:
                continue
            editable = [f for f in fields if f not in ("csrfmiddlewaretoken", "form")]
            tries = [(None, v) for v in HOSTILE] + [(f, v) for f in editable for v in SHARP]
            for field, value in tries:
                if True:
                    data = dict(fields)
                    if field is None:
                        data.update(dict.fromkeys(editable, value))
                    else:
                        data[field] = value
                    requests += 1
                    failures += _fetch(client, "post", target, data, name, seen) == 500
            for day, month, year in DATES:
                stems = {f.rsplit("-", 1)[0] for f in editable if f.endswith("-day")}
                for stem in stems:
                    data = dict(fields)
                    data.update({f"{stem}-day": day, f"{stem}-month": month, f"{stem}-year": year})
                    requests += 1
                    failures += _fetch(client, "post", target, data, name, seen) == 500
    return requests, failures


@pytest.mark.django_db
def test_fuzz(personas):  # noqa: F811
    from tests.factories import make_board_pack, make_risk, sample_action

    action = sample_action(personas)
    make_risk(action.area.plan)
    make_board_pack(action.area.plan)
    import logging

    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    results = {}
    for label, run in (
        ("query strings", _query_pass),
        ("path ids", _path_pass),
        ("forms", _form_pass),
    ):
        seen: Failures = collections.Counter()
        requests, failures = run(personas, seen)
        results[label] = (requests, failures, len(seen))
    print("\n\nfuzz run: requests, 500s, distinct causes")
    for label, (requests, failures, causes) in results.items():
        print(f"  {label:14} {requests:6} {failures:5} {causes:3}")
