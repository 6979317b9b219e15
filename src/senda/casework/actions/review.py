"""The annual review (CFA s44; reg 18–22): invitations, advice, meeting, report, decision."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda.casework.actions.base import (
    WHOLE_FORM,
    ActionError,
    begin,
    check_choice,
    check_not_before,
    check_not_future,
    live_plan_on,
    write_event,
)
from senda.casework.models import Case, CaseEvent, Review


def _before_meeting(case: Case, on: date, by: User, today: date | None, type: str) -> CaseEvent:
    case, today = begin(case, by, today)
    check_not_future(on, today)
    live_plan_on(case, on)
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
    case, today = begin(case, by, today)
    check_not_future(on, today)
    plan = live_plan_on(case, on)
    Review.objects.create(case=case, plan=plan, meeting_on=on)
    return write_event(case, by, today, "review_meeting", on)


def latest_review(case: Case) -> Review:
    review = case.reviews.order_by("meeting_on", "id").last()
    if review is None:
        raise ActionError(WHOLE_FORM, "Record the review meeting first.")
    return review


def _after_meeting(case: Case, on: date, by: User, today: date | None) -> tuple[Case, date, Review]:
    case, today = begin(case, by, today)
    check_not_future(on, today)
    review = latest_review(case)
    check_not_before(on, review.meeting_on, "the review meeting")
    return case, today, review


@transaction.atomic
def record_review_report(*, case: Case, on: date, by: User, today: date | None = None) -> CaseEvent:
    """The review report (from the school or the LA's own chair) reached the LA."""
    case, today, review = _after_meeting(case, on, by, today)
    review.report_received_on = on
    review.save(update_fields=["report_received_on"])
    return write_event(case, by, today, "review_report_received", on)


@transaction.atomic
def record_review_logged(*, case: Case, on: date, by: User, today: date | None = None) -> CaseEvent:
    """The LA logged the review on its system (a local standard, not statute)."""
    case, today, review = _after_meeting(case, on, by, today)
    review.logged_on = on
    review.save(update_fields=["logged_on"])
    return write_event(case, by, today, "review_logged", on)


@transaction.atomic
def record_review_decision(
    *, case: Case, on: date, outcome: str, by: User, today: date | None = None
) -> CaseEvent:
    """The LA notified its decision after the review: ``maintain``, ``amend`` or ``cease``."""
    case, today, review = _after_meeting(case, on, by, today)
    check_choice(outcome, Review.Outcome.values, "outcome", "the decision")
    if review.outcome:
        raise ActionError(WHOLE_FORM, "A decision on this review is already recorded.")
    review.outcome, review.decided_on = outcome, on
    review.save(update_fields=["outcome", "decided_on"])
    return write_event(case, by, today, "review_decision", on, outcome=outcome)
