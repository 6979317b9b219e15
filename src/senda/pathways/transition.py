"""Transition to adult services: who is approaching 18, what is recorded for each, what is
missing, and the figures the KPIs and the page show. The rules are pure (dates in,
answers out); the reads ask the database once for the plans and once for the records.

- **Approaching 18**: aged 16 or 17 today with an EHC plan in force.
- **By 17½** (six months before the 18th birthday): a transition plan to adult services,
  and, for a young person rated red (complex needs), allocation to an adult social care
  worker.
- **Learning disability**: primary need moderate, severe or profound and multiple learning
  difficulty (``MLD``, ``SLD``, ``PMLD``); from 14 an annual health check is due every
  year (within the last 365 days) and a preparing-for-adulthood health action plan.
- **Travel training**: asked of every young person approaching 18; recorded when
  completed (green-rated young people are not asked).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.db.models import OuterRef, Subquery

from senda.casework.models import Plan
from senda.pathways.models import Complexity, TransitionKind, TransitionRecord

__all__ = [
    "CHECK_WITHIN",
    "LEARNING_DISABILITY",
    "Young",
    "add_months",
    "age_in_months",
    "approaching_18",
    "facts_of",
    "median_age_at_allocation",
    "months_text",
]

LEARNING_DISABILITY = frozenset({"MLD", "SLD", "PMLD"})
#: An annual health check counts for this long.
CHECK_WITHIN = timedelta(days=365)
HEALTH_CHECK_FROM = 14


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; a day the month lacks moves to the 1st of
    the next (a birthday on 29 February falls on 1 March, as in English law)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    try:
        return date(year, month, day.day)
    except ValueError:
        return date(year + (month == 12), month % 12 + 1, 1)


def age_in_months(born: date, on: date) -> int:
    """Completed months of age on ``on``."""
    months = (on.year - born.year) * 12 + on.month - born.month
    return months - 1 if add_months(born, months) > on else months


def months_text(months: int) -> str:
    years, rest = divmod(months, 12)
    return f"{years} years {rest} month{'s' if rest != 1 else ''}"


class Fact(NamedTuple):
    """A current transition record, as the rules read it (a page passes the model rows)."""

    kind: str
    on: date
    rating: str = ""
    worker: str = ""
    pk: int = 0


@dataclass
class Young:
    """One young person's transition as recorded: the latest current record of each kind."""

    child_id: int
    case_id: int
    born: date
    need: str = ""
    rating: str = ""
    rated_on: date | None = None
    allocated_on: date | None = None
    worker: str = ""
    plan_on: date | None = None
    travel_on: date | None = None
    health_plan_on: date | None = None
    check_on: date | None = None
    records: list[Fact | TransitionRecord] = field(default_factory=list)

    @property
    def turns_18(self) -> date:
        return add_months(self.born, 18 * 12)

    @property
    def by_17_6m(self) -> date:
        return add_months(self.born, 17 * 12 + 6)

    @property
    def learning_disability(self) -> bool:
        return self.need in LEARNING_DISABILITY

    def age(self, today: date) -> int:
        return age_in_months(self.born, today) // 12

    def check_current(self, today: date) -> bool:
        return self.check_on is not None and today - self.check_on < CHECK_WITHIN

    def missing(self, today: date) -> list[str]:
        """What is missing today, in plain words; overdue ones say so."""
        late = today > self.by_17_6m
        gaps = []
        if not self.rating:
            gaps.append("complexity rating")
        if self.rating == Complexity.RED and self.allocated_on is None:
            gaps.append("adult social care worker" + (" (overdue: by 17½)" if late else ""))
        if self.plan_on is None:
            gaps.append("transition plan" + (" (overdue: by 17½)" if late else ""))
        if self.rating != Complexity.GREEN and self.travel_on is None:
            gaps.append("travel training")
        if self.learning_disability and self.age(today) >= HEALTH_CHECK_FROM:
            if self.health_plan_on is None:
                gaps.append("health action plan")
            if not self.check_current(today):
                gaps.append("annual health check")
        return gaps


def facts_of(young: Young, records: Iterable[Fact | TransitionRecord], as_of: date | None) -> Young:
    """``young`` with the latest current record of each kind dated by ``as_of`` (all when
    None)."""
    for r in sorted(records, key=lambda r: (r.on, r.pk or 0)):
        if as_of is not None and r.on > as_of:
            continue
        young.records.append(r)
        if r.kind == TransitionKind.RATING:
            young.rating, young.rated_on = r.rating, r.on
        elif r.kind == TransitionKind.ALLOCATED:
            young.allocated_on, young.worker = r.on, r.worker
        elif r.kind == TransitionKind.PLAN:
            young.plan_on = r.on
        elif r.kind == TransitionKind.TRAVEL:
            young.travel_on = r.on
        elif r.kind == TransitionKind.HEALTH_PLAN:
            young.health_plan_on = r.on
        elif r.kind == TransitionKind.HEALTH_CHECK:
            young.check_on = r.on
    return young


