"""Ceasing to maintain a plan by decision (SEND Regulations 2014 reg 29–31; CFA 2014 s45).

The LA proposes to cease and consults, then decides. A decision to cease ends the plan the
day after the 2-month appeal window (``senda.clock.ceasing``): the plan record gets that day
as ``ceased_on`` at once (a day ahead, so it stays current until then: ``Plan.is_live``)
and the decision's SEN2 reason. An appeal keeps the plan while it runs; its decision either
ends the plan the day after, or keeps it.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from senda.casework.actions.base import begin, live_plan_on, write_event
from senda.casework.models import Case, CaseEvent, Plan
from senda.clock.ceasing import plan_ends, reason_refusal
from senda.clock.model import OUTCOMES
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_not_future


@transaction.atomic
def record_cease_proposed(
    *, case: Case, on: date, by: User, today: date | None = None
) -> CaseEvent:
    """The LA told the family it is considering ceasing the plan, and consults (reg 31)."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    live_plan_on(case, on, today)
    return write_event(case, by, today, "cease_proposed", on)


@transaction.atomic
def record_cease_decision(
    *,
    case: Case,
    on: date,
    outcome: str,
    reason: int | None = None,
    by: User,
    today: date | None = None,
) -> CaseEvent:
    """The LA notified its decision: ``cease`` the plan (for SEN2 ``reason``, 1–9 but 5)
    or ``maintain`` it (no reason)."""
    case, today = begin(case, by, today)
    check_choice(outcome, OUTCOMES["cease_decision"], "outcome", "the decision")
    check_not_future(on, today)
    plan = live_plan_on(case, on, today)
    if outcome == "maintain":
        if reason is not None:
            raise ActionError("reason", "A decision to keep the plan has no reason to cease.")
        return write_event(case, by, today, "cease_decision", on, outcome=outcome)
    if reason is None:
        raise ActionError("reason", "Select why the plan is to cease.")
    check_reason(case, plan, reason, on)
    event = write_event(case, by, today, "cease_decision", on, outcome=outcome, cease_reason=reason)
    plan.ceased_on, plan.cease_reason = projected_end(case, on), reason
    plan.save(update_fields=["ceased_on", "cease_reason"])
    return event


def check_reason(case: Case, plan: Plan, reason: int, on: date) -> None:
    """Refuse a cease ``reason`` the law does not allow for the young person's age and
    record (``senda.clock.ceasing.reason_refusal``), on the field ``reason``."""
    meetings = list(plan.reviews.values_list("meeting_on", flat=True))
    refused = reason_refusal(reason, on, case.child.date_of_birth, meetings)
    if refused is not None:
        raise ActionError("reason", refused)


def projected_end(case: Case, decided: date) -> date | None:
    """The day the plan ends because of the decision to cease of ``decided``, as the case's
    current events stand (the day after the time to appeal, unless appealed)."""
    ends = plan_ends(case.clock_events())
    return next((end for end in ends if end > decided), None)


def _ceasing_plan(case: Case) -> Plan:
    """The plan a decision to cease is about: the case's latest (it may already be past its
    projected end, when an appeal brought in time is recorded late)."""
    plan = case.plans.order_by("id").last()
    if plan is None:
        raise ActionError(WHOLE_FORM, "This case has no EHC plan.")
    return plan


@transaction.atomic
def record_cease_appealed(
    *, case: Case, on: date, by: User, today: date | None = None
) -> CaseEvent:
    """The family appealed against the decision to cease: the plan is kept while the
    appeal runs (CFA 2014 s45)."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    event = write_event(case, by, today, "cease_appealed", on)
    plan = _ceasing_plan(case)
    plan.ceased_on = None
    plan.save(update_fields=["ceased_on"])
    return event


@transaction.atomic
def record_cease_appeal_decided(
    *, case: Case, on: date, outcome: str, by: User, today: date | None = None
) -> CaseEvent:
    """The appeal was decided: ``cease`` (the plan ends the next day) or ``maintain``."""
    case, today = begin(case, by, today)
    check_choice(outcome, OUTCOMES["cease_appeal_decided"], "outcome", "the appeal's decision")
    check_not_future(on, today)
    event = write_event(case, by, today, "cease_appeal_decided", on, outcome=outcome)
    plan = _ceasing_plan(case)
    if outcome == "cease":
        plan.ceased_on = on + timedelta(days=1)
    else:
        plan.ceased_on = plan.cease_reason = None
    plan.save(update_fields=["ceased_on", "cease_reason"])
    return event
