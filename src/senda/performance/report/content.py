"""What the quarterly report says about each KPI, for the HTML page, the PDF and the XLSX.

The figures, targets and statuses are the board's (:func:`senda.performance.board.board`,
suppressed: the report leaves the service); this module adds what the board does not show:
each KPI's baseline and final target as numbers and the quarter's latest commentary
("analysis and mitigations"), and the section for scrutiny of complaints, mediation and
appeals (:mod:`senda.performance.report.scrutiny`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from senda.people.models import LocalAuthority
from senda.performance import benchmarks, status_shown
from senda.performance import board as boards
from senda.performance.board import Row
from senda.performance.catalogue.entry import Area, Entry
from senda.performance.models import Commentary, Trajectory
from senda.performance.periods import Period
from senda.performance.report import quarters
from senda.performance.report import scrutiny as disagreements
from senda.performance.report.priorities import Priorities, Priority
from senda.performance.status_rule import Plan, Point


@dataclass(frozen=True)
class ReportFigure:
    """A KPI's figure for one quarter as the report shows it. A suppressed figure carries
    no numbers at all, so nothing downstream can print one by mistake."""

    period: Period
    value: Decimal | None
    numerator: int | None
    denominator: int | None
    suppressed: bool = False


@dataclass(frozen=True)
class Published:
    """DfE's latest published year of the KPI's benchmark measure: each compared area's
    figure exactly as published (``shown``) and as a number (``value``, None for a symbol
    such as ``c`` or ``x``)."""

    measure: str
    year: str
    rows: list[tuple[str, str, str, Decimal | None]]  # (kind, area label, shown, value)
    licence: str

    def value(self, kind: str) -> Decimal | None:
        return next((value for k, _, _, value in self.rows if k == kind), None)


@dataclass(frozen=True)
class Section:
    """One KPI in the report."""

    entry: Entry
    baseline_value: Decimal | None
    baseline_on: date | None
    baseline_note: str
    target: Point | None  # the trajectory's final target (its last point if it has none)
    target_text: str
    this: ReportFigure
    this_with_exceptions: (
        ReportFigure | None
    )  # exception cases included, for KPIs that leave them out
    last: ReportFigure
    year_ago: ReportFigure
    status: str
    status_label: str
    status_reason: str
    overridden: bool  # the status was set by a person (``status_reason`` is theirs)
    plan: Plan | None
    trend: list[tuple[Period, Decimal | None]]  # the board's eight quarters, oldest first
    trend_hidden: frozenset[str]  # keys of the trend's quarters whose figure is suppressed
    commentary: Commentary | None
    published: Published | None = None

    @property
    def name(self) -> str:
        return self.entry.name


@dataclass(frozen=True)
class Group:
    area: Area
    sections: list[Section]


@dataclass(frozen=True)
class PriorityPage:
    """A priority with the report's sections of the KPIs it serves (``unknown``: ids the
    report has no section for, shown as they are)."""

    priority: Priority
    kpis: list[Section]
    unknown: list[str]


@dataclass(frozen=True)
class Report:
    la: LocalAuthority
    quarter: Period
    today: date
    as_of: date
    in_progress: bool
    groups: list[Group]
    scrutiny: disagreements.Scrutiny | None = None  # complaints, mediation and appeals
    priorities: Priorities | None = None  # the partnership's priorities, when passed in
    priority_pages: Sequence[PriorityPage] = ()

    @property
    def sections(self) -> list[Section]:
        return [section for group in self.groups for section in group.sections]

    @property
    def coming(self) -> Period:
        """The quarter the key actions are for: the one after the report's."""
        return self.quarter.following()


def priority_pages(priorities: Priorities | None, sections: list[Section]) -> list[PriorityPage]:
    """Each priority with the sections of the KPIs it serves, in the priority's order."""
    if priorities is None:
        return []
    by_id = {section.entry.id: section for section in sections}
    return [
        PriorityPage(
            priority,
            [by_id[kpi] for kpi in priority.kpi_ids if kpi in by_id],
            [kpi for kpi in priority.kpi_ids if kpi not in by_id],
        )
        for priority in priorities.priorities
    ]


