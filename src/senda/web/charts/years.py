"""Charts of a figure by year: lines of counted or forecast figures, a forecast's interval
as a shaded band or as bars from low to high, years along the bottom. Pure: numbers in,
SVG attribute values out, for ``web/charts/_years.svg``.

The forecast's plans by year (the censuses, then the median and its 5th–95th percentile
band), its backtest (each earlier forecast against what happened) and the deficit
projection are drawn with it. Like the performance charts (``drawings``): no JavaScript,
no inline style, ``role="img"`` named by its ``<title>`` and ``<desc>``; the page puts the
figures in a table beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from senda.web.charts.geometry import Scale

BLACK, GREY, LIGHT = "#0b0c0c", "#505a5f", "#b1b4b6"
#: GOV.UK palette: the first series' colour, then the others'.
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#f47738", "#912b88")
BAND = "#c2dcf0"
WIDTH = 640
#: The plot's edges; the year labels and the legend (two entries a row) are below it.
LEFT, RIGHT, TOP, BOTTOM = 64, 56, 20, 244
LEGEND_TOP, LEGEND_ROW = 274, 20


@dataclass(frozen=True)
class Line:
    """One line of the chart: ``(year, value)`` points, oldest first. ``dashed`` for a
    forecast; ``spread`` ``(year, low, high)``: its interval, drawn as a ``band`` or as
    bars at each year; ``label``: written at the line's end (an earlier forecast's
    origin)."""

    name: str
    points: Sequence[tuple[int, float]]
    dashed: bool = False
    spread: Sequence[tuple[int, float, float]] = ()
    band: bool = True
    label: str = ""


def chart(
    lines: Sequence[Line],
    *,
    chart_id: str,
    title: str,
    desc: str,
    unit: str = "",
    tight: bool = False,
    year_label: Callable[[int], str] = str,
) -> dict[str, Any] | None:
    """The chart's drawing; None with nothing to draw. The y axis runs from nought (or,
    ``tight``, from the lowest figure, to show small differences) to the highest;
    ``unit`` prefixes its figures (``"£"``), shown in millions above a million;
    ``year_label`` names a year on the x axis (a financial year: ``2025-26``)."""
    years = [y for line in lines for y, _ in line.points]
    years += [y for line in lines for y, _, _ in line.spread]
    if not years:
        return None
    first, last = min(years), max(years)
    values = [v for line in lines for _, v in line.points]
    values += [v for line in lines for _, low, high in line.spread for v in (low, high)]
    scale = Scale.of([_decimal(v) for v in values], BOTTOM, TOP, tight=tight)

    def x(year: int) -> float:
        return LEFT + (year - first) / max(last - first, 1) * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return scale.y(_decimal(value))

    drawn = [_line(line, n, x, y) for n, line in enumerate(lines)]
    legend = _legend(lines, drawn)
    return {
        "id": chart_id,
        "width": WIDTH,
        "height": LEGEND_TOP + LEGEND_ROW * ((len(legend) + 1) // 2) + 4,
        "title": title,
        "desc": desc,
        "text": BLACK,
        "axis": GREY,
        "grid": LIGHT,
        "band_colour": BAND,
        "plot": {"left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": BOTTOM},
        "y_ticks": [
            {"y": f"{y(float(t)):.1f}", "label": money(float(t), unit)} for t in ticks(scale)
        ],
        "x_ticks": [
            {"x": f"{x(year):.1f}", "label": year_label(year)} for year in _labelled(first, last)
        ],
        "lines": drawn,
        "legend": legend,
    }


def ticks(scale: Scale) -> list[Decimal]:
    """Round figures from the bottom of the scale to its top, at most six steps apart and
    each step 1, 2, 2.5 or 5 times a power of ten: pounds in millions read as well as
    counts."""
    spread = scale.high - scale.low
    power = Decimal(1)
    while True:
        step = next(
            (power * m for m in (1, 2, Decimal("2.5"), 5) if spread / (power * m) <= 5), None
        )
        if step is not None:
            break
        power *= 10
    first = (scale.low / step).to_integral_value(rounding="ROUND_CEILING") * step
    found, tick = [], first
    while tick <= scale.high:
        found.append(tick)
        tick += step
    return found


def _decimal(value: float) -> Decimal:
    return Decimal(round(value))


def _labelled(first: int, last: int) -> list[int]:
    """Every year, or every other one when there are more than eight."""
    step = 1 if last - first < 8 else 2
    return list(range(first, last + 1, step))


def _line(line: Line, n: int, x: Any, y: Any) -> dict[str, Any]:
    colour = COLOURS[n % len(COLOURS)]
    points = " ".join(f"{x(year):.1f},{y(value):.1f}" for year, value in line.points)
    drawn: dict[str, Any] = {
        "name": line.name,
        "colour": colour,
        "dashed": line.dashed,
        "points": points if len(line.points) > 1 else "",
        "dots": [{"x": f"{x(a):.1f}", "y": f"{y(b):.1f}"} for a, b in line.points],
        "band": "",
        "bars": [],
        "label": None,
    }
    if line.spread and line.band:
        upper = [f"{x(year):.1f},{y(high):.1f}" for year, _, high in line.spread]
        lower = [f"{x(year):.1f},{y(low):.1f}" for year, low, _ in reversed(line.spread)]
        drawn["band"] = " ".join(upper + lower)
    elif line.spread:
        drawn["bars"] = [
            {"x": f"{x(year):.1f}", "low": f"{y(low):.1f}", "high": f"{y(high):.1f}"}
            for year, low, high in line.spread
        ]
    if line.label and line.points:
        year, value = line.points[-1]
        drawn["label"] = {"x": f"{x(year) + 6:.1f}", "y": f"{y(value) + 4:.1f}", "text": line.label}
    return drawn


def _legend(lines: Sequence[Line], drawn: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per line (and one for the band, where a band is drawn), two to a row
    under the axis so it fits a phone."""
    entries: list[dict[str, Any]] = []
    for line, shown in zip(lines, drawn, strict=True):
        entries.append({"text": line.name, "colour": shown["colour"], "dashed": line.dashed})
        if shown["band"]:
            entries.append({"text": "Interval: 5th to 95th percentile", "band": True})
    for n, entry in enumerate(entries):
        row, column = divmod(n, 2)
        entry["x"] = LEFT + column * (WIDTH - LEFT - RIGHT) // 2
        entry["y"] = LEGEND_TOP + row * LEGEND_ROW
        entry.setdefault("band", False)
        entry.setdefault("colour", BAND)
        entry.setdefault("dashed", False)
    return entries


def money(value: float, unit: str = "") -> str:
    """An axis figure: ``1,200``, or with a unit ``£1.25m`` above a million."""
    if unit and abs(value) >= 1_000_000:
        millions = f"{abs(value) / 1_000_000:,.2f}".rstrip("0").rstrip(".")
        return f"{'−' if value < 0 else ''}{unit}{millions}m"
    return f"{'−' if value < 0 else ''}{unit}{abs(value):,.0f}"
