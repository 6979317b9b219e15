"""Phase transfers (reg 18) and plans moving between local authorities (reg 15)."""

from __future__ import annotations

from datetime import date
from typing import Final

from django.contrib.auth.models import User
from django.db import transaction

from senda.casework.actions.base import begin, live_plan_on, write_event
from senda.casework.models import Case, CaseEvent, Plan
from senda.clock.model import PHASE_TRANSFER_KINDS
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_not_future
from senda.people.identifiers import la_code_problem


@transaction.atomic
def record_phase_transfer(
    *, case: Case, on: date, kind: str, by: User, today: date | None = None
) -> CaseEvent:
    """A move between phases is planned for ``on`` (it may be in the future).

    ``kind`` is ``school`` (named by 15 February) or ``post16`` (by 31 March).
    """
    case, today = begin(case, by, today)
    check_choice(kind, PHASE_TRANSFER_KINDS, "kind", "the kind of transfer")
    live_plan_on(case, on, today)
    return write_event(case, by, today, "phase_transfer", on, kind=kind)


@transaction.atomic
def record_phase_transfer_plan(
    *, case: Case, on: date, by: User, today: date | None = None
) -> CaseEvent:
    """The plan amended to name the setting for the phase transfer was issued."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    plan = live_plan_on(case, on, today)
    plan.amended_on = on
    plan.save(update_fields=["amended_on"])
    return write_event(case, by, today, "phase_transfer_plan_issued", on)


@transaction.atomic
def record_transferred_in(
    *,
    case: Case,
    on: date,
    by: User,
    last_review: date | None = None,
    from_la: str = "",
    today: date | None = None,
) -> CaseEvent:
    """The child's plan transferred in from another LA (``last_review``: its last meeting;
    ``from_la``: the DfE number of the LA it came from, which SEN2's TransferLA reports).

    ``from_la`` may be blank (not known yet, old records, imports); given, it must be a
    recognised DfE LA number (``senda.people.identifiers.LA_CODES``). The step holds it
    as the plan does, so a correction of the step may change it (``correct_event``)."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    if last_review is not None and last_review > on:
        raise ActionError("last_review", "The last review must be on or before the transfer.")
    from_la = from_la.strip()
    if from_la and (problem := la_code_problem(from_la)):
        raise ActionError("from_la", problem)
    if case.plans.live(today).exists():
        raise ActionError(WHOLE_FORM, "This case already has a current EHC plan.")
    Plan.objects.create(case=case, transferred_in_on=on, transferred_from_la=from_la)
    return write_event(
        case, by, today, "transferred_in", on, last_review=last_review, from_la=from_la
    )


#: Dates a move may be given for (the clock's range).
MOVE_DATES: Final = (date(1900, 1, 1), date(2200, 12, 31))


@transaction.atomic
def record_transfer_in_letter(
    *, case: Case, on: date, by: User, today: date | None = None
) -> CaseEvent:
    """The LA wrote to the family after the plan transferred in (within 6 weeks, reg 15(4))."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    live_plan_on(case, on, today)
    return write_event(case, by, today, "transfer_in_notified", on)


@transaction.atomic
def record_move_out(
    *, case: Case, on: date, move_date: date, by: User, today: date | None = None
) -> CaseEvent:
    """The LA learnt on ``on`` that the child is moving to another LA on ``move_date`` (which
    may be ahead): the plan is to be transferred (reg 15(2))."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    if not MOVE_DATES[0] <= move_date <= MOVE_DATES[1]:
        raise ActionError("move_date", "The date of the move must be between 1900 and 2200.")
    live_plan_on(case, on, today)
    return write_event(case, by, today, "move_out_known", on, move_date=move_date)


@transaction.atomic
def record_transferred_out(
    *, case: Case, on: date, by: User, today: date | None = None
) -> CaseEvent:
    """The child moved to another LA and the plan went with them.

    Writes ``transferred_out``, which stops this LA's clocks; the plan record ceases for
    SEN2 reason 5 (transferred to another LA) and the case is closed.
    """
    given = case
    case, today = begin(case, by, today)
    check_not_future(on, today)
    plan = live_plan_on(case, on, today)
    event = write_event(case, by, today, "transferred_out", on)
    plan.ceased_on, plan.cease_reason = on, Plan.CeaseReason.TRANSFERRED
    plan.save(update_fields=["ceased_on", "cease_reason"])
    case.status = given.status = Case.Status.CLOSED
    case.save(update_fields=["status"])
    return event
