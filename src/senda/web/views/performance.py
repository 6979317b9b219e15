"""The board dashboard and the KPI page: the performance framework's figures for a quarter.

- ``/performance/`` (``web:performance``, ``?quarter=2026-27-q3``): every KPI grouped by
  improvement area with its figure, target, status and trend (``senda.performance.board``).
- ``/performance/kpis/<kpi_id>/`` (``web:kpi``): one KPI's definition, trajectory chart,
  status and why, breakdowns, benchmarks and commentary.

For council staff (``LA_WIDE_ROLES``) and partnership board members; SENCos and parents
get 403. Aggregates only, with small numbers suppressed for everyone: no child is named
here. Board members do not see the breakdown by case officer, nor the link to the cases
behind a figure (that is the service dashboard's, for staff).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils.safestring import SafeString

from senda import audit, kernel
from senda.governance.access import can_raise_on_kpi
from senda.governance.queries import kpi_history
from senda.improvement.models import Action
from senda.pathways.disabled.access import may_see_register
from senda.people.models import LocalAuthority, Membership
from senda.people.names import display_name
from senda.people.training_actions import SEE_ROLES
from senda.performance import (
    behind,
    benchmarks,
    board,
    kpis,
    local_kpis,
    report,
    status_shown,
    trajectories,
)
from senda.performance.catalogue.entry import Entry
from senda.performance.periods import EVERY, Period, containing
from senda.performance.status_rule import LABELS, RULE
from senda.performance.weekly import dashboard as weekly
from senda.web.access import LA_WIDE_ROLES, require_performance
from senda.web.charts.drawings import Trajectory
from senda.web.memo import Memo

#: Who may set a status, trajectory or commentary, or record a value (the forms' own rule).
EDIT_ROLES = trajectories.MANAGE_ROLES


def quarter_from(value: str | None, day: date) -> Period:
    """The quarter ``?quarter=`` names (the one containing ``day`` if absent); 404 for
    anything else, or a quarter that has not started."""
    if not value:
        return containing(day, "quarter")
    try:
        return report.quarters.chosen(value, day)
    except ValueError:
        raise Http404("Not a quarter with figures.") from None


def with_quarter(url: str, quarter: Period, day: date) -> str:
    return url if quarter == containing(day, "quarter") else f"{url}?quarter={quarter.key}"


#: The dashboard's area sections as rendered HTML, by area, version, quarter and day.
BOARD_MEMO = Memo(maxsize=64)


def board_sections(la: LocalAuthority, quarter: Period, day: date) -> SafeString:
    """Every area's table and trend figures, rendered once per version of the area's data:
    every write that changes a figure (``senda tick``, a recorded value, a trajectory, a
    status, commentary) is audited, so ``audit.latest_write`` moves on with it. The same
    for every role that sees the dashboard."""
    threshold = status_shown.threshold()
    key = f"board:{la.pk}:{audit.latest_write(la.pk)}:{quarter.key}:{day}:{threshold}"

    def render_sections() -> SafeString:
        context = {"groups": board.board(la, quarter, day), "quarter": quarter}
        context["running"] = quarter.contains(day)
        return SafeString(render_to_string("web/performance/_board.html", context))

    sections: SafeString = BOARD_MEMO.get_or_set(key, render_sections)
    return sections


#: What lies behind a workforce KPI: people and posts of the training register.
STAFF_LISTS = ("trainee", "post")


@login_required
def performance(request: HttpRequest) -> HttpResponse:
    membership = require_performance(request.user)
    day = kernel.today()
    quarter = quarter_from(request.GET.get("quarter"), day)
    following = quarter.following()
    context = {
        "la": membership.la,
        "quarter": quarter,
        "today": day,
        "running": quarter.contains(day),
        "sections": board_sections(membership.la, quarter, day),
        "threshold": status_shown.threshold(),
        "previous_url": with_quarter(reverse("web:performance"), quarter.previous(), day),
        "next_url": with_quarter(reverse("web:performance"), following, day)
        if following.start <= day
        else None,
        "report_url": reverse("web:report"),
        "benchmarks_url": reverse("web:benchmarks"),
        "add_url": reverse("web:kpi-add") if membership.role in EDIT_ROLES else None,
    }
    return render(request, "web/performance/dashboard.html", context)


@login_required
def kpi(request: HttpRequest, kpi_id: str) -> HttpResponse:
    membership = require_performance(request.user)
    try:
        entry = kpis.get(membership.la, kpi_id)
    except KeyError:
        raise Http404("No such KPI.") from None
    day = kernel.today()
    quarter = quarter_from(request.GET.get("quarter"), day)
    la, staff = membership.la, membership.role in LA_WIDE_ROLES
    [group] = board.board(la, quarter, day, kpi_ids=[entry.id])
    row = group.rows[0]
    dimensions = [d for d in entry.dimensions if staff or d != "officer"]
    records = behind.behind(la, entry, quarter, day) if staff else None
    if (
        records is not None
        and records.of == "register"
        and not may_see_register(request.user, la.pk)
    ):
        records = None  # the disabled children's register: its own strict access
    if records is not None and records.of in STAFF_LISTS and membership.role not in SEE_ROLES:
        records = None  # the people behind a workforce KPI: for those who see the register
    if records is not None and records.of in (
        "case",
        "referral",
        "profile-audit",
        "register",
        "participation",
    ):
        audit.record_list(
            user=request.user,
            request=request,
            page=f"cases behind {entry.id}",
            obj=la,
            filters={"quarter": quarter.key},
        )
    context = {
        "la": la,
        "entry": entry,
        "area": group.area,
        "row": row,
        "quarter": quarter,
        "running": quarter.contains(day),
        "threshold": status_shown.threshold(),
        "chart": Trajectory.from_plan(
            entry.name, entry.unit, row.plan, row.trend, higher_is_better=entry.higher_is_better
        ),
        "breakdowns": board.breakdowns(la, entry, quarter, row.this, dimensions=dimensions),
        "overrides": status_shown.overrides(la, entry.id),
        "commentary": status_shown.commentary(la, entry.id),
        "panel": _benchmark_panel(la, entry),
        "back_url": with_quarter(reverse("web:performance"), quarter, day),
        "cases_url": _cases_url(entry, quarter, day) if staff else None,
        "behind": records,
        "actions": Action.objects.naming_kpi(la.pk, entry.id),
        "links": _edit_links(entry, membership),
        "recorded_every": EVERY[entry.period],
        "source_named": f" ({entry.data_source})" if entry.data_source else "",
        "versions": _versions(la, entry),
        "defined_by": f"The partnership, on these pages (version {entry.version})"
        if entry.local
        else "Senda's KPI catalogue, in its code",
        "rule": [(LABELS[status], when) for status, when in RULE],
        # The KPI's escalations to the area's governance bodies, and the page to raise one.
        "escalations": kpi_history(la.pk, entry.id),
        "escalate_url": (
            reverse("web:kpi-escalate", args=[entry.id])
            if can_raise_on_kpi(request.user, la.pk)
            else None
        ),
    }
    return render(request, "web/performance/kpi.html", context)


def _cases_url(entry: Entry, quarter: Period, day: date) -> str | None:
    """The service dashboard's list of cases behind the KPI, for the week the quarter's
    figure stands as of."""
    if entry.source != "computed" or entry.casework_kpi not in weekly.KPIS:
        return None
    week = weekly.week_of(quarter.as_of(day))
    return f"{reverse('web:dashboard-kpi', args=[entry.casework_kpi])}?week={week.start:%Y-%m-%d}"


def _edit_links(entry: Entry, membership: Membership) -> list[tuple[str, str]]:
    """(text, URL) of the forms the user may use for this KPI."""
    if membership.role not in EDIT_ROLES:
        return []
    wanted = [
        ("Set or override the status", "web:kpi-status"),
        ("Write commentary", "web:kpi-commentary"),
        ("Set the trajectory", "web:kpi-trajectory"),
    ]
    if entry.source == "recorded":
        wanted.insert(0, ("Record a value", "web:kpi-record"))
    if entry.local:
        wanted.append(("Change the definition", "web:kpi-define"))
    return [(text, reverse(name, args=[entry.id])) for text, name in wanted]


def _versions(la: LocalAuthority, entry: Entry) -> list[Any]:
    """A local KPI's versions, newest first, each with who made it (``by_name``)."""
    if not entry.local:
        return []
    rows = local_kpis.history(la, entry.id)
    for row in rows:
        row.by_name = display_name(row.by)  # type: ignore[attr-defined]
    return rows


def _benchmark_panel(la: Any, entry: Entry) -> Any:
    """DfE's published figures for the KPI's benchmark measure, if it has one."""
    if not entry.benchmark:
        return None
    return benchmarks.panel(la, entry)


urlpatterns: list[URLPattern] = [
    path("performance/", performance, name="performance"),
    path("performance/kpis/<slug:kpi_id>/", kpi, name="kpi"),
]
