from __future__ import annotations

from datetime import date

from senda.casework import actions
from senda.casework.models import Case, Plan
from tests.casework.flows import deadlines, with_plan

TODAY = date(2026, 3, 10)


def test_it_records_a_planned_phase_transfer_in_the_future(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    event = actions.record_phase_transfer(
        case=case, on=date(2027, 9, 1), kind="school", by=by, today=TODAY
    )
    assert (event.on, event.kind) == (date(2027, 9, 1), "school")
    assert deadlines(case)["phase-transfer"] == (date(2027, 2, 15), None, "pending")


def test_it_records_the_phase_transfer_plan(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_phase_transfer(case=case, on=date(2026, 9, 1), kind="post16", by=by, today=TODAY)
    actions.record_phase_transfer_plan(case=case, on=date(2026, 3, 2), by=by, today=TODAY)
    assert case.plans.get().amended_on == date(2026, 3, 2)
    assert deadlines(case)["phase-transfer"] == (date(2026, 3, 31), date(2026, 3, 2), "met")


def test_it_records_a_plan_transferred_in(personas) -> None:
    case, by = personas.case, personas.case_officer
    actions.record_transferred_in(
        case=case, on=date(2026, 1, 12), last_review=date(2025, 11, 20), by=by, today=TODAY
    )
    plan = case.plans.get()
    assert (plan.issued_on, plan.transferred_in_on) == (None, date(2026, 1, 12))
    assert deadlines(case)["transfer-in-review"] == (date(2026, 11, 20), None, "pending")
    assert case.events.get().last_review == date(2025, 11, 20)


def test_it_records_a_plan_transferred_out_and_closes_the_case(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    event = actions.record_transferred_out(case=case, on=date(2026, 2, 2), by=by, today=TODAY)
    assert event.type == "transferred_out"
    plan = case.plans.get()
    assert (plan.ceased_on, plan.cease_reason) == (date(2026, 2, 2), Plan.CeaseReason.TRANSFERRED)
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert "annual-review" not in deadlines(case)


def test_it_ceases_a_plan(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_plan_ceased(case=case, on=date(2026, 2, 2), reason=2, by=by, today=TODAY)
    plan = case.plans.get()
    assert (plan.ceased_on, plan.cease_reason) == (date(2026, 2, 2), 2)
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN
