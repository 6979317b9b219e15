"""A case's complaints, mediation and appeals: the page that lists them with their time
limits, and one form per step (docs/disagreements.md).

Council staff of the area read the page (a QA auditor too); case officers, team and
service managers record (``writable_case``: anyone else who can see the case gets 403).
Anyone who cannot see the case: 404, as for a complaint, mediation, appeal or order that
is not the case's. The forms also work on a closed case: a complaint or an appeal can
come after it closed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework.actions import complaints as complaint_actions
from senda.casework.actions import disagreements as actions
from senda.casework.disagreements import case_disagreements, needs_root_cause
from senda.casework.models import Appeal, AppealOrder, Case, Complaint, Mediation
from senda.web.access import can_record, get_case_for_user, require_la_staff, writable_case
from senda.web.forms import disagreements as f
from senda.web.forms.errors import saved


@dataclass(frozen=True)
class Page:
    """One step's form: its title, form, action (called with the record, the form's
    arguments and ``by``) and the banner when it is saved."""

    title: str
    form: type[f.ActionForm]
    action: Callable[..., Any]
    done: str


COMPLAINT_STEPS: dict[str, Page] = {
    "acknowledge": Page(
        "Record the acknowledgement",
        f.date_form("on", "Date the complaint was acknowledged"),
        complaint_actions.acknowledge_complaint,
        "Acknowledgement recorded.",
    ),
    "respond": Page(
        "Record the stage 1 response",
        f.date_form("on", "Date of the stage 1 response"),
        complaint_actions.respond_complaint,
        "Stage 1 response recorded.",
    ),
    "extend": Page(
        "Extend the stage 1 response",
        f.ExtendComplaintForm,
        complaint_actions.extend_complaint,
        "Extension recorded.",
    ),
    "escalate": Page(
        "Record a request for stage 2",
        f.date_form("on", "Date the family asked for stage 2"),
        complaint_actions.escalate_complaint,
        "Stage 2 request recorded.",
    ),
    "respond-stage-2": Page(
        "Record the stage 2 response",
        f.date_form("on", "Date of the stage 2 response"),
        complaint_actions.respond_stage2,
        "Stage 2 response recorded.",
    ),
    "close": Page(
        "Close the complaint",
        f.CloseComplaintForm,
        complaint_actions.close_complaint,
        "Complaint closed.",
    ),
    "ombudsman": Page(
        "Record a referral to the Ombudsman",
        f.OmbudsmanForm,
        complaint_actions.refer_to_ombudsman,
        "Referral to the Ombudsman recorded.",
    ),
    "ombudsman-decision": Page(
        "Record the Ombudsman's decision",
        f.OmbudsmanDecisionForm,
        complaint_actions.record_ombudsman_decision,
        "Ombudsman's decision recorded.",
    ),
}
MEDIATION_STEPS: dict[str, Page] = {
    "date": Page(
        "Record a mediation step",
        f.MediationStepForm,
        actions.record_mediation_step,
        "Step recorded.",
    ),
    "choice": Page(
        "Record the family's choice",
        f.MediationChoiceForm,
        actions.record_mediation_choice,
        "The family's choice is recorded.",
    ),
    "outcome": Page(
        "Record the outcome of mediation",
        f.MediationOutcomeForm,
        actions.record_mediation_outcome,
        "Outcome recorded.",
    ),
    "certificate": Page(
        "Record the mediation certificate",
        f.CertificateForm,
        actions.record_certificate,
        "Certificate recorded.",
    ),
    "cost": Page(
        "Record the cost of mediation",
        f.MediationCostForm,
        actions.set_mediation_cost,
        "Cost recorded.",
    ),
}
APPEAL_STEPS: dict[str, Page] = {
    "date": Page(
        "Record an appeal step", f.AppealStepForm, actions.record_appeal_step, "Step recorded."
    ),
    "concession": Page(
        "Record a concession", f.ConcessionForm, actions.record_concession, "Concession recorded."
    ),
    "decision": Page(
        "Record the tribunal's decision",
        f.DecisionForm,
        actions.decide_appeal,
        "Decision recorded.",
    ),
    "order": Page("Add an order", f.OrderForm, actions.add_order, "Order added."),
    "cost": Page("Add a cost", f.CostForm, actions.add_appeal_cost, "Cost added."),
    "root-cause": Page(
        "Record the root-cause review",
        f.RootCauseForm,
        actions.record_root_cause,
        "Root-cause review recorded.",
    ),
}


def _read(request: HttpRequest, case: Case) -> None:
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)


def _form_page(
    request: HttpRequest,
    case: Case,
    *,
    title: str,
    form: forms.Form,
    write: Callable[[dict[str, Any]], Any],
    done: str,
    about: str = "",
) -> HttpResponse:
    """Render ``form``, or save it through ``write`` and go back to the case's
    disagreements page; an ``ActionError`` goes on the form."""
    if request.method == "POST" and form.is_valid():
        assert isinstance(form, f.ActionForm)
        arguments = form.arguments()
        if saved(form, lambda: write(arguments)):
            messages.success(request, done)
            return redirect("web:case-disagreements", case_id=case.pk)
    _read(request, case)
    context = {"case": case, "title": title, "form": form, "about": about, "action": request.path}
    return render(request, "web/disagreements/form.html", context)


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@login_required
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    require_la_staff(request.user)
    case = get_case_for_user(request.user, case_id)
    _read(request, case)
    found = case_disagreements(case, kernel.today())
    context = {
        "case": case,
        "found": found,
        "can_record": can_record(request.user, case),
        "review_due": {t.record.pk for t in found.appeals if needs_root_cause(t.record)},
    }
    return render(request, "web/disagreements/case.html", context)


@login_required
def new_complaint(request: HttpRequest, case_id: int) -> HttpResponse:
    case = writable_case(request.user, case_id)
    form = f.ComplaintForm(_data(request))
    return _form_page(
        request,
        case,
        title="Record a complaint",
        form=form,
        write=lambda a: complaint_actions.record_complaint(case=case, by=request.user, **a),
        done="Complaint recorded.",
    )


@login_required
def complaint_step(
    request: HttpRequest, case_id: int, complaint_id: int, complaint_step: str
) -> HttpResponse:
    case = writable_case(request.user, case_id)
    complaint = get_object_or_404(Complaint, pk=complaint_id, case=case)
    page = _page(COMPLAINT_STEPS, complaint_step)
    return _form_page(
        request,
        case,
        title=page.title,
        form=page.form(_data(request)),
        write=lambda a: page.action(complaint=complaint, by=request.user, **a),
        done=page.done,
        about=f"Complaint received {kernel.long_date(complaint.received_on)}",
    )


@login_required
def new_mediation(request: HttpRequest, case_id: int) -> HttpResponse:
    case = writable_case(request.user, case_id)
    return _form_page(
        request,
        case,
        title="Record a mediation",
        form=f.MediationForm(_data(request)),
        write=lambda a: actions.open_mediation(case=case, by=request.user, **a),
        done="Mediation recorded.",
    )


@login_required
def mediation_step(
    request: HttpRequest, case_id: int, mediation_id: int, mediation_step: str
) -> HttpResponse:
    case = writable_case(request.user, case_id)
    mediation = get_object_or_404(Mediation, pk=mediation_id, case=case)
    page = _page(MEDIATION_STEPS, mediation_step)
    return _form_page(
        request,
        case,
        title=page.title,
        form=page.form(_data(request)),
        write=lambda a: page.action(mediation=mediation, by=request.user, **a),
        done=page.done,
        about=f"Mediation about the decision of {kernel.long_date(mediation.decision_on)}",
    )


@login_required
def new_appeal(request: HttpRequest, case_id: int) -> HttpResponse:
    case = writable_case(request.user, case_id)
    return _form_page(
        request,
        case,
        title="Record an appeal",
        form=f.AppealForm(_data(request), case=case),
        write=lambda a: actions.open_appeal(case=case, by=request.user, **a),
        done="Appeal recorded.",
    )


@login_required
def appeal_step(
    request: HttpRequest, case_id: int, appeal_id: int, appeal_step: str
) -> HttpResponse:
    case = writable_case(request.user, case_id)
    appeal = get_object_or_404(Appeal, pk=appeal_id, case=case)
    page = _page(APPEAL_STEPS, appeal_step)
    return _form_page(
        request,
        case,
        title=page.title,
        form=page.form(_data(request)),
        write=lambda a: page.action(appeal=appeal, by=request.user, **a),
        done=page.done,
        about=f"Appeal against the decision of {kernel.long_date(appeal.decision_on)}",
    )


@login_required
def complete_order(request: HttpRequest, case_id: int, order_id: int) -> HttpResponse:
    case = writable_case(request.user, case_id)
    order = get_object_or_404(AppealOrder, pk=order_id, appeal__case=case)
    return _form_page(
        request,
        case,
        title="Record that an order was done",
        form=f.date_form("done_on", "Date it was done")(_data(request)),
        write=lambda a: actions.complete_order(order=order, by=request.user, **a),
        done="Order recorded as done.",
        about=f"{order.get_kind_display()}, made {kernel.long_date(order.made_on)}",
    )


def _page(pages: dict[str, Page], slug: str) -> Page:
    if slug not in pages:
        raise Http404("No such step.")
    return pages[slug]


urlpatterns: list[URLPattern] = [
    path("cases/<id:case_id>/disagreements/", case_page, name="case-disagreements"),
    path("cases/<id:case_id>/complaints/new/", new_complaint, name="complaint-new"),
    path(
        "cases/<id:case_id>/complaints/<id:complaint_id>/<slug:complaint_step>/",
        complaint_step,
        name="complaint-step",
    ),
    path("cases/<id:case_id>/mediations/new/", new_mediation, name="mediation-new"),
    path(
        "cases/<id:case_id>/mediations/<id:mediation_id>/<slug:mediation_step>/",
        mediation_step,
        name="mediation-step",
    ),
    path("cases/<id:case_id>/appeals/new/", new_appeal, name="appeal-new"),
    path(
        "cases/<id:case_id>/appeals/<id:appeal_id>/<slug:appeal_step>/",
        appeal_step,
        name="appeal-step",
    ),
    path("cases/<id:case_id>/orders/<id:order_id>/done/", complete_order, name="order-complete"),
]
