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

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda import kernel
from senda.people.models import LocalAuthority
from senda.people.names import display_name
from senda.performance import periods, recorded
from senda.performance.catalogue import AREAS, Entry
from senda.performance.models import RecordedValue
from senda.web.access import require_kpi_manager
from senda.web.components import table
from senda.web.formats import day
from senda.web.forms.errors import saved
from senda.web.forms.performance import RecordForm
from senda.web.pages import kpi_page

#: How many periods back a value may be recorded for, by the KPI's period.
BACK = {"month": 24, "quarter": 12, "term": 9, "year": 4}


def recordable(request: HttpRequest, kpi_id: str) -> tuple[LocalAuthority, Entry]:
    """The user's local area and the KPI: 403 unless the user may record values, then 404
    for an unknown or computed KPI."""
    la, entry = require_kpi_manager(request.user, kpi_id)
    if entry.source != "recorded":
        raise Http404("This KPI is computed by senda tick; it is not recorded.")
    return la, entry


def choices(entry: Entry, on: date) -> list[periods.Period]:
    """The periods a value may be recorded for, newest first."""
    return list(reversed(periods.last(BACK[entry.period], entry.period, on)))


@login_required
def record(request: HttpRequest, kpi_id: str) -> HttpResponse:
    la, entry = recordable(request, kpi_id)
    on = kernel.today()
    offered = choices(entry, on)
    default = offered[1] if len(offered) > 1 else offered[0]  # the last complete period
    data = request.POST if request.method == "POST" else None
    form = RecordForm(
        data, entry=entry, choices=offered, today=on, la=la, initial={"period": default.key}
    )
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
        "every": periods.EVERY[entry.period],
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
