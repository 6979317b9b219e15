"""Changing an action: rate it (seeing Senda's suggestion and why), add an update, add a
milestone or mark one reached. 404 for a plan the user may not see; 403 unless they may
change that action (``access.can_rate_action``, ``can_update_action``: a partner only the
actions their organisation leads). Writes go through
``senda.improvement.actions``, which validate, audit and may raise ``ActionError``."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import kernel
from senda.improvement import actions as plan_actions
from senda.improvement import queries as q
from senda.improvement.access import (
    can_rate_action,
    can_update_action,
    get_plan_for_user,
    require,
)
from senda.improvement.models import Action, ImprovementPlan
from senda.improvement.suggest import suggest_for
from senda.web.forms.errors import saved
from senda.web.forms.plans import MilestoneDoneForm, MilestoneForm, RateForm, UpdateForm


def editable_action(
    request: HttpRequest,
    plan_id: int,
    action_id: int,
    may: Callable[[Any, Action], bool] = can_update_action,
) -> tuple[ImprovementPlan, Action]:
    """The plan and its action: 404 unless the user may see them, then 403 unless they
    ``may`` change the action (``access.can_update_action`` unless told)."""
    plan = get_plan_for_user(request.user, plan_id)
    action = (
        Action.objects.filter(area__plan=plan, pk=action_id).select_related("area__plan").first()
    )
    if action is None:
        raise Http404("No such action in this plan.")
    require(may(request.user, action))
    return plan, action


def back_to_action(plan: ImprovementPlan, action: Action) -> HttpResponse:
    return redirect("web:plan-action", plan_id=plan.pk, action_id=action.pk)


@login_required
def rate(request: HttpRequest, plan_id: int, action_id: int) -> HttpResponse:
    plan, action = editable_action(request, plan_id, action_id, can_rate_action)
    scale = q.scale_of(plan)
    kpi_status = q.kpi_status(action.kpi_ids or [], plan.la_id)
    suggestion = suggest_for(action, kernel.today(), kpi_status)
    data = request.POST if request.method == "POST" else None
    initial = {"value": suggestion.value}
    form = RateForm(data, scale=scale, suggested=suggestion.value, initial=initial)
    if form.is_valid():
        value, rationale = form.cleaned_data["value"], form.cleaned_data["rationale"]
        write = partial(
            plan_actions.rate_action,
            action=action,
            value=value,
            rationale=rationale,
            by=request.user,
            kpi_status=kpi_status,
        )
        if saved(form, write):
            messages.success(request, f"{action.reference} rated {scale.value(value).label}")
            return back_to_action(plan, action)
    context = {
        "plan": plan,
        "action": action,
        "form": form,
        "suggestion": suggestion,
        "suggested": _value(scale, suggestion.value),
    }
    return render(request, "web/plans/rate.html", context)


def _value(scale: Any, code: str) -> Any:
    try:
        return scale.value(code)
    except KeyError:
        return None


@login_required
def update(request: HttpRequest, plan_id: int, action_id: int) -> HttpResponse:
    plan, action = editable_action(request, plan_id, action_id)
    form = UpdateForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        text, on = form.cleaned_data["text"], form.cleaned_data["on"]
        write = partial(plan_actions.add_update, action=action, text=text, by=request.user, on=on)
        if saved(form, write):
            messages.success(request, f"Update added to {action.reference}")
            return back_to_action(plan, action)
    return render(request, "web/plans/update.html", {"plan": plan, "action": action, "form": form})


@login_required
def milestones(request: HttpRequest, plan_id: int, action_id: int) -> HttpResponse:
    """Two forms on one page, told apart by their prefix: ``add`` and ``done``."""
    plan, action = editable_action(request, plan_id, action_id)
    listed = list(action.milestones.all())
    open_ = [m for m in listed if m.done_on is None]
    posted = request.POST.get("form") if request.method == "POST" else None
    add = MilestoneForm(request.POST if posted == "add" else None, prefix="add")
    done = MilestoneDoneForm(
        request.POST if posted == "done" else None, prefix="done", milestones=open_
    )
    if posted == "add" and add.is_valid():
        data = add.cleaned_data
        write = partial(
            plan_actions.add_milestone,
            action=action,
            title=data["title"],
            due_on=data["due_on"],
            by=request.user,
        )
        if saved(add, write):
            messages.success(request, f"Milestone added to {action.reference}")
            return back_to_action(plan, action)
    if posted == "done" and done.is_valid():
        reached = next(m for m in open_ if m.pk == done.cleaned_data["milestone"])
        on = done.cleaned_data["done_on"]
        write = partial(
            plan_actions.complete_milestone, milestone=reached, done_on=on, by=request.user
        )
        if saved(done, write):
            messages.success(request, f"Milestone reached: {reached.title}")
            return back_to_action(plan, action)
    context = {
        "plan": plan,
        "action": action,
        "milestones": listed,
        "add": add,
        "done": done,
        "has_open": bool(open_),
        "today": kernel.today(),
    }
    return render(request, "web/plans/milestones.html", context)


ACTION = "plans/<id:plan_id>/actions/<id:action_id>/"

urlpatterns: list[URLPattern] = [
    path(f"{ACTION}rate/", rate, name="plan-action-rate"),
    path(f"{ACTION}update/", update, name="plan-action-update"),
    path(f"{ACTION}milestones/", milestones, name="plan-milestones"),
]
