"""Casework KPIs for the weekly service dashboard, computed from the clock's deadline rows.

    from senda.casework import kpis
    kpis.dashboard(la, today)                  # every KPI over the last 12 weeks
    kpis.groups(kpis.KPIS["final-plan-20w"], la, kpis.week_of(today), today)

Definitions: ``definitions.py`` (one function per KPI); docs: ``docs/service-dashboard.md``.
The names below load on first use, so ``python -m senda.casework.kpis.docs`` can set up
Django before the models are imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from senda.casework.kpis.api import (
        KPIS,
        TREND_WEEKS,
        Figure,
        Group,
        Kpi,
        Measure,
        Point,
        Series,
        Week,
        dashboard,
        groups,
        series,
        trend,
        week_of,
    )

__all__ = [
    "KPIS",
    "TREND_WEEKS",
    "Figure",
    "Group",
    "Kpi",
    "Measure",
    "Point",
    "Series",
    "Week",
    "dashboard",
    "groups",
    "series",
    "trend",
    "week_of",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from senda.casework.kpis import api

    return getattr(api, name)
