"""What each chart draws, as plain values for its SVG template: the sparkline of a KPI's
trend and a KPI's trajectory chart, with the words that describe them.

No JavaScript and no inline style: colours are SVG presentation attributes (GOV.UK palette),
so the same markup prints in WeasyPrint. Each chart is ``role="img"`` named by its
``<title>`` and ``<desc>`` (the figures, oldest first); pages put a data table beside it
(``web.tables.charts``) for anyone who cannot see the picture.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from senda.performance.board import number
from senda.performance.periods import Period
from senda.performance.status_rule import Plan
from senda.web.charts.geometry import (
    Scale,
    marker,
    point,
    polylines,
    ticks,
    time_axis,
    year_starts,
)
from senda.web.formats import day

BLUE, BLACK, GREY, GREEN, PURPLE = "#1d70b8", "#0b0c0c", "#505a5f", "#00703c", "#4c2c92"
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 96, 24, 3
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 28, 30

Trend = Sequence[tuple[Period, Decimal | None]]


# --- The sparkline ---------------------------------------------------------------------


def sparkline(trend: Trend, unit: str, name: str, chart_id: str) -> dict[str, Any]:
    """A 96×24 line of the trend (gaps where there is no figure), its last point marked.

    Scaled to the figures' own range: it shows direction, the table gives the numbers.
    ``chart_id`` must be unique on the page (it names the title and description)."""
    values = [value for _, value in trend]
    scale = Scale.of(values, SPARK_HEIGHT - SPARK_PAD, SPARK_PAD, tight=True)
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(len(values) - 1, 1)
    xy = [None if v is None else (SPARK_PAD + n * step, scale.y(v)) for n, v in enumerate(values)]
    last = next((p for p in reversed(xy) if p is not None), None)
    return {
        "id": chart_id,
        "width": SPARK_WIDTH,
        "height": SPARK_HEIGHT,
        "title": f"{name}: trend",
        "desc": describe(trend, unit),
        "lines": polylines(xy),
        "last": point(last),
        "colour": BLUE,
    }


def describe(trend: Trend, unit: str) -> str:
    """``Q4 2025-26 41%, Q1 2026-27 no figure, …`` (oldest first)."""
    return ", ".join(f"{period.label} {number(value, unit)}" for period, value in trend)


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


XAxis = Callable[[date], float]


def trajectory(chart: Trajectory, chart_id: str) -> dict[str, Any] | None:
    """Baseline (open circle), the trajectory through milestones (diamonds) and targets
    (squares; a range as a bar from low to high) as a dashed line, and the actual quarterly
    figures as a solid line with dots. Years along the bottom, the unit up the side.
    None when there is nothing to draw."""
    days = _days(chart)
    if not days:
        return None
    first, last = min(days), max(days)
    x = time_axis(first, last, LEFT, WIDTH - LEFT - RIGHT)
    scale = Scale.of(_chart_values(chart), HEIGHT - BOTTOM, TOP)
    if chart.unit == "percent":
        scale = Scale(Decimal(0), max(Decimal(100), scale.high), HEIGHT - BOTTOM, TOP)
    return {
        "id": chart_id,
        "width": WIDTH,
        "height": HEIGHT,
        "title": f"{chart.name}: trajectory and actual figures",
        "desc": trajectory_description(chart),
        "colours": {"actual": BLUE, "text": BLACK, "line": GREY, "target": GREEN},
        "milestone_colour": PURPLE,
        "plot": {"left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM},
        "y_ticks": [
            {"y": f"{scale.y(t):.1f}", "label": number(t, chart.unit)} for t in ticks(scale)
        ],
        "x_ticks": [{"x": f"{x(d):.1f}", "label": str(d.year)} for d in year_starts(first, last)],
        "path": _trajectory_path(chart, x, scale),
        "baseline": _baseline(chart, x, scale),
        "marks": [_mark(m, x, scale) for m in chart.marks],
        "lines": polylines(
            [None if v is None else (x(p.end), scale.y(v)) for p, v in chart.actuals]
        ),
        "dots": [point((x(p.end), scale.y(v))) for p, v in chart.actuals if v is not None],
    }


def _days(chart: Trajectory) -> list[date]:
    days = [m.on for m in chart.marks] + [p.end for p, _ in chart.actuals]
    return days + ([chart.baseline[0]] if chart.baseline else [])


def _chart_values(chart: Trajectory) -> list[Decimal | None]:
    values: list[Decimal | None] = [v for _, v in chart.actuals]
    values += [m.high if m.high is not None else m.low for m in chart.marks]
    return values + ([chart.baseline[1]] if chart.baseline else [])


def _trajectory_path(chart: Trajectory, x: XAxis, scale: Scale) -> str:
    points = [chart.baseline] if chart.baseline else []
    points += [(m.on, _aim(m, chart.higher_is_better)) for m in chart.marks]
    return " ".join(f"{x(on):.1f},{scale.y(value):.1f}" for on, value in points)


def _aim(mark: Mark, higher_is_better: bool) -> Decimal:
    """The bound of a range the trajectory runs through (the one the status is judged by)."""
    if mark.high is None:
        return mark.low
    return mark.low if higher_is_better else mark.high


def _baseline(chart: Trajectory, x: XAxis, scale: Scale) -> dict[str, str] | None:
    if chart.baseline is None:
        return None
    on, value = chart.baseline
    return point((x(on), scale.y(value)))


def _mark(mark: Mark, x: XAxis, scale: Scale) -> dict[str, Any]:
    top = scale.y(mark.high if mark.high is not None else mark.low)
    cx, cy = x(mark.on), scale.y(mark.low)
    return {
        "shape": marker(cx, cy, square=mark.kind == "target"),
        "target": mark.kind == "target",
        "x": f"{cx:.1f}",
        "y": f"{cy:.1f}",
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
