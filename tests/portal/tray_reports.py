"""Submitted review reports for the tray's tests, built with the models and the casework
actions (as the setting's submission does: the meeting and the report received)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.contrib.auth.models import User

from senda.casework import actions
from senda.casework.models import Case
from senda.people.models import Setting
from senda.portal.models import ReviewReport
from tests.casework.flows import with_plan

MEETING = date(2026, 3, 4)
RECEIVED = date(2026, 3, 16)


def submitted_report(
    case: Case,
    officer: User,
    sender: User,
    setting: Setting | None = None,
    *,
    meeting: date = MEETING,
    received: date = RECEIVED,
    answers: dict | None = None,
) -> ReviewReport:
    """``case`` given a plan, a review meeting on ``meeting`` and its report received on
    ``received``, sent by ``sender`` for ``setting`` (the child's unless given)."""
    with_plan(case, officer)
    actions.record_review_meeting(case=case, on=meeting, by=officer, today=received)
    actions.record_review_report(case=case, on=received, by=officer, today=received)
    review = case.reviews.get(meeting_on=meeting)
    return ReviewReport.objects.create(
        case=case,
        plan=review.plan,
        setting=setting or case.child.setting,
        review=review,
        due_on=date(2026, 3, 3),
        meeting_on=meeting,
        status=ReviewReport.Status.SUBMITTED,
        answers=answers if answers is not None else {"views": {"child_views": "Likes maths"}},
        recommendation=ReviewReport.Recommendation.MAINTAIN,
        created_by=sender,
        submitted_by=sender,
        submitted_on=received,
        submitted_at=datetime(received.year, received.month, received.day, 12, tzinfo=UTC),
    )
