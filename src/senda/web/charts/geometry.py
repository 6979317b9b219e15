"""Chart geometry: scales, axes ticks, polylines and marker shapes. Pure: numbers in,
coordinates and SVG ``points`` strings out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

XY = tuple[float, float]


@dataclass(frozen=True)
class Scale:
    """Maps a figure to a y coordinate between ``bottom`` (low) and ``top`` (high)."""

    low: Decimal
    high: Decimal
    bottom: float
    top: float

    @classmethod
    def of(
        cls, values: Sequence[Decimal | None], bottom: float, top: float, *, tight: bool = False
    ) -> Scale:
        """A scale over the known ``values``: from 0 (or, ``tight``, their lowest) to their
        highest; one unit tall when they are all the same."""
        known = [v for v in values if v is not None] or [Decimal(0)]
        low = min(known) if tight else min([Decimal(0), *known])
        high = max(known)
        if high == low:
            high = low + 1
        return cls(low, high, bottom, top)

    def y(self, value: Decimal) -> float:
        share = float((value - self.low) / (self.high - self.low))
        return self.bottom - share * (self.bottom - self.top)


def time_axis(first: date, last: date, left: float, width: float) -> Callable[[date], float]:
    """Maps a day to an x coordinate: ``first`` at ``left``, ``last`` at ``left + width``."""
    span = max((last - first).days, 1)

    def x(on: date) -> float:
        return left + (on - first).days / span * width

    return x


def polylines(xy: Sequence[XY | None]) -> list[str]:
    """Runs of consecutive points as SVG ``points`` strings; a lone point is a dot instead."""
    runs: list[list[XY]] = [[]]
    for point in xy:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [" ".join(f"{x:.1f},{y:.1f}" for x, y in run) for run in runs if len(run) > 1]


def point(xy: XY | None) -> dict[str, str] | None:
    """A point as SVG attribute values, ``{"x": "12.0", "y": "3.5"}``; None for none."""
    return None if xy is None else {"x": f"{xy[0]:.1f}", "y": f"{xy[1]:.1f}"}


def ticks(scale: Scale) -> list[Decimal]:
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
    found, tick = [], first
    while tick <= scale.high:
        found.append(tick)
        tick += step
    return found


def year_starts(first: date, last: date) -> list[date]:
    """Each 1 January after ``first`` up to ``last``: where the x axis is labelled."""
    return [date(year, 1, 1) for year in range(first.year + 1, last.year + 1)]


def marker(cx: float, cy: float, square: bool) -> str:
    """A 10×10 square or a 12×12 diamond centred on (cx, cy), as SVG polygon ``points``."""
    if square:
        corners = [(cx - 5, cy - 5), (cx + 5, cy - 5), (cx + 5, cy + 5), (cx - 5, cy + 5)]
    else:
        corners = [(cx, cy - 6), (cx + 6, cy), (cx, cy + 6), (cx - 6, cy)]
    return " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
