"""The weekly service dashboard's figures and the cases behind them, from stored rows.

    from senda.performance.weekly import dashboard as weekly
    weekly.dashboard(la, today)                       # every KPI over the last 12 weeks
    weekly.groups(weekly.KPIS["final-plan-20w"], la, weekly.week_of(today), today)

A figure is counted in Python with the KPI's definition (``senda.performance.definitions``)
over the local area's deadline rows that may fall in the weeks, fetched with one plain
query per KPI (by the rule and the definition's ``window`` date), with the same counter
``senda tick`` uses (``tally.Counter``): the dashboard and the facts cannot disagree. The
cases behind a figure are the same rows, classified the same way, listed by part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from senda.casework.models import Case, DeadlineRow
from senda.clock import Deadline
from senda.people.models import LocalAuthority
from senda.performance.catalogue import Entry
from senda.performance.catalogue import weekly as _weekly
from senda.performance.definitions import ALL, CaseFacts, Definition
from senda.performance.figure import Figure
from senda.performance.tally import Counter
from senda.performance.weekly.weeks import TREND_WEEKS, Week, trend, week_of

__all__ = [
    "KPIS",
    "TREND_WEEKS",
    "Figure",
    "Group",
    "Series",
    "Week",
    "WeekFigure",
    "dashboard",
    "groups",
    "series",
    "trend",
    "week_of",
]

#: The KPIs the dashboard shows, by id, in order.
KPIS: dict[str, Entry] = _weekly()
#: Weeks, counting back from the last, whose counts are broken down (into bands).
BANDED_WEEKS = 2
NOT_RECORDED = "not recorded"
_FIELDS = ("rule", "due", "done", "status", "discipline", "case__status", "case__child__setting")


@dataclass(frozen=True)
class WeekFigure:
    """One week of a KPI: the figure (None when it is not kept for that week) and any
    breakdown."""

    week: Week
    figure: Figure | None
    breakdown: dict[str, Figure] = field(default_factory=dict)

    @property
    def with_exceptions(self) -> Figure | None:
        return self.figure.with_exceptions if self.figure is not None else None


@dataclass(frozen=True)
class Series:
    """A KPI over the trend's weeks, oldest first; the last is this week."""

    kpi: Entry
    figures: list[WeekFigure]

    @property
    def this_week(self) -> WeekFigure:
        return self.figures[-1]

    @property
    def last_week(self) -> WeekFigure:
        return self.figures[-2]

    @property
    def breakdown_labels(self) -> list[str]:
        return list(self.figures[-1].breakdown)


@dataclass(frozen=True)
class Group:
    """One part of the list of deadline rows behind a figure (e.g. met, late)."""

    key: str
    label: str
    rows: QuerySet[DeadlineRow] | list[Any]


def dashboard(la: LocalAuthority, today: date) -> list[Series]:
    """Every KPI of the dashboard for the local area over the trend weeks: one query each."""
    weeks = trend(today)
    return [series(kpi, la, weeks, today) for kpi in KPIS.values()]


def series(kpi: Entry, la: LocalAuthority, weeks: list[Week], today: date) -> Series:
    """The KPI for each of ``weeks`` (oldest first) in one query."""
    definition = _definition(kpi)
    if definition.kind == "now":
        return Series(kpi, _now(la, weeks, today))
    counters = [Counter(week.start, week.end, today) for week in weeks]
    for _pk, row, case in _rows(la, definition, weeks, today):
        for n in _weeks_of(definition, row, weeks):
            part = definition.part(row, weeks[n].start, weeks[n].end, today, case)
            if part is not None:
                counters[n].count(kpi.id, definition, row, part, (ALL,))
    found = [counter.result()[kpi.id] for counter in counters]
    return Series(kpi, _week_figures(definition, weeks, found))


def groups(kpi: Entry, la: LocalAuthority, week: Week, today: date) -> list[Group]:
    """The deadline rows behind the KPI's figure for ``week``, split into its parts
    (counted first); each part is a queryset (or list) ready to page through."""
    definition = _definition(kpi)
    if definition.kind == "now":
        at, over = _caseloads(la, today) if week == week_of(today) else ([], [])
        return [
            Group("counted", kpi.labels["counted"], at),
            Group("missed", kpi.labels["missed"], over),
        ]
    ids: dict[str, list[int]] = {key: [] for key in definition.parts()}
    for pk, row, case in _rows(la, definition, [week], today):
        part = definition.part(row, week.start, week.end, today, case)
        if part is not None:
            ids[part].append(pk)
    listed = DeadlineRow.objects.select_related("case__child", "case__officer")
    listed = listed.order_by("due", "case_id", "discipline")
    return [Group(key, kpi.labels[key], listed.filter(pk__in=pks)) for key, pks in ids.items()]


