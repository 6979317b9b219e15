"""Performance charts as SVG: a small trend sparkline and a KPI's trajectory chart.

No JavaScript and no inline style: colours are SVG presentation attributes (GOV.UK palette),
so the same markup prints in WeasyPrint. Each chart is ``role="img"`` named by its
``<title>`` and ``<desc>`` (the figures, oldest first); pages put a data table beside it
(:func:`trend_table`, :func:`trajectory_table`) for anyone who cannot see the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from govuk_frontend_django.components.tag import GovUKTag

from senda.performance.board import AreaGroup, Breakdown, Row, number
from senda.performance.catalogue.entry import Entry
from senda.performance.kpi_figures import Value
from senda.performance.models import StatusOverride
from senda.performance.periods import Period, containing
from senda.performance.status_rule import LABELS, Plan
from senda.web.phone_tables import stacked_table
from senda.web.templatetags.senda_tables import day, person, table

register = template.Library()

BLUE, BLACK, GREY, GREEN, PURPLE = "#1d70b8", "#0b0c0c", "#505a5f", "#00703c", "#4c2c92"
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 96, 24, 3
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 28, 30

Trend = Sequence[tuple[Period, Decimal | None]]


# --- The sparkline ---------------------------------------------------------------------


@register.simple_tag
def sparkline(trend: Trend, unit: str, name: str, chart_id: str) -> SafeString:
    """A 96×24 line of the trend (gaps where there is no figure), its last point marked.

    Scaled to the figures' own range: it shows direction, the table gives the numbers.
    ``chart_id`` must be unique on the page (it names the title and description)."""
    values = [value for _, value in trend]
    scale = _Scale.of(values, SPARK_HEIGHT - SPARK_PAD, SPARK_PAD, tight=True)
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(len(values) - 1, 1)
    xy = [None if v is None else (SPARK_PAD + n * step, scale.y(v)) for n, v in enumerate(values)]
    last = next((p for p in reversed(xy) if p is not None), None)
    context = {
        "id": chart_id,
        "width": SPARK_WIDTH,
        "height": SPARK_HEIGHT,
        "title": f"{name}: trend",
        "desc": describe(trend, unit),
        "lines": _polylines(xy),
        "last": _point(last),
        "colour": BLUE,
    }
    return SafeString(render_to_string("web/performance/_trend_spark.svg", context))


def describe(trend: Trend, unit: str) -> str:
    """``Q4 2025-26 41%, Q1 2026-27 no figure, …`` (oldest first)."""
    return ", ".join(f"{period.label} {number(value, unit)}" for period, value in trend)


def _polylines(xy: list[tuple[float, float] | None]) -> list[str]:
    """Runs of consecutive points as SVG ``points`` strings; a lone point is a dot instead."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in xy:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [" ".join(f"{x:.1f},{y:.1f}" for x, y in run) for run in runs if len(run) > 1]


def _point(point: tuple[float, float] | None) -> dict[str, str] | None:
    return None if point is None else {"x": f"{point[0]:.1f}", "y": f"{point[1]:.1f}"}


@dataclass(frozen=True)
class _Scale:
    """Maps a figure to a y coordinate between ``bottom`` (low) and ``top`` (high)."""

    low: Decimal
    high: Decimal
    bottom: float
    top: float

    @classmethod
    def of(
        cls, values: Sequence[Decimal | None], bottom: float, top: float, *, tight: bool = False
    ) -> _Scale:
        known = [v for v in values if v is not None] or [Decimal(0)]
        low = min(known) if tight else min([Decimal(0), *known])
        high = max(known)
        if high == low:
            high = low + 1
        return cls(low, high, bottom, top)

    def y(self, value: Decimal) -> float:
        share = float((value - self.low) / (self.high - self.low))
        return self.bottom - share * (self.bottom - self.top)


# --- The trajectory chart --------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A trajectory point: a milestone or target on a day, a value or a range (70–75)."""

    on: date
    low: Decimal
    high: Decimal | None = None
    kind: str = "milestone"
    note: str = ""


