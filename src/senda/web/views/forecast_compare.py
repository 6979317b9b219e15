"""Forecasts side by side (issue 17; docs/forecast.md, "Comparing forecasts"):
``/forecast/compare/?runs=&runs=&year=`` (``web:forecast-compare``): two to four of the
area's finished forecasts, their totals year by year and one year's breakdowns by need,
provision, age band and locality, with the differences. A forecast made before localities
were kept has none, and the page says so. A GET form: it works without JavaScript.

Service managers and board members see it; everyone else gets 403. Another area's
forecast is not offered, and asking for one is a form error. Aggregates only, small
numbers suppressed.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from senda.performance.status_shown import threshold
from senda.sufficiency import localities
from senda.sufficiency.models import ForecastRun
from senda.web.access import require_forecast
from senda.web.forms.forecast import COMPARE_OFFERED, CompareForm
from senda.web.tables import forecast_compare as tables


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    membership = require_forecast(request.user)
    done = ForecastRun.objects.of_area(membership.la_id).filter(status=ForecastRun.Status.DONE)
    offered = list(done.listed()[:COMPARE_OFFERED])
    form = CompareForm(
        request.GET or None,
        runs=[
            (run.pk, tables.label(run), range(run.start_year + 1, run.start_year + run.years + 1))
            for run in offered
        ],
    )
    context: dict[str, object] = {"form": form, "offered": offered}
    if form.is_bound and form.is_valid():
        wanted = form.cleaned_data["runs"]
        runs = sorted(
            done.filter(pk__in=wanted), key=lambda r: (r.scenario != "baseline", wanted.index(r.pk))
        )
        years = tables.years_of(runs)
        year = form.cleaned_data.get("year") or (years[-1] if years else None)
        context |= {
            "runs": runs,
            "year": year,
            "totals": tables.totals_table(runs),
            "breakdowns": [
                tables.breakdown_table(runs, breakdown, year, threshold())
                for breakdown in tables.BREAKDOWNS
            ]
            if year
            else [],
            "by_locality": tables.breakdown_table(runs, localities.LOCALITY, year, threshold())
            if year
            else "",
            "no_locality": [
                tables.label(run) for run in runs if not tables.kept(run, localities.LOCALITY)
            ],
            "by_home": tables.breakdown_table(runs, localities.HOME_LOCALITY, year, threshold())
            if year
            else "",
            "no_home": [
                tables.label(run) for run in runs if not tables.kept(run, localities.HOME_LOCALITY)
            ],
            "not_known": localities.NOT_KNOWN,
            "out_of_area": localities.OUT_OF_AREA,
            "not_placed": localities.NOT_PLACED,
            "threshold": threshold(),
        }
    return render(request, "web/forecast/compare.html", context)


urlpatterns: list[URLPattern] = [
    path("forecast/compare/", compare, name="forecast-compare"),
]
