"""Recording a KPI's value for a month or quarter, with its evidence
(``/performance/kpis/<kpi_id>/record/``).

Only KPIs the catalogue marks ``recorded``: a computed KPI's page is 404 here, as is an
unknown id. Service managers and team managers of the user's own local area record; every
other role gets 403. Writes go through ``senda.performance.recorded.record_value``, which
validates again, audits and may raise ``ActionError``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.people.models import LocalAuthority
from senda.people.names import display_name
from senda.performance import periods, recorded
from senda.performance.catalogue import AREAS, Entry
from senda.performance.models import RecordedValue
from senda.web.components import table
from senda.web.formats import day
from senda.web.forms.errors import saved, show_action_error
from senda.web.forms.fields import WholeNumberField
from senda.web.views.performance import today
from senda.web.views.performance_forms import kpi_page, managed

#: How many periods back a value may be recorded for.
MONTHS_BACK = 24
QUARTERS_BACK = 12


class RecordForm(forms.Form):
    period = forms.ChoiceField(label="Period", error_messages={"required": "Choose the period"})
    value = forms.CharField(label="Value", required=False, max_length=20)
    numerator = WholeNumberField(
        label="Numerator",
        required=False,
        min_value=0,
        error_messages={
            "invalid": "Enter the numerator as a whole number",
            "min_value": "The numerator must be 0 or more",
            "max_value": "The numerator must be 2,147,483,647 or less",
        },
    )
    denominator = WholeNumberField(
        label="Denominator",
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Enter the denominator as a whole number",
            "min_value": "The denominator must be 1 or more",
            "max_value": "The denominator must be 2,147,483,647 or less",
        },
    )
    evidence = forms.CharField(
        label="Evidence",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Where the figure comes from: the survey, register or report, and its date.",
    )
    evidence_url = forms.CharField(
        label="Link to the evidence (optional)",
        required=False,
        max_length=200,
        help_text="A web address starting https://, if the evidence is online.",
    )

    def __init__(self, *args: Any, entry: Entry, choices: list[periods.Period], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.entry = entry
        self.fields["period"].choices = [(p.key, p.long_label) for p in choices]
        self.fields["value"].label, self.fields["value"].help_text = _value_words(entry)
        self.fields["value"].widget.attrs.update({"inputmode": "decimal", "spellcheck": "false"})
        if entry.is_rate:
            self.fields["numerator"].help_text = entry.numerator
            self.fields["denominator"].help_text = entry.denominator
        else:
            del self.fields["numerator"], self.fields["denominator"]
        for name in ("numerator", "denominator"):
            if name in self.fields:
                self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean(self) -> dict[str, Any]:
        """Every problem the action would find, shown at once (the action checks again)."""
        data = super().clean() or {}
        if "period" not in data:
            return data
        figures = ("value", "numerator", "denominator")
        unreadable = any(name in self.errors for name in figures)
        found = recorded.problems(
            kpi_id=self.entry.id,
            period=periods.parse(data["period"]),
            value=(data.get("value") or "").strip() or None,
            numerator=data.get("numerator"),
            denominator=data.get("denominator"),
            evidence=data.get("evidence", ""),
            evidence_url=data.get("evidence_url", ""),
            today=today(),
        )
        for problem in found:
            if problem.field in self.errors or (unreadable and problem.field in figures):
                continue  # the field's own error says it already
            show_action_error(self, problem)
        return data


def _value_words(entry: Entry) -> tuple[str, str]:
    if entry.is_rate:
        return (
            "Percentage (optional if you give the numerator and denominator)",
            "A number from 0 to 100, like 42.5. Leave it empty to work it out from the "
            "numerator and denominator below.",
        )
    if entry.unit == "pounds":
        return ("Value in pounds", f"{entry.numerator}. Below zero for a surplus.")
    if entry.unit == "count":
        return ("Value", f"{entry.numerator}: a whole number.")
    return (f"Value in {entry.unit}", entry.numerator)


def recordable(request: HttpRequest, kpi_id: str) -> tuple[LocalAuthority, Entry]:
    """The user's local area and the KPI: 403 unless the user may record values, then 404
    for an unknown or computed KPI."""
    la, entry = managed(request, kpi_id)
    if entry.source != "recorded":
        raise Http404("This KPI is computed from casework; it is not recorded.")
    return la, entry


def choices(entry: Entry, on: date) -> list[periods.Period]:
    """The periods a value may be recorded for, newest first."""
    count = MONTHS_BACK if entry.period == "month" else QUARTERS_BACK
    return list(reversed(periods.last(count, entry.period, on)))


@login_required
def record(request: HttpRequest, kpi_id: str) -> HttpResponse:
    la, entry = recordable(request, kpi_id)
    on = today()
    offered = choices(entry, on)
    default = offered[1] if len(offered) > 1 else offered[0]  # the last complete period
    data = request.POST if request.method == "POST" else None
    form = RecordForm(data, entry=entry, choices=offered, initial={"period": default.key})
    if form.is_valid():
        cleaned = form.cleaned_data
        period = periods.parse(cleaned["period"])
        write = partial(
            recorded.record_value,
            user=request.user,
            la=la,
            kpi_id=entry.id,
            period=period,
            value=cleaned["value"].strip() or None,
            numerator=cleaned.get("numerator"),
            denominator=cleaned.get("denominator"),
            evidence=cleaned["evidence"],
            evidence_url=cleaned["evidence_url"],
            today=on,
        )
        if saved(form, write):
            messages.success(request, f"{entry.name}: value recorded for {period.label}")
            return redirect("web:kpi-record", kpi_id=entry.id)
    context = {
        "entry": entry,
        "area": AREAS[entry.area],
        "form": form,
        "history": history_table(entry, recorded.entries(la, entry.id)),
        "kpi_url": kpi_page(entry),
    }
    return render(request, "web/performance/record.html", context)


def shown(entry: Entry, value: Decimal) -> str:
    """A recorded value as a board paper writes it: ``42.5%``, ``£1,250,000``, ``12 weeks``."""
    if entry.is_rate:
        return f"{value:.1f}%"
    if entry.unit == "pounds":
        sign = "−" if value < 0 else ""
        return f"{sign}£{abs(value):,.0f}"
    whole = value == value.to_integral_value()
    number = f"{value:,.0f}" if whole else f"{value:,.2f}"
    return f"{number} {entry.unit}" if entry.unit in ("days", "weeks") else number


def history_table(entry: Entry, rows: list[RecordedValue]) -> SafeString | None:
    """Every entry, latest period first; a superseded entry (a later one for the same period
    was made) says so."""
    if not rows:
        return None
    seen: set[date] = set()
    body = []
    for row in rows:
        period = periods.Period(row.period_start, row.period)
        value = shown(entry, row.value)
        if row.numerator is not None:
            value += f" ({row.numerator} of {row.denominator})"
        if row.period_start in seen:
            value += " – superseded"
        seen.add(row.period_start)
        by = display_name(row.entered_by)
        body.append(
            [
                {"text": period.label},
                {"text": value},
                _evidence_cell(row, period),
                {"text": f"{by}, {day(timezone.localdate(row.entered_at))}"},
            ]
        )
    return table("Values recorded", ["Period", "Value", "Evidence", "Entered by"], body)


def _evidence_cell(row: RecordedValue, period: periods.Period) -> dict[str, Any]:
    if not row.evidence_url:
        return {"text": row.evidence}
    link = format_html(
        '{}<br><a class="govuk-link" href="{}">Evidence for {}</a>',
        row.evidence,
        row.evidence_url,
        period.label,
    )
    return {"html": link}


urlpatterns: list[URLPattern] = [
    path("performance/kpis/<slug:kpi_id>/record/", record, name="kpi-record"),
]
