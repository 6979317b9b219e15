"""Writes of the training register and the establishment (docs/workforce.md).

- :func:`add_trainee`, :func:`add_course`, :func:`add_session`: a person, a course, a session;
  :func:`record_leaving`: a person leaving the service;
- :func:`record_attendance`: who came to a session and their survey, many at once; a mark
  that differs from the current one supersedes it (kept), one that is the same is skipped;
- :func:`add_post`, :func:`fill_post`: a post in a team's establishment, and its filling.

Only team and service managers of the area write them. Each is keyword-only, atomic,
checked with the kernel's checks and audited (identifiers only: never a person's name).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from senda import audit, kernel
from senda.kernel import ActionError, check_choice, check_permission
from senda.people.models import (
    Attendance,
    Course,
    LocalAuthority,
    Post,
    Programme,
    Role,
    Service,
    Trainee,
    TrainingSession,
)

__all__ = [
    "MANAGE_ROLES",
    "SEE_ROLES",
    "Mark",
    "add_course",
    "add_post",
    "add_session",
    "add_trainee",
    "can_manage",
    "fill_post",
    "record_attendance",
    "record_leaving",
]

MANAGE_ROLES = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})
#: Who sees the training register and posts (the workforce pages).
SEE_ROLES = MANAGE_ROLES | {Role.QA_AUDITOR}
NOT_MANAGER = "Only a team or service manager of this area can change the training register."
LONGEST = 200


def can_manage(user: Any, la_id: int) -> bool:
    """Whether ``user`` writes the training register and posts of area ``la_id``."""
    membership = getattr(user, "membership", None)
    return membership is not None and membership.la_id == la_id and membership.role in MANAGE_ROLES


def _text(value: str | None, field: str, missing: str, what: str) -> str:
    text = kernel.required_text(" ".join((value or "").split()), field, missing)
    if len(text) > LONGEST:
        raise ActionError(field, f"{what} must be {LONGEST} characters or fewer")
    return text


def _write(by: Any, obj: Any, la_id: int, summary: str) -> None:
    audit.record(user=by, verb="write", obj=obj, la_id=la_id, summary=summary)


@transaction.atomic
def add_trainee(
    *,
    la: LocalAuthority,
    name: str,
    service: str,
    organisation: str,
    started_on: date | None,
    user: Any = None,
    by: Any,
) -> Trainee:
    """A person the register follows: their name, service, organisation and start date
    (not in the future), and their Senda account if they have one in this area."""
    check_permission(can_manage(by, la.pk), NOT_MANAGER)
    name = _text(name, "name", "Enter the person's name", "The name")
    check_choice(service, Service.values, "service", "a service")
    organisation = _text(organisation, "organisation", "Enter their organisation", "It")
    started = kernel.required_date(started_on, "started_on", "Enter the date they started")
    kernel.check_not_future(started, kernel.today(), "started_on")
    if user is not None and getattr(getattr(user, "membership", None), "la_id", None) != la.pk:
        raise ActionError("user", "Choose an account of this area")
    row = Trainee.objects.create(
        la=la,
        name=name,
        service=service,
        organisation=organisation,
        started_on=started,
        user=user,
    )
    _write(by, row, la.pk, f"trainee {row.pk}: {service}")
    return row


@transaction.atomic
def add_course(
    *,
    la: LocalAuthority,
    name: str,
    programme: str,
    services: Sequence[str],
    refresher_months: int,
    by: Any,
) -> Course:
    """A course of a programme, for one or more services, refreshed every 1–60 months."""
    check_permission(can_manage(by, la.pk), NOT_MANAGER)
    name = _text(name, "name", "Enter the course's name", "The name")
    check_choice(programme, Programme.values, "programme", "a programme")
    chosen = list(dict.fromkeys(services))
    if not chosen:
        raise ActionError("services", "Choose the services the course is for")
    for code in chosen:
        check_choice(code, Service.values, "services", "the services the course is for")
    months = refresher_months
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 60:
        raise ActionError("refresher_months", "Refresh every 1 to 60 months")
    if Course.objects.filter(la=la, name=name).exists():
        raise ActionError("name", "A course of this name is in the register already")
    row = Course.objects.create(
        la=la, name=name, programme=programme, services=",".join(chosen), refresher_months=months
    )
    _write(by, row, la.pk, f"course {row.pk}: {programme} for {row.services}")
    return row


@transaction.atomic
def add_session(
    *, course: Course, on: date | None, place: str, online: bool = False, by: Any
) -> TrainingSession:
    """A running of ``course`` on a date (up to a year ahead), at a place or online."""
    check_permission(can_manage(by, course.la_id), NOT_MANAGER)
    day = kernel.required_date(on, "on", "Enter the date of the session")
    if (day - kernel.today()).days > 366:
        raise ActionError("on", "The date must be within a year from today")
    where = "Online" if online and not (place or "").strip() else place
    where = _text(where, "place", "Enter where the session is, or choose online", "The place")
    row = TrainingSession.objects.create(course=course, on=day, place=where, online=online)
    _write(by, row, course.la_id, f"session {row.pk}: course {course.pk} on {day.isoformat()}")
    return row


@transaction.atomic
def record_leaving(*, trainee: Trainee, on: date | None, by: Any) -> Trainee:
    """Record that ``trainee`` left the service on a date (not before they started, not in
    the future): from then they are in no service's figures. Recorded once."""
    check_permission(can_manage(by, trainee.la_id), NOT_MANAGER)
    trainee = Trainee.objects.select_for_update().get(pk=trainee.pk)
    if trainee.left_on is not None:
        raise ActionError("on", "Their leaving is recorded already")
    day = kernel.required_date(on, "on", "Enter the date they left")
    kernel.check_not_future(day, kernel.today(), "on")
    if day < trainee.started_on:
        raise ActionError("on", "The date they left must be on or after the date they started")
    trainee.left_on = day
    trainee.save(update_fields=["left_on"])
    _write(by, trainee, trainee.la_id, f"trainee {trainee.pk} left {day.isoformat()}")
    return trainee


