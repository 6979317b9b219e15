"""Setting a KPI's status for a quarter, its commentary and its trajectory:
``/performance/kpis/<kpi_id>/status/``, ``…/commentary/`` and ``…/trajectory/``.

Service managers and team managers of the user's own local area; every other role gets 403,
then an unknown KPI 404. The quarter is ``?quarter=<key>`` (default: this quarter). Writes go
through ``senda.performance.trajectories``, which validate again, audit and may raise
``ActionError``. The rule a status is derived by is ``docs/kpi-status.md``.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.safestring import SafeString
from govuk_frontend_django.components.summary_list import GovUKSummaryList

from senda import kernel
from senda.people.names import display_name
from senda.performance import kpi_figures, periods, status_shown, trajectories
from senda.performance.catalogue.entry import Entry
from senda.performance.models import StatusOverride, Trajectory
from senda.performance.status_rule import LABELS, RULE
from senda.web.access import require_kpi_manager
from senda.web.components import table
from senda.web.formats import day
from senda.web.forms.errors import saved
from senda.web.forms.performance import (
    CommentaryForm,
    QuarterForm,
    StatusForm,
    TrajectoryForm,
    WithdrawForm,
)
from senda.web.pages import kpi_page

#: How many quarters back a status or commentary may be set for.
QUARTERS_BACK = 8


# --- Access and shared pieces ---------------------------------------------------------------


def offered() -> list[periods.Period]:
    """The quarters a status or commentary may be set for, newest first."""
    return list(reversed(periods.last(QUARTERS_BACK, "quarter", kernel.today())))


def chosen_quarter(request: HttpRequest) -> periods.Period:
    """``?quarter=<key>`` if it is one of the quarters offered; this quarter if absent."""
    key = request.GET.get("quarter")
    choices = offered()
    if not key:
        return choices[0]
    found = next((q for q in choices if q.key == key), None)
    if found is None:
        raise Http404("That quarter cannot be chosen here.")
    return found


def _with_quarter(name: str, entry: Entry, quarter: periods.Period) -> str:
    return f"{reverse(name, kwargs={'kpi_id': entry.id})}?quarter={quarter.key}"


# --- Status ---------------------------------------------------------------------------------


@login_required
def kpi_status(request: HttpRequest, kpi_id: str) -> HttpResponse:
    """The derived status and why; set another with a reason, or withdraw the one set."""
    la, entry = require_kpi_manager(request.user, kpi_id)
    quarter = chosen_quarter(request)
    posted = request.POST.get("form") if request.method == "POST" else None
    form = StatusForm(request.POST if posted == "set" else None, prefix="set")
    withdraw = WithdrawForm(request.POST if posted == "withdraw" else None, prefix="withdraw")
    common = {"la": la, "kpi_id": entry.id, "quarter": quarter, "by": request.user}
    if posted == "set" and form.is_valid():
        data = form.cleaned_data
        write = partial(
            trajectories.override_status,
            status=data["status"],
            reason=data["reason"],
            today=kernel.today(),
            **common,
        )
        if saved(form, write):
            messages.success(request, f"{entry.name}: status set for {quarter.label}")
            return redirect(kpi_page(entry, quarter))
    if posted == "withdraw" and withdraw.is_valid():
        reason = withdraw.cleaned_data["reason"]
        if saved(withdraw, partial(trajectories.withdraw_override, reason=reason, **common)):
            messages.success(request, f"{entry.name}: {quarter.label} shows the derived status")
            return redirect(kpi_page(entry, quarter))
    shown = status_shown.shown(la, entry.id, quarter, kpi_figures.value(la, entry.id, quarter))
    if not form.is_bound:
        form = StatusForm(prefix="set", initial={"status": shown.status})
    context = {
        "entry": entry,
        "quarter": quarter,
        "quarters": QuarterForm(initial={"quarter": quarter.key}, quarters=offered()),
        "shown": shown,
        "form": form,
        "withdraw": withdraw,
        "summary": _status_summary(shown),
        "rule": [(LABELS[status], when) for status, when in RULE],
        "history": _override_table(list(shown.history)),
        "action": _with_quarter("web:kpi-status", entry, quarter),
        "back": kpi_page(entry, quarter),
    }
    return render(request, "web/performance/status.html", context)


def _status_summary(shown: status_shown.Shown) -> SafeString:
    rows = [("Derived status", shown.derived.label), ("Why", shown.derived.reason)]
    if shown.override is not None:
        by = f"{display_name(shown.override.by)}, {day(shown.override.at.date())}"
        rows += [("Status set", shown.override.get_status_display()), ("Set by", by)]
        rows += [("Reason", shown.override.reason)]
    items = [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]
    return GovUKSummaryList(rows=items).render()  # type: ignore[arg-type]


def _override_table(rows: list[StatusOverride]) -> SafeString | None:
    if not rows:
        return None
    body = [
        [
            {"text": day(row.at.date())},
            {"text": "Returned to derived" if row.withdrawn else row.get_status_display()},
            {"text": row.get_derived_status_display()},
            {"text": row.reason},
            {"text": display_name(row.by)},
        ]
        for row in rows
    ]
    head = ["Date", "Status set", "Derived then", "Reason", "By"]
    return table("Statuses set for this quarter", head, body)


# --- Commentary -----------------------------------------------------------------------------


@login_required
def kpi_commentary(request: HttpRequest, kpi_id: str) -> HttpResponse:
    la, entry = require_kpi_manager(request.user, kpi_id)
    quarter = chosen_quarter(request)
    form = CommentaryForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        write = partial(
            trajectories.add_commentary,
            la=la,
            kpi_id=entry.id,
            quarter=quarter,
            text=form.cleaned_data["text"],
            by=request.user,
            today=kernel.today(),
        )
        if saved(form, write):
            messages.success(request, f"{entry.name}: commentary saved for {quarter.label}")
            return redirect(kpi_page(entry, quarter))
    history = status_shown.commentary(la, entry.id)
    current = next((c for c in history if c.period_start == quarter.start), None)
    if not form.is_bound and current is not None:
        form = CommentaryForm(initial={"text": current.text})
    context = {
        "entry": entry,
        "quarter": quarter,
        "quarters": QuarterForm(initial={"quarter": quarter.key}, quarters=offered()),
        "form": form,
        "history": _commentary_table(history),
        "action": _with_quarter("web:kpi-commentary", entry, quarter),
        "back": kpi_page(entry, quarter),
    }
    return render(request, "web/performance/commentary.html", context)


def _commentary_table(rows: list[Any]) -> SafeString | None:
    if not rows:
        return None
    body = [
        [
            {"text": periods.Period(row.period_start, "quarter").label},
            {"text": row.text},
            {"text": f"{display_name(row.by)}, {day(row.at.date())}"},
        ]
        for row in rows
    ]
    return table("Commentary written", ["Quarter", "Analysis and mitigations", "By"], body)


# --- Trajectory -----------------------------------------------------------------------------


def _initial(row: Trajectory | None) -> dict[str, Any]:
    if row is None:
        return {"tolerance": Decimal(5)}
    initial: dict[str, Any] = {
        "baseline_value": row.baseline_value,
        "baseline_on": row.baseline_on,
        "baseline_note": row.baseline_note,
        "tolerance": row.tolerance,
    }
    for n, point in enumerate(row.points.all(), start=1):
        initial |= {
            f"point_{n}_on": point.on,
            f"point_{n}_low": point.low,
            f"point_{n}_high": point.high,
            f"point_{n}_kind": point.kind,
            f"point_{n}_note": point.note,
        }
    return initial


@login_required
def kpi_trajectory(request: HttpRequest, kpi_id: str) -> HttpResponse:
    la, entry = require_kpi_manager(request.user, kpi_id)
    existing = status_shown.trajectory(la, entry.id)
    data = request.POST if request.method == "POST" else None
    form = TrajectoryForm(data, entry=entry, initial=_initial(existing))
    if form.is_valid():
        cleaned = form.cleaned_data
        write = partial(
            trajectories.set_trajectory,
            la=la,
            kpi_id=entry.id,
            baseline_value=cleaned["baseline_value"],
            baseline_on=cleaned["baseline_on"],
            baseline_note=cleaned["baseline_note"],
            tolerance=cleaned["tolerance"],
            points=form.points(),
            by=request.user,
        )
        if saved(form, write):
            messages.success(request, f"{entry.name}: trajectory saved")
            return redirect(kpi_page(entry))
    context = {"entry": entry, "form": form, "back": kpi_page(entry)}
    return render(request, "web/performance/trajectory.html", context)


urlpatterns: list[URLPattern] = [
    path("performance/kpis/<slug:kpi_id>/status/", kpi_status, name="kpi-status"),
    path("performance/kpis/<slug:kpi_id>/commentary/", kpi_commentary, name="kpi-commentary"),
    path("performance/kpis/<slug:kpi_id>/trajectory/", kpi_trajectory, name="kpi-trajectory"),
]
