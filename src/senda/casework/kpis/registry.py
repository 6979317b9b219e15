"""The KPI registry: one small named function per KPI, whose docstring is its definition.

A KPI function takes a period (``start``, ``end``, both inclusive) and ``today`` and returns
a :class:`Measure`: which deadline rows fall in the period, which of them count towards the
measure, and which are left out. The dashboard's figures and its lists of the cases behind
each figure are both built from the same measure, so they cannot disagree.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from django.db.models import Q

Kind = Literal["rate", "count", "now"]


@dataclass(frozen=True)
class Measure:
    """What one KPI counts in one period, as conditions on ``DeadlineRow``.

    ``rules``: the rule ids read. ``in_period``: the rows belonging to the period.
    ``counts``: of those, the rows in the numerator (None for a plain count).
    ``exception``: rows left out of numerator and denominator because an exception applies
    (reported beside the figure). ``open``: rows left out because their outcome is not known
    yet. ``by``: a field to break the figure down by. ``bands``: labelled conditions that
    break a count down (e.g. how long overdue). ``as_of``: the day a count is taken.
    """

    rules: tuple[str, ...]
    in_period: Q
    counts: Q | None = None
    exception: Q | None = None
    open: Q | None = None
    by: str | None = None
    bands: tuple[tuple[str, Q], ...] = ()
    as_of: date | None = None


MeasureFn = Callable[[date, date, date], Measure]
#: A KPI that exists only now (no dated history to derive past weeks from): takes the local
#: area and today, returns (counted, left out) lists, e.g. officers at and over target.
NowFn = Callable[[Any, date], tuple[list[Any], list[Any]]]


@dataclass(frozen=True)
class Kpi:
    """A registered KPI. ``labels`` names the groups of its cases-behind list;
    ``breakdown`` names what its figure is broken down by, if anything."""

    id: str
    title: str
    statute: str
    kind: Kind
    labels: dict[str, str]
    measure: MeasureFn | NowFn
    breakdown: str | None = None

    @property
    def definition(self) -> str:
        """The function's docstring: the KPI's numerator, denominator, period and statute."""
        return inspect.cleandoc(self.measure.__doc__ or "")

    @property
    def summary(self) -> str:
        """The definition's first paragraph."""
        return " ".join(self.definition.split("\n\n")[0].split())


KPIS: dict[str, Kpi] = {}

RATE_LABELS = {
    "counted": "Counted as on time",
    "missed": "Not on time",
    "excepted": "Left out: exception applies",
    "open": "Left out: not due yet",
}


def kpi(
    kpi_id: str,
    *,
    title: str,
    statute: str,
    kind: Kind = "rate",
    labels: dict[str, str] | None = None,
    breakdown: str | None = None,
) -> Callable[[Any], Any]:
    """Register the decorated function as KPI ``kpi_id``: a :data:`MeasureFn` for a rate or
    a count, a :data:`NowFn` for ``kind="now"``."""

    def register(measure: Any) -> Any:
        if kpi_id in KPIS:
            raise ValueError(f"KPI {kpi_id!r} is registered twice")
        names = RATE_LABELS | (labels or {}) if kind != "count" else dict(labels or {})
        KPIS[kpi_id] = Kpi(kpi_id, title, statute, kind, names, measure, breakdown)
        return measure

    return register
