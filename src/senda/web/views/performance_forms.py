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

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.safestring import SafeString
from govuk_frontend_django.components.summary_list import GovUKSummaryList

from senda.people.models import LocalAuthority
from senda.people.names import display_name
from senda.performance import catalogue, periods, read, statuses, trajectories
from senda.performance.catalogue.entry import Entry
from senda.performance.models import StatusOverride, Trajectory
from senda.performance.status import LABELS, RULE, Point
from senda.web.components import table
from senda.web.formats import day
from senda.web.forms.errors import saved
from senda.web.forms.fields import GovUKDateField
from senda.web.views.performance import require_performance, today

#: How many quarters back a status or commentary may be set for.
QUARTERS_BACK = 8
ROWS = range(1, trajectories.MAX_POINTS + 1)


# --- Access and shared pieces ---------------------------------------------------------------


def managed(request: HttpRequest, kpi_id: str) -> tuple[LocalAuthority, Entry]:
    """The user's local area and the KPI: 403 unless the user is a service manager or team
    manager, then 404 for an unknown KPI."""
    membership = require_performance(request.user, trajectories.MANAGE_ROLES)
    try:
        return membership.la, catalogue.get(kpi_id)
    except KeyError:
        raise Http404("No such KPI.") from None


def offered() -> list[periods.Period]:
    """The quarters a status or commentary may be set for, newest first."""
    return list(reversed(periods.last(QUARTERS_BACK, "quarter", today())))


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


def kpi_page(entry: Entry, quarter: periods.Period | None = None) -> str:
    """The KPI's page (for ``quarter``, if given): where a form returns once done."""
    found = reverse("web:kpi", kwargs={"kpi_id": entry.id})
    return f"{found}?quarter={quarter.key}" if quarter else found


def _with_quarter(name: str, entry: Entry, quarter: periods.Period) -> str:
    return f"{reverse(name, kwargs={'kpi_id': entry.id})}?quarter={quarter.key}"


class QuarterForm(forms.Form):
    """A GET form choosing the quarter a page is for."""

    quarter = forms.ChoiceField(label="Quarter")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(q.key, q.long_label) for q in offered()]


# --- Status ---------------------------------------------------------------------------------


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        widget=forms.RadioSelect,
        choices=list(LABELS.items()),
        error_messages={"required": "Choose a status", "invalid_choice": "Choose a status"},
    )
    reason = forms.CharField(
        label="Why this status",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Boards read this beside the status. Say what the figure does not show.",
        error_messages={"required": "Enter why the status differs from the derived one"},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


@login_required
def kpi_status(request: HttpRequest, kpi_id: str) -> HttpResponse:
    """The derived status and why; set another with a reason, or withdraw the one set."""
    la, entry = managed(request, kpi_id)
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
            today=today(),
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
    shown = statuses.shown(la, entry.id, quarter, read.value(la, entry.id, quarter))
    if not form.is_bound:
        form = StatusForm(prefix="set", initial={"status": shown.status})
    context = {
        "entry": entry,
        "quarter": quarter,
        "quarters": QuarterForm(initial={"quarter": quarter.key}),
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


def _status_summary(shown: statuses.Shown) -> SafeString:
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


class CommentaryForm(forms.Form):
    text = forms.CharField(
        label="Analysis and mitigations",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the figure shows, why, and what is being done. The quarterly report "
        "prints it. A new entry replaces the last for the quarter; every entry is kept.",
        error_messages={"required": "Enter the analysis and mitigations"},
    )


@login_required
def kpi_commentary(request: HttpRequest, kpi_id: str) -> HttpResponse:
    la, entry = managed(request, kpi_id)
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
            today=today(),
        )
        if saved(form, write):
            messages.success(request, f"{entry.name}: commentary saved for {quarter.label}")
            return redirect(kpi_page(entry, quarter))
    history = statuses.commentary(la, entry.id)
    current = next((c for c in history if c.period_start == quarter.start), None)
    if not form.is_bound and current is not None:
        form = CommentaryForm(initial={"text": current.text})
    context = {
        "entry": entry,
        "quarter": quarter,
        "quarters": QuarterForm(initial={"quarter": quarter.key}),
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


def _number(label: str, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a number, like 42.5",
            "max_digits": f"The {label.lower()} is too large",
            "max_decimal_places": f"The {label.lower()} can have at most 2 decimal places",
            "max_whole_digits": f"The {label.lower()} is too large",
        },
    )


class TrajectoryForm(forms.Form):
    """Baseline, tolerance and six rows of milestones and targets (``point_<n>_<part>``),
    filled from the top; a blank row is left out."""

    baseline_value = _number("Baseline value")
    baseline_on = GovUKDateField(
        label="Date of the baseline",
        help_text="The day the baseline figure stood on. For example, 31 12 2024",
        error_messages={"required": "Enter the date of the baseline"},
    )
    baseline_note = forms.CharField(
        label="About the baseline (optional)",
        required=False,
        max_length=200,
        help_text="For example, calendar year 2024",
    )
    tolerance = _number("Tolerance")

    def __init__(self, *args: Any, entry: Entry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = "percentage points" if entry.is_rate else entry.unit
        self.fields[
            "tolerance"
        ].help_text = f"How far behind the trajectory still counts as close, in {unit}."
        for n in ROWS:
            self.fields[f"point_{n}_on"] = GovUKDateField(
                label=f"Date of point {n}", required=False
            )
            self.fields[f"point_{n}_low"] = _number(f"Value of point {n}", required=False)
            self.fields[f"point_{n}_high"] = _number(f"Top of range of point {n}", required=False)
            self.fields[f"point_{n}_kind"] = forms.ChoiceField(
                label=f"Milestone or target {n}",
                choices=[("milestone", "Milestone"), ("target", "Target")],
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"point_{n}_note"] = forms.CharField(
                label=f"Note on point {n} (optional)", required=False, max_length=200
            )
            self.fields[f"point_{n}_high"].help_text = "Only for a range, like 70 to 75."

    def rows(self) -> list[list[Any]]:
        """The bound fields of each point row, for the template."""
        parts = ("on", "low", "high", "kind", "note")
        return [[self[f"point_{n}_{part}"] for part in parts] for n in ROWS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        blank_before = 0
        for n in ROWS:
            filled = [data.get(f"point_{n}_{p}") for p in ("on", "low", "high", "note")]
            if not any(v not in (None, "") for v in filled) and not self._errors_in(n):
                blank_before = blank_before or n
                continue
            if blank_before:
                self.add_error(f"point_{n}_on", f"Fill in point {blank_before} before point {n}")
                continue
            if data.get(f"point_{n}_on") is None and f"point_{n}_on" not in self.errors:
                self.add_error(f"point_{n}_on", f"Enter the date of point {n}")
            if data.get(f"point_{n}_low") is None and f"point_{n}_low" not in self.errors:
                self.add_error(f"point_{n}_low", f"Enter the value of point {n}")
        return data

    def _errors_in(self, n: int) -> bool:
        return any(name.startswith(f"point_{n}_") for name in self.errors)

    def points(self) -> list[Point]:
        data, found = self.cleaned_data, []
        for n in ROWS:
            on, low = data.get(f"point_{n}_on"), data.get(f"point_{n}_low")
            if on is None or low is None:
                continue
            high, note = data.get(f"point_{n}_high"), data.get(f"point_{n}_note") or ""
            if data.get(f"point_{n}_kind") == "target":
                found.append(Point(on, low, high, "target", note))
            else:
                found.append(Point(on, low, high, "milestone", note))
        return found


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
    la, entry = managed(request, kpi_id)
    existing = statuses.trajectory(la, entry.id)
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
