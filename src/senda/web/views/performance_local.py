"""Adding and changing a KPI the partnership defines itself, without a release
(``senda.performance.local_kpis``).

- ``/performance/local-kpis/new/`` (``web:kpi-add``): a recorded KPI's definition, baseline
  and target; on saving, its page, where its first value is recorded.
- ``/performance/local-kpis/<local_kpi>/`` (``web:kpi-define``): a new version of its
  definition, with what changed and why; earlier versions are kept.

Service managers and team managers of the user's own local area (those who record KPI
values); every other role gets 403. A KPI not the area's own (another area's, or one of
the catalogue's in code) is 404 for everyone, before the role is asked. Writes go through
the actions, which validate again, audit and may raise ``ActionError``.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from senda.performance import kpis, local_kpis, recorded
from senda.performance.catalogue import AREAS
from senda.performance.local_kpis import Definition
from senda.web.access import membership_for, require_performance
from senda.web.forms.errors import saved
from senda.web.forms.local_kpis import LocalKpiForm, initial_of


@login_required
def add(request: HttpRequest) -> HttpResponse:
    membership = require_performance(request.user, recorded.RECORD_ROLES)
    data = request.POST if request.method == "POST" else None
    form = LocalKpiForm(data, adding=True)
    if form.is_valid():
        added: list[str] = []

        def write() -> None:
            cleaned = form.cleaned_data
            kpi = local_kpis.add_local_kpi(
                by=request.user,
                la=membership.la,
                definition=form.definition_of(),
                baseline_value=cleaned.get("baseline_value"),
                baseline_on=cleaned.get("baseline_on"),
                target_value=cleaned.get("target_value"),
                target_on=cleaned.get("target_on"),
            )
            added.append(kpi.kpi)

        if saved(form, write):
            messages.success(
                request, f"{form.cleaned_data['name'].strip()} added: record its first value"
            )
            return redirect("web:kpi", kpi_id=added[0])
    context = {"form": form, "back": reverse("web:performance")}
    return render(request, "web/performance/local_kpi.html", context)


@login_required
def define(request: HttpRequest, local_kpi: str) -> HttpResponse:
    own = membership_for(request.user)
    if own is None or not kpis.is_local(local_kpi):
        raise Http404("Not a KPI of this local area's own.")
    try:  # another area's KPI is not found, whoever asks; then only its managers may
        entry = kpis.get(own.la_id, local_kpi)
    except KeyError:
        raise Http404("Not a KPI of this local area's own.") from None
    membership = require_performance(request.user, recorded.RECORD_ROLES)
    current = Definition(
        name=entry.name,
        definition=entry.definition,
        unit=entry.unit,
        higher_is_better=entry.higher_is_better,
        period=entry.period,
        owner=entry.owner,
        data_source=entry.data_source,
        area=entry.area,
        numerator=entry.numerator,
        denominator=entry.denominator,
        establishing=entry.establishing,
    )
    data = request.POST if request.method == "POST" else None
    form = LocalKpiForm(data, adding=False, initial=initial_of(current))
    if form.is_valid():
        write = partial(
            local_kpis.edit_local_kpi,
            by=request.user,
            la=membership.la,
            kpi_id=entry.id,
            definition=form.definition_of(),
            change=form.cleaned_data["change"],
        )
        if saved(form, write):
            messages.success(request, f"{form.cleaned_data['name'].strip()}: new version saved")
            return redirect("web:kpi", kpi_id=entry.id)
    context = {
        "form": form,
        "entry": entry,
        "area": AREAS.get(entry.area),
        "back": reverse("web:kpi", args=[entry.id]),
    }
    return render(request, "web/performance/local_kpi.html", context)


urlpatterns: list[URLPattern] = [
    path("performance/local-kpis/new/", add, name="kpi-add"),
    path("performance/local-kpis/<slug:local_kpi>/", define, name="kpi-define"),
]
