"""Issuing, amending and ceasing the EHC plan."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda.casework.actions.base import begin, live_plan, live_plan_on, write_event
from senda.casework.models import Case, CaseEvent, Plan
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_not_future


@transaction.atomic
def record_draft_plan(*, case: Case, on: date, by: User, today: date | None = None) -> CaseEvent:
    """The draft plan was served on the family (the 15-day comment period starts)."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    return write_event(case, by, today, "draft_plan_issued", on)


@transaction.atomic
def record_final_plan(*, case: Case, on: date, by: User, today: date | None = None) -> CaseEvent:
    """The final EHC plan was issued: the plan starts and the annual-review clock with it."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    if case.plans.live(today).exists():
        raise ActionError(WHOLE_FORM, "This case already has a current EHC plan.")
    Plan.objects.create(case=case, issued_on=on)
    return write_event(case, by, today, "final_plan_issued", on)


@transaction.atomic
def record_amendment_notice(
    *, case: Case, on: date, by: User, today: date | None = None
) -> CaseEvent:
    """The LA sent notice of proposed amendments with the draft amended plan (reg 22)."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    live_plan_on(case, on, today)
    return write_event(case, by, today, "amendment_notice_issued", on)


@transaction.atomic
def record_amended_plan(*, case: Case, on: date, by: User, today: date | None = None) -> CaseEvent:
    """The final amended plan was issued."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    plan = live_plan(case, today)
    plan.amended_on = on
    plan.save(update_fields=["amended_on"])
    return write_event(case, by, today, "amended_plan_issued", on)


@transaction.atomic
def record_plan_ceased(
    *, case: Case, on: date, reason: int, by: User, today: date | None = None
) -> CaseEvent:
    """The LA ceased to maintain the plan, for one of SEN2's cease reasons 1–9."""
    case, today = begin(case, by, today)
    check_choice(reason, Plan.CeaseReason.values, "reason", "why the plan ceased")
    check_not_future(on, today)
    return cease_plan(case, on=on, reason=reason, by=by, today=today)


def cease_plan(case: Case, *, on: date, reason: int, by: User, today: date) -> CaseEvent:
    """Cease the current plan with ``reason``; the caller has run the guards."""
    plan = live_plan_on(case, on, today)
    plan.ceased_on, plan.cease_reason = on, reason
    plan.save(update_fields=["ceased_on", "cease_reason"])
    return write_event(case, by, today, "plan_ceased", on, cease_reason=reason)