def build(
    la: LocalAuthority, quarter: Period, today: date, priorities: Priorities | None = None
) -> Report:
    """The report for ``quarter`` as it stands ``today``: every KPI of the board, suppressed;
    with the partnership's ``priorities`` when given (``senda.improvement.priorities.
    for_report``: this room may not read the plan itself)."""
    groups = boards.board(la, quarter, today, suppress=True)
    ids = [row.entry.id for group in groups for row in group.rows]
    notes = status_shown.commentary_for_quarter(la, ids, quarter)
    baseline_notes = dict(
        Trajectory.objects.filter(la=la)
        .exclude(baseline_note="")
        .values_list("kpi", "baseline_note")
    )

    measures = sorted({row.entry.benchmark for group in groups for row in group.rows} - {""})
    panels: dict[str, benchmarks.Panel] = {}
    if measures and benchmarks.imported():
        found = benchmarks.area_panels(la, measures=measures, on=today)
        panels = {each.measure.id: each for each in found}

    def one(row: Row) -> Section:
        kpi = row.entry.id
        extra = published(panels.get(row.entry.benchmark))
        return section(quarter, row, notes.get(kpi), baseline_notes.get(kpi, ""), extra)

    report_groups = [Group(group.area, [one(row) for row in group.rows]) for group in groups]
    sections = [section for group in report_groups for section in group.sections]
    return Report(
        la=la,
        quarter=quarter,
        today=today,
        as_of=quarter.as_of(today),
        in_progress=quarters.in_progress(quarter, today),
        groups=report_groups,
        scrutiny=disagreements.build(la, quarter, today, status_shown.threshold()),
        priorities=priorities,
        priority_pages=priority_pages(priorities, sections),
    )


def published(found: benchmarks.Panel | None) -> Published | None:
    """The latest published year of a KPI's benchmark panel; None without a panel (no
    benchmark measure, or no national data imported) or without a published figure."""
    if found is None:
        return None
    years = [
        n for n in range(len(found.periods)) if any(r.cells[n] is not None for r in found.rows)
    ]
    if not years:
        return None
    latest = years[-1]
    rows = [
        (row.kind, row.label, cell.shown, cell.value)
        for row in found.rows
        if (cell := row.cells[latest]) is not None
    ]
    year = found.period_labels[latest]
    return Published(found.measure.name, year, rows, found.licence)


def section(
    quarter: Period,
    row: Row,
    note: Commentary | None,
    baseline_note: str = "",
    national: Published | None = None,
) -> Section:
    """A board row as a report section."""
    shown: status_shown.Shown = row.status
    plan = shown.plan
    final = plan.final if plan is not None else None
    return Section(
        entry=row.entry,
        baseline_value=plan.baseline_value if plan else None,
        baseline_on=plan.baseline_on if plan else None,
        baseline_note=baseline_note,
        target=final,
        target_text=row.target,
        this=figure(quarter, row.this, row.hidden("this")),
        this_with_exceptions=with_exceptions(quarter, row),
        last=figure(quarter.previous(), row.last, row.hidden("last")),
        year_ago=figure(quarter.year_ago(), row.year_ago, row.hidden("year_ago")),
        status=shown.status,
        status_label=shown.label,
        status_reason=row.reason,
        overridden=shown.overridden,
        plan=plan,
        trend=list(row.trend),
        trend_hidden=frozenset(p.key for p, _ in row.trend if row.hidden(p.key)),
        commentary=note,
        published=national,
    )


def figure(period: Period, value: Any, suppressed: bool) -> ReportFigure:
    """A ``kpi_figures.KpiFigure`` (or None) as a figure; a suppressed one keeps no numbers."""
    if suppressed:
        return ReportFigure(period, None, None, None, suppressed=True)
    if value is None:
        return ReportFigure(period, None, None, None)
    return ReportFigure(period, value.value, value.numerator, value.denominator)


def with_exceptions(quarter: Period, row: Row) -> ReportFigure | None:
    """The figure with exception cases included, for KPIs that leave them out; hidden with
    the figure itself, or when its own counts are small."""
    if not row.entry.with_exceptions:
        return None
    if row.hidden("this") or row.hidden("this-with-exceptions"):
        return ReportFigure(quarter, None, None, None, suppressed=True)
    return figure(quarter, row.this.with_exceptions if row.this else None, False)
