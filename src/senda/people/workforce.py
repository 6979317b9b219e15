"""Reads of the training register and the establishment, and the workforce KPIs' measures
(``senda tick`` asks for them through ``senda.performance.records``; docs/workforce.md).

A person is **current** in a course on a day if they attended one of its sessions on or
before that day and less than the course's refresher period (``refresher_months``) before
it. A person is **trained** for the KPIs if they are current in at least one course for
their own service other than an induction. **New starters** (started in the last year)
should have attended an induction course within ``INDUCTION_DAYS`` of starting.

Measures (each KPI's staff are listed behind its figure, ``of="trainee"`` or ``"post"``):

- ``staff-trained`` (SEN assessment and review staff), ``staff-trained-review``,
  ``staff-trained-eps`` / ``-salt`` / ``-ot`` / ``-pt``, ``staff-trained-family-help``,
  ``staff-trained-social-care``: people in the service on the day judged who are trained;
- ``training-confidence``: surveys of sessions in the period answering "competent and
  confident after" yes; ``training-confidence-improved``: surveys whose confidence after is
  higher than before;
- ``posts-filled``: new posts needed by the day judged that are filled by then.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection

from senda.people.models import (
    Attendance,
    LocalAuthority,
    Post,
    Programme,
    Service,
    Trainee,
)

__all__ = [
    "GROUPS",
    "INDUCTION_DAYS",
    "MEASURES",
    "ON_THE_DAY",
    "Figure",
    "add_months",
    "count",
    "current_until",
    "induction",
    "trained_on",
]

INDUCTION_DAYS = 90
#: How far back a session can still count (the longest refresher period).
LONGEST_REFRESHER_DAYS = 60 * 31


@dataclass(frozen=True)
class Figure:
    """A measure's answer, shaped as ``senda.performance.records.Found``: the ids counted
    (numerator) and missed (denominator only)."""

    counted: tuple[int, ...]
    missed: tuple[int, ...] = ()
    open: tuple[int, ...] = ()
    rate: bool = True
    of: str = "trainee"

    @property
    def numerator(self) -> int:
        return len(self.counted)

    @property
    def denominator(self) -> int | None:
        return len(self.counted) + len(self.missed)


def add_months(day: date, months: int) -> date:
    """``day`` ``months`` later, the last day of a shorter month where it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def current_until(attended_on: date, refresher_months: int) -> date:
    """The last day a session attended on ``attended_on`` keeps a person current."""
    return add_months(attended_on, refresher_months) - timedelta(days=1)


def induction(started_on: date, inducted_on: date | None, today: date) -> str:
    """``done``, ``due`` (within ``INDUCTION_DAYS`` of starting), ``overdue``, or ``""``
    for someone who started more than a year ago without a recorded induction."""
    if inducted_on is not None:
        return "done"
    if (today - started_on).days > 365:
        return ""
    return "due" if (today - started_on).days <= INDUCTION_DAYS else "overdue"


@dataclass(frozen=True)
class Line:
    """One attended session: who, their service, the course and when."""

    trainee: int
    service: str
    course: int
    programme: str
    services: tuple[str, ...]
    on: date
    months: int


def lines(la_id: int, day: date) -> list[Line]:
    """Every current attended line of the area's register on or before ``day`` still
    within the longest refresher period."""
    rows = (
        Attendance.objects.current()
        .of_area(la_id)
        .filter(
            attended=True,
            session__on__lte=day,
            session__on__gt=day - timedelta(days=LONGEST_REFRESHER_DAYS),
        )
        .order_by()
        .values_list(
            "trainee_id",
            "trainee__service",
            "session__course_id",
            "session__course__programme",
            "session__course__services",
            "session__on",
            "session__course__refresher_months",
        )
    )
    return [
        Line(trainee, service, course, programme, tuple(services.split(",")), on, months)
        for trainee, service, course, programme, services, on, months in rows
    ]


def trained_on(found: Iterable[Line], day: date, programme: str | None = None) -> set[int]:
    """People current on ``day`` in a course for their own service: of ``programme``, or of
    any programme but induction (which new starters attend once; it is not the training the
    targets count)."""
    return {
        line.trainee
        for line in found
        if line.service in line.services
        and line.on <= day <= current_until(line.on, line.months)
        and (line.programme == programme if programme else line.programme != Programme.INDUCTION)
    }


def in_service(la_id: int, day: date, services: Iterable[str]) -> list[tuple[int, str]]:
    """(id, service) of the people in ``services`` on ``day``."""
    return list(
        Trainee.objects.filter(la_id=la_id, service__in=list(services), started_on__lte=day)
        .exclude(left_on__lte=day)
        .order_by("name", "pk")
        .values_list("pk", "service")
    )


def coverage(la_id: int, day: date) -> dict[tuple[str, str], tuple[int, int]]:
    """(service, programme) → (people current in a course of the programme for their
    service, people in the service) on ``day``; programme ``""`` is any course."""
    found = lines(la_id, day)
    people = in_service(la_id, day, Service.values)
    table: dict[tuple[str, str], tuple[int, int]] = {}
    for programme in ["", *Programme.values]:
        trained = trained_on(found, day, programme or None)
        for service in Service.values:
            ids = [pk for pk, of in people if of == service]
            table[service, programme] = (sum(pk in trained for pk in ids), len(ids))
    return table


