"""A case's EHC plan as data: its outcomes (section E), typed by an officer, and which
advice was incorporated when it was issued or amended (docs/portal/tray.md).

Council staff of the area read both (a QA auditor too); case officers, team and service
managers change them. Anyone else: 403; another area's case: 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework.actions import record_incorporated_advice, set_plan_outcomes
from senda.casework.actions.outcomes import current_plan, plan_issues
from senda.casework.models import Case
from senda.web.access import can_record, get_case_for_user, require_la_staff
from senda.web.forms.errors import saved
from senda.web.forms.portal_tray import IncorporatedAdviceForm, PlanOutcomesForm


def _case(request: HttpRequest, case_id: int) -> Case:
    require_la_staff(request.user)
    case = get_case_for_user(request.user, case_id)
    if request.method == "POST" and not can_record(request.user, case):
        raise PermissionDenied("Your role cannot change a plan.")
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    return case


@login_required
def plan_outcomes(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    plan = current_plan(case, kernel.today())
    context: dict[str, Any] = {
        "case": case,
        "plan": plan,
        "can_edit": can_record(request.user, case),
    }
    if plan is not None:
        outcomes = list(plan.outcomes.all())
        current = [o for o in outcomes if o.superseded_on is None]
        old = sorted(
            (o for o in outcomes if o.superseded_on is not None),
            key=lambda o: (o.superseded_on, o.number),
            reverse=True,
        )
        data = request.POST if request.method == "POST" else None
        form = PlanOutcomesForm(data, current=current)
        if data is not None and form.is_valid():
            write = lambda: set_plan_outcomes(plan=plan, outcomes=form.outcomes(), by=request.user)  # noqa: E731
            if saved(form, write):
                messages.success(request, "The plan's outcomes are saved.")
                return redirect("web:plan-outcomes", case_id=case.pk)
        context |= {"form": form, "current": current, "old": old}
    return render(request, "web/portal/tray/outcomes.html", context)


@login_required
def advice_incorporated(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    plan = current_plan(case, kernel.today())
    context: dict[str, Any] = {
        "case": case,
        "plan": plan,
        "can_edit": can_record(request.user, case),
    }
    if plan is not None:
        issues = plan_issues(plan)
        data = request.POST if request.method == "POST" else None
        form = IncorporatedAdviceForm(data, issues=issues)
        if data is not None and form.is_valid():
            arguments = form.arguments()
            write = lambda: record_incorporated_advice(plan=plan, by=request.user, **arguments)  # noqa: E731
            if saved(form, write):
                messages.success(request, "The advice incorporated in the plan is recorded.")
                return redirect("web:advice-incorporated", case_id=case.pk)
        context |= {"form": form, "issues": issues, "records": list(plan.incorporated_advice.all())}
    return render(request, "web/portal/tray/advice_incorporated.html", context)


urlpatterns: list[URLPattern] = [
    path("cases/<id:case_id>/plan-outcomes/", plan_outcomes, name="plan-outcomes"),
    path(
        "cases/<id:case_id>/advice-incorporated/", advice_incorporated, name="advice-incorporated"
    ),
]
