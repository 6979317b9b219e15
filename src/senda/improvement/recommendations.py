"""Recommendations drawn from families' feedback and what became of them: the closed loop
of "You said, we did" (docs/families.md, "Surveys and You said, we did").

A theme of the termly feedback summary becomes a recommendation on an improvement plan;
the recommendation is linked to the improvement action that carries it out, then marked
implemented (on a day) or not adopted (with the reason said back to families). A "You
said, we did" entry may name the recommendation it reports on; families see the published
entries of their area's plans (``published_for``).

Each action is keyword-only, atomic, permission-checked (those who may change the plan),
validated and audited; each raises :class:`~senda.kernel.ActionError` naming the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from senda import audit, kernel
from senda.improvement.access import can_edit_plan
from senda.improvement.models import Action, Feedback, ImprovementPlan, Recommendation
from senda.kernel import (
    ActionError,
    check_not_before,
    check_not_future,
    check_permission,
    required_date,
    required_text,
)

#: Where a recommendation's theme was counted.
SOURCES = ("feedback", "complaints", "appeals")
NO_PERMISSION = "You do not have permission to change this plan."
SETTLED = "This recommendation has already been marked implemented or not adopted."


def _audit(by: Any, obj: Any, plan: ImprovementPlan, summary: str) -> None:
    audit.record(
        user=by, verb="write", obj=obj, summary=f"plan {plan.pk}: {summary}", la_id=plan.la_id
    )


def _settled(recommendation: Recommendation) -> bool:
    return recommendation.implemented_on is not None or bool(recommendation.not_adopted_reason)


@transaction.atomic
def make_recommendation(
    *, plan: ImprovementPlan, theme: str, text: str, by: Any, source: str = "feedback"
) -> Recommendation:
    """A recommendation on ``plan`` from a theme counted in ``source``."""
    check_permission(can_edit_plan(by, plan), NO_PERMISSION)
    if source not in SOURCES:
        raise ActionError("source", "Choose where the theme was counted.")
    theme = required_text(theme, "theme", "Choose the theme.")
    if len(theme) > 40:
        raise ActionError("theme", "Choose the theme from the list.")
    recommendation = Recommendation.objects.create(
        plan=plan,
        source=source,
        theme=theme,
        text=required_text(text, "text", "Enter what the partnership should do."),
        made_on=kernel.today(),
    )
    _audit(by, recommendation, plan, f"recommendation {recommendation.pk} from {source}")
    return recommendation


@transaction.atomic
def link_action(
    *, recommendation: Recommendation, action: Action | None, by: Any
) -> Recommendation:
    """Name the improvement action (of the same plan) that carries the recommendation out."""
    plan = recommendation.plan
    check_permission(can_edit_plan(by, plan), NO_PERMISSION)
    if _settled(recommendation):
        raise ActionError("action", SETTLED)
    if action is None or action.area.plan_id != plan.pk:
        raise ActionError("action", "Choose an action of this plan.")
    recommendation.action = action
    recommendation.save(update_fields=["action"])
    _audit(by, recommendation, plan, f"recommendation {recommendation.pk}: action {action.pk}")
    return recommendation


@transaction.atomic
def mark_implemented(
    *, recommendation: Recommendation, implemented_on: date | None, by: Any
) -> Recommendation:
    """Record the day the recommendation was carried out (its action named first)."""
    plan = recommendation.plan
    check_permission(can_edit_plan(by, plan), NO_PERMISSION)
    if _settled(recommendation):
        raise ActionError("implemented_on", SETTLED)
    if recommendation.action_id is None:
        raise ActionError(
            "implemented_on", "Link the action that carried it out before marking it implemented."
        )
    day = required_date(implemented_on, "implemented_on", "Enter the date it was implemented.")
    check_not_future(day, kernel.today(), "implemented_on")
    check_not_before(day, recommendation.made_on, "the recommendation was made", "implemented_on")
    recommendation.implemented_on = day
    recommendation.save(update_fields=["implemented_on"])
    _audit(by, recommendation, plan, f"recommendation {recommendation.pk} implemented")
    return recommendation


@transaction.atomic
def mark_not_adopted(*, recommendation: Recommendation, reason: str, by: Any) -> Recommendation:
    """Record that the recommendation will not be carried out, and why (said to families)."""
    plan = recommendation.plan
    check_permission(can_edit_plan(by, plan), NO_PERMISSION)
    if _settled(recommendation):
        raise ActionError("reason", SETTLED)
    recommendation.not_adopted_reason = required_text(
        reason, "reason", "Enter why it will not be done, in words families will understand."
    )
    recommendation.save(update_fields=["not_adopted_reason"])
    _audit(by, recommendation, plan, f"recommendation {recommendation.pk} not adopted")
    return recommendation


def for_plans(plans: QuerySet[ImprovementPlan]) -> QuerySet[Recommendation]:
    """The recommendations of ``plans``, newest first, with their plan and action."""
    return Recommendation.objects.filter(plan__in=plans).select_related("plan", "action__area")


def implemented_share(recommendations: Iterable[Recommendation]) -> tuple[int, int]:
    """(implemented, made less those not adopted): the figure of
    ``feedback-recommendations-implemented``."""
    rows = [r for r in recommendations if not r.not_adopted_reason]
    return sum(1 for r in rows if r.implemented_on is not None), len(rows)


def published_for(la_ids: Iterable[int], today: date) -> QuerySet[Feedback]:
    """The "You said, we did" entries families of these areas see: published by today,
    with what was done."""
    return (
        Feedback.objects.filter(
            plan__la_id__in=list(la_ids), published_on__isnull=False, published_on__lte=today
        )
        .exclude(we_did="")
        .order_by("-published_on", "-id")
    )
