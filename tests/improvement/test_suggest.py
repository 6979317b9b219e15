"""The suggested rating: each rule, their precedence, both scales, and reading an action."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from senda.improvement.models import BRAG, PROGRESS, ActionUpdate, Milestone
from senda.improvement.suggest import suggest, suggest_for
from tests.factories import make_action, make_area, make_la, make_plan

TODAY = date(2026, 6, 15)


@dataclass
class M:
    title: str
    due_on: date | None
    done_on: date | None = None


def facts(**overrides):
    base = {
        "scale": BRAG,
        "today": TODAY,
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
        "completed_on": None,
        "milestones": [],
        "kpi_status": {},
        "has_updates": True,
    }
    return suggest(**{**base, **overrides})


def test_it_suggests_green_when_nothing_is_wrong():
    found = facts()
    assert (found.value, found.rank) == ("green", 1)
    assert found.reasons == [
        "No deadline or milestone has passed and no linked KPI is off trajectory"
    ]


def test_it_suggests_blue_for_a_completed_action_whatever_else_is_true():
    found = facts(
        completed_on=date(2026, 5, 1),
        ends_on=date(2026, 3, 31),
        milestones=[M("Month 3 review", date(2026, 4, 1))],
        kpi_status={"final-plan-20w": "off"},
    )
    assert found.value == "blue"
    assert found.reasons == ["Completed on 1 May 2026"]


def test_it_suggests_red_when_the_deadline_has_passed():
    found = facts(ends_on=date(2026, 3, 31))
    assert (found.value, found.rank) == ("red", 3)
    assert found.reasons == ["Deadline 31 March 2026 has passed and the action is not complete"]


def test_it_does_not_count_a_deadline_of_today_as_passed():
    assert facts(ends_on=TODAY).value == "green"


def test_it_suggests_amber_for_a_missed_milestone():
    found = facts(milestones=[M("Month 6 review", date(2026, 6, 1)), M("Later", date(2026, 9, 1))])
    assert found.value == "amber"
    assert found.reasons == ["Milestone 'Month 6 review' was due 1 June 2026 and is not done"]


def test_it_ignores_milestones_that_are_done_or_undated():
    found = facts(milestones=[M("Done", date(2026, 2, 1), date(2026, 2, 3)), M("Undated", None)])
    assert found.value == "green"


def test_it_suggests_amber_for_a_linked_kpi_off_trajectory():
    found = facts(kpi_status={"final-plan-20w": "off", "other": "on"})
    assert found.value == "amber"
    assert found.reasons == ["Linked KPI 'New EHC plans issued within 20 weeks' is off trajectory"]


def test_it_suggests_pink_when_not_started_before_the_start_date():
    found = facts(starts_on=date(2026, 9, 1), has_updates=False)
    assert (found.value, found.rank) == ("pink", 4)
    assert found.reasons == ["Not started, and due to start 1 September 2026"]


def test_it_does_not_suggest_pink_once_work_has_begun():
    assert facts(starts_on=date(2026, 9, 1), has_updates=True).value == "green"
    done = [M("Early", date(2026, 9, 1), date(2026, 6, 1))]
    assert facts(starts_on=date(2026, 9, 1), has_updates=False, milestones=done).value == "green"


def test_it_puts_a_passed_deadline_above_missed_milestones_and_kpis_and_gives_every_reason():
    found = facts(
        ends_on=date(2026, 3, 31),
        milestones=[M("Month 3 review", date(2026, 3, 1))],
        kpi_status={"final-plan-20w": "off"},
    )
    assert found.value == "red"
    assert found.reasons == [
        "Deadline 31 March 2026 has passed and the action is not complete",
        "Milestone 'Month 3 review' was due 1 March 2026 and is not done",
        "Linked KPI 'New EHC plans issued within 20 weeks' is off trajectory",
    ]
    assert found.reason.startswith("Deadline 31 March 2026 has passed") and found.reason.endswith(
        "off trajectory."
    )


def test_it_puts_a_missed_milestone_above_not_yet_started():
    found = facts(
        starts_on=date(2026, 9, 1),
        has_updates=False,
        milestones=[M("Set-up", date(2026, 6, 1))],
    )
    assert found.value == "amber"


@pytest.mark.parametrize(
    "overrides,expected",
    [
        ({}, "on-track"),
        ({"completed_on": date(2026, 5, 1)}, "complete"),
        ({"milestones": [M("Month 6 review", date(2026, 6, 1))]}, "obstacles"),
        ({"kpi_status": {"k": "off"}}, "obstacles"),
        ({"starts_on": date(2026, 9, 1), "has_updates": False}, "not-commenced"),
        # No "significantly delayed" on this scale: the worst delay it has, not "not started".
        ({"ends_on": date(2026, 3, 31)}, "obstacles"),
    ],
)
def test_it_suggests_on_the_progress_scale(overrides, expected):
    assert facts(scale=PROGRESS, **overrides).value == expected


@pytest.mark.django_db
def test_it_reads_an_action_and_only_its_own_kpis():
    plan = make_plan(make_la(), scale="progress")
    action = make_action(make_area(plan), ends_on=date(2026, 12, 31), kpi_ids=["mine"])
    Milestone.objects.create(action=action, title="Month 6 review", due_on=date(2026, 6, 1))
    found = suggest_for(action, TODAY, {"mine": "on", "not-mine": "off"})
    assert found.value == "obstacles"
    assert found.reasons == ["Milestone 'Month 6 review' was due 1 June 2026 and is not done"]
    assert suggest_for(action, TODAY, {"mine": "off"}).reasons[-1] == (
        "Linked KPI 'mine' is off trajectory"
    )


@pytest.mark.django_db
def test_it_reads_many_actions_without_a_query_each(django_assert_num_queries):
    from senda.improvement.models import Action

    plan = make_plan(make_la())
    area = make_area(plan)
    for n in range(5):
        action = make_action(area, starts_on=date(2026, 9, 1))
        Milestone.objects.create(action=action, title=f"M{n}", due_on=date(2026, 7, 1))
        if n % 2:
            ActionUpdate.objects.create(action=action, on=TODAY, text="Begun")
    with django_assert_num_queries(3):
        actions = list(
            Action.objects.select_related("area__plan").prefetch_related("milestones", "updates")
        )
        values = [suggest_for(action, TODAY).value for action in actions]
    assert values == ["pink", "green", "pink", "green", "pink"]
