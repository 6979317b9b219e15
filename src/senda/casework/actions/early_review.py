"""Bringing a plan's review forward: the council asks for an early review (an audit found
the plan needs one, a panel asked, an officer decided), and records when it was held. A
local decision, kept beside the case; not a step of the statutory clock."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit, kernel
from senda.casework.models import Case, EarlyReview
from senda.kernel import ActionError, check_permission, required_text
from senda.people.models import Membership

REASON_MAX = 500


def _check_staff(by: User, case: Case) -> None:
    membership = Membership.objects.filter(user_id=by.pk).first()
    check_permission(
        membership is not None
        and membership.la_id == case.la_id
        and membership.role in {"case_officer", "team_manager", "qa_auditor", "service_manager"},
        "Only the council's SEND staff can bring a review forward.",
    )


@transaction.atomic
def ask_early_review(
    *,
    case: Case,
    review_by: date,
    reason: str,
    source: str,
    by: User,
    today: date | None = None,
) -> EarlyReview:
    """Ask for ``case``'s plan to be reviewed by ``review_by`` (not before today), for
    ``reason``; ``source`` says what asked (``QA audit 12``, ``Panel 3``)."""
    _check_staff(by, case)
    today = today or kernel.today()
    reason = required_text(reason, "reason", "Enter why the review is brought forward")
    if len(reason) > REASON_MAX:
        raise ActionError("reason", f"The reason must be {REASON_MAX} characters or fewer")
    if review_by is None:
        raise ActionError("review_by", "Enter the date the review should be held by")
    if review_by < today:
        raise ActionError(
            "review_by", "The date the review should be held by must be today or later"
        )
    if not case.plans.live(today).exists():
        raise ActionError("review_by", "This case has no current plan to review")
    early = EarlyReview.objects.create(
        case=case,
        asked_on=today,
        review_by=review_by,
        reason=reason,
        source=source[:100],
        asked_by=by,
    )
    audit.record(
        user=by,
        verb="write",
        obj=early,
        child=case.child,
        summary=f"case {case.pk}: early review {early.pk} asked by {review_by:%Y-%m-%d}",
    )
    return early


@transaction.atomic
def record_early_review_held(
    *, early: EarlyReview, held_on: date, by: User, today: date | None = None
) -> EarlyReview:
    """The early review was held on ``held_on`` (not in the future, not before it was asked)."""
    early = EarlyReview.objects.select_for_update().select_related("case__child").get(pk=early.pk)
    _check_staff(by, early.case)
    today = today or kernel.today()
    if held_on is None or held_on > today:
        raise ActionError("held_on", "The date the review was held must be today or in the past")
    if held_on < early.asked_on:
        raise ActionError("held_on", "The review cannot be held before it was asked for")
    early.held_on = held_on
    early.save(update_fields=["held_on"])
    audit.record(
        user=by,
        verb="write",
        obj=early,
        child=early.case.child,
        summary=f"case {early.case_id}: early review {early.pk} held {held_on:%Y-%m-%d}",
    )
    return early
