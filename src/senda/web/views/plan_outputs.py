"""A plan's outputs: the timeline (Gantt), board packs (HTML and PDF) and the XLSX export.

Everyone who may see the plan (``senda.improvement.access``) may see these; a plan they may
not see is 404. Adding a board pack is for those who may change the plan (403 otherwise).
The PDF and the XLSX are exports: each download writes an ``export`` audit row.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.exports import XLSX
from senda.governance.access import visible_bodies
from senda.governance.queries import meetings_considering
from senda.improvement import boardpack, exceptions, export, gantt, queries
from senda.improvement.access import (
    can_edit_plan,
    can_manage_plan,
    get_plan_for_user,
    require,
    require_edit,
)
from senda.improvement.importer.layouts import LAYOUTS
from senda.improvement.models import SCALES, BoardPack, ImprovementPlan, Risk
from senda.kernel import ActionError
from senda.web.forms.errors import show_action_error
from senda.web.forms.plans import BoardPackForm, ProposalForm, RiskAppetiteForm
from senda.web.pdf import pdf_bytes


@login_required
def plan_timeline(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    day = kernel.today()
    chart = gantt.build(queries.timeline_rows(plan), day)
    context = {"plan": plan, "chart": chart, "today": day, "scale": SCALES[plan.scale]}
    return render(request, "web/plans/timeline.html", context)


@login_required
def plan_board_packs(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    can_edit = can_edit_plan(request.user, plan)
    if request.method == "POST":
        require_edit(request.user, plan)
    form = BoardPackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            pack = boardpack.add_board_pack(
                plan=plan,
                meeting_on=form.cleaned_data["meeting_on"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            messages.success(request, f"Board pack added for {kernel.long_date(pack.meeting_on)}")
            return redirect("web:plan-board-pack-view", plan_id=plan.pk, pack_id=pack.pk)
    context = {"plan": plan, "packs": plan.board_packs.all(), "form": form, "can_edit": can_edit}
    return render(request, "web/plans/board_packs.html", context)


def get_pack(plan: ImprovementPlan, pack_id: int) -> BoardPack:
    pack = BoardPack.objects.filter(plan=plan, pk=pack_id).first()
    if pack is None:
        raise Http404("No such board pack.")
    pack.plan = plan
    return pack


def pack_context(plan: ImprovementPlan, pack_id: int, user: Any) -> dict[str, Any]:
    today = kernel.today()
    content = boardpack.build(get_pack(plan, pack_id), today)
    found = exceptions.report(plan, content.pack.meeting_on, today, kpis=content.kpis)
    meetings = meetings_considering(content.pack, visible_bodies(user))
    return {"plan": plan, "content": content, "exceptions": found, "meetings": meetings}


@login_required
def plan_board_pack(request: HttpRequest, plan_id: int, pack_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    context = pack_context(plan, pack_id, request.user)
    return render(request, "web/plans/board_pack.html", context)


@login_required
def plan_board_pack_pdf(request: HttpRequest, plan_id: int, pack_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    context = pack_context(plan, pack_id, request.user)
    content = context["content"]
    html = render_to_string("web/plans/board_pack_print.html", context)
    response = HttpResponse(pdf_bytes(html), content_type="application/pdf")
    name = f"board-pack-{content.pack.meeting_on:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    summary = f"board pack {content.pack.pk} pdf"
    audit.record(user=request.user, verb="export", obj=plan, request=request, summary=summary)
    return response


@login_required
def plan_exceptions(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    can_manage = can_manage_plan(request.user, plan)
    if request.method == "POST":
        require(can_manage)
    choices = list(Risk.Severity.choices)
    data = request.POST if request.method == "POST" else None
    form = RiskAppetiteForm(data, choices=choices, initial={"appetite": plan.risk_appetite})
    if request.method == "POST" and form.is_valid():
        try:
            exceptions.set_risk_appetite(
                plan=plan, appetite=form.cleaned_data["appetite"], by=request.user
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            messages.success(request, "Risk appetite saved")
            return redirect("web:plan-exceptions", plan_id=plan.pk)
    today = kernel.today()
    context = {
        "plan": plan,
        "today": today,
        "exceptions": exceptions.report(plan, today, today),
        "can_edit": can_edit_plan(request.user, plan),
        "can_manage": can_manage,
        "form": form,
        "appetite": Risk.Severity(plan.risk_appetite).label,
    }
    return render(request, "web/plans/exceptions.html", context)


@login_required
def plan_exception_proposal(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    require_edit(request.user, plan)
    subject = request.GET.get("subject") or request.POST.get("subject") or ""
    found = {e.subject: e for e in exceptions.report(plan, kernel.today(), kernel.today())}
    exception = found.get(subject)
    if exception is None:
        raise Http404("No such exception.")
    data = request.POST if request.method == "POST" else None
    form = ProposalForm(data, initial={"text": exception.proposal})
    if request.method == "POST" and form.is_valid():
        try:
            exceptions.propose(
                plan=plan, subject=subject, text=form.cleaned_data["text"], by=request.user
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            messages.success(request, "Proposal saved")
            return redirect("web:plan-exceptions", plan_id=plan.pk)
    context = {"plan": plan, "exception": exception, "form": form}
    return render(request, "web/plans/exception_proposal.html", context)


@login_required
def plan_export(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    layout = request.GET.get("layout") or plan.source_layout or "areas"
    if layout not in LAYOUTS:
        raise Http404("No such layout.")
    response = HttpResponse(export.write_plan(plan, layout), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="improvement-plan-{plan.pk}.xlsx"'
    summary = f"plan {plan.pk} xlsx {layout}"
    audit.record(user=request.user, verb="export", obj=plan, request=request, summary=summary)
    return response


urlpatterns: list[URLPattern] = [
    path("plans/<id:plan_id>/timeline/", plan_timeline, name="plan-timeline"),
    path("plans/<id:plan_id>/board-pack/", plan_board_packs, name="plan-board-pack"),
    path(
        "plans/<id:plan_id>/board-pack/<id:pack_id>/",
        plan_board_pack,
        name="plan-board-pack-view",
    ),
    path(
        "plans/<id:plan_id>/board-pack/<id:pack_id>/pdf/",
        plan_board_pack_pdf,
        name="plan-board-pack-pdf",
    ),
    path("plans/<id:plan_id>/export.xlsx", plan_export, name="plan-export"),
    path("plans/<id:plan_id>/exceptions/", plan_exceptions, name="plan-exceptions"),
    path(
        "plans/<id:plan_id>/exceptions/propose/",
        plan_exception_proposal,
        name="plan-exception-proposal",
    ),
]