def _records(
    la_id: int, child_ids: Iterable[int], kinds: Iterable[str] | None = None
) -> dict[int, list[Fact]]:
    wanted = set(child_ids)
    by_child: dict[int, list[Fact]] = defaultdict(list)
    if not wanted:
        return by_child
    rows = TransitionRecord.objects.of_area(la_id).current().order_by()
    if kinds is not None:
        rows = rows.filter(kind__in=sorted(kinds))
    if len(wanted) <= 500:  # a few: ask for theirs alone; many: read the area's, one query
        rows = rows.filter(child_id__in=sorted(wanted))
    rows = rows.values_list("child_id", "kind", "on", "rating", "worker", "pk")
    for child, *fact in rows:
        if child in wanted:
            by_child[child].append(Fact(*fact))
    return by_child


#: The ``Young`` field each kind's latest date fills (``with_plans``' ``latest``).
LATEST_FIELD = {
    TransitionKind.RATING: "rated_on",
    TransitionKind.ALLOCATED: "allocated_on",
    TransitionKind.PLAN: "plan_on",
    TransitionKind.TRAVEL: "travel_on",
    TransitionKind.HEALTH_PLAN: "health_plan_on",
    TransitionKind.HEALTH_CHECK: "check_on",
}


def _latest(kind: str, field: str, as_of: date | None) -> Subquery:
    """The young person's latest current record of ``kind`` dated by ``as_of``: ``field``."""
    rows = TransitionRecord.objects.current().filter(child_id=OuterRef("case__child_id"), kind=kind)
    if as_of is not None:
        rows = rows.filter(on__lte=as_of)
    return Subquery(rows.order_by("-on", "-id").values(field)[:1])


def with_plans(
    la_id: int,
    born_from: date,
    born_to: date,
    in_force_on: date | None,
    needs: Iterable[str] | None = None,
    *,
    latest: Iterable[str] = (),
    as_of: date | None = None,
) -> list[Young]:
    """Young people of the area born from ``born_from`` to ``born_to`` (with a primary need
    of ``needs``, when given) with a plan: in force on ``in_force_on`` (when given) or on
    the day they reach 17½. One per child. ``latest``: kinds of record whose latest date
    (by ``as_of``; a rating's colour too) is read in the same query — what a KPI counts,
    without the records themselves."""
    plans = Plan.objects.filter(
        case__la_id=la_id,
        case__child__date_of_birth__gte=born_from,
        case__child__date_of_birth__lte=born_to,
    )
    if needs is not None:
        plans = plans.filter(case__child__primary_need__in=sorted(needs))
    kinds = list(latest)
    more: dict[str, Subquery] = {f"k_{k}": _latest(k, "on", as_of) for k in kinds}
    if TransitionKind.RATING in kinds:
        more["k_colour"] = _latest(TransitionKind.RATING, "rating", as_of)
    rows = (
        plans.annotate(**more)
        .order_by("case__child_id", "id")
        .values_list(
            "case_id",
            "case__child_id",
            "case__child__date_of_birth",
            "case__child__primary_need",
            "issued_on",
            "transferred_in_on",
            "ceased_on",
            *more,
        )
    )
    found: dict[int, Young] = {}
    for case_id, child_id, born, need, issued, moved_in, ceased, *values in rows:
        day = in_force_on or add_months(born, 17 * 12 + 6)
        started = issued or moved_in
        if started is None or started > day or (ceased is not None and ceased <= day):
            continue
        young = Young(child_id, case_id, born, need or "")
        for name, value in zip(more, values, strict=True):
            if name == "k_colour":
                young.rating = value or ""
            else:
                setattr(young, LATEST_FIELD[TransitionKind(name[2:])], value)
        found[child_id] = young
    return list(found.values())


def load(
    la_id: int, young: list[Young], as_of: date | None = None, kinds: Iterable[str] | None = None
) -> list[Young]:
    """``young`` with their records (dated by ``as_of``, when given; of ``kinds``, when
    given: a KPI reads only the kinds it counts)."""
    records = _records(la_id, (y.child_id for y in young), kinds)
    return [facts_of(y, records.get(y.child_id, ()), as_of) for y in young]


def approaching_18(la_id: int, today: date) -> list[Young]:
    """Young people aged 16 or 17 today with a plan in force, with their records; the
    oldest first."""
    young = with_plans(
        la_id, add_months(today, -18 * 12) + timedelta(days=1), add_months(today, -16 * 12), today
    )
    young.sort(key=lambda y: (y.born, y.child_id))
    return load(la_id, young)


def median_age_at_allocation(la_id: int, start: date, end: date) -> tuple[int | None, int]:
    """The median age in completed months at allocation to an adult social care worker of
    the allocations dated from ``start`` to ``end``, and how many there were."""
    rows = (
        TransitionRecord.objects.of_area(la_id)
        .current()
        .filter(kind=TransitionKind.ALLOCATED, on__gte=start, on__lte=end)
        .values_list("on", "child__date_of_birth")
    )
    ages = [age_in_months(born, on) for on, born in rows if born is not None]
    if not ages:
        return None, 0
    return int(statistics.median_low(ages)), len(ages)
