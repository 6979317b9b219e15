"""A plan's outcomes as data (superseded, never deleted) and the advice incorporated in
each issue of the plan (once per issue date)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.actions.outcomes import current_plan, plan_issues
from senda.casework.models import IncorporatedAdvice, PlanOutcome
from senda.kernel import ActionError
from tests.casework.flows import with_plan

TODAY = date(2026, 3, 20)


@pytest.fixture
def plan(personas):
    return with_plan(personas.case, personas.case_officer).plans.get()


def test_it_sets_outcomes_numbered_from_one(personas, plan) -> None:
    written = actions.set_plan_outcomes(
        plan=plan,
        outcomes=[("communication", " Asks for help in class "), ("", "Walks to school")],
        by=personas.case_officer,
        today=TODAY,
    )
    assert [(o.number, o.area, o.text) for o in written] == [
        (1, "communication", "Asks for help in class"),
        (2, "", "Walks to school"),
    ]
    assert AuditEntry.objects.filter(summary__contains=f"plan {plan.pk} outcomes set").exists()


def test_new_outcomes_supersede_and_keep_the_old(personas, plan) -> None:
    by = personas.case_officer
    actions.set_plan_outcomes(plan=plan, outcomes=[("", "A"), ("", "B")], by=by, today=TODAY)
    later = date(2026, 4, 1)
    actions.set_plan_outcomes(plan=plan, outcomes=[("learning", "C")], by=by, today=later)
    current = PlanOutcome.objects.filter(plan=plan, superseded_on__isnull=True)
    assert [(o.number, o.text, o.recorded_on) for o in current] == [(1, "C", later)]
    old = PlanOutcome.objects.filter(plan=plan, superseded_on=later).order_by("number")
    assert [o.text for o in old] == ["A", "B"]


@pytest.mark.parametrize(
    "outcomes",
    [
        [],
        [("", "x")] * 31,
        [("", "x" * 2001)],
        [("", "   ")],
        [("flying", "Flies")],
    ],
)
def test_it_refuses_bad_outcomes(personas, plan, outcomes) -> None:
    with pytest.raises(ActionError) as error:
        actions.set_plan_outcomes(
            plan=plan, outcomes=outcomes, by=personas.case_officer, today=TODAY
        )
    assert error.value.field == "outcomes"
    assert not PlanOutcome.objects.exists()


def test_only_council_casework_staff_set_outcomes(personas, plan) -> None:
    for user in (
        personas.qa_auditor,
        personas.senco,
        personas.parent,
        personas.advice_giver,
        personas.other_la_officer,
    ):
        with pytest.raises(ActionError):
            actions.set_plan_outcomes(plan=plan, outcomes=[("", "A")], by=user, today=TODAY)
    assert not PlanOutcome.objects.exists()


def test_it_records_advice_incorporated_once_per_issue(personas, plan) -> None:
    by = personas.case_officer
    record = actions.record_incorporated_advice(
        plan=plan, issued_on=plan.issued_on, amended=False, health=True, social_care=False, by=by
    )
    assert (record.health, record.social_care, record.amended) == (True, False, False)
    with pytest.raises(ActionError) as error:
        actions.record_incorporated_advice(
            plan=plan, issued_on=plan.issued_on, amended=False, health=True, social_care=True, by=by
        )
    assert error.value.field == "issued_on"
    assert IncorporatedAdvice.objects.count() == 1
    with pytest.raises(ActionError):
        actions.record_incorporated_advice(
            plan=plan,
            issued_on=date(2026, 1, 1),
            amended=True,
            health=True,
            social_care=True,
            by=personas.senco,
        )


def test_it_lists_the_plans_issues(personas, plan) -> None:
    by = personas.case_officer
    case = personas.case
    assert current_plan(case, TODAY) == plan
    assert plan_issues(plan) == [(date(2025, 3, 3), False)]
    actions.record_review_meeting(case=case, on=date(2026, 3, 4), by=by, today=TODAY)
    actions.record_review_decision(
        case=case, on=date(2026, 3, 10), outcome="amend", by=by, today=TODAY
    )
    actions.record_amendment_notice(case=case, on=date(2026, 3, 12), by=by, today=TODAY)
    actions.record_amended_plan(
        case=case, on=date(2026, 3, 19), by=by, today=TODAY, family_finished=True
    )
    plan.refresh_from_db()
    assert plan_issues(plan) == [(date(2025, 3, 3), False), (date(2026, 3, 19), True)]
