"""The public face of ``senda.casework.kpis`` (loaded on first use, see ``__init__``)."""

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
