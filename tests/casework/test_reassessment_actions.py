"""Re-assessing a child with a plan: the request, the decision, the plan after it."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.models import AssessmentRequest
from senda.kernel import ActionError
from tests.casework.flows import deadlines, snapshot, with_plan

TODAY = date(2026, 3, 10)
ASKED = date(2026, 2, 2)


def requested(personas):
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    event = actions.record_reassessment_request(
        case=case, on=ASKED, source=AssessmentRequest.Source.SETTING, by=by, today=TODAY
    )
    return case, by, event


def test_it_records_a_request_for_a_reassessment(personas) -> None:
    case, _by, event = requested(personas)
    assert (event.type, event.on, event.source) == ("reassessment_requested", ASKED, 2)
    assert AuditEntry.objects.filter(summary__contains=f"reassessment_requested event {event.pk}")
    assert deadlines(case)["reassess-decision"] == (date(2026, 2, 17), None, "overdue")


@pytest.mark.parametrize("source", [AssessmentRequest.Source.HEALTH, 5, 0, None])
def test_it_takes_a_request_only_from_the_family_or_the_setting(personas, source) -> None:
    case = with_plan(personas.case, personas.case_officer)
    before = snapshot()
    with pytest.raises(ActionError) as refused:
        actions.record_reassessment_request(
            case=case, on=ASKED, source=source, by=personas.case_officer, today=TODAY
        )
    assert refused.value.field == "source"
    assert "who asked for the re-assessment" in refused.value.message
    assert snapshot() == before


def test_it_needs_a_current_plan_for_a_reassessment(personas) -> None:
    before = snapshot()
    with pytest.raises(ActionError, match="no current EHC plan"):
        actions.record_reassessment_request(
            case=personas.case, on=ASKED, source=1, by=personas.case_officer, today=TODAY
        )
    assert snapshot() == before


def test_it_records_the_decision_and_the_plan_after_it(personas) -> None:
    case, by, _ = requested(personas)
    decision = actions.record_reassess_decision(
        case=case, on=date(2026, 2, 16), outcome="reassess", by=by, today=TODAY
    )
    assert (decision.type, decision.outcome) == ("reassess_decision", "reassess")
    rows = deadlines(case)
    assert rows["reassess-decision"] == (date(2026, 2, 17), date(2026, 2, 16), "met")
    assert rows["reassessment-plan"] == (date(2026, 5, 25), None, "pending")
    outcome = actions.record_reassessment_outcome(
        case=case, on=date(2026, 3, 9), outcome="replace", by=by, today=TODAY
    )
    assert (outcome.type, outcome.outcome) == ("reassessment_outcome", "replace")
    assert case.plans.get().amended_on == date(2026, 3, 9)
    assert deadlines(case)["reassessment-plan"] == (date(2026, 5, 25), date(2026, 3, 9), "met")


def test_it_leaves_the_plan_unamended_when_the_reassessment_changes_nothing(personas) -> None:
    case, by, _ = requested(personas)
    actions.record_reassess_decision(
        case=case, on=date(2026, 2, 16), outcome="reassess", by=by, today=TODAY
    )
    actions.record_reassessment_outcome(
        case=case, on=date(2026, 3, 9), outcome="no-change", by=by, today=TODAY
    )
    assert case.plans.get().amended_on is None


def test_it_refuses_a_decision_or_outcome_it_does_not_know(personas) -> None:
    case, by, _ = requested(personas)
    before = snapshot()
    with pytest.raises(ActionError) as refused:
        actions.record_reassess_decision(
            case=case, on=date(2026, 2, 16), outcome="maintain", by=by, today=TODAY
        )
    assert refused.value.field == "outcome"
    with pytest.raises(ActionError) as refused:
        actions.record_reassessment_outcome(
            case=case, on=date(2026, 2, 16), outcome="cease", by=by, today=TODAY
        )
    assert refused.value.field == "outcome"
    assert snapshot() == before


def test_it_refuses_the_plan_after_a_reassessment_before_a_decision_to_reassess(
    personas,
) -> None:
    case, by, _ = requested(personas)
    actions.record_reassess_decision(
        case=case, on=date(2026, 2, 16), outcome="refuse", by=by, today=TODAY
    )
    before = snapshot()
    with pytest.raises(ActionError, match="Record a decision to re-assess first"):
        actions.record_reassessment_outcome(
            case=case, on=date(2026, 3, 2), outcome="amend", by=by, today=TODAY
        )
    assert snapshot() == before
