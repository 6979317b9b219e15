from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.actions.corrections import correct_event, withdraw_event
from senda.casework.models import Case, Plan
from senda.kernel import ActionError
from tests.casework.flows import deadlines, snapshot, with_plan

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


def test_it_records_the_la_a_plan_transferred_in_from(personas) -> None:
    case, by = personas.case, personas.case_officer
    event = actions.record_transferred_in(
        case=case, on=date(2026, 1, 12), from_la=" 931 ", by=by, today=TODAY
    )
    assert case.plans.get().transferred_from_la == "931"
    assert AuditEntry.objects.filter(summary__contains=f"transferred_in event {event.pk}")


def test_it_allows_the_la_to_be_left_blank(personas) -> None:
    case, by = personas.case, personas.case_officer
    actions.record_transferred_in(case=case, on=date(2026, 1, 12), by=by, today=TODAY)
    assert case.plans.get().transferred_from_la == ""


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("93", "as 3 digits"),
        ("9311", "as 3 digits"),
        ("AB1", "as 3 digits"),
        ("000", "000 is not a DfE local authority number"),
        ("999", "999 is not a DfE local authority number"),
    ],
)
def test_it_refuses_an_la_that_is_not_a_dfe_number(personas, code, message) -> None:
    case, by = personas.case, personas.case_officer
    with pytest.raises(ActionError, match=message) as refused:
        actions.record_transferred_in(
            case=case, on=date(2026, 1, 12), from_la=code, by=by, today=TODAY
        )
    assert refused.value.field == "from_la"
    assert not case.plans.exists() and not case.events.exists()


def test_a_corrected_transfer_date_keeps_the_la(personas) -> None:
    case, by = personas.case, personas.case_officer
    event = actions.record_transferred_in(
        case=case, on=date(2026, 1, 12), from_la="931", by=by, today=TODAY
    )
    correct_event(event=event, on=date(2026, 1, 14), reason="Typed wrong", by=by, today=TODAY)
    plan = case.plans.get()
    assert (plan.transferred_in_on, plan.transferred_from_la) == (date(2026, 1, 14), "931")


def test_a_correction_may_change_the_la_and_checks_it(personas) -> None:
    case, by = personas.case, personas.case_officer
    event = actions.record_transferred_in(
        case=case, on=date(2026, 1, 12), from_la="931", by=by, today=TODAY
    )
    with pytest.raises(ActionError, match="999 is not a DfE") as refused:
        correct_event(event=event, on=event.on, reason="LA", by=by, today=TODAY, from_la="999")
    assert refused.value.field == "from_la"
    new = correct_event(event=event, on=event.on, reason="LA", by=by, today=TODAY, from_la="873")
    assert (new.from_la, case.plans.get().transferred_from_la) == ("873", "873")


def test_a_step_recorded_before_it_held_the_la_keeps_the_plans(personas) -> None:
    """Events written before migration 0014 hold no LA: the plan's is kept."""
    case, by = personas.case, personas.case_officer
    event = actions.record_transferred_in(case=case, on=date(2026, 1, 12), by=by, today=TODAY)
    case.plans.update(transferred_from_la="931")  # as an import or an admin might have
    new = correct_event(event=event, on=date(2026, 1, 13), reason="Date", by=by, today=TODAY)
    assert (new.from_la, case.plans.get().transferred_from_la) == ("931", "931")


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


def test_it_records_the_letter_to_the_family_after_a_transfer_in(personas) -> None:
    case, by = personas.case, personas.case_officer
    actions.record_transferred_in(case=case, on=date(2026, 1, 12), by=by, today=TODAY)
    assert deadlines(case)["transfer-in-notice"] == (date(2026, 2, 23), None, "overdue")
    event = actions.record_transfer_in_letter(case=case, on=date(2026, 2, 20), by=by, today=TODAY)
    assert (event.type, event.on) == ("transfer_in_notified", date(2026, 2, 20))
    assert AuditEntry.objects.filter(summary__contains=f"transfer_in_notified event {event.pk}")
    assert deadlines(case)["transfer-in-notice"] == (
        date(2026, 2, 23),
        date(2026, 2, 20),
        "met",
    )
    with pytest.raises(ActionError, match="already recorded"):
        actions.record_transfer_in_letter(case=case, on=date(2026, 2, 21), by=by, today=TODAY)


