"""Where a child is placed, and the settings and SEN2 flags of their plan
(docs/recording-steps.md, "Placements and named settings").

Council staff of the area read them (a QA auditor too); case officers, team and service
managers record, end and correct placements and set the plan's settings and flags.
Anyone else: 403; another area's case or placement: 404. Every page read is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework.actions.outcomes import current_plan
from senda.casework.actions.placements import (
    correct_placement,
    end_placement,
    name_settings,
    record_placement,
    set_plan_flags,
)
from senda.casework.models import Case, Placement
from senda.people.models import Setting
from senda.web.access import can_record, get_case_for_user, require_la_staff
from senda.web.forms.placements import (
    EndPlacementForm,
    NamedSettingsForm,
    PlacementForm,
    PlanFlagsForm,
    save,
)


def _case(request: HttpRequest, case_id: int, *, write: bool = False) -> Case:
    require_la_staff(request.user)
    case = get_case_for_user(request.user, case_id)
    if (write or request.method == "POST") and not can_record(request.user, case):
        raise PermissionDenied("Your role cannot change placements.")
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    return case


def _settings(case: Case) -> list[Setting]:
    return list(Setting.objects.filter(la_id=case.la_id).order_by("name", "pk"))


def _placement(case: Case, placement_id: int) -> Placement:
    placement = (
        case.placements.filter(pk=placement_id, superseded_on__isnull=True)
        .select_related("setting")
        .first()
    )
    if placement is None:
        raise Http404("No such placement.")
    return placement


@login_required
def placements(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    settings = _settings(case)
    data = request.POST if request.method == "POST" else None
    form = PlacementForm(data, settings=settings, initial={"rank": 1})
    if data is not None and form.is_valid():
        arguments = form.arguments()
        write = lambda: record_placement(case=case, by=request.user, **arguments)  # noqa: E731
        if save(form, write):
            messages.success(request, "The placement is recorded.")
            return redirect("web:placements", case_id=case.pk)
    rows = list(case.placements.select_related("setting"))
    context: dict[str, Any] = {
        "case": case,
        "form": form,
        "current": [p for p in rows if p.superseded_on is None],
        "corrected": [p for p in rows if p.superseded_on is not None],
        "can_edit": can_record(request.user, case),
    }
    return render(request, "web/placements/list.html", context)


@login_required
def placement_end(request: HttpRequest, case_id: int, placement_id: int) -> HttpResponse:
    case = _case(request, case_id, write=True)
    placement = _placement(case, placement_id)
    form = EndPlacementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        arguments = form.arguments()
        write = lambda: end_placement(placement=placement, by=request.user, **arguments)  # noqa: E731
        if save(form, write):
            messages.success(request, "The placement's leaving date is recorded.")
            return redirect("web:placements", case_id=case.pk)
    context = {"case": case, "placement": placement, "form": form}
    return render(request, "web/placements/end.html", context)


@login_required
def placement_correct(request: HttpRequest, case_id: int, placement_id: int) -> HttpResponse:
    case = _case(request, case_id, write=True)
    placement = _placement(case, placement_id)
    settings = _settings(case)
    if request.method == "POST":
        form = PlacementForm(request.POST, settings=settings)
        if form.is_valid():
            arguments = form.arguments()
            write = lambda: correct_placement(placement=placement, by=request.user, **arguments)  # noqa: E731
            if save(form, write):
                messages.success(request, "The placement is corrected.")
                return redirect("web:placements", case_id=case.pk)
    else:
        form = PlacementForm(settings=settings, initial=PlacementForm.initial_for(placement))
    context = {"case": case, "placement": placement, "form": form}
    return render(request, "web/placements/correct.html", context)


@login_required
def plan_settings(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    plan = current_plan(case, kernel.today())
    context: dict[str, Any] = {
        "case": case,
        "plan": plan,
        "can_edit": can_record(request.user, case),
    }
    if plan is None:
        return render(request, "web/placements/plan_settings.html", context)
    settings = _settings(case)
    named = list(plan.named_settings.select_related("setting"))
    current = [n for n in named if n.superseded_on is None]
    part = request.POST.get("part") if request.method == "POST" else None
    named_form = NamedSettingsForm(
        request.POST if part == "settings" else None, settings=settings, current=current
    )
    flags_form = PlanFlagsForm(
        request.POST if part == "flags" else None, initial=PlanFlagsForm.initial_for(plan)
    )
    if part == "settings" and named_form.is_valid():
        wheres, fields = named_form.chosen()
        write = lambda: name_settings(plan=plan, settings=wheres, by=request.user)  # noqa: E731
        if not named_form.errors and save(named_form, write, fields):
            messages.success(request, "The settings named in the plan are saved.")
            return redirect("web:plan-settings", case_id=case.pk)
    elif part == "flags" and flags_form.is_valid():
        arguments = flags_form.arguments()
        write = lambda: set_plan_flags(plan=plan, by=request.user, **arguments)  # noqa: E731
        if save(flags_form, write):
            messages.success(request, "The plan's SEN2 flags are saved.")
            return redirect("web:plan-settings", case_id=case.pk)
    context |= {
        "named_form": named_form,
        "flags_form": flags_form,
        "current": current,
        "replaced": [n for n in named if n.superseded_on is not None],
        "has_errors": bool(named_form.errors or flags_form.errors),
    }
    return render(request, "web/placements/plan_settings.html", context)


urlpatterns: list[URLPattern] = [
    path("cases/<id:case_id>/placements/", placements, name="placements"),
    path(
        "cases/<id:case_id>/placements/<id:placement_id>/end/",
        placement_end,
        name="placement-end",
    ),
    path(
        "cases/<id:case_id>/placements/<id:placement_id>/correct/",
        placement_correct,
        name="placement-correct",
    ),
    path("cases/<id:case_id>/plan/settings/", plan_settings, name="plan-settings"),
]
