"""What every casework action shares: the error type, the guards and the write step.

Every statutory step is written by :func:`write_event`, which first asks the clock's
ordering rules (``senda.clock.order``) whether the step can follow the case's recorded
events: the order of steps lives there, once, with its citations.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone

import senda.clock as clock
from senda import audit
from senda.casework.deadlines import refresh_deadlines
from senda.casework.models import Case, CaseEvent, Plan
from senda.people.models import Membership

WHOLE_FORM = NON_FIELD_ERRORS  # "__all__": a form shows it above the fields


class ActionError(Exception):
    """A step cannot be recorded. ``field`` names the form field to show ``message`` on."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def begin(
    case: Case, by: User, today: date | None, *, may_be_closed: bool = False
) -> tuple[Case, date]:
    """Lock the case, check the user may write to it and that it is open (unless
    ``may_be_closed``: a correction of the step that closed it checks that itself);
    return today."""
    membership = Membership.objects.filter(user_id=by.pk).first()
    if membership is None or not membership.can_write_casework(case.la_id):
        raise ActionError(WHOLE_FORM, "You do not have permission to record steps on this case.")
    locked = Case.objects.select_for_update().select_related("la", "child").get(pk=case.pk)
    if not locked.is_open and not may_be_closed:
        raise ActionError(WHOLE_FORM, "This case is closed: reopen it before recording a step.")
    return locked, today or timezone.localdate()


def check_not_future(on: date, today: date, field: str = "on") -> None:
    if on > today:
        raise ActionError(field, "The date must be today or in the past.")


def check_not_before(on: date, earlier: date, what: str, field: str = "on") -> None:
    if on < earlier:
        raise ActionError(
            field, f"The date must be on or after {what} ({earlier.day} {earlier:%B %Y})."
        )


def required_text(value: str | None, field: str, missing: str) -> str:
    """``value`` stripped; ``ActionError(field, missing)`` if nothing is left."""
    text = (value or "").strip()
    if not text:
        raise ActionError(field, missing)
    return text


def check_choice(value: Any, allowed: Any, field: str, what: str) -> None:
    if value not in allowed:
        options = ", ".join(str(a) for a in allowed)
        raise ActionError(field, f"Choose {what}: one of {options}.")


def latest_event(case: Case, type: str, **match: Any) -> CaseEvent | None:
    return case.events.current().filter(type=type, **match).order_by("on", "id").last()


def require_event(case: Case, type: str, missing: str, **match: Any) -> CaseEvent:
    event = latest_event(case, type, **match)
    if event is None:
        raise ActionError(WHOLE_FORM, missing)
    return event


def live_plan(case: Case) -> Plan:
    """The case's plan that has not ceased, or an error if there is none."""
    plan = case.plans.live().order_by("id").last()
    if plan is None:
        raise ActionError(WHOLE_FORM, "This case has no current EHC plan.")
    return plan


def live_plan_on(case: Case, on: date) -> Plan:
    """The case's current plan, checking ``on`` is not before the plan started."""
    plan = live_plan(case)
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
