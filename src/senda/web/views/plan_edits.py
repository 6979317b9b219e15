"""Keeping a plan up to date: change or withdraw an action, a milestone or a risk, and set
the dates of timescales Senda could not read.

404 for a plan (or a record of one) the user may not see, or a record already withdrawn;
403 unless the capability helper of ``senda.improvement.access`` lets them. Writes go
through ``senda.improvement.edits``; views hold HTTP only.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from senda import kernel
from senda.improvement import edits, timescales
from senda.improvement.access import (
    can_delete_action,
    can_delete_milestone,
    can_delete_risk,
    can_edit_action,
    can_edit_milestone,
    can_manage_plan,
    get_plan_for_user,
    require,
)
from senda.improvement.models import Action, Milestone, Risk
from senda.sufficiency.models import CapitalProject
from senda.web.forms.errors import saved
from senda.web.forms.plan_edits import (
    ActionForm,
    CapitalProjectsForm,
    MilestoneEditForm,
    TimescaleForm,
    WithdrawForm,
)


def _action(request: HttpRequest, plan_id: int, action_id: int) -> Action:
    """The action, if the user may see its plan (404 otherwise, or if it was withdrawn)."""
    plan = get_plan_for_user(request.user, plan_id)
    action = (
        Action.objects.filter(area__plan=plan, pk=action_id).select_related("area__plan").first()
    )
    if action is None:
        raise Http404("No such action in this plan.")
    return action


def _milestone(request: HttpRequest, plan_id: int, milestone_id: int) -> Milestone:
    plan = get_plan_for_user(request.user, plan_id)
    milestone = (
        Milestone.objects.filter(action__area__plan=plan, pk=milestone_id)
        .select_related("action__area__plan")
        .first()
    )
    if milestone is None:
        raise Http404("No such milestone in this plan.")
    return milestone


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _page(request: HttpRequest, form: forms.Form, **context: Any) -> HttpResponse:
    """The one template of these pages: a heading, what it is about, the form."""
    return render(request, "web/plans/edit_form.html", {"form": form, **context})


def _action_url(action: Action) -> str:
    return reverse("web:plan-action", args=[action.area.plan_id, action.pk])


# --- Actions ---------------------------------------------------------------------------


@login_required
def action_edit(request: HttpRequest, plan_id: int, action_id: int) -> HttpResponse:
    action = _action(request, plan_id, action_id)
    require(can_edit_action(request.user, action))
    initial = {name: getattr(action, name) for name in ActionForm.base_fields}
    initial["kpi_ids"] = " ".join(action.kpi_ids or [])
    form = ActionForm(_data(request), initial=initial)
    if form.is_valid() and saved(
        form, partial(edits.edit_action, action=action, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, f"Action {action.reference} changed")
        return redirect(_action_url(action))
    return _page(
        request,
        form,
        plan=action.area.plan,
        heading=f"Change action {action.reference}",
        caption=f"{action.area.number}. {action.area.title}",
        back=_action_url(action),
        back_text="Back to the action",
        post_to=request.path,
        button="Save the action",
        intro=["Its ratings, updates and milestones stay as they are."],
    )


@login_required
def action_capital(request: HttpRequest, plan_id: int, action_id: int) -> HttpResponse:
    """Name the capital projects (``sufficiency``) that deliver the action."""
    action = _action(request, plan_id, action_id)
    require(can_edit_action(request.user, action))
    plan = action.area.plan
    projects = CapitalProject.objects.filter(la_id=plan.la_id).order_by("name")
    initial = {"project_ids": list(action.capital_projects.values_list("pk", flat=True))}
    form = CapitalProjectsForm(
        _data(request), initial=initial, projects=[(p.pk, p.name) for p in projects]
    )
    if form.is_valid() and saved(
        form,
        partial(edits.link_capital_projects, action=action, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, f"Capital projects of action {action.reference} saved")
        return redirect(_action_url(action))
    intro = ["The projects' pages list this action."]
    if not projects:
        intro = ["The area's capital programme has no project yet."]
    return _page(
        request,
        form,
        plan=plan,
        heading=f"Capital projects of action {action.reference}",
        caption=f"{action.area.number}. {action.area.title}",
        back=_action_url(action),
        back_text="Back to the action",
        post_to=request.path,
        button="Save the projects",
        intro=intro,
    )


@login_required
def action_withdraw(request: HttpRequest, plan_id: int, action_id: int) -> HttpResponse:
    action = _action(request, plan_id, action_id)
    require(can_delete_action(request.user, action))
    form = WithdrawForm(_data(request))
    if form.is_valid() and saved(
        form,
        partial(edits.withdraw_action, action=action, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, f"Action {action.reference} withdrawn")
        return redirect("web:plan-area", plan_id=plan_id, area_id=action.area_id)
    return _page(
        request,
        form,
        plan=action.area.plan,
        heading=f"Withdraw action {action.reference}",
        caption=action.what[:100],
        back=_action_url(action),
        back_text="Back to the action",
        post_to=request.path,
        button="Withdraw the action",
        warning=True,
        intro=[
            "Withdraw an action only if it was entered in error. It leaves the plan, its "
            "counts, timeline and export from today, with its milestones.",
            "Nothing is deleted: its ratings and updates are kept, and board packs for "
            "meetings before today still show it.",
        ],
    )


@login_required
def action_timescale(request: HttpRequest, plan_id: int, action_id: int) -> HttpResponse:
    action = _action(request, plan_id, action_id)
    require(can_manage_plan(request.user, action.area.plan))
    kind = TimescaleForm.Kind.ONGOING if action.ongoing else TimescaleForm.Kind.DATES
    initial = {"kind": kind, "starts_on": action.starts_on, "ends_on": action.ends_on}
    form = TimescaleForm(_data(request), initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        write = partial(
            edits.set_timescale,
            action=action,
            by=request.user,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            ongoing=data["kind"] == TimescaleForm.Kind.ONGOING,
        )
        if saved(form, write):
            messages.success(request, f"Timescale of action {action.reference} set")
            return redirect("web:plan-timescales", plan_id=plan_id)
    words = action.timescale or "nothing"
    intro = [f"The plan says: “{words}”. Its words stay as they are."]
    if not action.timescale_resolved:
        read = timescales.read(action.timescale, today=kernel.today())
        intro.append(f"Senda could not read it: {read.note}")
    return _page(
        request,
        form,
        plan=action.area.plan,
        heading=f"Timescale of action {action.reference}",
        caption=action.what[:100],
        back=reverse("web:plan-timescales", args=[plan_id]),
        back_text="Back to the timescales to resolve",
        post_to=request.path,
        button="Save the timescale",
        intro=intro,
    )


@login_required
def plan_timescales(request: HttpRequest, plan_id: int) -> HttpResponse:
    """What Senda could not read, for a manager to resolve: every action whose timescale
    it could not read, and every milestone without a due date."""
    plan = get_plan_for_user(request.user, plan_id)
    actions = Action.objects.filter(area__plan=plan, timescale_resolved=False).select_related(
        "area"
    )
    undated = Milestone.objects.filter(
        action__area__plan=plan, due_on=None, action__withdrawn_on=None
    ).select_related("action__area__plan")
    milestones = list(undated.order_by("action__area__number", "action_id", "id"))
    context = {
        "plan": plan,
        "actions": list(actions.order_by("area__number", "id")),
        "milestones": milestones,
        "can_manage": can_manage_plan(request.user, plan),
        "can_edit": [m.pk for m in milestones if can_edit_milestone(request.user, m)],
    }
    return render(request, "web/plans/timescales.html", context)


# --- Milestones ------------------------------------------------------------------------


@login_required
def milestone_edit(request: HttpRequest, plan_id: int, milestone_id: int) -> HttpResponse:
    milestone = _milestone(request, plan_id, milestone_id)
    require(can_edit_milestone(request.user, milestone))
    initial = {"title": milestone.title, "due_on": milestone.due_on, "note": milestone.note}
    form = MilestoneEditForm(_data(request), initial=initial)
    if form.is_valid() and saved(
        form,
        partial(edits.edit_milestone, milestone=milestone, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, f"Milestone changed: {form.cleaned_data['title']}")
        return redirect("web:plan-milestones", plan_id=plan_id, action_id=milestone.action_id)
    return _milestone_page(request, milestone, form, "Change a milestone", "Save the milestone")


@login_required
def milestone_withdraw(request: HttpRequest, plan_id: int, milestone_id: int) -> HttpResponse:
    milestone = _milestone(request, plan_id, milestone_id)
    require(can_delete_milestone(request.user, milestone))
    form = WithdrawForm(_data(request))
    if form.is_valid() and saved(
        form,
        partial(
            edits.withdraw_milestone, milestone=milestone, by=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, f"Milestone withdrawn: {milestone.title}")
        return redirect("web:plan-milestones", plan_id=plan_id, action_id=milestone.action_id)
    return _milestone_page(
        request,
        milestone,
        form,
        "Withdraw a milestone",
        "Withdraw the milestone",
        intro=[
            f"“{milestone.title}”. Withdraw a milestone only if it was entered in error: it "
            "leaves the action from today and is kept for board packs before today.",
        ],
    )


def _milestone_page(
    request: HttpRequest,
    milestone: Milestone,
    form: forms.Form,
    heading: str,
    button: str,
    intro: list[str] | None = None,
) -> HttpResponse:
    action = milestone.action
    return _page(
        request,
        form,
        plan=action.area.plan,
        heading=heading,
        caption=f"Action {action.reference}",
        back=reverse("web:plan-milestones", args=[action.area.plan_id, action.pk]),
        back_text="Back to the milestones",
        post_to=request.path,
        button=button,
        warning=intro is not None,
        intro=intro or [],
    )


# --- Risks -----------------------------------------------------------------------------


@login_required
def risk_withdraw(request: HttpRequest, plan_id: int, risk_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    risk: Risk | None = plan.risks.filter(pk=risk_id).first()
    if risk is None:
        raise Http404("No such risk.")
    require(can_delete_risk(request.user, risk))
    form = WithdrawForm(_data(request))
    if form.is_valid() and saved(
        form, partial(edits.withdraw_risk, risk=risk, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Risk withdrawn")
        return redirect("web:plan-risks", plan_id=plan.pk)
    return _page(
        request,
        form,
        plan=plan,
        heading="Withdraw a risk",
        caption=plan.title,
        back=reverse("web:plan-risk", args=[plan.pk, risk.pk]),
        back_text="Back to the risk",
        post_to=request.path,
        button="Withdraw the risk",
        warning=True,
        intro=[
            f"“{risk.description[:200]}”. Withdraw a risk only if it was entered in error; "
            "close a risk that no longer applies instead. It leaves the register from today "
            "and is kept, with its history, for board packs before today.",
        ],
    )


ACTION = "plans/<id:plan_id>/actions/<id:action_id>/"
MILESTONE = "plans/<id:plan_id>/milestones/<id:milestone_id>/"

urlpatterns: list[URLPattern] = [
    path(f"{ACTION}change/", action_edit, name="plan-action-edit"),
    path(f"{ACTION}withdraw/", action_withdraw, name="plan-action-withdraw"),
    path(f"{ACTION}capital/", action_capital, name="plan-action-capital"),
    path(f"{ACTION}timescale/", action_timescale, name="plan-action-timescale"),
    path("plans/<id:plan_id>/timescales/", plan_timescales, name="plan-timescales"),
    path(f"{MILESTONE}change/", milestone_edit, name="plan-milestone-edit"),
    path(f"{MILESTONE}withdraw/", milestone_withdraw, name="plan-milestone-withdraw"),
    path(
        "plans/<id:plan_id>/risks/<id:risk_id>/withdraw/",
        risk_withdraw,
        name="plan-risk-withdraw",
    ),
]