@dataclass(frozen=True)
class Mark:
    """One person's line on a session's register: came or not, and the survey (1–5 before
    and after, confident yes or no; None where not answered)."""

    trainee: Trainee
    attended: bool = True
    before: int | None = None
    after: int | None = None
    confident: bool | None = None

    def values(self) -> tuple[bool, int | None, int | None, bool | None]:
        return (self.attended, self.before, self.after, self.confident)


def _check_mark(mark: Mark, session: TrainingSession, today: date) -> None:
    if mark.trainee.la_id != session.course.la_id:
        raise ActionError("trainee", "Choose people of this area")
    for value, field in ((mark.before, "before"), (mark.after, "after")):
        if value is not None and (isinstance(value, bool) or value not in range(1, 6)):
            raise ActionError(field, "Confidence is a whole number from 1 to 5")
    answered = (mark.before, mark.after, mark.confident) != (None, None, None)
    if answered and not mark.attended:
        raise ActionError("attended", f"{mark.trainee.name} did not attend: leave the survey blank")
    if mark.attended and session.on > today:
        raise ActionError("attended", "The session has not happened yet")


@transaction.atomic
def record_attendance(
    *, session: TrainingSession, marks: Sequence[Mark], by: Any, via: str = ""
) -> int:
    """Record each mark on the session's register, all or none: a person's current line
    that differs is superseded (kept), one that is the same is left. Returns how many lines
    were written."""
    la_id = session.course.la_id
    check_permission(can_manage(by, la_id), NOT_MANAGER)
    today = kernel.today()
    if not marks:
        raise ActionError("trainees", "Choose at least one person")
    seen: set[int] = set()
    for mark in marks:
        _check_mark(mark, session, today)
        if mark.trainee.pk in seen:
            raise ActionError("trainees", f"{mark.trainee.name} is listed twice")
        seen.add(mark.trainee.pk)
    before = {
        row.trainee_id: row
        for row in Attendance.objects.select_for_update(of=("self",))
        .current()
        .filter(session=session, trainee_id__in=seen)
    }
    written = 0
    for mark in marks:
        old = before.get(mark.trainee.pk)
        if old is not None:
            if (old.attended, old.confidence_before, old.confidence_after, old.confident_after) == (
                mark.values()
            ):
                continue
            old.superseded_on = today
            old.save(update_fields=["superseded_on"])
        Attendance.objects.create(
            session=session,
            trainee=mark.trainee,
            attended=mark.attended,
            confidence_before=mark.before,
            confidence_after=mark.after,
            confident_after=mark.confident,
            via=via[:200],
            recorded_by=by,
        )
        written += 1
    _write(by, session, la_id, f"attendance: session {session.pk}, {written} line(s)")
    return written


@transaction.atomic
def add_post(
    *,
    la: LocalAuthority,
    team: str,
    title: str,
    new: bool,
    needed_from: date | None,
    by: Any,
) -> Post:
    """A post in a team's establishment, needed from a date; ``new`` if the improvement plan
    adds it."""
    check_permission(can_manage(by, la.pk), NOT_MANAGER)
    check_choice(team, Service.values, "team", "a team")
    title = _text(title, "title", "Enter the post's title", "The title")
    needed = kernel.required_date(needed_from, "needed_from", "Enter when the post is needed from")
    row = Post.objects.create(la=la, team=team, title=title, new=new, needed_from=needed)
    _write(by, row, la.pk, f"post {row.pk}: {team}{' new' if new else ''}")
    return row


@transaction.atomic
def fill_post(*, post: Post, on: date | None, trainee: Trainee | None = None, by: Any) -> Post:
    """Record that ``post`` was filled on a date (not in the future), by a person of the
    register if they are in it. A filled post is not filled again."""
    check_permission(can_manage(by, post.la_id), NOT_MANAGER)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.filled_on is not None:
        raise ActionError("on", "The post is filled already")
    day = kernel.required_date(on, "on", "Enter the date the post was filled")
    kernel.check_not_future(day, kernel.today(), "on")
    if trainee is not None and trainee.la_id != post.la_id:
        raise ActionError("trainee", "Choose a person of this area")
    post.filled_on, post.filled_by = day, trainee
    post.save(update_fields=["filled_on", "filled_by"])
    who = f" by trainee {trainee.pk}" if trainee else ""
    _write(by, post, post.la_id, f"post {post.pk} filled {day.isoformat()}{who}")
    return post