def _definition(kpi: Entry) -> Definition:
    if kpi.computed_by is None:
        raise ValueError(f"{kpi.id} is not computed")
    return kpi.computed_by


def _rows(
    la: LocalAuthority, definition: Definition, weeks: list[Week], today: date
) -> list[tuple[int, Deadline, CaseFacts]]:
    """The area's rows of the definition's rules that may fall in ``weeks`` (a plain query
    on the definition's window date), as the clock's rows with their case's facts."""
    start, end = weeks[0].start, weeks[-1].end
    rows = DeadlineRow.objects.filter(case__la=la, rule__in=definition.rules)
    if definition.window == "done":
        rows = rows.filter(done__gte=start, done__lte=end)
    elif definition.window == "due":
        rows = rows.filter(due__gte=start, due__lte=end)
    else:  # owed: due before, and not done by, one of the days the weeks are judged on
        first, last = weeks[0].as_of(today), weeks[-1].as_of(today)
        rows = rows.filter(Q(done__isnull=True) | Q(done__gt=first), due__lt=last)
    closed = Case.Status.CLOSED
    return [
        (
            pk,
            Deadline(rule, due, done, status, "", discipline),
            CaseFacts(case_status == closed, setting is not None),
        )
        for pk, rule, due, done, status, discipline, case_status, setting in rows.values_list(
            "pk", *_FIELDS
        )
    ]


def _weeks_of(definition: Definition, row: Deadline, weeks: list[Week]) -> range:
    """The indexes of the weeks the row may fall in: the week of its window date, or every
    week for a count that a row may stay in (a review stays overdue)."""
    day = row.done if definition.window == "done" else row.due
    if definition.window == "owed" or day is None:
        return range(len(weeks))
    n = (day - weeks[0].start).days // 7
    return range(n, n + 1) if 0 <= n < len(weeks) else range(0)


def _week_figures(
    definition: Definition, weeks: list[Week], found: list[dict[tuple[str, str], Figure]]
) -> list[WeekFigure]:
    """Each week's figure and breakdown: a rate's by every member found in any week ("" is
    "not recorded"); a count's by its fixed members, for the last :data:`BANDED_WEEKS`."""
    by = definition.by
    if definition.kind == "count":
        banded = len(weeks) - BANDED_WEEKS
        return [
            WeekFigure(
                week,
                figures[ALL],
                {
                    label: figures.get((by, label), Figure(0))
                    for label in (definition.members() if by and n >= banded else ())
                },
            )
            for n, (week, figures) in enumerate(zip(weeks, found, strict=True))
        ]
    members = sorted({key[1] or NOT_RECORDED for f in found for key in f if key[0] == by})
    return [
        WeekFigure(
            week,
            figures[ALL],
            {
                label: _rate_only(figures.get((by, "" if label == NOT_RECORDED else label)))
                for label in members
            },
        )
        for week, figures in zip(weeks, found, strict=True)
    ]


def _rate_only(figure: Figure | None) -> Figure:
    return Figure(0, 0) if figure is None else Figure(figure.numerator, figure.denominator)


def _now(la: LocalAuthority, weeks: list[Week], today: date) -> list[WeekFigure]:
    """A figure kept only as it is now: this week has it, earlier weeks do not."""
    shown = [WeekFigure(week, None) for week in weeks]
    if weeks[-1] == week_of(today):
        counted, missed = _caseloads(la, today)
        shown[-1] = WeekFigure(weeks[-1], Figure(len(counted), len(counted) + len(missed)))
    return shown


def _caseloads(la: LocalAuthority, today: date) -> tuple[list[Any], list[Any]]:
    """Case officers at or under their caseload target, and over it (the team view's rule)."""
    from senda.casework.caseloads import caseload_by_officer

    loads = caseload_by_officer(la, today=today)
    return [x for x in loads if x.at_target], [x for x in loads if not x.at_target]
