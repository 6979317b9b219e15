"""The status rule: a KPI's value against its trajectory. Pure: no Django.

A trajectory (``Plan``) is a baseline (value and day), milestones and targets (value or
range, and day) and a tolerance. ``expected`` interpolates it in a straight line from point
to point; ``derive`` compares a value with it. The rule, as ``docs/kpi-status.md`` states
it (a test reads the table there and checks it against ``RULE``):

1. no baseline, or no milestone or target → **establishing**
2. no value for the quarter → **no-data**
3. the value meets the final target → **complete**
4. the value is at or better than expected → **on-target**
5. the value is worse than expected by no more than the tolerance → **close**
6. otherwise → **off**
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Literal

from senda.kernel import long_date

Status = Literal["on-target", "close", "off", "no-data", "establishing", "complete"]

LABELS: dict[str, str] = {
    "on-target": "On target",
    "close": "Close to trajectory",
    "off": "Currently off trajectory",
    "no-data": "Data not yet available",
    "establishing": "Working to establish definition and baseline",
    "complete": "Complete",
}

#: The rule in order: the first line that applies gives the status.
RULE: tuple[tuple[Status, str], ...] = (
    ("establishing", "no baseline, or no milestone or target"),
    ("no-data", "no value for the quarter"),
    ("complete", "the value meets the final target"),
    ("on-target", "the value is at or better than expected"),
    ("close", "the value is worse than expected by no more than the tolerance"),
    ("off", "otherwise"),
)

_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Point:
    """A milestone or target: ``low`` alone, or the range ``low``–``high`` (70–75%)."""

    on: date
    low: Decimal
    high: Decimal | None = None
    kind: Literal["milestone", "target"] = "milestone"
    note: str = ""

    def bound(self, higher_is_better: bool) -> Decimal:
        """The value that must be reached: a range's low end when higher is better, its
        high end when lower is better."""
        if higher_is_better or self.high is None:
            return self.low
        return self.high


@dataclass(frozen=True)
class Plan:
    """A KPI's trajectory for one local area."""

    baseline_value: Decimal | None
    baseline_on: date | None
    points: tuple[Point, ...] = ()
    tolerance: Decimal = Decimal(5)

    @property
    def ready(self) -> bool:
        return (
            self.baseline_value is not None and self.baseline_on is not None and bool(self.points)
        )

    @property
    def final(self) -> Point | None:
        """The final target: the latest point marked target, else the latest point."""
        ordered = sorted(self.points, key=lambda point: point.on)
        targets = [point for point in ordered if point.kind == "target"]
        chosen = targets or ordered
        return chosen[-1] if chosen else None


@dataclass(frozen=True)
class Derived:
    status: Status
    reason: str
    expected: Decimal | None

    @property
    def label(self) -> str:
        return LABELS[self.status]


def expected(plan: Plan | None, on: date, *, higher_is_better: bool = True) -> Decimal | None:
    """The value the trajectory expects on ``on``, to one decimal place: the baseline before
    the first point, the straight line between the two points either side of ``on``, the
    last point after it. None when the trajectory is not ready."""
    if plan is None or not plan.ready:
        return None
    assert plan.baseline_on is not None and plan.baseline_value is not None
    knots = [(plan.baseline_on, plan.baseline_value)]
    knots += sorted((p.on, p.bound(higher_is_better)) for p in plan.points)
    if on <= knots[0][0]:
        return _tenth(knots[0][1])
    for (start, low), (end, high) in pairwise(knots):
        if on <= end:
            span = (end - start).days
            if span <= 0:
                return _tenth(high)
            return _tenth(low + (high - low) * Decimal((on - start).days) / Decimal(span))
    return _tenth(knots[-1][1])


def derive(
    plan: Plan | None,
    value: Decimal | None,
    on: date,
    higher_is_better: bool,
    *,
    unit: str = "number",
) -> Derived:
    """The status of ``value`` on ``on`` (the quarter's as-of day) by the rule above."""
    if plan is None or not plan.ready:
        return Derived("establishing", "There is no baseline and target yet.", None)
    wanted = expected(plan, on, higher_is_better=higher_is_better)
    assert wanted is not None
    if value is None:
        return Derived("no-data", "There is no value for this quarter yet.", wanted)
    final = plan.final
    assert final is not None
    shown, goal = _show(value, unit), _show(final.bound(higher_is_better), unit)
    if _gap(value, final.bound(higher_is_better), higher_is_better) <= 0:
        return Derived("complete", f"{shown} meets the final target of {goal}.", wanted)
    gap = _gap(value, wanted, higher_is_better)
    versus = f"{shown} against {_show(wanted, unit)} expected on {long_date(on)}"
    if gap <= 0:
        return Derived("on-target", f"{versus}: at or better than the trajectory.", wanted)
    behind, tolerance = f"{_amount(gap, unit)} behind", _amount(plan.tolerance, unit)
    if gap <= plan.tolerance:
        return Derived("close", f"{versus}: {behind}, within the tolerance of {tolerance}.", wanted)
    return Derived("off", f"{versus}: {behind}, more than the tolerance of {tolerance}.", wanted)


def _gap(value: Decimal, wanted: Decimal, higher_is_better: bool) -> Decimal:
    """How far ``value`` is behind ``wanted`` (zero or less: not behind)."""
    return wanted - value if higher_is_better else value - wanted


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(_TENTH, rounding=ROUND_HALF_UP)


def _show(value: Decimal, unit: str) -> str:
    """``42.5%``, ``40%``, ``12 days``, ``£1,200``: a number as the page shows it."""
    number = f"{value:,.1f}".removesuffix(".0")
    if unit == "percent":
        return f"{number}%"
    if unit == "pounds":
        return f"−£{number[1:]}" if value < 0 else f"£{number}"
    if unit in ("days", "weeks"):
        return f"{number} {unit if number != '1' else unit[:-1]}"
    return number


def _amount(value: Decimal, unit: str) -> str:
    """A difference: percentages differ by percentage points."""
    if unit == "percent":
        number = _show(value, "number")
        return f"{number} percentage point{'' if number == '1' else 's'}"
    return _show(value, unit)