@dataclass(frozen=True)
class Trajectory:
    """What the trajectory chart draws. ``actuals`` are (period, value): drawn on the
    period's last day. ``baseline`` is (day, value) or None."""

    name: str
    unit: str
    baseline: tuple[date, Decimal] | None = None
    marks: Sequence[Mark] = ()
    actuals: Trend = ()
    higher_is_better: bool = True
    note: str = ""

    @classmethod
    def from_plan(
        cls, name: str, unit: str, plan: Plan | None, actuals: Trend, **kw: Any
    ) -> Trajectory:
        """From a trajectory as the status rule sees it (``status_shown.Shown.plan``), or None."""
        if plan is None:
            return cls(name, unit, actuals=actuals, **kw)
        baseline = None
        if plan.baseline_value is not None and plan.baseline_on is not None:
            baseline = (plan.baseline_on, plan.baseline_value)
        marks = [Mark(p.on, p.low, p.high, p.kind, p.note) for p in plan.points]
        return cls(name, unit, baseline, sorted(marks, key=lambda m: m.on), actuals, **kw)


@register.simple_tag
def trajectory_chart(chart: Trajectory, chart_id: str) -> SafeString:
    """Baseline (open circle), the trajectory through milestones (diamonds) and targets
    (squares; a range as a bar from low to high) as a dashed line, and the actual quarterly
    figures as a solid line with dots. Years along the bottom, the unit up the side."""
    days = _days(chart)
    if not days:
        return SafeString("")
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    plot_width = WIDTH - LEFT - RIGHT

    def x(on: date) -> float:
        return LEFT + (on - first).days / span * plot_width

    values = _chart_values(chart)
    scale = _Scale.of(values, HEIGHT - BOTTOM, TOP)
    if chart.unit == "percent":
        scale = _Scale(Decimal(0), max(Decimal(100), scale.high), HEIGHT - BOTTOM, TOP)
    ticks = _ticks(scale)
    context = {
        "id": chart_id,
        "width": WIDTH,
        "height": HEIGHT,
        "title": f"{chart.name}: trajectory and actual figures",
        "desc": trajectory_description(chart),
        "colours": {"actual": BLUE, "text": BLACK, "line": GREY, "target": GREEN},
        "milestone_colour": PURPLE,
        "plot": {"left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM},
        "y_ticks": [{"y": f"{scale.y(t):.1f}", "label": number(t, chart.unit)} for t in ticks],
        "x_ticks": [{"x": f"{x(d):.1f}", "label": str(d.year)} for d in _year_starts(first, last)],
        "path": _trajectory_path(chart, x, scale),
        "baseline": _baseline(chart, x, scale),
        "marks": [_mark(m, x, scale) for m in chart.marks],
        "lines": _polylines(
            [None if v is None else (x(p.end), scale.y(v)) for p, v in chart.actuals]
        ),
        "dots": [
            {"x": f"{x(p.end):.1f}", "y": f"{scale.y(v):.1f}"}
            for p, v in chart.actuals
            if v is not None
        ],
    }
    return SafeString(render_to_string("web/performance/_trend_chart.svg", context))


def _days(chart: Trajectory) -> list[date]:
    days = [m.on for m in chart.marks] + [p.end for p, _ in chart.actuals]
    return days + ([chart.baseline[0]] if chart.baseline else [])


def _chart_values(chart: Trajectory) -> list[Decimal | None]:
    values: list[Decimal | None] = [v for _, v in chart.actuals]
    values += [m.high if m.high is not None else m.low for m in chart.marks]
    return values + ([chart.baseline[1]] if chart.baseline else [])


def _ticks(scale: _Scale) -> list[Decimal]:
    """Four or five round figures from the bottom of the scale to its top."""
    spread = scale.high - scale.low
    step = Decimal(1)
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2500, 5000, 10000):
        step = Decimal(candidate)
        if spread / step <= 5:
            break
    else:
        step = (spread / 4).to_integral_value()
    first = (scale.low / step).to_integral_value(rounding="ROUND_CEILING") * step
    ticks, tick = [], first
    while tick <= scale.high:
        ticks.append(tick)
        tick += step
    return ticks


def _year_starts(first: date, last: date) -> list[date]:
    return [date(year, 1, 1) for year in range(first.year + 1, last.year + 1)]


def _trajectory_path(chart: Trajectory, x: Any, scale: _Scale) -> str:
    points = [chart.baseline] if chart.baseline else []
    points += [(m.on, _aim(m, chart.higher_is_better)) for m in chart.marks]
    return " ".join(f"{x(on):.1f},{scale.y(value):.1f}" for on, value in points)


def _aim(mark: Mark, higher_is_better: bool) -> Decimal:
    """The bound of a range the trajectory runs through (the one the status is judged by)."""
    if mark.high is None:
        return mark.low
    return mark.low if higher_is_better else mark.high


def _baseline(chart: Trajectory, x: Any, scale: _Scale) -> dict[str, str] | None:
    if chart.baseline is None:
        return None
    on, value = chart.baseline
    return {"x": f"{x(on):.1f}", "y": f"{scale.y(value):.1f}"}


