"""An action's stage and impact (ADR 0034): the current stage and impact rating, the form
to record a new one, and the history. Whoever may see the action may read the page (404
for a plan or action they may not see); whoever may rate it may record
(``access.can_rate_action``; a POST by anyone else is 403). The write is
``senda.improvement.impact.record_impact``, which validates and audits."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda.improvement import impact as impact_actions
from senda.improvement.access import can_rate_action, get_plan_for_user, require
from senda.improvement.models import Action
from senda.performance import kpis
from senda.web.forms.errors import saved
from senda.web.forms.plan_impact import ImpactForm


@login_required
def action_impact(request: HttpRequest, plan_id: int, action_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    action = Action.objects.filter(area__plan=plan, pk=action_id).select_related("area").first()
    if action is None:
        raise Http404("No such action in this plan.")
    may_record = can_rate_action(request.user, action)
    if request.method == "POST":
        require(may_record)
    history = impact_actions.history_of(action)
    current = impact_actions.current_of(history)
    names = kpis.names(plan.la_id, action.kpi_ids or [])
    choices = [(k, names.get(k, k)) for k in action.kpi_ids or []]
    data = request.POST if request.method == "POST" else None
    form = ImpactForm(data, kpis=choices, can_correct=current.record is not None)
    if may_record and form.is_valid():
        clean = form.cleaned_data
        write = partial(
            impact_actions.record_impact,
            action=action,
            stage=clean["stage"],
            impact=clean["impact"],
            evidence=clean["evidence"],
            kpi_ids=clean.get("kpi_ids") or [],
            reason=clean["reason"],
            correct=bool(clean.get("correct")),
            by=request.user,
        )
        if saved(form, write):
            messages.success(request, f"Stage and impact recorded for {action.reference}")
            return redirect("web:plan-action", plan_id=plan.pk, action_id=action.pk)
    context = {
        "plan": plan,
        "action": action,
        "current": current.record,
        "history": history,
        "kpi_names": names,
        "form": form if may_record else None,
    }
    return render(request, "web/plans/impact.html", context)


urlpatterns: list[URLPattern] = [
    path(
        "plans/<id:plan_id>/actions/<id:action_id>/impact/",
        action_impact,
        name="plan-action-impact",
    ),
]
