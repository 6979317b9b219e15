"""Phase transfers (reg 18) and plans moving between local authorities (reg 15)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda.casework.actions.base import begin, live_plan_on, write_event
from senda.casework.actions.plan import cease_plan
from senda.casework.models import Case, CaseEvent, Plan
from senda.clock.model import PHASE_TRANSFER_KINDS
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_not_future


@transaction.atomic
def record_phase_transfer(
    *, case: Case, on: date, kind: str, by: User, today: date | None = None
) -> CaseEvent:
    """A move between phases is planned for ``on`` (it may be in the future).

    ``kind`` is ``school`` (named by 15 February) or ``post16`` (by 31 March).
    """
    case, today = begin(case, by, today)
    check_choice(kind, PHASE_TRANSFER_KINDS, "kind", "the kind of transfer")
    live_plan_on(case, on)
    return write_event(case, by, today, "phase_transfer", on, kind=kind)


@transaction.atomic
def record_phase_transfer_plan(
    *, case: Case, on: date, by: User, today: date | None = None
) -> CaseEvent:
    """The plan amended to name the setting for the phase transfer was issued."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    plan = live_plan_on(case, on)
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
    today: date | None = None,
) -> CaseEvent:
    """The child's plan transferred in from another LA (``last_review``: its last meeting)."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    if last_review is not None and last_review > on:
        raise ActionError("last_review", "The last review must be on or before the transfer.")
    if case.plans.live().exists():
        raise ActionError(WHOLE_FORM, "This case already has a current EHC plan.")
    Plan.objects.create(case=case, transferred_in_on=on)
    return write_event(case, by, today, "transferred_in", on, last_review=last_review)


@transaction.atomic
def record_transferred_out(
    *, case: Case, on: date, by: User, today: date | None = None
) -> CaseEvent:
    """The child moved to another LA and the plan went with them.

    Recorded as the plan ceasing for SEN2 reason 5 (transferred to another LA), which stops
    this LA's clocks; the case is then closed.
    """
    given = case
    case, today = begin(case, by, today)
    check_not_future(on, today)
    event = cease_plan(case, on=on, reason=Plan.CeaseReason.TRANSFERRED, by=by, today=today)
    case.status = given.status = Case.Status.CLOSED
    case.save(update_fields=["status"])
    return event
