"""Working the KPIs out in the database: one query per KPI for all the weeks of the trend.

Each week's figure is a conditional aggregate (``COUNT(*) FILTER (WHERE …)``) over the same
scan of deadline rows, so the number of queries does not grow with weeks or rows.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from senda.casework.kpis.registry import Kpi, Measure, MeasureFn, NowFn
from senda.casework.kpis.weeks import Week, week_of
from senda.casework.models import DeadlineRow
from senda.people.models import LocalAuthority

#: Weeks, counting back from the last, whose counts are broken down into bands.
BANDED_WEEKS = 2


@dataclass(frozen=True)
class Figure:
    """A numerator over a denominator (a rate), or a plain count (denominator None)."""

    numerator: int
    denominator: int | None = None

    @property
    def percent(self) -> int | None:
        """Whole per cent, halves rounded up; None for a count or an empty denominator."""
        if not self.denominator:
            return None
        return (200 * self.numerator + self.denominator) // (2 * self.denominator)

    def __add__(self, other: Figure) -> Figure:
        if self.denominator is None or other.denominator is None:
            return Figure(self.numerator + other.numerator)
        return Figure(self.numerator + other.numerator, self.denominator + other.denominator)


@dataclass(frozen=True)
class Point:
    """One week of a KPI: the figure (None when it is not kept for that week), the figure
    with exceptions, and any breakdown."""

    week: Week
    figure: Figure | None
    with_exceptions: Figure | None = None
    breakdown: dict[str, Figure] = field(default_factory=dict)


@dataclass(frozen=True)
class Series:
    """A KPI over the trend's weeks, oldest first; the last point is this week."""

    kpi: Kpi
    points: list[Point]

    @property
    def this_week(self) -> Point:
        return self.points[-1]

    @property
    def last_week(self) -> Point:
        return self.points[-2]

    @property
    def breakdown_labels(self) -> list[str]:
        return list(self.points[-1].breakdown)


@dataclass(frozen=True)
class Group:
    """One part of the list of deadline rows behind a figure (e.g. met, late)."""

    key: str
    label: str
    rows: QuerySet[DeadlineRow] | Sequence[Any]


def rows_of(la: LocalAuthority, measure: Measure) -> QuerySet[DeadlineRow]:
    """The local area's deadline rows of the measure's rules (any period)."""
    return DeadlineRow.objects.filter(case__la=la, rule__in=measure.rules)


def parts(measure: Measure) -> dict[str, Q]:
    """Disjoint conditions splitting a period's rows: counted, missed, excepted, open.

    A rate's denominator is counted + missed; a count has only ``counted`` (every row).
    """
    if measure.counts is None:
        return {"counted": Q()}
    result, rest = {}, Q()
    if measure.open is not None:
        result["open"] = measure.open
        rest = ~measure.open
    if measure.exception is not None:
        result["excepted"] = rest & measure.exception
        rest &= ~measure.exception
    result["counted"] = rest & measure.counts
    result["missed"] = rest & ~measure.counts
    return result


def series(kpi: Kpi, la: LocalAuthority, weeks: list[Week], today: date) -> Series:
    """The KPI for each of ``weeks`` (oldest first) in one query."""
    if kpi.kind == "now":
        return Series(kpi, _now(kpi, la, weeks, today))
    measure = cast(MeasureFn, kpi.measure)
    measures = [measure(week.start, week.end, today) for week in weeks]
    if measures[0].counts is None:
        return Series(kpi, _snapshots(la, weeks, measures))
    span = measure(weeks[0].start, weeks[-1].end, today)
    return Series(kpi, _rates(la, weeks, measures, span))


def _now(kpi: Kpi, la: LocalAuthority, weeks: list[Week], today: date) -> list[Point]:
    """A figure kept only as it is now: this week has it, earlier weeks do not."""
    points = [Point(week, None) for week in weeks]
    if weeks[-1] == week_of(today):
        counted, missed = cast(NowFn, kpi.measure)(la, today)
        figure = Figure(len(counted), len(counted) + len(missed))
        points[-1] = Point(weeks[-1], figure)
    return points


