"""Weekly service dashboard: the casework KPIs the clock computes, and the cases behind them.

For the local area's staff (case officers, team managers, QA auditors, service managers).
Board members get 403 (their aggregate dashboard is separate); SENCos and parents 403.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.people.models import LocalAuthority
from senda.performance.weekly import dashboard as weekly
from senda.web.access import LA_WIDE_ROLES, membership_for

PAGE_SIZE = 25


def require_dashboard(user: Any) -> LocalAuthority:
    """The user's local area if their role may see its dashboard; PermissionDenied if not."""
    membership = membership_for(user)
    if membership is None or membership.role not in LA_WIDE_ROLES:
        raise PermissionDenied("The service dashboard is for the local area's SEND staff.")
    return membership.la


def week_from(value: str | None, day: date) -> weekly.Week:
    """The week containing ``?week=YYYY-MM-DD`` (this week if absent); 404 if the value is
    not a date or lies after this week."""
    if not value:
        return weekly.week_of(day)
    try:
        week = weekly.week_of(date.fromisoformat(value))
    except ValueError:
        raise Http404("Not a week.") from None
    if week > weekly.week_of(day):
        raise Http404("That week has not started.")
    return week


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    la = require_dashboard(request.user)
    day = kernel.today()
    context = {
        "la": la,
        "today": day,
        "week": weekly.week_of(day),
        "series": weekly.dashboard(la, day),
    }
    return render(request, "web/dashboard/index.html", context)


@login_required
def dashboard_kpi(request: HttpRequest, kpi: str) -> HttpResponse:
    la = require_dashboard(request.user)
    entry = weekly.KPIS.get(kpi)
    if entry is None:
        raise Http404("No such KPI.")
    day = kernel.today()
    week = week_from(request.GET.get("week"), day)
    week_figure = weekly.series(entry, la, [week], day).figures[0]
    parts = [
        (group, Paginator(group.rows, PAGE_SIZE).get_page(request.GET.get(f"{group.key}-page")))
        for group in weekly.groups(entry, la, week, day)
    ]
    audit.record_list(
        user=request.user,
        request=request,
        page=f"cases behind {entry.id}",
        obj=la,
        filters={"week": week.start, **{f"{g.key}-page": p.number for g, p in parts}},
    )
    context = {
        "kpi": entry,
        "la": la,
        "week": week,
        "week_figure": week_figure,
        "parts": parts,
        "as_of": week.as_of(day) if entry.kind == "count" else None,
        "previous_week": week.previous(),
        "next_week": week.following() if week < weekly.week_of(day) else None,
    }
    return render(request, "web/dashboard/kpi.html", context)


urlpatterns: list[URLPattern] = [
    path("dashboard/", dashboard, name="dashboard"),
    path("dashboard/<slug:kpi>/", dashboard_kpi, name="dashboard-kpi"),
]