def test_it_needs_a_transfer_in_before_the_letter(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    before = snapshot()
    with pytest.raises(ActionError, match="Record the transfer in first"):
        actions.record_transfer_in_letter(case=case, on=date(2026, 2, 20), by=by, today=TODAY)
    assert snapshot() == before


def test_it_records_a_move_out_ahead_and_the_transfer_out_meets_it(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    event = actions.record_move_out(
        case=case, on=date(2026, 3, 2), move_date=date(2026, 6, 1), by=by, today=TODAY
    )
    assert (event.type, event.move_date) == ("move_out_known", date(2026, 6, 1))
    assert event.as_clock_event().move_date == date(2026, 6, 1)
    assert deadlines(case)["transfer-out"] == (date(2026, 6, 1), None, "pending")
    actions.record_transferred_out(case=case, on=date(2026, 3, 9), by=by, today=TODAY)
    assert deadlines(case)["transfer-out"] == (date(2026, 6, 1), date(2026, 3, 9), "met")
    case.refresh_from_db()
    assert (case.status, case.stage) == (Case.Status.CLOSED, "ceased")


@pytest.mark.parametrize(
    ("on", "move_date", "field"),
    [
        (date(2026, 3, 11), date(2026, 6, 1), "on"),  # learnt of it tomorrow
        (date(2026, 3, 2), date(1899, 12, 31), "move_date"),
        (date(2026, 3, 2), date(2201, 1, 1), "move_date"),
    ],
)
def test_it_refuses_a_move_out_with_impossible_dates(personas, on, move_date, field) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    before = snapshot()
    with pytest.raises(ActionError) as refused:
        actions.record_move_out(case=case, on=on, move_date=move_date, by=by, today=TODAY)
    assert refused.value.field == field
    assert snapshot() == before


def test_it_needs_a_current_plan_to_move_out_or_transfer_out(personas) -> None:
    case, by = personas.case, personas.case_officer
    before = snapshot()
    with pytest.raises(ActionError, match="no current EHC plan"):
        actions.record_move_out(
            case=case, on=date(2026, 3, 2), move_date=date(2026, 6, 1), by=by, today=TODAY
        )
    with pytest.raises(ActionError, match="no current EHC plan"):
        actions.record_transferred_out(case=case, on=date(2026, 3, 2), by=by, today=TODAY)
    assert snapshot() == before


def test_a_corrected_move_date_moves_the_transfer_out_deadline(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    event = actions.record_move_out(
        case=case, on=date(2026, 3, 2), move_date=date(2026, 6, 1), by=by, today=TODAY
    )
    new = correct_event(
        event=event, on=event.on, move_date=date(2026, 7, 1), reason="Later", by=by, today=TODAY
    )
    assert (new.type, new.move_date) == ("move_out_known", date(2026, 7, 1))
    assert deadlines(case)["transfer-out"] == (date(2026, 7, 1), None, "pending")
    with pytest.raises(ActionError) as refused:
        correct_event(
            event=new, on=new.on, move_date=date(2300, 1, 1), reason="Typo", by=by, today=TODAY
        )
    assert refused.value.field == "move_date"
    withdraw_event(event=new, reason="Not moving", by=by, today=TODAY)
    assert "transfer-out" not in deadlines(case)


def test_a_withdrawn_transfer_out_gives_the_plan_back(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    out = actions.record_transferred_out(case=case, on=date(2026, 3, 9), by=by, today=TODAY)
    withdraw_event(event=out, reason="Did not move", by=by, today=TODAY)
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
    assert (case.plans.get().ceased_on, case.plans.get().cease_reason) == (None, None)
