"""Scenarios a service manager defines (issue 17; docs/forecast.md, "Scenarios"):

- ``/forecast/scenarios/`` (``web:scenarios``): every scenario, built in or the area's;
- ``/forecast/scenarios/new/`` (``web:scenario-new``): define one (its title);
- ``/forecast/scenarios/<id>/`` (``web:scenario``): its changes, and a forecast under it;
- ``/forecast/scenarios/<id>/changes/new/`` (``web:scenario-change-new``): add a change;
- ``/forecast/scenarios/changes/<id>/remove/`` (``web:scenario-change-remove``, POST).

Service managers define and change them; board members see them; everyone else gets 403,
and another area's scenario is 404 for everyone. No child is named here.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import kernel
from senda.people.models import Membership
from senda.sufficiency import scenario_actions
from senda.sufficiency.models import ForecastRun, ScenarioChange, StoredScenario
from senda.web.access import membership_for, require_forecast
from senda.web.forms.placements import save
from senda.web.forms.scenarios import ChangeForm, ScenarioTitleForm
from senda.web.tables import scenarios as tables


def _own(request: HttpRequest, scenario_id: int) -> StoredScenario:
    own = membership_for(request.user)
    found = StoredScenario.objects.of_area(own.la_id if own else None).filter(pk=scenario_id)
    scenario = found.first()
    if scenario is None:
        raise Http404("No such scenario.")
    return scenario


def _require_manager(request: HttpRequest) -> Membership:
    membership = require_forecast(request.user)
    if not scenario_actions.can_define_scenarios(request.user, membership.la_id):
        raise PermissionDenied("Only service managers define scenarios.")
    return membership


@login_required
def scenarios(request: HttpRequest) -> HttpResponse:
    membership = require_forecast(request.user)
    stored = StoredScenario.objects.of_area(membership.la_id).prefetch_related("changes")
    context = {
        "table": tables.scenarios_table(stored),
        "manager": scenario_actions.can_define_scenarios(request.user, membership.la_id),
    }
    return render(request, "web/forecast/scenarios.html", context)


@login_required
def scenario_new(request: HttpRequest) -> HttpResponse:
    membership = _require_manager(request)
    form = ScenarioTitleForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        made: list[StoredScenario] = []
        title = form.cleaned_data["title"]
        write = lambda: made.append(  # noqa: E731
            scenario_actions.define_scenario(la=membership.la, title=title, by=request.user)
        )
        if save(form, write, {}):
            messages.success(request, "The scenario is defined. Now add what it changes.")
            return redirect("web:scenario-change-new", scenario_id=made[0].pk)
    return render(request, "web/forecast/scenario_new.html", {"form": form})


@login_required
def scenario(request: HttpRequest, scenario_id: int) -> HttpResponse:
    shown = _own(request, scenario_id)
    membership = require_forecast(request.user)
    manager = scenario_actions.can_define_scenarios(request.user, membership.la_id)
    changes = list(shown.changes.all())
    runs = ForecastRun.objects.of_area(membership.la_id).filter(scenario=shown.name)
    context = {
        "scenario": shown,
        "changes": tables.changes_table(changes, get_token(request) if manager else None),
        "has_changes": bool(changes),
        "manager": manager,
        "latest": runs.filter(status=ForecastRun.Status.DONE).first(),
        "pending": runs.pending().first(),
    }
    return render(request, "web/forecast/scenario.html", context)


@login_required
def change_new(request: HttpRequest, scenario_id: int) -> HttpResponse:
    shown = _own(request, scenario_id)
    _require_manager(request)
    today = kernel.today()
    form = ChangeForm(request.POST if request.method == "POST" else None, today=today)
    if form.is_bound and form.is_valid():
        change = form.change()
        write = lambda: scenario_actions.add_change(  # noqa: E731
            scenario=shown, change=change, by=request.user, today=today
        )
        if save(form, write, {}):
            messages.success(request, "The change is added.")
            return redirect("web:scenario", scenario_id=shown.pk)
    return render(request, "web/forecast/change_new.html", {"form": form, "scenario": shown})


@login_required
def change_remove(request: HttpRequest, change_id: int) -> HttpResponse:
    own = membership_for(request.user)
    change = (
        ScenarioChange.objects.filter(scenario__la_id=own.la_id if own else None, pk=change_id)
        .select_related("scenario")
        .first()
    )
    if change is None:
        raise Http404("No such change.")
    _require_manager(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    scenario_id = change.scenario_id
    scenario_actions.remove_change(change=change, by=request.user)
    messages.success(request, "The change is removed. Forecasts made keep it.")
    return redirect("web:scenario", scenario_id=scenario_id)


urlpatterns: list[URLPattern] = [
    path("forecast/scenarios/", scenarios, name="scenarios"),
    path("forecast/scenarios/new/", scenario_new, name="scenario-new"),
    path("forecast/scenarios/<id:scenario_id>/", scenario, name="scenario"),
    path(
        "forecast/scenarios/<id:scenario_id>/changes/new/",
        change_new,
        name="scenario-change-new",
    ),
    path(
        "forecast/scenarios/changes/<id:change_id>/remove/",
        change_remove,
        name="scenario-change-remove",
    ),
]