def _mark(mark: Mark, x: Any, scale: _Scale) -> dict[str, Any]:
    top = scale.y(mark.high if mark.high is not None else mark.low)
    cx, cy = x(mark.on), scale.y(mark.low)
    if mark.kind == "target":
        corners = [(cx - 5, cy - 5), (cx + 5, cy - 5), (cx + 5, cy + 5), (cx - 5, cy + 5)]
    else:
        corners = [(cx, cy - 6), (cx + 6, cy), (cx, cy + 6), (cx - 6, cy)]
    return {
        "shape": " ".join(f"{px:.1f},{py:.1f}" for px, py in corners),
        "target": mark.kind == "target",
        "x": f"{x(mark.on):.1f}",
        "y": f"{scale.y(mark.low):.1f}",
        "top": f"{top:.1f}",
        "range": mark.high is not None,
    }


def mark_text(mark: Mark, unit: str) -> str:
    """``70–75%`` or ``40%``."""
    if mark.high is None:
        return number(mark.low, unit)
    return f"{number(mark.low, 'number')}–{number(mark.high, unit)}"


def trajectory_description(chart: Trajectory) -> str:
    """The chart in words: baseline, each milestone and target, then the actual figures."""
    parts = []
    if chart.baseline:
        parts.append(
            f"Baseline {number(chart.baseline[1], chart.unit)} on {day(chart.baseline[0])}"
        )
    parts += [
        f"{m.kind.capitalize()} {mark_text(m, chart.unit)} by {day(m.on)}" for m in chart.marks
    ]
    if chart.actuals:
        parts.append(f"Actual figures, oldest first: {describe(chart.actuals, chart.unit)}")
    return ". ".join(parts) + "." if parts else "No trajectory or figures yet."


# --- Data tables -----------------------------------------------------------------------


@register.simple_tag
def trend_table(caption: str, rows: Sequence[tuple[str, str, Trend]]) -> SafeString:
    """One row per KPI (name, unit, trend), a column per period: the figures the
    sparklines draw. Every trend must cover the same periods."""
    if not rows:
        return SafeString("")
    periods = [period for period, _ in rows[0][2]]
    head = ["Measure", *(p.label for p in periods)]
    body = [
        [{"text": name}, *({"text": number(v, unit), "format": "numeric"} for _, v in trend)]
        for name, unit, trend in rows
    ]
    return table(caption, head, body, caption_classes="govuk-table__caption--s")


@register.simple_tag
def trajectory_table(chart: Trajectory) -> SafeString:
    """The trajectory chart's figures in date order: baseline, milestones, targets, actuals."""
    rows = []
    if chart.baseline:
        rows.append((chart.baseline[0], "Baseline", number(chart.baseline[1], chart.unit), ""))
    rows += [(m.on, m.kind.capitalize(), mark_text(m, chart.unit), m.note) for m in chart.marks]
    rows += [(p.end, f"Actual, {p.label}", number(v, chart.unit), "") for p, v in chart.actuals]
    rows.sort(key=lambda row: row[0])
    body = [
        [{"text": day(on)}, {"text": what}, {"text": figure, "format": "numeric"}, {"text": note}]
        for on, what, figure, note in rows
    ]
    head = ["Date", "What", "Figure", "Note"]
    return table(f"{chart.name}: figures in the chart", head, body, "govuk-table__caption--s")


# --- The board's tables --------------------------------------------------------------------

#: KPI status → GOV.UK tag colour.
STATUS_COLOURS = {
    "on-target": "govuk-tag--green",
    "close": "govuk-tag--yellow",
    "off": "govuk-tag--red",
    "no-data": "govuk-tag--grey",
    "establishing": "govuk-tag--blue",
    "complete": "govuk-tag--purple",
}
SUPPRESSED = "Suppressed"


@register.simple_tag
def kpi_status_tag(status: str, label: str) -> SafeString:
    """The status as a GOV.UK tag: ``{% kpi_status_tag row.status.status row.status.label %}``."""
    return GovUKTag(text=label, classes=STATUS_COLOURS.get(status, "govuk-tag--grey")).render()