def _rates(
    la: LocalAuthority, weeks: list[Week], measures: list[Measure], span: Measure
) -> list[Point]:
    """A rate's periods do not overlap: each row falls in one week, so the rows are grouped
    by week (a CASE over the weeks' periods) and counted by part."""
    week_no = Case(
        *(When(m.in_period, then=Value(n)) for n, m in enumerate(measures)),
        output_field=IntegerField(),
    )
    named = parts(span)
    counts = {name: Count("pk", filter=q) for name, q in named.items()}
    if "excepted" in named and span.counts is not None:
        counts["excepted_on_time"] = Count("pk", filter=named["excepted"] & span.counts)
    rows = rows_of(la, span).filter(span.in_period).annotate(week_no=week_no)
    keys = ["week_no"]
    if span.by is not None:
        rows, keys = rows.annotate(key=Lower(span.by)), ["week_no", "key"]
    found = list(rows.values(*keys).annotate(**counts).order_by())
    labels = sorted({row.get("key") or "not recorded" for row in found}) if span.by else []
    return [_rate_point(n, week, span, found, labels) for n, week in enumerate(weeks)]


def _rate_point(
    n: int, week: Week, span: Measure, found: list[dict[str, Any]], labels: list[str]
) -> Point:
    mine = [row for row in found if row["week_no"] == n]
    breakdown = {label: Figure(0, 0) for label in labels}
    for row in mine:
        if labels:
            breakdown[row.get("key") or "not recorded"] += _rate(row)
    figure = sum((_rate(row) for row in mine), Figure(0, 0))
    with_exceptions = None
    if span.exception is not None:
        with_exceptions = sum((_rate(row, included=True) for row in mine), Figure(0, 0))
    return Point(week, figure, with_exceptions, breakdown)


def _rate(row: dict[str, Any], *, included: bool = False) -> Figure:
    counted, denominator = row["counted"], row["counted"] + row["missed"]
    if included:
        return Figure(counted + row["excepted_on_time"], denominator + row["excepted"])
    return Figure(counted, denominator)


def _snapshots(la: LocalAuthority, weeks: list[Week], measures: list[Measure]) -> list[Point]:
    """A count is a snapshot per week and a row can count in several weeks (a review stays
    overdue), so each week is its own conditional aggregate in the one query. Bands are
    counted for the last :data:`BANDED_WEEKS` weeks only (this week and last)."""
    period = functools.reduce(operator.or_, (m.in_period for m in measures))
    aggregates: dict[str, Count] = {}
    banded = range(len(measures) - BANDED_WEEKS, len(measures))
    for n, m in enumerate(measures):
        aggregates[f"c{n}"] = Count("pk", filter=m.in_period)
        for b, (_label, band) in enumerate(m.bands if n in banded else ()):
            aggregates[f"b{n}_{b}"] = Count("pk", filter=m.in_period & band)
    result = rows_of(la, measures[0]).filter(period).aggregate(**aggregates)
    return [
        Point(
            week,
            Figure(result[f"c{n}"]),
            breakdown={
                label: Figure(result[f"b{n}_{b}"])
                for b, (label, _q) in enumerate(m.bands if n in banded else ())
            },
        )
        for n, (week, m) in enumerate(zip(weeks, measures, strict=True))
    ]


def groups(kpi: Kpi, la: LocalAuthority, week: Week, today: date) -> list[Group]:
    """The deadline rows behind the KPI's figure for ``week``, split into its parts
    (counted first); each part is a queryset (or list) ready to page through."""
    if kpi.kind == "now":
        at, over = cast(NowFn, kpi.measure)(la, today) if week == week_of(today) else ([], [])
        return [
            Group("counted", kpi.labels["counted"], at),
            Group("missed", kpi.labels["missed"], over),
        ]
    measure = cast(MeasureFn, kpi.measure)(week.start, week.end, today)
    rows = rows_of(la, measure).select_related("case__child", "case__officer")
    rows = rows.filter(measure.in_period).order_by("due", "case_id", "discipline")
    named = parts(measure)
    order = ("counted", "missed", "excepted", "open")
    return [Group(key, kpi.labels[key], rows.filter(named[key])) for key in order if key in named]
