"""Destinations of young people with SEND, from the council's monthly participation
extracts (``Participation``): the figures by cohort the destinations page shows, and the
three preparing-for-adulthood KPIs ``senda tick`` computes (the catalogue,
``catalogue/partnership.py``, holds each definition), shaped as
``senda.casework.scrutiny``'s measures with ``of="participation"`` (the records behind a
figure are participation records, one a young person and month):

- ``neet``: of young people with a plan of academic age 16 or 17 in the period's latest
  extract (to the day judged) whose activity is known, those NEET (5xx, 6xx);
- ``eet-sustained``: of Year 11 leavers with a plan whose sixth month after leaving
  (February) falls in the period, those recorded in education, employment or training in
  every one of the six monthly extracts September to February — a cohort only once the
  area has imported an extract for each of those six months (:func:`judgeable`; before
  that there are "not enough months yet", and the cohort is left out of the figure);
- ``internships-apprenticeships``: young people with a plan starting a supported
  internship or an apprenticeship in the period (a month with that activity whose previous
  month did not have it).

Every measure reads the current records (``ParticipationQuerySet.current``: a re-import's
superseded records are left out). Pure functions over :class:`Line` do the counting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Sum

from senda.casework.scrutiny import Found, judged
from senda.pathways import activities
from senda.pathways.models import Opportunity, Participation, ParticipationImport, Send
from senda.people.models import LocalAuthority

__all__ = [
    "MEASURES",
    "Line",
    "by_cohort",
    "count",
    "lines",
    "opportunities",
    "starts",
    "sustained",
]

Measure = Callable[[LocalAuthority, date, date, date], Found]
KINDS = {"internship": activities.INTERNSHIP, "apprenticeship": activities.APPRENTICESHIP}


@dataclass(frozen=True, slots=True)
class Line:
    """One current participation record."""

    id: int
    month: date
    person: str
    child_id: int | None
    cohort: int
    send: str
    activity: str

    @property
    def group(self) -> activities.Group:
        return activities.group(self.activity)

    @property
    def kind(self) -> str:
        for name, codes in KINDS.items():
            if self.activity in codes:
                return name
        return ""


def lines(
    la_id: int,
    since: date | None = None,
    until: date | None = None,
    send: str = "",
    codes: frozenset[str] | None = None,
) -> list[Line]:
    found = Participation.objects.current().filter(la_id=la_id)
    if codes is not None:
        found = found.filter(activity__in=sorted(codes))
    if since is not None:
        found = found.filter(month__gte=since.replace(day=1))
    if until is not None:
        found = found.filter(month__lte=until)
    if send:
        found = found.filter(send=send)
    return [
        Line(*row)
        for row in found.order_by("month", "id").values_list(
            "pk", "month", "person_ref", "child_id", "cohort", "send", "activity"
        )
    ]


def latest_month(la_id: int, until: date) -> date | None:
    found = Participation.objects.filter(la_id=la_id, month__lte=until).aggregate(m=Max("month"))
    return found["m"]


def _add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# --- the figures by cohort -------------------------------------------------------------


@dataclass
class Cohort:
    """A cohort's young people in one month, by what they were doing (ids of records)."""

    year: int
    young_people: list[int]
    eet: list[int]
    neet: list[int]
    unknown: list[int]
    apprenticeship: list[int]
    internship: list[int]
    sustained: tuple[list[int], list[int]] | None = None  # (sustained, not), plans only

    def part(self, which: str) -> list[int]:
        if which in ("sustained", "not_sustained"):
            pair = self.sustained or ([], [])
            return pair[0] if which == "sustained" else pair[1]
        found: list[int] = getattr(self, which)
        return found


WHICH = {
    "young_people": "Young people",
    "eet": "In education, employment or training",
    "neet": "NEET",
    "unknown": "Not known",
    "apprenticeship": "Apprenticeship",
    "internship": "Supported internship",
    "sustained": "Sustained EET six months after Year 11",
    "not_sustained": "Not sustained",
}


def imported_months(la_id: int) -> set[date]:
    """The months the area has imported an extract for."""
    return set(ParticipationImport.objects.filter(la_id=la_id).values_list("month", flat=True))


def sustained_months(cohort: int) -> list[date]:
    """The six months, September to February after Year 11, that sustained EET reads."""
    return [_add_months(date(cohort, 9, 1), n) for n in range(6)]


def judgeable(cohort: int, imported: Collection[date], until: date) -> bool:
    """Whether the cohort's sustained EET can be judged by ``until``: its February has
    come, and an extract was imported for each of its six months (a month with no extract
    would count everyone as not sustained)."""
    months = sustained_months(cohort)
    return months[-1] <= until and all(month in imported for month in months)