def _judged(end: date, as_of: date) -> date:
    return min(end, as_of)


Measure = Callable[[LocalAuthority, date, date, date], Figure]


@dataclass(frozen=True)
class _Day:
    """Who is in each service on a day, and who of them is trained."""

    people: list[tuple[int, str]]
    trained: set[int]


#: ``_day``'s answers by (area, day, stamp): ``senda tick`` asks eight KPIs the same
#: question for every day of its history. The stamp changes with every write the register
#: has (attendance is appended, people added, a person leaving counted; a course counts
#: only through its attendance), so a stored answer is never stale; a new way of changing
#: a row in place must change the stamp too.
_DAYS: dict[tuple[int, date, tuple[object, ...]], _Day] = {}


def _stamp(la_id: int) -> tuple[object, ...]:
    """One plain query (compiling an aggregate through the ORM cost more than the answer
    saved): the area's last person, how many have left, its last attendance line."""
    people, lines = Trainee._meta.db_table, Attendance._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {people} WHERE la_id = %s),"
            f" (SELECT COUNT(left_on) FROM {people} WHERE la_id = %s),"
            f" (SELECT MAX(a.id) FROM {lines} a JOIN {people} t ON t.id = a.trainee_id"
            " WHERE t.la_id = %s)",
            [la_id, la_id, la_id],
        )
        return tuple(cursor.fetchone() or ())


def _day(la_id: int, day: date) -> _Day:
    key = (la_id, day, _stamp(la_id))
    found = _DAYS.get(key)
    if found is None:
        if len(_DAYS) > 256:
            _DAYS.clear()
        people = in_service(la_id, day, Service.values)
        found = _DAYS[key] = _Day(people, trained_on(lines(la_id, day), day))
    return found


def _trained(*services: str) -> Measure:
    def measure(la: LocalAuthority, start: date, end: date, as_of: date) -> Figure:
        found = _day(la.pk, _judged(end, as_of))
        people = [pk for pk, service in found.people if service in services]
        return Figure(
            tuple(pk for pk in people if pk in found.trained),
            tuple(pk for pk in people if pk not in found.trained),
        )

    return measure


def _surveys(
    la: LocalAuthority, start: date, day: date
) -> list[tuple[int, int | None, int | None, bool | None]]:
    return list(
        Attendance.objects.current()
        .of_area(la.pk)
        .filter(attended=True, session__on__gte=start, session__on__lte=day)
        .order_by("trainee__name", "pk")
        .values_list("trainee_id", "confidence_before", "confidence_after", "confident_after")
    )


def _confident(la: LocalAuthority, start: date, end: date, as_of: date) -> Figure:
    rows = [row for row in _surveys(la, start, _judged(end, as_of)) if row[3] is not None]
    return Figure(
        tuple(pk for pk, _, _, yes in rows if yes), tuple(pk for pk, _, _, yes in rows if not yes)
    )


def _improved(la: LocalAuthority, start: date, end: date, as_of: date) -> Figure:
    both = [
        (pk, before, after)
        for pk, before, after, _ in _surveys(la, start, _judged(end, as_of))
        if before is not None and after is not None
    ]
    return Figure(
        tuple(pk for pk, before, after in both if after > before),
        tuple(pk for pk, before, after in both if after <= before),
    )


def _posts_filled(la: LocalAuthority, start: date, end: date, as_of: date) -> Figure:
    day = _judged(end, as_of)
    rows = (
        Post.objects.filter(la=la, new=True, needed_from__lte=day)
        .exclude(ended_on__lte=day)
        .order_by("team", "pk")
        .values_list("pk", "filled_on")
    )
    found: dict[bool, list[int]] = defaultdict(list)
    for pk, filled in rows:
        found[filled is not None and filled <= day].append(pk)
    return Figure(tuple(found[True]), tuple(found[False]), of="post")


#: Each target group's KPI and the services it counts.
GROUPS: dict[str, tuple[str, ...]] = {
    "staff-trained": (Service.SEN_ASSESSMENT, Service.REVIEW),
    "staff-trained-review": (Service.REVIEW,),
    "staff-trained-eps": (Service.EPS,),
    "staff-trained-salt": (Service.SALT,),
    "staff-trained-ot": (Service.OT,),
    "staff-trained-pt": (Service.PT,),
    "staff-trained-family-help": (Service.FAMILY_HELP,),
    "staff-trained-social-care": (Service.SOCIAL_CARE,),
}

MEASURES: dict[str, Measure] = {
    **{kpi: _trained(*services) for kpi, services in GROUPS.items()},
    "training-confidence": _confident,
    "training-confidence-improved": _improved,
    "posts-filled": _posts_filled,
}
#: Measures read as the records stand on the day judged (one figure a day).
ON_THE_DAY = frozenset({*GROUPS, "posts-filled"})


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Figure:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return MEASURES[name](la, start, end, as_of)
