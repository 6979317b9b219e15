"""Hostile and unlikely input on the web: a form error (or a 404 for an unknown object),
never a 500. Every date box, every whole-number box and the query-string filters are
driven with hypothesis; the page audit checks each answer is a proper GOV.UK page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import senda.web.urls  # noqa: F401 - loads every page's forms
from senda.performance.models import RecordedValue
from senda.web.forms.fields import GovUKDateField, WholeNumberField
from tests.factories import sample_action
from tests.web.page_audit import audit_page

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
#: Fewer examples where each one is a page (the suite's time budget).
PAGES_FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
BIG = "99999999999999999999"
#: Text a person (or a script) may type into a box meant for a number.
HOSTILE_TEXT = st.sampled_from(
    [BIG, "9" * 5000, "-" + BIG, "¹", "٣", "１２", "1e9", "0", "-1", "00", "9999", "0000", " 7 "]
) | st.text(max_size=8)


def plain_client(personas) -> Client:
    """The service manager, with a client that does not audit pages: the fuzzers assert
    only that nothing escapes (a control character sent back into a text box is not valid
    HTML, and the page audit would stop at that)."""
    client = Client()
    client.force_login(personas.service_manager)
    return client


def all_forms() -> list[type[forms.Form]]:
    found, todo = [], [forms.Form]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("senda."):
            found.append(cls)
    return found


def declared(kind: type[forms.Field]) -> list[Any]:
    return [
        pytest.param(field, id=f"{form.__name__}.{name}")
        for form in all_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, kind)
    ]


# --- every date box ---------------------------------------------------------------------------


def test_it_finds_the_date_boxes_of_every_form():
    names = {param.id for param in declared(GovUKDateField)}
    assert {"StepForm.on", "AuditSearchForm.since", "MilestoneForm.due_on"} <= names
    assert len(names) >= 15


@pytest.mark.parametrize("field", declared(GovUKDateField))
@FUZZ
@given(day=HOSTILE_TEXT, month=HOSTILE_TEXT, year=HOSTILE_TEXT)
def test_it_cleans_every_date_box_to_a_date_or_a_message(field, day, month, year):
    try:
        found = field.clean([day, month, year])
    except ValidationError as error:
        (message,) = error.messages
        assert message and "\n" not in message
        return
    assert found is None or date(1900, 1, 1) <= found <= date(2200, 12, 31)


@pytest.mark.parametrize(
    ("boxes", "message"),
    [
        (["31", "12", "9999"], "must be between 1 January 1900 and 31 December 2200"),
        ([BIG, "1", "2026"], "must be a real date"),
        (["1", "1", "9" * 5000], "Year must include 4 numbers"),
        (["¹", "1", "2026"], "must be a real date"),
        (["1", "", "2026"], "must include a month"),
    ],
)
def test_it_answers_a_hostile_audit_log_date_with_a_form_error(client, personas, boxes, message):
    client.force_login(personas.service_manager)
    query = dict(zip(("since-day", "since-month", "since-year"), boxes, strict=True))
    response = client.get(reverse("web:audit-log"), query)
    assert response.status_code == 200
    assert message in response.content.decode()


# --- whole numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize("field", declared(WholeNumberField))
@FUZZ
@given(text=HOSTILE_TEXT)
def test_it_cleans_every_whole_number_box_within_the_databases_range(field, text):
    try:
        found = field.clean(text)
    except ValidationError:
        return
    assert found is None or -(2**31) <= found <= 2**31 - 1


@pytest.mark.parametrize("name", ["case", "child"])
def test_it_answers_an_out_of_range_audit_log_number_with_a_form_error(client, personas, name):
    client.force_login(personas.service_manager)
    response = client.get(reverse("web:audit-log"), {name: BIG})
    assert response.status_code == 200
    assert "must be 2,147,483,647 or less" in response.content.decode()


def test_it_refuses_a_numerator_too_big_for_the_database(client, personas, today_is):
    today_is(date(2026, 11, 20))
    client.force_login(personas.service_manager)
    url = reverse("web:kpi-record", kwargs={"kpi_id": "parent-satisfaction"})
    response = client.post(
        url,
        {
            "period": "2026-27-q2",
            "value": "",
            "numerator": BIG,
            "denominator": BIG + "9",
            "evidence": "Survey",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The numerator must be 2,147,483,647 or less" in html
    assert "The denominator must be 2,147,483,647 or less" in html
    assert not RecordedValue.objects.exists()


# --- query strings --------------------------------------------------------------------------

PAGES = [
    ("case-list", ["officer", "stage", "status", "setting", "phase", "need", "year", "sort"]),
    ("caseload", ["officer", "setting", "year", "sort", "page"]),
    ("triage", ["officer", "rule", "window", "page"]),
    ("audit-log", ["user", "verb", "object_type", "case", "child", "page", "since-year"]),
    ("dashboard", ["week"]),
    ("returns", ["weeks"]),
    ("performance", ["quarter"]),
    ("report", ["quarter"]),
    ("benchmarks", ["years"]),
    ("sen2", ["census", "page"]),
]
QUERY_VALUES = HOSTILE_TEXT | st.sampled_from(
    ["9999-12-31", "0001-01-01", "2025-26-q9", "9999-10-q4", "a\x00b", "x" * 5000, "1.5", "NaN"]
)


@PAGES_FUZZ
@given(
    page=st.sampled_from(PAGES),
    data=st.data(),
)
def test_it_answers_any_query_string_without_a_server_error(personas, page, data):
    name, params = page
    chosen = data.draw(st.lists(st.sampled_from(params), min_size=1, max_size=3, unique=True))
    query = {param: data.draw(QUERY_VALUES) for param in chosen}
    client = plain_client(personas)
    response = client.get(reverse(f"web:{name}"), query)
    assert response.status_code in (200, 400, 404), (name, query)


@pytest.mark.parametrize("name", ["case-list", "caseload", "triage"])
def test_it_drops_an_out_of_range_officer_id_and_says_so(client, personas, name):
    client.force_login(personas.service_manager)
    response = client.get(reverse(f"web:{name}"), {"officer": BIG, "page": BIG})
    assert response.status_code == 200


# --- forms that take dates, through their pages -------------------------------------------------


def plan_pages(personas) -> dict[str, tuple[str, str, dict[str, str]]]:
    """A page with a date box: (url, the date box's name, the other fields filled in)."""
    action = sample_action(personas)
    plan = action.area.plan
    on_plan = {"plan_id": plan.pk}
    on_action = {**on_plan, "action_id": action.pk}
    return {
        "update": (reverse("web:plan-action-update", kwargs=on_action), "on", {"text": "x"}),
        "milestone": (
            reverse("web:plan-milestones", kwargs=on_action),
            "add-due_on",
            {"form": "add", "add-title": "x"},
        ),
        "risk": (
            reverse("web:plan-risks", kwargs=on_plan),
            "raised_on",
            {"description": "x", "owner": "x", "severity_before": "3", "severity_after": "2"},
        ),
        "board pack": (reverse("web:plan-board-pack", kwargs=on_plan), "meeting_on", {}),
        "audit log": (reverse("web:audit-log"), "until", {}),
    }


DATE_BOXES = st.tuples(HOSTILE_TEXT, HOSTILE_TEXT, HOSTILE_TEXT) | st.sampled_from(
    [("31", "12", "9999"), ("1", "3", "1990"), ("29", "2", "2100"), (BIG, BIG, BIG)]
)


@PAGES_FUZZ
@given(
    which=st.sampled_from(["update", "milestone", "risk", "board pack", "audit log"]),
    boxes=DATE_BOXES,
)
def test_it_answers_any_date_on_a_plan_form_without_a_server_error(personas, which, boxes):
    url, name, fields = plan_pages(personas)[which]
    client = plain_client(personas)
    dates = dict(zip((f"{name}-day", f"{name}-month", f"{name}-year"), boxes, strict=True))
    send = client.get if which == "audit log" else client.post
    response = send(url, {**fields, **dates})
    assert response.status_code in (200, 302), (which, boxes)


@pytest.mark.parametrize(
    "changes",
    [{"value": "9" * 50}, {"evidence": "a\x00b"}, {"evidence_url": "x" * 500}],
    ids=["value too long", "NUL in evidence", "link too long"],
)
def test_it_answers_a_record_form_field_that_fails_its_own_check(personas, today_is, changes):
    today_is(date(2026, 11, 20))
    client = plain_client(personas)
    url = reverse("web:kpi-record", kwargs={"kpi_id": "parent-satisfaction"})
    posted = {"period": "2026-27-q2", "value": "72.5", "evidence": "Survey", **changes}
    response = client.post(url, posted)
    assert response.status_code == 200
    assert not RecordedValue.objects.exists()
    audit_page(response)  # the form shown again, the value echoed back: still valid HTML
    assert b"\x00" not in response.content


def test_it_answers_an_out_of_range_officer_in_a_team_url_with_404(client, personas):
    client.force_login(personas.team_manager)
    assert client.get(f"/team/officers/{BIG}/").status_code == 404
    for sent in (BIG, "9" * 5000, "¹"):
        assert client.post(reverse("web:team-reassign"), {"from": sent}).status_code == 404
        assert client.post(reverse("web:team-reassign"), {"case": sent}).status_code == 404


def test_it_answers_an_out_of_range_account_id_with_404(client, personas):
    client.force_login(personas.service_manager)
    assert client.get(f"/accounts/{BIG}/").status_code == 404


def test_it_takes_ids_in_urls_only_within_the_databases_range(client, personas):
    """Every id in a URL goes through the ``id`` converter (at most 18 digits), so a longer
    one is a page that does not exist before any view or query runs."""
    from django.urls import URLPattern

    from senda.web import urls as web_urls
    from senda.web.converters import IdConverter

    routes = [str(p.pattern) for p in web_urls.urlpatterns if isinstance(p, URLPattern)]
    assert not [route for route in routes if "<int:" in route]
    assert any("<id:" in route for route in routes)
    assert IdConverter().to_python("9" * 18) == 10**18 - 1
    client.force_login(personas.case_officer)
    for url in (f"/cases/{BIG}/", f"/cases/{BIG}/record/", f"/plans/{BIG}/"):
        assert client.get(url).status_code == 404
