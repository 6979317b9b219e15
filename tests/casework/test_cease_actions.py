"""Ceasing a plan by decision (reg 29–31): proposal, decision, appeal, and the plan's end
the day after the time to appeal (CFA 2014 s45)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.actions.corrections import correct_event, withdraw_event
from senda.casework.models import Case, Plan
from senda.casework.summary import resummarise
from senda.kernel import ActionError
from tests.casework.flows import deadlines, snapshot, with_plan

TODAY = date(2026, 1, 20)
PROPOSED = date(2026, 1, 5)
DECIDED = date(2026, 1, 19)
#: The day after the 2 months to appeal the decision of 19 January 2026.
ENDS = date(2026, 3, 20)


def proposed(personas):
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_cease_proposed(case=case, on=PROPOSED, by=by, today=TODAY)
    return case, by


def decided(personas):
    case, by = proposed(personas)
    event = actions.record_cease_decision(
        case=case, on=DECIDED, outcome="cease", reason=2, by=by, today=TODAY
    )
    return case, by, event


def test_it_records_a_proposal_to_cease(personas) -> None:
    case, _by = proposed(personas)
    event = case.events.get(type="cease_proposed")
    assert event.on == PROPOSED
    assert AuditEntry.objects.filter(summary__contains=f"cease_proposed event {event.pk}")
    assert case.plans.get().ceased_on is None


def test_it_needs_a_current_plan_to_propose_ceasing(personas) -> None:
    before = snapshot()
    with pytest.raises(ActionError, match="no current EHC plan"):
        actions.record_cease_proposed(
            case=personas.case, on=PROPOSED, by=personas.case_officer, today=TODAY
        )
    assert snapshot() == before


def test_a_decision_to_cease_ends_the_plan_after_the_time_to_appeal(personas, today_is) -> None:
    case, _by, event = decided(personas)
    assert (event.type, event.outcome, event.cease_reason) == ("cease_decision", "cease", 2)
    assert event.as_clock_event().reason == 2
    assert AuditEntry.objects.filter(summary__contains=f"cease_decision event {event.pk}")
    plan = case.plans.get()
    assert (plan.ceased_on, plan.cease_reason) == (ENDS, Plan.CeaseReason.NEEDS_MET)
    assert case.has_live_plan(TODAY) and plan.live_on(TODAY)
    assert case.has_live_plan(date(2026, 3, 19))
    assert not case.has_live_plan(ENDS) and not plan.live_on(ENDS)
    case.refresh_from_db()
    assert case.stage == "plan"  # still current while the family may appeal
    assert deadlines(case)["annual-review"][2] == "pending"
    today_is(date(2026, 3, 21))
    assert not case.has_live_plan() and not plan.is_live
    assert not Plan.objects.filter(case=case).live().exists()
    resummarise(case)
    assert Case.objects.get(pk=case.pk).stage == "ceased"
    with pytest.raises(ActionError, match="no current EHC plan"):
        actions.record_review_meeting(case=case, on=date(2026, 3, 21), by=personas.case_officer)


def test_a_decision_to_keep_the_plan_leaves_it_current(personas) -> None:
    case, by = proposed(personas)
    event = actions.record_cease_decision(
        case=case, on=DECIDED, outcome="maintain", by=by, today=TODAY
    )
    assert (event.outcome, event.cease_reason) == ("maintain", None)
    assert (case.plans.get().ceased_on, case.plans.get().cease_reason) == (None, None)


@pytest.mark.parametrize(
    ("outcome", "reason", "field", "message"),
    [
        ("stop", 2, "outcome", "Choose the decision"),
        ("cease", None, "reason", "Select why the plan is to cease"),
        ("cease", 5, "reason", "recorded as a transfer out"),
        ("cease", 6, "reason", "Under 18 a plan is ceased only when it is no longer needed"),
        ("cease", 1, "reason", "Under 18"),
        ("cease", 10, "reason", "SEN2's codes 1–9"),
        ("maintain", 2, "reason", "no reason to cease"),
    ],
)
def test_it_refuses_a_decision_the_law_does_not_allow(
    personas, outcome, reason, field, message
) -> None:
    case, by = proposed(personas)
    before = snapshot()
    with pytest.raises(ActionError) as refused:
        actions.record_cease_decision(
            case=case, on=DECIDED, outcome=outcome, reason=reason, by=by, today=TODAY
        )
    assert refused.value.field == field
    assert message in refused.value.message
    assert snapshot() == before


def test_it_refuses_a_decision_with_no_proposal_before_it(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    before = snapshot()
    with pytest.raises(ActionError, match="Record the proposal to cease the plan first"):
        actions.record_cease_decision(
            case=case, on=DECIDED, outcome="cease", reason=2, by=by, today=TODAY
        )
    assert snapshot() == before


def test_an_appeal_keeps_the_plan_and_its_decision_ends_it_the_next_day(personas) -> None:
    case, by, _ = decided(personas)
    actions.record_cease_appealed(case=case, on=date(2026, 2, 10), by=by, today=date(2026, 4, 1))
    plan = case.plans.get()
    assert (plan.ceased_on, plan.cease_reason) == (None, 2)
    assert case.has_live_plan(date(2026, 4, 1))
    event = actions.record_cease_appeal_decided(
        case=case, on=date(2026, 5, 4), outcome="cease", by=by, today=date(2026, 5, 4)
    )
    assert (event.type, event.outcome) == ("cease_appeal_decided", "cease")
    plan.refresh_from_db()
    assert (plan.ceased_on, plan.cease_reason) == (date(2026, 5, 5), 2)
    assert not case.has_live_plan(date(2026, 5, 5))


def test_an_appeal_upheld_for_the_family_keeps_the_plan(personas) -> None:
    case, by, _ = decided(personas)
    actions.record_cease_appealed(case=case, on=date(2026, 2, 10), by=by, today=date(2026, 2, 10))
    actions.record_cease_appeal_decided(
        case=case, on=date(2026, 5, 4), outcome="maintain", by=by, today=date(2026, 5, 4)
    )
    plan = case.plans.get()
    assert (plan.ceased_on, plan.cease_reason) == (None, None)
    assert case.has_live_plan(date(2027, 1, 1))


def test_it_refuses_an_appeal_after_the_time_to_appeal(personas) -> None:
    case, by, _ = decided(personas)
    before = snapshot()
    with pytest.raises(ActionError) as refused:
        actions.record_cease_appealed(case=case, on=ENDS, by=by, today=date(2026, 4, 1))
    assert refused.value.field == "on"
    assert "The time to appeal ended on 19 March 2026" in refused.value.message
    with pytest.raises(ActionError) as refused:
        actions.record_cease_appeal_decided(
            case=case, on=date(2026, 2, 1), outcome="cease", by=by, today=date(2026, 4, 1)
        )
    assert "Record the appeal against ceasing the plan first" in refused.value.message
    with pytest.raises(ActionError) as refused:
        actions.record_cease_appeal_decided(
            case=case, on=date(2026, 2, 1), outcome="later", by=by, today=date(2026, 4, 1)
        )
    assert refused.value.field == "outcome"
    assert snapshot() == before


def test_it_allows_ceasing_for_leaving_education_after_a_review_at_18(personas) -> None:
    by = personas.case_officer
    case = personas.case
    case.child.date_of_birth = date(2007, 6, 1)
    case.child.save(update_fields=["date_of_birth"])
    with_plan(case, by)
    actions.record_review_meeting(case=case, on=date(2025, 11, 3), by=by, today=TODAY)
    actions.record_review_decision(
        case=case, on=date(2025, 11, 10), outcome="cease", by=by, today=TODAY
    )
    actions.record_cease_proposed(case=case, on=PROPOSED, by=by, today=TODAY)
    actions.record_cease_decision(
        case=case, on=DECIDED, outcome="cease", reason=6, by=by, today=TODAY
    )
    assert case.plans.get().cease_reason == Plan.CeaseReason.NOT_ENGAGING


def test_correcting_or_withdrawing_the_steps_re_derives_the_plan(personas) -> None:
    case, by, event = decided(personas)
    new = correct_event(
        event=event, on=DECIDED, cease_reason=9, reason="Wrong code", by=by, today=TODAY
    )
    assert (new.type, new.outcome, new.cease_reason) == ("cease_decision", "cease", 9)
    assert (case.plans.get().ceased_on, case.plans.get().cease_reason) == (ENDS, 9)
    with pytest.raises(ActionError) as refused:
        correct_event(event=new, on=DECIDED, cease_reason=5, reason="Moved", by=by, today=TODAY)
    assert refused.value.field == "cease_reason"
    kept = correct_event(
        event=new, on=DECIDED, outcome="maintain", reason="Kept", by=by, today=TODAY
    )
    assert (kept.outcome, kept.cease_reason) == ("maintain", None)
    assert (case.plans.get().ceased_on, case.plans.get().cease_reason) == (None, None)
    again = correct_event(
        event=kept, on=DECIDED, outcome="cease", cease_reason=2, reason="Ceased", by=by, today=TODAY
    )
    appeal = actions.record_cease_appealed(case=case, on=date(2026, 1, 20), by=by, today=TODAY)
    assert case.plans.get().ceased_on is None
    withdraw_event(event=appeal, reason="No appeal", by=by, today=TODAY)
    assert case.plans.get().ceased_on == ENDS
    withdraw_event(event=again, reason="No decision", by=by, today=TODAY)
    assert (case.plans.get().ceased_on, case.plans.get().cease_reason) == (None, None)
