"""Casework KPIs for the weekly service dashboard, computed from the clock's deadline rows.

    from senda.casework import kpis
    kpis.dashboard(la, today)                  # every KPI over the last 12 weeks
    kpis.groups(kpis.KPIS["final-plan-20w"], la, kpis.week_of(today), today)

Definitions: ``definitions.py`` (one function per KPI); docs: ``docs/service-dashboard.md``.
"""

from __future__ import annotations

from datetime import date

from senda.casework.kpis import definitions as _definitions  # noqa: F401  (registers KPIs)
from senda.casework.kpis.compute import Figure, Group, Point, Series, groups, series
from senda.casework.kpis.registry import KPIS, Kpi, Measure
from senda.casework.kpis.weeks import TREND_WEEKS, Week, trend, week_of
from senda.people.models import LocalAuthority

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


def dashboard(la: LocalAuthority, today: date) -> list[Series]:
    """Every registered KPI for the local area over the trend weeks: one query each."""
    weeks = trend(today)
    return [series(kpi, la, weeks, today) for kpi in KPIS.values()]
