"""Recording on the neurodevelopmental waiting list (issue 18; docs/pathways.md):

- ``/waits/children/<id>/referrals/new/`` (``web:nd-referral-new``): a new referral of a
  child for assessment on a pathway;
- ``/waits/referrals/<id>/steps/new/?step=`` (``web:nd-step-new``): a triage decision, the
  first assessment appointment, the outcome, or the child leaving the list;
- ``/waits/steps/<id>/`` (``web:nd-step-correct``): correct a step or withdraw it;
- ``/waits/referrals/<id>/support/new/`` (``web:nd-support-new``): support while waiting;
- ``/waits/support/<id>/`` (``web:nd-support-correct``): correct support (or record its
  end) or withdraw it;
- ``/waits/upload/`` (``web:nd-upload``): import the NHS provider's extract, all or
  nothing, with the column headings saved for the area's next upload.

Opening a form that shows part of a child's record is audited as a read. Case officers,
team managers and service managers record (``pathways.access.may_record``);
team and service managers upload (``may_import``). Everyone else gets 403, before any
object is looked up; another area's referral, step, support or child is 404. Each write is
a ``pathways`` action (checked, written, audited in one transaction).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit
from senda.kernel import ActionError
from senda.pathways import actions
from senda.pathways.access import may_import
from senda.pathways.extract_import import import_extract, save_mapping, saved_mapping
from senda.pathways.models import Referral, ReferralStep, Support
from senda.pathways.support import correct_support, record_support, withdraw_support
from senda.people.models import Child, Membership, Setting
from senda.portal.scanner import NOT_CONFIGURED, scan, scanner_name
from senda.sheets import ImportFailed, Problem
from senda.web.access import require_waits, require_waits_recorder
from senda.web.forms.errors import saved
from senda.web.forms.waits import (
    DETAILS,
    STEPS,
    ExtractUploadForm,
    ReferralForm,
    StepCorrectionForm,
    StepForm,
    SupportCorrectionForm,
    SupportForm,
)
from senda.web.tables.problems import problems_table

SCAN_REFUSED = {
    "infected": "The selected file contains a virus",
    "failed": "The selected file could not be checked for viruses – try again",
}


def _referral(membership: Membership, referral_id: int) -> Referral:
    found = (
        Referral.objects.of_area(membership.la_id)
        .select_related("la", "child")
        .filter(pk=referral_id)
        .first()
    )
    if found is None:
        raise Http404("No such referral.")
    return found


def _read(request: HttpRequest, obj: Any, child: Child, what: str) -> None:
    """A form showing part of the child's record: the read is audited (GET only; a POST
    is audited by the action it runs)."""
    if request.method == "GET":
        audit.record(
            user=request.user,
            verb="read",
            obj=obj,
            child=child,
            request=request,
            summary=f"nd {what} form",
        )


def _to_referral(request: HttpRequest, referral: Referral, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("web:nd-referral", referral.pk)


@login_required
def referral_new(request: HttpRequest, child_id: int) -> HttpResponse:
    membership = require_waits_recorder(request.user)
    child = Child.objects.filter(la_id=membership.la_id, pk=child_id).first()
    if child is None:
        raise Http404("No such child.")
    _read(request, child, child, "new referral")
    settings = Setting.objects.filter(la_id=membership.la_id).order_by("name")
    choices = [(str(s.pk), s.name) for s in settings]
    form = ReferralForm(request.POST or None, settings=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made: list[Referral] = []
        setting = settings.filter(pk=data["setting"]).first() if data["setting"] else None
        if saved(
            form,
            lambda: made.append(
                actions.record_referral(
                    child=child,
                    pathway=data["pathway"],
                    referred_on=data["referred_on"],
                    source=data["source"],
                    setting=setting,
                    provider_ref=data["provider_ref"],
                    by=request.user,
                )
            ),
        ):
            return _to_referral(request, made[0], f"Referral ND-{made[0].pk} recorded.")
    return render(request, "web/waits/referral_new.html", {"child": child, "form": form})


def _record_step(referral: Referral, step: str, data: dict[str, Any], by: Any) -> None:
    on = data["on"]
    if step == "triage":
        accepted = data["decision"] == "accepted"
        actions.record_triage(
            referral=referral, on=on, accepted=accepted, reason=data.get("reason", ""), by=by
        )
    elif step == "assessment":
        actions.record_assessment(referral=referral, on=on, by=by)
    elif step == "outcome":
        actions.record_outcome(referral=referral, on=on, outcome=data["outcome"], by=by)
    else:
        actions.record_closure(referral=referral, on=on, reason=data["reason"], by=by)


@login_required
def step_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    membership = require_waits_recorder(request.user)
    referral = _referral(membership, referral_id)
    step = request.GET.get("step", "triage")
    if step not in STEPS:
        raise Http404("No such step.")
    _read(request, referral, referral.child, "step")
    form = StepForm(request.POST or None, step=step)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(form, lambda: _record_step(referral, step, data, request.user)):
            return _to_referral(request, referral, f"{STEPS[step]} recorded.")
    context = {"referral": referral, "form": form, "step": step, "title": STEPS[step]}
    return render(request, "web/waits/step_new.html", context)


@login_required
def step_correct(request: HttpRequest, step_id: int) -> HttpResponse:
    membership = require_waits_recorder(request.user)
    step = (
        ReferralStep.objects.filter(referral__la_id=membership.la_id, pk=step_id)
        .select_related("referral", "referral__la", "referral__child")
        .first()
    )
    if step is None:
        raise Http404("No such step.")
    _read(request, step, step.referral.child, "step correction")
    detail = DETAILS.get(step.type)
    initial: dict[str, Any] = {"on": step.on}
    if detail is not None:
        initial[detail[0]] = getattr(step, detail[0])
    form = StepCorrectionForm(request.POST or None, type=step.type, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(form, lambda: _correct_step(step, data, detail, request.user)):
            done = "withdrawn" if data["what"] == "withdraw" else "corrected"
            return _to_referral(request, step.referral, f"Step {done}.")
    context = {"step": step, "referral": step.referral, "form": form}
    return render(request, "web/waits/step_correct.html", context)


def _correct_step(
    step: ReferralStep, data: dict[str, Any], detail: tuple[str, str, Any] | None, by: Any
) -> None:
    if data["what"] == "withdraw":
        actions.withdraw_step(step=step, why=data["why"], by=by)
        return
    more: dict[str, Any] = {}
    if detail is not None and data.get(detail[0]):
        more[detail[0]] = data[detail[0]]
    actions.correct_step(step=step, on=data["on"], why=data["why"], by=by, **more)


@login_required
def support_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    membership = require_waits_recorder(request.user)
    referral = _referral(membership, referral_id)
    _read(request, referral, referral.child, "support")
    form = SupportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(form, lambda: record_support(referral=referral, by=request.user, **data)):
            return _to_referral(request, referral, "Support recorded.")
    return render(request, "web/waits/support.html", {"referral": referral, "form": form})


@login_required
def support_correct(request: HttpRequest, support_id: int) -> HttpResponse:
    membership = require_waits_recorder(request.user)
    support = (
        Support.objects.filter(la_id=membership.la_id, pk=support_id, referral__isnull=False)
        .select_related("referral", "child")
        .first()
    )
    if support is None or support.referral is None:
        raise Http404("No such support.")
    referral = support.referral
    _read(request, support, support.child, "support correction")
    names = ("kind", "provider_kind", "provider", "starts_on", "ends_on")
    initial = {name: getattr(support, name) for name in names}
    form = SupportCorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        what = data.pop("what")

        def write() -> None:
            if what == "withdraw":
                withdraw_support(support=support, why=data["why"], by=request.user)
            else:
                correct_support(support=support, by=request.user, **data)

        if saved(form, write):
            done = "withdrawn" if what == "withdraw" else "corrected"
            return _to_referral(request, referral, f"Support {done}.")
    context = {"referral": referral, "support": support, "form": form}
    return render(request, "web/waits/support.html", context)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    membership = require_waits(request.user)
    la = membership.la
    if not may_import(request.user, la):
        raise PermissionDenied("Only team and service managers import the extract.")
    form = ExtractUploadForm(
        request.POST or None,
        request.FILES or None,
        initial=ExtractUploadForm.initial_for(saved_mapping(la)),
    )
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        try:
            summary = _import(request, form, la)
        except ImportFailed as failed:
            problems = failed.problems
            form.add_problems(problems)
        except (ActionError, _Refused) as refused:
            form.add_error("file", str(refused))
        else:
            messages.success(request, summary)
            return redirect("web:nd-waits")
    context = {
        "la": la,
        "form": form,
        "problems": problems_table(problems) if problems else "",
        "not_configured": "" if scanner_name() else NOT_CONFIGURED,
    }
    return render(request, "web/waits/upload.html", context)


class _Refused(Exception):
    """The upload's virus scan refused it."""


def _import(request: HttpRequest, form: ExtractUploadForm, la: Any) -> str:
    upload = form.cleaned_data["file"]
    data = upload.read()
    verdict = scan(data).verdict
    if verdict in SCAN_REFUSED:
        raise _Refused(SCAN_REFUSED[verdict])
    mapping = form.mapping()
    result = import_extract(data, filename=upload.name, la=la, by=request.user, mapping=mapping)
    if save_mapping(la=la, columns=mapping, by=request.user):
        return f"{result.summary} The column headings are saved for the next upload."
    return result.summary


urlpatterns: list[URLPattern] = [
    path("waits/children/<id:child_id>/referrals/new/", referral_new, name="nd-referral-new"),
    path("waits/referrals/<id:referral_id>/steps/new/", step_new, name="nd-step-new"),
    path("waits/steps/<id:step_id>/", step_correct, name="nd-step-correct"),
    path("waits/referrals/<id:referral_id>/support/new/", support_new, name="nd-support-new"),
    path("waits/support/<id:support_id>/", support_correct, name="nd-support-correct"),
    path("waits/upload/", upload, name="nd-upload"),
]
