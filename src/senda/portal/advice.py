"""Advice requests: the council asks a team for advice on one child, the team answers.

For an EHC needs assessment (reg 6–8) the request is the clock's ``advice_requested`` step
and the answer its ``advice_received`` step, both recorded through the casework actions the
officer's own forms call, so the statutory six weeks (reg 8(1), the clock's ``advice``
rule) run from the request and stop on the answer. For an annual review the council sets
the due date (six weeks unless told) and no clock step is recorded.

Asking gives the team an access grant to the child's record: in force while the request is
open and ``SENDA_ADVICE_ACCESS_DAYS`` after it is answered or declined (``grant_end``); a
request the council withdraws ends it the same day. Every action here is keyword-only,
atomic and audited (ids only); a refusal is the kernel's ``ActionError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

import senda.clock as clock
from senda import audit, kernel
from senda.casework.actions import record_advice_received, record_advice_requested
from senda.casework.models import Case
from senda.kernel import (
    WHOLE_FORM,
    ActionError,
    check_choice,
    check_not_future,
    check_permission,
    long_date,
    required_text,
)
from senda.people.models import AccessGrant, AdviceTeam, Membership
from senda.people.names import display_name
from senda.portal import feedback, notify
from senda.portal.access import grant_end
from senda.portal.models import AdviceRequest, PortalFeedback

__all__ = [
    "ANSWER_MAX",
    "DECLINE_REASONS",
    "QUESTION_MAX",
    "AdviceTask",
    "answer_advice",
    "decline_advice",
    "open_tasks",
    "recent_tasks",
    "record_advice_feedback",
    "request_advice",
    "requests_of_case",
    "statutory_due",
    "withdraw_advice_request",
]

#: The longest question and answer the council and a team may type (about 15 pages).
QUESTION_MAX = 5_000
ANSWER_MAX = 50_000
#: Why a team may decline a request, as the council reads it.
DECLINE_REASONS: dict[str, str] = {
    "not_involved": "We are not involved with this child or young person, or have discharged them.",
    "still_stands": "Our advice from last year still stands.",
}
#: The kind of request as the grant's reason and the pages write it.
_KIND_PHRASE = {
    AdviceRequest.Kind.ASSESSMENT: "an EHC needs assessment",
    AdviceRequest.Kind.REVIEW: "an annual review",
}
#: The due date of a review request when the officer gives none: as an assessment's.
REVIEW_WEEKS = 6


def statutory_due(requested_on: date) -> date:
    """When advice for an assessment is due: the clock's ``advice`` rule (reg 8(1), six
    weeks from the request)."""
    return clock.RULES["advice"].due(requested_on)


def _is_council_writer(user: Any, la_id: int) -> bool:
    membership = Membership.objects.filter(user_id=getattr(user, "pk", None)).first()
    return membership is not None and membership.can_write_casework(la_id)


def _is_member(user: Any, team: AdviceTeam) -> bool:
    return team.members.filter(pk=getattr(user, "pk", None)).exists()


def _grant_reason(team: AdviceTeam, kind: str, due: date) -> str:
    """``Asked for health advice for an EHC needs assessment, due 3 March 2027``."""
    discipline = team.get_discipline_display().lower()
    return f"Asked for {discipline} advice for {_KIND_PHRASE[kind]}, due {long_date(due)}"


def _due_on(kind: str, on: date, due_on: date | None) -> date:
    if kind == AdviceRequest.Kind.ASSESSMENT:
        due = statutory_due(on)
        if due_on is not None and due_on != due:
            raise ActionError(
                "due_on",
                "Leave the due date blank for an assessment: the law gives 6 weeks "
                f"from the request (reg 8), so advice is due by {long_date(due)}.",
            )
        return due
    if due_on is None:
        return on + timedelta(weeks=REVIEW_WEEKS)
    if due_on <= on:
        raise ActionError("due_on", "The due date must be after the date of the request.")
    return due_on


@transaction.atomic
def request_advice(
    *,
    case: Case,
    team: AdviceTeam,
    kind: str,
    question: str,
    on: date,
    by: Any,
    due_on: date | None = None,
    today: date | None = None,
) -> AdviceRequest:
    """Ask ``team`` for advice on ``case``'s child: council casework staff of the case's
    area, a team of the same area. An assessment's request records ``advice_requested``
    for the team's discipline; every request gives the team an access grant and sends each
    member an ``advice_request`` message (no child's name: an opaque case reference)."""
    today = today or kernel.today()
    check_permission(
        _is_council_writer(by, case.la_id), "Only the council's casework staff can ask for advice."
    )
    check_choice(kind, AdviceRequest.Kind.values, "kind", "what the advice is for")
    if team.la_id != case.la_id:
        raise ActionError("team", "Choose one of this council's advice teams.")
    question = required_text(question, "question", "Enter what the team should advise on.")
    if len(question) > QUESTION_MAX:
        raise ActionError("question", f"The question must be {QUESTION_MAX:,} characters or fewer.")
    check_not_future(on, today)
    due = _due_on(kind, on, due_on)
    case = Case.objects.select_for_update().select_related("la", "child").get(pk=case.pk)
    if not case.is_open:
        raise ActionError(WHOLE_FORM, "This case is closed: reopen it before asking for advice.")
    if case.advice_requests.filter(team=team, kind=kind, status=AdviceRequest.Status.OPEN).exists():
        raise ActionError(
            "team", "This team already has an open request of this kind on this case."
        )
    event = None
    if kind == AdviceRequest.Kind.ASSESSMENT:
        event = record_advice_requested(
            case=case, on=on, discipline=team.discipline, by=by, today=today
        )
    grant = AccessGrant.objects.create(
        child=case.child,
        team=team,
        reason=_grant_reason(team, kind, due),
        starts_on=on,
        ends_on=None,
    )
    request = AdviceRequest.objects.create(
        case=case,
        team=team,
        kind=kind,
        question=question,
        requested_on=on,
        due_on=due,
        requested_event=event,
        grant=grant,
        requested_by=by,
    )
    audit.record(
        user=by,
        verb="write",
        obj=request,
        child=case.child,
        summary=f"case {case.pk}: advice request {request.pk} to team {team.pk} ({kind}), "
        f"grant {grant.pk}",
    )
    _notify_team(request, by)
    return request


def request_link(request: AdviceRequest) -> str:
    """The full address of the request's page, for messages (``SENDA_SITE_URL``)."""
    return notify.site_link(reverse("web:portal-advice-request", kwargs={"request_id": request.pk}))


def _notify_team(request: AdviceRequest, by: Any) -> None:
    """One ``advice_request`` message to each member of the team with an email address."""
    case = request.case
    for member in request.team.members.exclude(email="").order_by("pk"):
        notify.send(
            la=case.la,
            to=member.email,
            template="advice_request",
            personalisation={
                "name": display_name(member),
                "council": case.la.name,
                "team": request.team.name,
                "due": long_date(request.due_on),
                "reference": notify.case_reference(case),
                "link": request_link(request),
            },
            user=member,
            case=case,
            dedupe_key=f"advice_request:{request.pk}:{member.pk}",
            by=by,
        )


def _locked(request: AdviceRequest) -> AdviceRequest:
    return (
        AdviceRequest.objects.select_for_update()
        .select_related("case__la", "case__child", "team", "grant")
        .get(pk=request.pk)
    )


def _close(request: AdviceRequest, status: str, by: Any, today: date, grant_ends: date) -> None:
    request.status = status
    request.answered_on = today
    request.answered_by = by
    request.save()
    request.grant.ends_on = grant_ends
    request.grant.save(update_fields=["ends_on"])


def _check_member(request: AdviceRequest, by: Any) -> None:
    check_permission(
        _is_member(by, request.team), "Only a member of the team asked can answer this request."
    )


def _check_open(request: AdviceRequest, today: date) -> None:
    if request.status == AdviceRequest.Status.WITHDRAWN:
        raise ActionError(WHOLE_FORM, "The council has withdrawn this request.")
    if request.status != AdviceRequest.Status.OPEN:
        raise ActionError(WHOLE_FORM, "Your team has already replied to this request.")
    if not request.grant.in_force(today):
        raise ActionError(WHOLE_FORM, "This request is not open yet.")


@transaction.atomic
def answer_advice(
    *, request: AdviceRequest, answer: str, by: Any, today: date | None = None
) -> AdviceRequest:
    """A member of the team sends its advice (typed, or in a file uploaded for the request).
    For an assessment this records ``advice_received`` for the team's discipline, by the
    advice-giver. The grant then ends ``SENDA_ADVICE_ACCESS_DAYS`` later. Answering a
    request already answered changes nothing."""
    today = today or kernel.today()
    _check_member(request, by)
    request = _locked(request)
    if request.status == AdviceRequest.Status.ANSWERED:
        return request
    _check_open(request, today)
    answer = (answer or "").strip()
    if not answer and not request.uploads.exists():
        raise ActionError("answer", "Enter your advice, or upload it as a file.")
    if len(answer) > ANSWER_MAX:
        raise ActionError("answer", f"Your advice must be {ANSWER_MAX:,} characters or fewer.")
    if request.kind == AdviceRequest.Kind.ASSESSMENT:
        request.received_event = record_advice_received(
            case=request.case, on=today, discipline=request.team.discipline, by=by, today=today
        )
    request.answer = answer
    _close(request, AdviceRequest.Status.ANSWERED, by, today, grant_end(today))
    audit.record(
        user=by,
        verb="write",
        obj=request,
        child=request.case.child,
        summary=f"case {request.case_id}: advice request {request.pk} answered"
        + (f", event {request.received_event_id}" if request.received_event_id else ""),
    )
    return request


@transaction.atomic
def decline_advice(
    *, request: AdviceRequest, reason: str, by: Any, note: str = "", today: date | None = None
) -> AdviceRequest:
    """A member of the team declines: not involved (or discharged), or last year's advice
    still stands (``DECLINE_REASONS``), with an optional note. No clock step is recorded:
    the officer decides what follows. The grant ends as for an answer."""
    today = today or kernel.today()
    _check_member(request, by)
    check_choice(reason, DECLINE_REASONS, "reason", "why you cannot give advice")
    note = (note or "").strip()
    if len(note) > ANSWER_MAX:
        raise ActionError("note", f"The note must be {ANSWER_MAX:,} characters or fewer.")
    request = _locked(request)
    if request.status == AdviceRequest.Status.DECLINED:
        return request
    _check_open(request, today)
    request.answer = "\n\n".join(filter(None, [DECLINE_REASONS[reason], note]))
    _close(request, AdviceRequest.Status.DECLINED, by, today, grant_end(today))
    audit.record(
        user=by,
        verb="write",
        obj=request,
        child=request.case.child,
        summary=f"case {request.case_id}: advice request {request.pk} declined ({reason})",
    )
    return request


@transaction.atomic
def withdraw_advice_request(
    *, request: AdviceRequest, by: Any, today: date | None = None
) -> AdviceRequest:
    """The council withdraws an open request: the team's grant ends today. (An assessment's
    ``advice_requested`` step stays on the case: withdraw it from the timeline if it was
    recorded in error.) Withdrawing twice changes nothing."""
    today = today or kernel.today()
    check_permission(
        _is_council_writer(by, request.case.la_id),
        "Only the council's casework staff can withdraw a request.",
    )
    request = _locked(request)
    if request.status == AdviceRequest.Status.WITHDRAWN:
        return request
    if request.status != AdviceRequest.Status.OPEN:
        raise ActionError(WHOLE_FORM, "This request has been answered: it cannot be withdrawn.")
    request.status = AdviceRequest.Status.WITHDRAWN
    request.save(update_fields=["status"])
    request.grant.ends_on = max(today, request.grant.starts_on)
    request.grant.save(update_fields=["ends_on"])
    audit.record(
        user=by,
        verb="write",
        obj=request,
        child=request.case.child,
        summary=f"case {request.case_id}: advice request {request.pk} withdrawn",
    )
    return request


def record_advice_feedback(
    *, request: AdviceRequest, answer: int, by: Any, today: date | None = None
) -> PortalFeedback:
    """One answer to "The portal was easy to use", after a team answered ``request``."""
    _check_member(request, by)
    return feedback.record_feedback(
        la=request.case.la,
        user=by,
        answer=answer,
        about="advice",
        today=today,
        what=f"advice request {request.pk}",
    )


# --- Reads ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AdviceTask:
    """One request on a team member's task list, with whether it is past its due date."""

    request: AdviceRequest
    overdue: bool


def _teams_requests(user: Any, today: date) -> QuerySet[AdviceRequest]:
    """Requests to ``user``'s teams whose grant is in force ``today``."""
    grants = AccessGrant.objects.for_user(user).active(today)
    return AdviceRequest.objects.filter(team__members=user, grant__in=grants).select_related(
        "team", "case__child__setting"
    )


def open_tasks(user: Any, today: date) -> list[AdviceTask]:
    """The open requests to ``user``'s teams, due soonest first, overdue ones flagged."""
    found = _teams_requests(user, today).filter(status=AdviceRequest.Status.OPEN)
    return [AdviceTask(r, r.due_on < today) for r in found.order_by("due_on", "id")]


def recent_tasks(user: Any, today: date) -> list[AdviceRequest]:
    """Requests ``user``'s teams answered or declined (or the council withdrew) that they
    can still open, most recent first."""
    found = _teams_requests(user, today).exclude(status=AdviceRequest.Status.OPEN)
    return list(found.order_by("-answered_on", "-requested_on", "-id"))


def requests_of_case(case: Case) -> QuerySet[AdviceRequest]:
    """Every request on ``case``, most recent first (the council's list)."""
    return case.advice_requests.select_related("team").order_by("-requested_on", "-id")
