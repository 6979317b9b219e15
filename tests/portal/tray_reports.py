"""Submitted review reports for the tray's tests, built with the models and the casework
actions (as the setting's submission does: the meeting and the report received)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.contrib.auth.models import User

from senda.casework import actions
from senda.casework.models import Case, Plan, Review
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


def bare_report(case: Case, sender: User, setting: Setting | None = None) -> ReviewReport:
    """A submitted report on a plan and review made with the models alone (no case event,
    no audit entry): for pages that only show it (the role matrix)."""
    plan = Plan.objects.create(case=case, issued_on=date(2025, 3, 3))
    review = Review.objects.create(case=case, plan=plan, meeting_on=MEETING)
    return ReviewReport.objects.create(
        case=case,
        plan=plan,
        setting=setting or case.child.setting,
        review=review,
        due_on=date(2026, 3, 3),
        meeting_on=MEETING,
        status=ReviewReport.Status.SUBMITTED,
        answers={"views": {"child_views": "Likes maths"}},
        created_by=sender,
        submitted_by=sender,
        submitted_on=RECEIVED,
    )


def other_area_report() -> ReviewReport:
    """A submitted report of a new local area."""
    from tests.factories import make_case, make_child, make_la, make_setting, make_user

    la = make_la()
    case = make_case(make_child(la, setting=make_setting(la)))
    return bare_report(case, make_user("case_officer", la))
