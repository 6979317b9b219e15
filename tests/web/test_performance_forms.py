"""A KPI's status, commentary and trajectory pages (``web:kpi-status``, ``web:kpi-commentary``,
``web:kpi-trajectory``): service managers and team managers only; GOV.UK forms that work
without JavaScript, with error summaries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.performance import status_shown, trajectories
from senda.performance.models import Commentary, StatusOverride, Trajectory
from senda.performance.periods import Period
from senda.performance.status_rule import Point
from tests.web.page_audit import audit_page, text_of

FORMS = ["kpi-status", "kpi-commentary", "kpi-trajectory"]
MANAGERS = ["team_manager", "service_manager"]
REFUSED = ["case_officer", "qa_auditor", "board_member", "senco", "parent", "other_la_officer"]
TODAY = date(2026, 11, 20)
Q3 = Period(date(2026, 10, 1), "quarter")
KPI = "annual-review-on-time"


@pytest.fixture(autouse=True)
def _today(today_is) -> None:
    today_is(TODAY)


def url(name: str, kpi: str = KPI, quarter: str | None = None) -> str:
    found = reverse(f"web:{name}", kwargs={"kpi_id": kpi})
    return f"{found}?quarter={quarter}" if quarter else found


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def date_fields(prefix: str, day: date) -> dict[str, int]:
    return {f"{prefix}-day": day.day, f"{prefix}-month": day.month, f"{prefix}-year": day.year}


def set_trajectory(personas) -> None:
    trajectories.set_trajectory(
        la=personas.la,
        kpi_id=KPI,
        baseline_value=Decimal(25),
        baseline_on=date(2024, 12, 31),
        tolerance=Decimal(5),
        points=[
            Point(date(2026, 9, 30), Decimal(40)),
            Point(date(2028, 12, 31), Decimal(95), kind="target"),
        ],
        by=personas.service_manager,
    )


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("persona", MANAGERS)
def test_it_shows_managers_the_forms(client, personas, name, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(url(name)).status_code == 200


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("persona", REFUSED)
def test_it_refuses_everyone_else(client, personas, name, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(url(name)).status_code == 403
    assert client.post(url(name), {"form": "set", "text": "x"}).status_code == 403
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("name", FORMS)
def test_it_answers_404_for_an_unknown_kpi_or_quarter(client, personas, name):
    client.force_login(personas.service_manager)
    assert client.get(url(name, kpi="no-such-kpi")).status_code == 404
    if name != "kpi-trajectory":
        assert client.get(url(name, quarter="2030-31-q1")).status_code == 404
        assert client.get(url(name, quarter="nonsense")).status_code == 404


def test_it_shows_the_derived_status_and_why(client, personas):
    set_trajectory(personas)
    client.force_login(personas.service_manager)
    text = page_text(client.get(url("kpi-status", quarter=Q3.key)))
    assert "Status for Q3 2026-27" in text
    assert "Now shown: Data not yet available" in text
    assert "There is no value for this quarter yet." in text
    assert "How Senda derives the status" in text
    assert "No baseline, or no milestone or target: working to establish" in text


def test_it_sets_a_status_with_a_reason_and_then_withdraws_it(client, personas):
    client.force_login(personas.team_manager)
    data = {"form": "set", "set-status": "close", "set-reason": "Data fault being fixed."}
    response = client.post(url("kpi-status", quarter=Q3.key), data)
    assert response.status_code == 302
    row = StatusOverride.objects.get()
    assert (row.status, row.derived_status, row.period_start) == ("close", "establishing", Q3.start)
    assert row.by == personas.team_manager
    text = page_text(client.get(url("kpi-status", quarter=Q3.key)))
    assert "Now shown: Close to trajectory" in text and "Data fault being fixed." in text
    assert "Return to the derived status" in text
    response = client.post(url("kpi-status", quarter=Q3.key), {"form": "withdraw"})
    assert response.status_code == 302
    assert StatusOverride.objects.count() == 2
    assert status_shown.shown(personas.la, KPI, Q3, None).override is None
    assert AuditEntry.objects.filter(object_type="performance.StatusOverride").count() == 2


def test_it_confirms_each_save_in_a_banner_on_the_kpi_page(client, personas):
    client.force_login(personas.service_manager)
    data = {"form": "set", "set-status": "close", "set-reason": "Data fault being fixed."}
    response = client.post(url("kpi-status", quarter=Q3.key), data, follow=True)
    banner = audit_page(response).find(
        ".//div[@class='govuk-notification-banner govuk-notification-banner--success']"
    )
    assert "status set for Q3" in text_of(banner)
    data = {"text": "Two more officers from October."}
    response = client.post(url("kpi-commentary", quarter=Q3.key), data, follow=True)
    assert "commentary saved" in page_text(response)


def test_it_shows_errors_when_the_status_or_reason_is_missing(client, personas):
    client.force_login(personas.service_manager)
    response = client.post(url("kpi-status"), {"form": "set", "set-reason": ""})
    assert response.status_code == 200
    text = page_text(response)
    assert text.startswith("Error:") or "There is a problem" in text
    assert "Choose a status" in text
    assert "Enter why the status differs from the derived one" in text
    assert not StatusOverride.objects.exists()


def test_it_writes_commentary_for_the_chosen_quarter_and_prefills_it(client, personas):
    client.force_login(personas.service_manager)
    earlier = Period(date(2026, 7, 1), "quarter")
    response = client.post(url("kpi-commentary", quarter=earlier.key), {"text": "Recovery plan."})
    assert response.status_code == 302
    row = Commentary.objects.get()
    assert (row.period_start, row.text, row.by) == (
        earlier.start,
        "Recovery plan.",
        personas.service_manager,
    )
    response = client.get(url("kpi-commentary", quarter=earlier.key))
    assert response.context["form"].initial == {"text": "Recovery plan."}
    assert "Q2 2026-27" in page_text(response)
    assert client.get(url("kpi-commentary")).context["form"].initial == {}


def test_it_shows_an_error_for_empty_commentary(client, personas):
    client.force_login(personas.service_manager)
    response = client.post(url("kpi-commentary"), {"text": "  "})
    assert "Enter the analysis and mitigations" in page_text(response)
    assert not Commentary.objects.exists()


def _trajectory_data(**changes):
    data = {
        "baseline_value": "25",
        **date_fields("baseline_on", date(2024, 12, 31)),
        "baseline_note": "calendar 2024",
        "tolerance": "5",
        **date_fields("point_1_on", date(2026, 9, 30)),
        "point_1_low": "40",
        "point_1_kind": "milestone",
        **date_fields("point_2_on", date(2027, 12, 31)),
        "point_2_low": "70",
        "point_2_high": "75",
        "point_2_kind": "target",
    }
    return data | changes


def test_it_sets_a_trajectory_from_the_form_and_shows_it_again(client, personas):
    client.force_login(personas.service_manager)
    response = client.post(url("kpi-trajectory"), _trajectory_data())
    assert response.status_code == 302
    row = Trajectory.objects.get(la=personas.la, kpi=KPI)
    assert row.baseline_value == 25 and row.baseline_note == "calendar 2024"
    assert [(p.low, p.high, p.kind) for p in row.points.all()] == [
        (40, None, "milestone"),
        (70, 75, "target"),
    ]
    form = client.get(url("kpi-trajectory")).context["form"]
    assert form.initial["point_2_high"] == 75 and form.initial["baseline_on"] == date(2024, 12, 31)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"baseline_value": "lots"}, "Enter the baseline value as a number, like 42.5"),
        ({"baseline_value": "120"}, "The baseline must be a percentage from 0 to 100."),
        ({"point_1_low": ""}, "Enter the value of point 1"),
        ({"point_2_high": "60"}, "The top of milestone or target 2 is below its bottom."),
        (
            {
                "point_1_on-day": "",
                "point_1_on-month": "",
                "point_1_on-year": "",
                "point_1_low": "",
            },
            "Fill in point 1 before point 2",
        ),
        (
            {**date_fields("point_1_on", date(2024, 1, 1))},
            "Milestone or target 1 must be after the baseline date.",
        ),
        ({"point_1_on-month": "13"}, "Date of point 1 must be a real date"),
    ],
)
def test_it_shows_trajectory_errors_on_their_fields(client, personas, changes, message):
    client.force_login(personas.service_manager)
    response = client.post(url("kpi-trajectory"), _trajectory_data(**changes))
    assert response.status_code == 200
    assert message in page_text(response)
    assert not Trajectory.objects.exists()
