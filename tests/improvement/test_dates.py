"""A plan's dates must be plausible: its period, 5 years either side (improvement.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.improvement.actions import (
    add_milestone,
    add_update,
    complete_milestone,
    rate_action,
    record_feedback,
    record_risk,
    record_sign_off,
)
from senda.improvement.boardpack import add_board_pack
from senda.improvement.dates import check_plausible, window
from senda.improvement.importer import ImportFailed, import_plan
from senda.improvement.models import ImprovementPlan, Milestone
from senda.kernel import ActionError
from tests.factories import make_action, make_area, make_partner, make_plan
from tests.improvement.test_import import csv_bytes

TODAY = date(2026, 6, 15)
LONG_AGO = date(1990, 3, 1)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


@pytest.fixture
def plan(personas):
    return make_plan(personas.la, inspected_on=date(2024, 11, 4))


@pytest.fixture
def action(plan):
    return make_action(make_area(plan))


def test_it_spans_the_plans_own_dates_and_five_whole_years_either_side(plan):
    plan.published_on = date(2025, 2, 1)
    first, last = window(plan, TODAY)
    assert first == date(2019, 1, 1)
    assert last.month == 12 and last.day == 31 and last.year >= 2030


def test_it_uses_today_for_a_plan_not_yet_made():
    assert window(None, TODAY) == (date(2021, 1, 1), date(2031, 12, 31))
    check_plausible(date(2021, 1, 1), plan=None, field="on", today=TODAY)
    with pytest.raises(ActionError) as caught:
        check_plausible(date(2020, 12, 31), plan=None, field="on", today=TODAY)
    assert caught.value.field == "on"
    assert caught.value.message.startswith("The date must be between 1 January 2021 and")


def test_it_refuses_a_milestone_due_in_1990(personas, action):
    with pytest.raises(ActionError) as caught:
        add_milestone(action=action, title="Launch", due_on=LONG_AGO, by=personas.team_manager)
    assert caught.value.field == "due_on"
    assert not Milestone.objects.exists()


def test_it_refuses_a_milestone_due_in_2099(personas, action):
    with pytest.raises(ActionError) as caught:
        add_milestone(
            action=action, title="Launch", due_on=date(2099, 1, 1), by=personas.team_manager
        )
    assert caught.value.field == "due_on"


def test_it_accepts_a_milestone_within_the_window(personas, action):
    add_milestone(action=action, title="Launch", due_on=date(2019, 1, 1), by=personas.team_manager)
    assert Milestone.objects.count() == 1


@pytest.mark.parametrize(
    "write",
    [
        lambda p, a, by: add_update(action=a, text="x", on=LONG_AGO, by=by),
        lambda p, a, by: rate_action(action=a, value="green", rationale="x", on=LONG_AGO, by=by),
        lambda p, a, by: complete_milestone(
            milestone=Milestone.objects.create(action=a, title="m", due_on=TODAY),
            done_on=LONG_AGO,
            by=by,
        ),
        lambda p, a, by: record_risk(
            plan=p,
            description="x",
            raised_on=LONG_AGO,
            owner="x",
            severity_before=3,
            severity_after=2,
            by=by,
        ),
        lambda p, a, by: record_feedback(
            plan=p, source="x", received_on=LONG_AGO, theme="x", you_said="x", by=by
        ),
        lambda p, a, by: record_sign_off(
            plan=p, partner=make_partner(p), signed_by="x", signed_on=LONG_AGO, by=by
        ),
        lambda p, a, by: add_board_pack(plan=p, meeting_on=LONG_AGO, by=by),
    ],
    ids=["update", "rating", "milestone done", "risk", "feedback", "sign-off", "board pack"],
)
def test_it_refuses_a_date_from_1990_in_every_write(personas, plan, action, write):
    with pytest.raises(ActionError) as caught:
        write(plan, action, personas.team_manager)
    assert "must be between" in caught.value.message


def test_it_shows_the_refusal_under_the_date_box(client, personas, action):
    client.force_login(personas.team_manager)
    url = f"/plans/{action.area.plan_id}/actions/{action.pk}/milestones/"
    fields = {"title": "Launch", "due_on-day": "1", "due_on-month": "3", "due_on-year": "1990"}
    response = client.post(url, {"form": "add", **{f"add-{k}": v for k, v in fields.items()}})
    assert response.status_code == 200
    assert "Due date must be between 1 January 2019 and" in response.content.decode()
    assert not Milestone.objects.exists()


def test_it_refuses_an_import_with_an_update_from_1990(personas):
    rows = [
        ["Area", "What", "Timescale", "Who", "Updates / Comments"],
        ["1 Early help", "Train staff", "Dec 26", "Head of SEND", ""],
        ["1 Early help", "Do the thing", "Dec 26", "Head of SEND", "01/03/1990 - booked"],
    ]
    with pytest.raises(ImportFailed) as caught:
        import_plan(
            csv_bytes(rows),
            filename="plan.csv",
            la=personas.la,
            by=personas.service_manager,
            today=TODAY,
        )
    (problem,) = caught.value.problems
    assert problem.row == 3
    assert "The update is dated 1 March 1990: dates must be between 1 January 2021" in str(problem)
    assert str(problem).startswith("Row 3: ")
    assert not ImprovementPlan.objects.exists()
