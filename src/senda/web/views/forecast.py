"""The demand forecast's pages (issue 17; docs/forecast.md, "The pages"):

- ``/forecast/`` (``web:forecast``, ``?scenario=&breakdown=&compare=``): the area's latest
  forecast under a scenario — the censuses and forecast years, a breakdown, the backtest
  beside it, another scenario side by side — and the forecasts made;
- ``/forecast/make/`` (``web:forecast-make``, POST): queue a new forecast;
- ``/forecast/runs/<id>/`` (``web:forecast-run``): one forecast made, or "queued" until it is.

Forecasts are made by the queue (``sufficiency.tasks``), never per request. Service
managers see and make them, board members see them; everyone else gets 403, and another
area's forecast is 404 for everyone. Aggregates only, small numbers suppressed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from senda.kernel import ActionError
from senda.people.models import Membership
from senda.performance.benchmarks import national_caseload
from senda.performance.status_shown import threshold
from senda.sufficiency import actions, backtest, localities
from senda.sufficiency.categories import AGE_RULE_LABELS
from senda.sufficiency.models import ForecastRun
from senda.web.access import membership_for, require_forecast
from senda.web.charts import forecast as charts
from senda.web.forms.forecast import BreakdownForm, ForecastChoiceForm, RequestForecastForm
from senda.web.tables import forecast as tables
from senda.web.tables.scenarios import describe

RUNS_PER_PAGE = 20


def _may_make(request: HttpRequest, membership: Membership) -> bool:
    return actions.can_request_forecast(request.user, membership.la)


@login_required
def forecast(request: HttpRequest) -> HttpResponse:
    membership = require_forecast(request.user)
    form = ForecastChoiceForm(request.GET or None, la_id=membership.la_id)
    chosen = form.chosen()
    runs = ForecastRun.objects.of_area(membership.la_id)
    run = runs.latest_done(membership.la_id, chosen["scenario"])
    other = runs.latest_done(membership.la_id, chosen["compare"]) if chosen["compare"] else None
    page = Paginator(runs.listed(), RUNS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "scenario": chosen["scenario"],
        "scenario_title": dict(form.fields["scenario"].choices).get(chosen["scenario"], ""),
        "pending": runs.pending().filter(scenario=chosen["scenario"]).first(),
        "compare": chosen["compare"],
        "compare_title": dict(form.fields["compare"].choices).get(chosen["compare"], ""),
        "compared": tables.compare_table(run, other) if run and other else "",
        "may_make": _may_make(request, membership),
        "page_obj": page,
        "history": tables.runs_table(page.object_list),
        **_shown(run, chosen["breakdown"]),
    }
    return render(request, "web/forecast/home.html", context)


def _shown(run: ForecastRun | None, breakdown: str) -> dict[str, Any]:
    """What a page shows of a finished forecast."""
    if run is None or run.status != ForecastRun.Status.DONE:
        return {"run": run}
    scores = run.scores()
    return {
        "run": run,
        "censuses": len(run.history),
        "age_rule": AGE_RULE_LABELS.get(run.age_rule, run.age_rule),
        "breakdown": breakdown,
        "simulations": f"{run.simulations:,}",
        "threshold": threshold(),
        "totals": tables.totals_table(run),
        "plans_chart": charts.plans_chart(run),
        "backtest_chart": charts.backtest_chart(run),
        "costs": tables.cost_table(run),
        "national": tables.national_table(run, national)
        if (national := national_caseload())
        else "",
        "breakdown_table": tables.breakdown_table(run, breakdown, threshold()),
        "out_of_area": localities.OUT_OF_AREA,
        "not_placed": localities.NOT_PLACED,
        "not_known": localities.NOT_KNOWN,
        "backtest": tables.backtest_table(scores) if scores else "",
        "backtest_words": tables.backtest_words(backtest.record(scores)) if scores else {},
    }


@login_required
def make(request: HttpRequest) -> HttpResponse:
    """POST only: queue a forecast under the scenario chosen, then show it queued."""
    membership = require_forecast(request.user)
    if not _may_make(request, membership):
        raise PermissionDenied("Only service managers make forecasts.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RequestForecastForm(request.POST, la_id=membership.la_id)
    if not form.is_valid():
        messages.error(request, "Choose a scenario from the list.")
        return redirect("web:forecast")
    scenario = form.cleaned_data["scenario"]
    try:
        run = actions.request_forecast(la=membership.la, scenario=scenario, by=request.user)
    except ActionError as refused:
        messages.error(request, refused.message)
        return redirect(f"{reverse('web:forecast')}?scenario={scenario}")
    messages.success(
        request,
        f"Forecast asked for (“{run.title}”). It is made in the background: this "
        "page shows it when it is ready.",
    )
    return redirect("web:forecast-run", forecast_id=run.pk)


@login_required
def run_page(request: HttpRequest, forecast_id: int) -> HttpResponse:
    """One forecast made: queued or running (refresh to see it), failed, or its figures."""
    own = membership_for(request.user)
    run = (
        ForecastRun.objects.filter(la_id=own.la_id if own else None, pk=forecast_id)
        .select_related("requested_by")
        .first()
    )
    if run is None:
        raise Http404("No such forecast.")
    require_forecast(request.user)
    form = BreakdownForm(request.GET or None)
    context = {
        "form": form,
        "scenario_title": run.title,
        "short_name": tables.short_name(run),
        "supposes": describe(run.spec()),
        **_shown(run, form.chosen_breakdown()),
    }
    return render(request, "web/forecast/run.html", context)


urlpatterns: list[URLPattern] = [
    path("forecast/", forecast, name="forecast"),
    path("forecast/make/", make, name="forecast-make"),
    path("forecast/runs/<id:forecast_id>/", run_page, name="forecast-run"),
]
