"""Issuing, amending and ceasing the EHC plan."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda.casework.actions.base import begin, live_plan, live_plan_on, write_event
from senda.casework.models import Case, CaseEvent, Plan
from senda.clock import rules
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_not_future, long_date

#: The family's comment window each plan must not be issued inside: the step that opens
#: it, the clock rule (a minimum period), and what the family comments on.
COMMENT_WINDOWS: dict[str, tuple[str, str, str]] = {
    "final_plan_issued": ("draft_plan_issued", "draft-comment-period", "the draft"),
    "amended_plan_issued": (
        "amendment_notice_issued",
        "amendment-comment-period",
        "the proposed changes",
    ),
}


def check_comment_window(case: Case, step: str, on: date, *, family_finished: bool) -> None:
    """A final (or amended) plan is not issued while the family's time to comment on the
    draft (or the amendment notice) is still open: the clock's minimum period, met only by a
    plan issued after the window's last day (reg 13(1), reg 22(2)(c)). The family may say
    sooner that they have finished commenting (``family_finished``, from the portal)."""
    opens, rule_id, what = COMMENT_WINDOWS[step]
    served = (
        case.events.current()
        .filter(type=opens, on__lte=on)
        .order_by("on", "id")
        .values_list("on", flat=True)
        .last()
    )
    if served is None or family_finished:
        return
    closes = rules.RULES[rule_id].due(served)
    if on <= closes:
        plan = "final plan" if step == "final_plan_issued" else "amended plan"
        raise ActionError(
            "on",
            f"The family has until {long_date(closes)} to comment on {what} "
            f"({rules.citation(rule_id)}). Record the {plan} "
            "after that, or once the family has said they have finished commenting.",
        )


@transaction.atomic
def record_draft_plan(*, case: Case, on: date, by: User, today: date | None = None) -> CaseEvent:
    """The draft plan was served on the family (the 15-day comment period starts)."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    return write_event(case, by, today, "draft_plan_issued", on)


@transaction.atomic
def record_final_plan(
    *, case: Case, on: date, by: User, today: date | None = None, family_finished: bool = False
) -> CaseEvent:
    """The final EHC plan was issued: the plan starts and the annual-review clock with it.
    Not inside the family's 15 days to comment on the draft unless they have said they
    have finished (``family_finished``)."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    check_comment_window(case, "final_plan_issued", on, family_finished=family_finished)
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
def record_amended_plan(
    *, case: Case, on: date, by: User, today: date | None = None, family_finished: bool = False
) -> CaseEvent:
    """The final amended plan was issued. Not inside the family's 15 days to comment on the
    amendment notice unless they have said they have finished (``family_finished``)."""
    case, today = begin(case, by, today)
    check_not_future(on, today)
    check_comment_window(case, "amended_plan_issued", on, family_finished=family_finished)
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
