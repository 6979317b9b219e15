"""Caseloads: open cases and overdue work per case officer, against the caseload target.

An officer's target is their own (``Membership.caseload_target``, e.g. part time) or else
their local area's (``LocalAuthority.caseload_target``). An officer is **at target** when
they hold no more open cases than their target: at or under it. This is the
``caseload-at-target`` KPI: officers at target / case officers of the area.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db.models import Count, FilteredRelation, Q, QuerySet
from django.db.models.functions import Coalesce

from senda import kernel
from senda.casework.models import Case, DeadlineRow
from senda.casework.models.deadlines import overdue_on, row_overdue_on
from senda.clock import REVIEW_DUE_RULES
from senda.people.models import LocalAuthority, Membership, Role
from senda.people.names import name_from

#: Roles that see the team view and may move cases between officers.
CASELOAD_MANAGER_ROLES = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})
#: Roles that may hold cases (the same rule as ``reassign_case``).
CASE_HOLDER_ROLES = frozenset({Role.CASE_OFFICER, Role.TEAM_MANAGER})
COUNTS = ("open_cases", "target", "overdue_deadlines", "overdue_reviews")


def case_holders(la: LocalAuthority) -> QuerySet[User]:
    """The area's active case holders (case officers and team managers), by name."""
    return User.objects.filter(
        membership__la=la, membership__role__in=CASE_HOLDER_ROLES, is_active=True
    ).order_by("last_name", "first_name", "username")


@dataclass(frozen=True, slots=True)
class OfficerLoad:
    """One case officer's caseload: plain values, safe to cache or serialise."""

    officer_id: int
    name: str
    open_cases: int
    target: int
    overdue_deadlines: int
    overdue_reviews: int

    @property
    def difference(self) -> int:
        """Cases over target (positive) or under it (negative)."""
        return self.open_cases - self.target

    @property
    def headroom(self) -> int:
        """Cases the officer could take before going over target (negative when over)."""
        return self.target - self.open_cases

    @property
    def at_target(self) -> bool:
        return self.open_cases <= self.target


@dataclass(frozen=True, slots=True)
class TeamTotals:
    officers: int
    open_cases: int
    target: int
    overdue_deadlines: int
    overdue_reviews: int
    at_target: int

    @property
    def share_at_target(self) -> float | None:
        """Fraction of officers at target (0–1); None for an area with no officers."""
        return self.at_target / self.officers if self.officers else None


@dataclass(frozen=True, slots=True)
class Suggestion:
    officer: OfficerLoad
    reason: str


def caseload_by_officer(la: LocalAuthority, *, today: date | None = None) -> list[OfficerLoad]:
    """Every case officer of ``la`` (those holding no case too), by name: one query, one
    pass over the officers' open cases and their deadline rows (no per-officer subqueries).
    The ``caseload-at-target`` KPI is :func:`team_totals` of this."""
    today = today or kernel.today()
    held = FilteredRelation(
        "user__cases", condition=Q(user__cases__la=la, user__cases__status=Case.Status.OPEN)
    )
    # Join only the overdue rows (a few thousand), not every deadline of every case; the
    # rows are reached through open cases (``held``), so the case test is already made.
    late = FilteredRelation(
        "held__deadlines", condition=row_overdue_on(today, via="held__deadlines__")
    )
    rows = (
        Membership.objects.filter(la=la, role=Role.CASE_OFFICER)
        .annotate(held=held)
        .annotate(late=late)
        .annotate(
            open_cases=Count("held", distinct=True),
            target=Coalesce("caseload_target", "la__caseload_target"),
            overdue_deadlines=Count("late"),
            overdue_reviews=Count("late", filter=Q(late__rule__in=REVIEW_DUE_RULES)),
        )
        .values_list("user_id", "user__first_name", "user__last_name", "user__username", *COUNTS)
    )
    loads = [
        OfficerLoad(user_id, name_from(first, last, username), *counts)
        for user_id, first, last, username, *counts in rows
    ]
    return sorted(loads, key=lambda load: (load.name.lower(), load.officer_id))


@dataclass(frozen=True, slots=True)
class Team:
    """The area's case officers' loads and its open cases: held by them or by others
    (team managers, former staff), and unallocated; and the overdue review deadlines of all
    its open cases (the service dashboard's overdue annual reviews today)."""

    loads: list[OfficerLoad]
    open_cases: int
    unallocated: int
    overdue_reviews: int

    @property
    def held_by_others(self) -> int:
        return self.open_cases - self.unallocated - sum(x.open_cases for x in self.loads)


def team_caseloads(la: LocalAuthority, *, today: date | None = None) -> Team:
    """:func:`caseload_by_officer`, the area's open and unallocated cases and its overdue
    review deadlines: three queries."""
    today = today or kernel.today()
    counts = Case.objects.filter(la=la, status=Case.Status.OPEN).aggregate(
        total=Count("pk"), unallocated=Count("pk", filter=Q(officer__isnull=True))
    )
    reviews = DeadlineRow.objects.filter(overdue_on(today), case__la=la, rule__in=REVIEW_DUE_RULES)
    loads = caseload_by_officer(la, today=today)
    return Team(loads, counts["total"], counts["unallocated"], reviews.count())


def team_totals(loads: list[OfficerLoad]) -> TeamTotals:
    return TeamTotals(
        officers=len(loads),
        open_cases=sum(load.open_cases for load in loads),
        target=sum(load.target for load in loads),
        overdue_deadlines=sum(load.overdue_deadlines for load in loads),
        overdue_reviews=sum(load.overdue_reviews for load in loads),
        at_target=sum(1 for load in loads if load.at_target),
    )


def suggest_receiver(
    loads: list[OfficerLoad], *, moving: int = 0, exclude: int | None = None
) -> Suggestion | None:
    """Who has room: the most headroom under target, then the fewest overdue deadlines,
    then the fewest overdue reviews, then by name. None when there is nobody else."""
    candidates = [load for load in loads if load.officer_id != exclude]
    if not candidates:
        return None
    best = min(
        candidates,
        key=lambda x: (-x.headroom, x.overdue_deadlines, x.overdue_reviews, x.name.lower()),
    )
    return Suggestion(best, _reason(best, moving))


def _reason(load: OfficerLoad, moving: int) -> str:
    overdue = _plural(load.overdue_deadlines, "overdue deadline")
    if load.headroom > 0:
        room = f"has the most room: {load.headroom} under their target of {load.target}"
    elif load.headroom == 0:
        room = f"is exactly at their target of {load.target}, and nobody is under target"
    else:
        room = f"is the least over target: {-load.headroom} over their target of {load.target}"
    after = f" Taking {_plural(moving, 'case')} brings them to {load.open_cases + moving}."
    return f"Suggested: {load.name} {room}, with {overdue}.{after if moving else ''}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
