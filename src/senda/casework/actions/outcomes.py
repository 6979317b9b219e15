"""A plan's outcomes (section E) as data, and the advice incorporated when it was issued.

Setting a plan's outcomes supersedes the ones it had (``superseded_on``), never deletes
them; the advice incorporated is recorded once per issue or amendment of the plan.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from senda import audit, kernel
from senda.casework.models import Case, IncorporatedAdvice, Plan, PlanOutcome
from senda.kernel import WHOLE_FORM, ActionError, check_not_future, check_permission
from senda.people.models import Membership

#: At most this many outcomes a plan, each at most this long.
MAX_OUTCOMES = 30
TEXT_MAX = 2000


def check_casework_staff(by: User, plan: Plan) -> None:
    membership = Membership.objects.filter(user_id=by.pk).first()
    check_permission(
        membership is not None and membership.can_write_casework(plan.case.la_id),
        "Only the council's casework staff can change a plan's outcomes.",
    )


def check_outcomes(outcomes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The outcomes stripped and checked: 1 to ``MAX_OUTCOMES``, each with text of at most
    ``TEXT_MAX`` characters and an area of ``PlanOutcome.Area`` (or none)."""
    clean = [(area or "", (text or "").strip()) for area, text in outcomes]
    if not clean:
        raise ActionError("outcomes", "Enter at least one outcome")
    if len(clean) > MAX_OUTCOMES:
        raise ActionError("outcomes", f"A plan can have at most {MAX_OUTCOMES} outcomes")
    for number, (area, text) in enumerate(clean, start=1):
        if not text:
            raise ActionError("outcomes", f"Enter the text of outcome {number}")
        if len(text) > TEXT_MAX:
            raise ActionError(
                "outcomes", f"Outcome {number} must be {TEXT_MAX} characters or fewer"
            )
        if area and area not in PlanOutcome.Area.values:
            raise ActionError("outcomes", f"Choose an area for outcome {number} from the list")
    return clean


@transaction.atomic
def set_plan_outcomes(
    *, plan: Plan, outcomes: list[tuple[str, str]], by: User, today: date | None = None
) -> list[PlanOutcome]:
    """Replace ``plan``'s current outcomes with ``outcomes`` (area, text), numbered from 1;
    the old ones are kept, superseded ``today``."""
    plan = Plan.objects.select_for_update().select_related("case__child").get(pk=plan.pk)
    check_casework_staff(by, plan)
    clean = check_outcomes(outcomes)
    today = today or kernel.today()
    current = plan.outcomes.filter(superseded_on__isnull=True)
    superseded = current.update(superseded_on=today)
    written = PlanOutcome.objects.bulk_create(
        PlanOutcome(plan=plan, number=n, area=area, text=text, recorded_on=today)
        for n, (area, text) in enumerate(clean, start=1)
    )
    audit.record(
        user=by,
        verb="write",
        obj=plan,
        child=plan.case.child,
        summary=f"case {plan.case_id}: plan {plan.pk} outcomes set ({len(written)} outcomes, "
        f"{superseded} superseded)",
    )
    return written


@transaction.atomic
def record_incorporated_advice(
    *,
    plan: Plan,
    issued_on: date,
    amended: bool,
    health: bool,
    social_care: bool,
    by: User,
    today: date | None = None,
) -> IncorporatedAdvice:
    """Whether health and social care advice was incorporated in ``plan`` as issued (or
    amended) on ``issued_on``: once per issue date."""
    plan = Plan.objects.select_for_update().select_related("case__child").get(pk=plan.pk)
    check_casework_staff(by, plan)
    if issued_on is None:
        raise ActionError("issued_on", "Enter the date the plan was issued")
    check_not_future(issued_on, today or kernel.today(), field="issued_on")
    if plan.incorporated_advice.filter(issued_on=issued_on).exists():
        raise ActionError(
            "issued_on", "The advice incorporated in the plan issued that day is recorded already"
        )
    try:
        with transaction.atomic():
            record = IncorporatedAdvice.objects.create(
                plan=plan,
                issued_on=issued_on,
                amended=bool(amended),
                health=bool(health),
                social_care=bool(social_care),
            )
    except IntegrityError:
        raise ActionError(
            WHOLE_FORM, "This was recorded at the same time by someone else."
        ) from None
    audit.record(
        user=by,
        verb="write",
        obj=record,
        child=plan.case.child,
        summary=f"case {plan.case_id}: plan {plan.pk} advice incorporated on "
        f"{issued_on:%Y-%m-%d} recorded",
    )
    return record


def current_plan(case: Case, today: date) -> Plan | None:
    """The case's plan current ``today``, else its latest plan, else None."""
    return case.plans.live(today).order_by("id").last() or case.plans.order_by("id").last()


def plan_issues(plan: Plan) -> list[tuple[date, bool]]:
    """Each day ``plan`` was issued (False) or issued amended (True), oldest first."""
    issues: list[tuple[date, bool]] = []
    if plan.issued_on is not None:
        issues.append((plan.issued_on, False))
    start = plan.started_on
    amended = plan.case.events.current().filter(type="amended_plan_issued")
    if start is not None:
        amended = amended.filter(on__gte=start)
    later = plan.case.plans.filter(pk__gt=plan.pk).order_by("id").first()
    if later is not None and later.started_on is not None:
        amended = amended.filter(on__lt=later.started_on)
    issues += [(day, True) for day in amended.order_by("on").values_list("on", flat=True)]
    if plan.amended_on is not None and (plan.amended_on, True) not in issues:
        issues.append((plan.amended_on, True))
    return sorted(set(issues))
