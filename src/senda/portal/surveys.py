"""Families' short survey after a review or a plan being issued, and staff tagging its
comments with themes (docs/families.md, "Surveys and You said, we did").

    from senda.portal import surveys
    surveys.open_events(user, case, today)              # the events they may answer about
    surveys.record_response(user=…, case=…, event=…, answers={…}, comment="…")
    surveys.tag_themes(response=…, themes=["timeliness"], by=…)

A survey is open for ``SENDA_SURVEY_DAYS`` (56 by default) from the event. One response per
person per event (a database constraint); reports never show who answered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from senda import audit, kernel
from senda.casework.models import Case, CaseEvent
from senda.kernel import WHOLE_FORM, ActionError, check_permission
from senda.people.families import family_access
from senda.people.models import Membership, Role
from senda.portal.feedback_themes import THEMES
from senda.portal.models import PortalFeedback, SurveyResponse

#: The events a survey follows, and what it is about.
SURVEY_EVENTS: dict[str, str] = {
    "review_meeting": SurveyResponse.About.REVIEW,
    "review_decision": SurveyResponse.About.REVIEW,
    "final_plan_issued": SurveyResponse.About.PLAN,
    "amended_plan_issued": SurveyResponse.About.PLAN,
}

#: The questions (the response's field → the statement families agree or disagree with).
QUESTIONS: dict[str, str] = {
    "clarity": "The information I was given was clear",
    "timeliness": "Things were done on time",
    "listened_to": "I was listened to",
    "easy_to_use": "Senda was easy to use",
}
#: The 5-point scale: 5 strongly agree … 1 strongly disagree.
SCALE = PortalFeedback.Answer
#: Answers that count as satisfied.
SATISFIED = (4, 5)
#: The longest comment kept.
COMMENT_MAX = 2000
#: Who tags responses with themes and produces the termly summary.
FEEDBACK_ROLES = frozenset({Role.SERVICE_MANAGER, Role.TEAM_MANAGER, Role.QA_AUDITOR})

ALREADY = "You have already told us what you think about this. Thank you."


def survey_days() -> int:
    """How many days a survey stays open after its event (``SENDA_SURVEY_DAYS``)."""
    return int(getattr(settings, "SENDA_SURVEY_DAYS", 56))


@dataclass(frozen=True)
class Offer:
    """An event a family member may give feedback on, and the last day they may."""

    event: CaseEvent
    about: str
    closes_on: date

    @property
    def about_label(self) -> str:
        return str(SurveyResponse.About(self.about).label)


def _events(case: Case, today: date) -> list[CaseEvent]:
    """The case's standing survey events from the window's start to today. A review's
    meeting gives way to its decision (one survey per review): a meeting is left out once
    a decision is recorded on or after it."""
    since = today - timedelta(days=survey_days())
    events = list(
        CaseEvent.objects.current()
        .filter(case=case, type__in=SURVEY_EVENTS, on__gte=since, on__lte=today)
        .order_by("on", "id")
    )
    decisions = [e.on for e in events if e.type == "review_decision"]
    return [
        e for e in events if e.type != "review_meeting" or not any(day >= e.on for day in decisions)
    ]


def open_events(user: Any, case: Case, today: date) -> list[Offer]:
    """The events ``user`` (a family member of the case's child) may still answer about
    today, newest first; none for anyone else."""
    if family_access(user, case.child, today) is None:
        return []
    answered = set(
        SurveyResponse.objects.filter(respondent=user, case=case).values_list("event_id", flat=True)
    )
    days = timedelta(days=survey_days())
    offers = [
        Offer(event, SURVEY_EVENTS[event.type], event.on + days)
        for event in _events(case, today)
        if event.pk not in answered
    ]
    return sorted(offers, key=lambda offer: (offer.event.on, offer.event.pk), reverse=True)


def answered_events(user: Any, case: Case) -> list[SurveyResponse]:
    """The responses ``user`` gave about the case (their own; never anyone else's)."""
    return list(SurveyResponse.objects.filter(respondent=user, case=case).select_related("event"))


def _answer(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number not in SCALE.values:
        raise ActionError(field, "Choose one of the answers, or leave the question out.")
    return number


@transaction.atomic
def record_response(
    *,
    user: Any,
    case: Case,
    event: CaseEvent,
    answers: Mapping[str, Any],
    comment: str = "",
    today: date | None = None,
) -> SurveyResponse:
    """Record ``user``'s answers about ``event``: a family member of the case's child,
    while the survey is open, once."""
    today = today or kernel.today()
    check_permission(
        family_access(user, case.child, today) is not None,
        "Only the child's family can answer this survey.",
    )
    if event.case_id != case.pk or event.type not in SURVEY_EVENTS:
        raise ActionError("event", "Choose what you are giving feedback on.")
    if SurveyResponse.objects.filter(respondent=user, event=event).exists():
        raise ActionError(WHOLE_FORM, ALREADY)
    if event.pk not in {offer.event.pk for offer in open_events(user, case, today)}:
        raise ActionError("event", "This survey has closed. Thank you for wanting to help.")
    values = {name: _answer(answers.get(name), name) for name in QUESTIONS}
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ActionError("comment", f"Your answer must be {COMMENT_MAX} characters or fewer.")
    if all(value is None for value in values.values()) and not comment:
        raise ActionError(WHOLE_FORM, "Answer at least one question.")
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                la_id=case.la_id,
                case=case,
                event=event,
                about=SURVEY_EVENTS[event.type],
                respondent=user,
                answered_on=today,
                comment=comment,
                **values,
            )
    except IntegrityError:
        raise ActionError(WHOLE_FORM, ALREADY) from None
    audit.record(
        user=user,
        verb="write",
        obj=response,
        child=case.child,
        summary=f"survey response {response.pk} about event {event.pk}",
    )
    return response


def may_review_feedback(user: Any) -> Membership | None:
    """The user's membership if they tag feedback and produce summaries; else None."""
    try:
        membership: Membership = user.membership
    except (AttributeError, Membership.DoesNotExist):
        return None
    return membership if membership.role in FEEDBACK_ROLES else None


def responses_for(la: Any) -> Any:
    """The area's responses, newest first, for staff tagging themes (no respondent)."""
    return SurveyResponse.objects.filter(la=la).defer("respondent")


@transaction.atomic
def tag_themes(*, response: SurveyResponse, themes: Iterable[str], by: Any) -> SurveyResponse:
    """Set the themes of a response's comment (staff of its area who review feedback)."""
    membership = may_review_feedback(by)
    check_permission(
        membership is not None and membership.la_id == response.la_id,
        "Your role does not tag feedback.",
    )
    chosen = list(dict.fromkeys(themes))
    unknown = [code for code in chosen if code not in THEMES]
    if unknown:
        raise ActionError("themes", "Choose themes from the list.")
    response.themes = [code for code in THEMES if code in chosen]
    response.save(update_fields=["themes"])
    audit.record(
        user=by,
        verb="write",
        obj=response,
        la_id=response.la_id,
        summary=f"survey response {response.pk}: themes {','.join(response.themes) or 'none'}",
    )
    return response