@register.simple_tag
def figure(row: Row, name: str = "this", counts: bool = False) -> str:
    """A row's figure (``this``, ``last``, ``year_ago``, or ``with_exceptions``: this
    quarter's including exception cases) as text: ``41.3%`` (with ``counts``,
    ``41.3% (31 of 75)``), ``Suppressed`` or ``No figure``."""
    if name == "with_exceptions":
        if row.hidden("this") or row.hidden("this-with-exceptions"):
            return SUPPRESSED
        beside = row.this.with_exceptions if row.this is not None else None
        return value_text(beside, row.entry.unit, counts)
    if row.hidden(name):
        return SUPPRESSED
    value: Value | None = getattr(row, name)
    return value_text(value, row.entry.unit, counts)


def value_text(value: Value | None, unit: str, counts: bool = False) -> str:
    if value is None or value.value is None:
        return "No figure"
    text = number(value.value, unit)
    if counts and value.denominator is not None and value.numerator is not None:
        text += f" ({value.numerator:,} of {value.denominator:,})"
    return text


@register.simple_tag
def board_table(group: AreaGroup, query: str = "") -> SafeString:
    """One row per KPI of an area: its name (linking to the KPI page), this quarter's figure,
    the target, the status and the trend sparkline."""
    rows = [_board_row(row, query) for row in group.rows]
    return stacked_table(
        caption=group.area.name,
        captionClasses="govuk-visually-hidden",
        head=BOARD_HEAD,  # type: ignore[arg-type]
        rows=rows,  # type: ignore[arg-type]
    ).render()


#: The board table's columns, the same widths in every area's table.
BOARD_HEAD = [
    {"text": "Measure", "classes": "govuk-!-width-one-third"},
    {"text": "This quarter", "format": "numeric"},
    {"text": "Target"},
    {"text": "Status"},
    {"text": "Last 8 quarters"},
]


def _board_row(row: Row, query: str) -> list[dict[str, Any]]:
    href = reverse("web:kpi", args=[row.entry.id]) + query
    status = row.status
    return [
        {"html": format_html('<a class="govuk-link" href="{}">{}</a>', href, row.entry.name)},
        {"text": figure(row, "this"), "format": "numeric"},
        {"text": row.target or "Not set"},
        {"html": kpi_status_tag(status.status, status.label)},
        {"html": sparkline(row.trend, row.entry.unit, row.entry.name, f"trend-{row.entry.id}")},
    ]


@register.simple_tag
def board_trend_table(group: AreaGroup) -> SafeString:
    """The figures the area's sparklines draw, a column per quarter ("Suppressed" where a
    figure is hidden)."""
    rows = group.rows
    if not rows:
        return SafeString("")
    head = ["Measure", *(p.label for p, _ in rows[0].trend)]
    body = [
        [
            {"text": row.entry.name},
            *({"text": _trend_text(row, p, v), "format": "numeric"} for p, v in row.trend),
        ]
        for row in rows
    ]
    return table(f"{group.area.name}: last 8 quarters", head, body, "govuk-table__caption--s")


def _trend_text(row: Row, period: Period, value: Decimal | None) -> str:
    return SUPPRESSED if row.hidden(period.key) else number(value, row.entry.unit)


@register.simple_tag
def breakdown_table(part_of: Breakdown, entry: Entry) -> SafeString:
    """A KPI's figure by one dimension; hidden figures say so."""
    head = [part_of.name, "Figure"]
    rows = [
        [
            {"text": part.label},
            {
                "text": SUPPRESSED if part.hidden else value_text(part.value, entry.unit, True),
                "format": "numeric",
            },
        ]
        for part in part_of.parts
    ]
    caption = f"By {part_of.name[0].lower()}{part_of.name[1:]}"
    return table(caption, head, rows, "govuk-table__caption--s")


@register.filter
def normal_number(value: Decimal) -> str:
    """``5.00`` → ``5``; ``2.50`` → ``2.5``."""
    return number(value)


@register.filter
def quarter_label(day: date) -> str:
    """The financial quarter a day falls in: ``Q3 2026-27``."""
    return containing(day, "quarter").label


@register.simple_tag
def override_table(overrides: Sequence[StatusOverride]) -> SafeString:
    """Every status a person set over the derived one, newest quarter first."""
    head = ["Quarter", "Status set", "Derived status", "Reason", "Set by"]
    rows = [
        [
            {"text": quarter_label(o.period_start)},
            {"text": "Withdrawn: back to the derived status" if o.withdrawn else LABELS[o.status]},
            {"text": LABELS.get(o.derived_status, o.derived_status)},
            {"text": o.reason},
            {"text": f"{person(o.by)}, {day(o.at.date())}"},
        ]
        for o in overrides
    ]
    return table("Statuses set by people", head, rows, "govuk-table__caption--s")
