"""What every casework action shares: the guards and the write step (the error type and the
checks every room's actions make are the kernel's, ``senda.kernel``).

Every statutory step is written by :func:`write_event`, which first asks the clock's
ordering rules (``senda.clock.order``) whether the step can follow the case's recorded
events: the order of steps lives there, once, with its citations.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User

import senda.clock as clock
from senda import audit, kernel
from senda.casework.deadlines import refresh_deadlines
from senda.casework.models import Case, CaseEvent, Plan
from senda.kernel import WHOLE_FORM, ActionError, check_not_before, check_permission
from senda.people.access import may_record_step
from senda.people.models import Membership


def begin(
    case: Case,
    by: User,
    today: date | None,
    *,
    may_be_closed: bool = False,
    partner_step: str | None = None,
) -> tuple[Case, date]:
    """Lock the case, check the user may write to it and that it is open (unless
    ``may_be_closed``: a correction of the step that closed it checks that itself);
    return today.

    Council casework staff may record any step; a partner in the portal only
    ``partner_step``, where the action names one and ``people.access.may_record_step``
    allows it (the setting's staff the review steps, an advice-giver its advice): one
    path for the officer's form and the portal."""
    membership = Membership.objects.filter(user_id=by.pk).first()
    staff = membership is not None and membership.can_write_casework(case.la_id)
    partner = (
        not staff
        and partner_step is not None
        and may_record_step(by, case.child, partner_step, today or kernel.today())
    )
    check_permission(staff or partner, "You do not have permission to record steps on this case.")
    locked = Case.objects.select_for_update().select_related("la", "child").get(pk=case.pk)
    if not locked.is_open and not may_be_closed:
        raise ActionError(WHOLE_FORM, "This case is closed: reopen it before recording a step.")
    return locked, today or kernel.today()


def latest_event(case: Case, type: str, **match: Any) -> CaseEvent | None:
    return case.events.current().filter(type=type, **match).order_by("on", "id").last()


def require_event(case: Case, type: str, missing: str, **match: Any) -> CaseEvent:
    event = latest_event(case, type, **match)
    if event is None:
        raise ActionError(WHOLE_FORM, missing)
    return event


def live_plan(case: Case, today: date | None = None) -> Plan:
    """The case's plan current ``today`` (not ceased, or ending after today), or an error
    if there is none."""
    plan = case.plans.live(today).order_by("id").last()
    if plan is None:
        raise ActionError(WHOLE_FORM, "This case has no current EHC plan.")
    return plan


def live_plan_on(case: Case, on: date, today: date | None = None) -> Plan:
    """The case's current plan, checking ``on`` is not before the plan started."""
    plan = live_plan(case, today)
    if plan.started_on is not None:
        check_not_before(on, plan.started_on, "the plan started")
    return plan


def check_order(case: Case, event: CaseEvent) -> None:
    """Refuse ``event`` if it cannot follow the case's recorded events (``clock.refusal``):
    on the date when the date is what is wrong, otherwise on the whole step."""
    found = clock.refusal(case.clock_events(), event.as_clock_event())
    if found is not None:
        raise ActionError(found.field or WHOLE_FORM, found.message)


def write_event(case: Case, by: User, today: date, type: str, on: date, **fields: Any) -> CaseEvent:
    """Check the step's order, write the event and its audit entry, refresh the deadlines."""
    event = CaseEvent(case=case, type=type, on=on, recorded_by=by, **fields)
    check_order(case, event)
    event.save()
    audit.record(
        user=by,
        verb="write",
        obj=event,
        child=case.child,
        summary=f"case {case.pk}: recorded {type} event {event.pk}",
    )
    refresh_deadlines(case, today=today)
    return event
