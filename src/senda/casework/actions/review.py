"""The annual review (CFA s44; reg 18–22): invitations, advice, meeting, report, decision."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda.casework.actions.base import begin, live_plan_on, write_event
from senda.casework.models import Case, CaseEvent, Review
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_not_future


def _before_meeting(case: Case, on: date, by: User, today: date | None, type: str) -> CaseEvent:
    case, today = begin(case, by, today, partner_step=type)
    check_not_future(on, today)
    live_plan_on(case, on, today)
    return write_event(case, by, today, type, on)


@transaction.atomic
def record_review_invitations(
    *, case: Case, on: date, by: User, today: date | None = None
) -> CaseEvent:
    """Invitations to the review meeting were sent (at least 2 weeks' notice is due)."""
    return _before_meeting(case, on, by, today, "review_invitations_sent")


@transaction.atomic
def record_review_advice_circulated(
    *, case: Case, on: date, by: User, today: date | None = None
) -> CaseEvent:
    """Advice and information for the review were circulated to the invitees."""
    return _before_meeting(case, on, by, today, "review_advice_circulated")


@transaction.atomic
def record_review_meeting(
    *, case: Case, on: date, by: User, today: date | None = None
) -> CaseEvent:
    """The annual review meeting took place."""
    case, today = begin(case, by, today, partner_step="review_meeting")
    check_not_future(on, today)
    plan = live_plan_on(case, on, today)
    Review.objects.create(case=case, plan=plan, meeting_on=on)
    return write_event(case, by, today, "review_meeting", on)


def review_on(case: Case, on: date) -> Review:
    """The review a step dated ``on`` belongs to: the latest meeting on or before it (the
    ordering rules have checked there is one)."""
    review = case.reviews.filter(meeting_on__lte=on).order_by("meeting_on", "id").last()
    if review is None:
        raise ActionError(WHOLE_FORM, "Record the review meeting first.")
    return review


def _after_meeting(
    case: Case, on: date, by: User, today: date | None, type: str, **fields: str
) -> tuple[CaseEvent, Review]:
    """Write a step that follows the review meeting; return it and its review record (the
    setting may record the report's receipt through the portal)."""
    case, today = begin(case, by, today, partner_step=type)
    check_not_future(on, today)
    if "outcome" in fields:
        check_choice(fields["outcome"], Review.Outcome.values, "outcome", "the decision")
    event = write_event(case, by, today, type, on, **fields)
    return event, review_on(case, on)


@transaction.atomic
def record_review_report(*, case: Case, on: date, by: User, today: date | None = None) -> CaseEvent:
    """The review report (from the school or the LA's own chair) reached the LA."""
    event, review = _after_meeting(case, on, by, today, "review_report_received")
    review.report_received_on = on
    review.save(update_fields=["report_received_on"])
    return event


@transaction.atomic
def record_review_logged(*, case: Case, on: date, by: User, today: date | None = None) -> CaseEvent:
    """The LA logged the review on its system (a local standard, not statute)."""
    event, review = _after_meeting(case, on, by, today, "review_logged")
    review.logged_on = on
    review.save(update_fields=["logged_on"])
    return event


@transaction.atomic
def record_review_decision(
    *, case: Case, on: date, outcome: str, by: User, today: date | None = None
) -> CaseEvent:
    """The LA notified its decision after the review: ``maintain``, ``amend`` or ``cease``."""
    event, review = _after_meeting(case, on, by, today, "review_decision", outcome=outcome)
    review.outcome, review.decided_on = outcome, on
    review.save(update_fields=["outcome", "decided_on"])
    return event