def by_cohort(
    found: Iterable[Line], month: date, imported: Collection[date] | None = None
) -> list[Cohort]:
    """The young people recorded in ``month`` by cohort, newest first (academic ages
    16–25), with sustained EET for each cohort that can be judged (:func:`judgeable`;
    ``imported``: the months with an extract, by default those of ``found``)."""
    every = list(found)
    cohorts: dict[int, Cohort] = {}
    for line in every:
        if line.month != month:
            continue
        if not 16 <= activities.academic_age(line.cohort, month) <= 25:
            continue
        cohort = cohorts.get(line.cohort)
        if cohort is None:
            cohort = cohorts[line.cohort] = Cohort(line.cohort, [], [], [], [], [], [])
        cohort.young_people.append(line.id)
        group = line.group
        if group in ("eet", "neet", "unknown"):
            getattr(cohort, group).append(line.id)
        if line.kind:
            getattr(cohort, line.kind).append(line.id)
    months = {line.month for line in every} if imported is None else imported
    for year, cohort in cohorts.items():
        if judgeable(year, months, month):
            cohort.sustained = sustained(every, year)
    return [cohorts[year] for year in sorted(cohorts, reverse=True)]


def sustained(found: Iterable[Line], cohort: int) -> tuple[list[int], list[int]]:
    """Of the cohort's young people with a plan recorded September to February after Year
    11: (their latest record's id) those in EET in all six months, and the others."""
    first, last = date(cohort, 9, 1), date(cohort + 1, 2, 1)
    months: dict[str, dict[date, Line]] = defaultdict(dict)
    for line in found:
        if line.cohort == cohort and line.send == Send.EHCP and first <= line.month <= last:
            months[line.person][line.month] = line
    yes, no = [], []
    for seen in months.values():
        latest = seen[max(seen)]
        steady = len(seen) == 6 and all(line.group == "eet" for line in seen.values())
        (yes if steady else no).append(latest.id)
    return sorted(yes), sorted(no)


def starts(found: Iterable[Line], start: date, end: date) -> list[int]:
    """Records of a supported internship or apprenticeship begun in ``start``–``end``:
    the young person's previous month had no record of that kind."""
    found = list(found)
    had = {(line.person, line.month, line.kind) for line in found if line.kind}
    return sorted(
        line.id
        for line in found
        if line.kind
        and start.replace(day=1) <= line.month <= end
        and (line.person, _add_months(line.month, -1), line.kind) not in had
    )


@dataclass(frozen=True)
class Opportunities:
    year: int
    kind: str
    created: int
    filled: list[int]  # the latest record of each young person in one in the year


def opportunities(la_id: int, found: Iterable[Line]) -> list[Opportunities]:
    """By academic year and kind: places created (the register) and young people with SEND
    in one (the extracts)."""
    created: dict[tuple[int, str], int] = {
        (year, kind): total or 0
        for year, kind, total in Opportunity.objects.filter(la_id=la_id)
        .values("year", "kind")
        .annotate(total=Sum("places"))
        .values_list("year", "kind", "total")
    }
    filled: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    for line in found:
        if line.kind:
            filled[(activities.academic_year(line.month), line.kind)][line.person] = line.id
    keys = sorted(set(created) | set(filled), key=lambda k: (-k[0], k[1]))
    return [
        Opportunities(
            year, kind, created.get((year, kind), 0), sorted(filled[(year, kind)].values())
        )
        for year, kind in keys
    ]


# --- the KPIs ----------------------------------------------------------------------------


def _neet(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    first = start.replace(day=1)
    # Academic ages 16 and 17 in the period: its academic years' two youngest cohorts.
    cohorts = range(activities.academic_year(first) - 1, activities.academic_year(day) + 1)
    rows = list(
        Participation.objects.current()
        .filter(la=la, send=Send.EHCP, month__gte=first, month__lte=day, cohort__in=list(cohorts))
        .order_by()
        .values_list("pk", "month", "cohort", "activity")
    )
    if not rows:
        return Found((), of="participation")
    month = max(row[1] for row in rows)
    neet, eet = [], []
    for pk, on, cohort, code in sorted(rows):
        if on != month or activities.academic_age(cohort, month) not in (16, 17):
            continue
        group = activities.group(code)
        if group == "neet":
            neet.append(pk)
        elif group == "eet":
            eet.append(pk)
    return Found(tuple(neet), tuple(eet), of="participation")


def _sustained(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    imported = imported_months(la.pk)
    cohorts = [
        year - 1
        for year in range(start.year, day.year + 1)
        if start.replace(day=1) <= date(year, 2, 1) <= day and judgeable(year - 1, imported, day)
    ]
    yes: list[int] = []
    no: list[int] = []
    for cohort in cohorts:
        found = lines(la.pk, date(cohort, 9, 1), date(cohort + 1, 2, 1), Send.EHCP)
        steady, not_steady = sustained(found, cohort)
        yes += steady
        no += not_steady
    return Found(tuple(yes), tuple(no), of="participation")


def _starts(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    codes = activities.APPRENTICESHIP | activities.INTERNSHIP
    found = lines(la.pk, _add_months(start.replace(day=1), -1), day, Send.EHCP, codes)
    return Found(tuple(starts(found, start, day)), rate=False, of="participation")


MEASURES: dict[str, Measure] = {
    "neet": _neet,
    "eet-sustained": _sustained,
    "internships-apprenticeships": _starts,
}


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return MEASURES[name](la, start, end, as_of)
