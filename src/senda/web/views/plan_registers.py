"""A plan's registers: risks, "You said, we did" and partners' sign-off.

Everyone who may see the plan sees the registers (404 otherwise); adding or changing an
entry is for those who may change the plan (403 otherwise), through
``senda.improvement.actions``. A partner changes only their own risks and records sign-off
only for their own organisation (``access.can_edit_risk``, ``access.sign_off_partners``):
403 for another's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda.improvement import actions
from senda.improvement.access import (
    can_edit_plan,
    can_edit_risk,
    editable_risks,
    get_plan_for_user,
    require,
    require_edit,
    sign_off_partners,
)
from senda.improvement.models import ImprovementPlan, Partner
from senda.web.forms.errors import saved
from senda.web.forms.plan_registers import FeedbackForm, RiskForm, RiskUpdateForm, SignOffForm


def run(form: forms.Form, call: Callable[[], object]) -> bool:
    """Call the action if the form is valid; show its ActionError on the form."""
    return form.is_valid() and saved(form, call)


def posted(request: HttpRequest, plan: ImprovementPlan) -> dict[str, Any] | None:
    """The POST data, after checking the user may change the plan (403 if not)."""
    if request.method != "POST":
        return None
    require_edit(request.user, plan)
    return request.POST  # type: ignore[return-value]


@login_required
def plan_risks(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    form = RiskForm(posted(request, plan))
    if form.is_bound and run(
        form, lambda: actions.record_risk(plan=plan, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Risk added")
        return redirect("web:plan-risks", plan_id=plan.pk)
    risks = list(plan.risks.all())
    context = {
        "plan": plan,
        "risks": risks,
        "form": form,
        "can_edit": can_edit_plan(request.user, plan),
        "editable": editable_risks(request.user, plan, risks),
    }
    return render(request, "web/plans/risks.html", context)


@login_required
def plan_risk(request: HttpRequest, plan_id: int, risk_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    risk = plan.risks.filter(pk=risk_id).first()
    if risk is None:
        raise Http404("No such risk.")
    require(can_edit_risk(request.user, risk))
    initial = {name: getattr(risk, name) for name in RiskUpdateForm.base_fields if name != "note"}
    form = RiskUpdateForm(posted(request, plan), initial=initial)
    if form.is_bound and run(
        form, lambda: actions.update_risk(risk=risk, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Risk updated")
        return redirect("web:plan-risks", plan_id=plan.pk)
    return render(request, "web/plans/risk.html", {"plan": plan, "risk": risk, "form": form})


@login_required
def plan_feedback(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    form = FeedbackForm(posted(request, plan))
    if form.is_bound and run(
        form, lambda: actions.record_feedback(plan=plan, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Feedback added")
        return redirect("web:plan-feedback", plan_id=plan.pk)
    context = {
        "plan": plan,
        "entries": plan.feedback.all(),
        "form": form,
        "can_edit": can_edit_plan(request.user, plan),
    }
    return render(request, "web/plans/feedback.html", context)


@login_required
def plan_sign_off(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    data = posted(request, plan)
    partners = sign_off_partners(request.user, plan)
    if data is not None and _another_partner(plan, partners, data.get("partner")):
        raise PermissionDenied("You can record sign-off only for your own organisation.")
    form = SignOffForm(data, partners=partners)
    if form.is_bound and run(
        form, lambda: actions.record_sign_off(plan=plan, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Sign-off recorded")
        return redirect("web:plan-sign-off", plan_id=plan.pk)
    context = {
        "plan": plan,
        "sign_offs": plan.sign_offs.select_related("partner"),
        "form": form,
        "can_edit": can_edit_plan(request.user, plan),
    }
    return render(request, "web/plans/sign_off.html", context)


def _another_partner(plan: ImprovementPlan, partners: QuerySet[Partner], posted: Any) -> bool:
    """Whether the posted partner is one of the plan's the user may not sign for."""
    value = str(posted or "")
    if not value.isdigit() or len(value) > 18:  # not an id: the form says so
        return False
    theirs = plan.partners.filter(pk=int(value)).exclude(pk__in=partners.values("pk"))
    return theirs.exists()


urlpatterns: list[URLPattern] = [
    path("plans/<id:plan_id>/risks/", plan_risks, name="plan-risks"),
    path("plans/<id:plan_id>/risks/<id:risk_id>/", plan_risk, name="plan-risk"),
    path("plans/<id:plan_id>/you-said-we-did/", plan_feedback, name="plan-feedback"),
    path("plans/<id:plan_id>/sign-off/", plan_sign_off, name="plan-sign-off"),
]
