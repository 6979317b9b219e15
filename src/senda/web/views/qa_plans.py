"""The plan itself, in Senda (docs/quality/plans.md): a case's plan versions, recording a
version (typed, pasted or read from a Word document, checked before saving), one
version's sections with its outcomes, wording prompts and document, and what changed
since the version before. Recording a version keeps the text only: the page says when the
case has no step for the plan's issue, and links to record it. And recording that the
plan's early review (brought forward by an audit action or a panel) was held.

Council staff of the area read every page (a QA auditor too); case officers, team and
service managers record (others 403). An outside auditor named on an open audit of the
plan reads its versions. Anyone else, and another area's staff: 404. Every read is audited.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework.actions.early_review import record_early_review_held
from senda.casework.actions.outcomes import current_plan
from senda.casework.actions.plan_text import (
    correct_plan_version,
    record_plan_version,
    split_outcomes,
)
from senda.casework.models import Case, CaseEvent, PlanVersion
from senda.casework.next_step import STEPS, Step
from senda.casework.plan_changes import changes
from senda.casework.plan_docx import read_sections
from senda.kernel import ActionError
from senda.portal.plan_documents import attach_plan_document
from senda.portal.uploads import MESSAGES
from senda.quality.access import audits_for, qa_staff
from senda.quality.prompts import plan_prompts
from senda.web.access import can_record, get_case_for_user, require_la_staff
from senda.web.forms.early_review import EarlyReviewHeldForm
from senda.web.forms.errors import saved, show_action_error
from senda.web.forms.qa_plans import CorrectionForm, PlanVersionForm
from senda.web.plan_sections import outcome_items
from senda.web.upload_limit import INTERRUPTED, TOO_LARGE, UNREADABLE

#: The statutory step that issuing each kind of plan is, recorded on the case (the clock,
#: "Last amended"): recording a version keeps the plan's text only, never the step.
KIND_STEPS = {
    PlanVersion.Kind.NEW: "final-plan-issued",
    PlanVersion.Kind.AMENDED: "amended-plan-issued",
    PlanVersion.Kind.PHASE_TRANSFER: "phase-transfer-plan-issued",
}

PROMPTS_NOTE = (
    "These prompts come from simple wording rules. They suggest where to look again; "
    "they are not a grade and do not judge the plan."
)


def _case(request: HttpRequest, case_id: int) -> Case:
    require_la_staff(request.user)
    case = get_case_for_user(request.user, case_id)
    audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
    return case


def _version(request: HttpRequest, version_id: int) -> PlanVersion:
    """The version if the user is council staff of its area, or an outside auditor of an
    open audit of its plan; 404 otherwise."""
    version = (
        PlanVersion.objects.select_related("case__child", "plan", "supersedes", "recorded_by")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise Http404("No such plan version.")
    staff = qa_staff(request.user)
    if staff is not None:
        allowed = staff.la_id == version.case.la_id
    else:
        allowed = audits_for(request.user, kernel.today()).filter(plan_id=version.plan_id).exists()
    if not allowed:
        raise Http404("No such plan version.")
    audit.record(
        user=request.user,
        verb="read",
        obj=version,
        child=version.case.child,
        request=request,
        summary=f"case {version.case_id}: plan version {version.pk}",
    )
    return version


def not_arrived(request: HttpRequest) -> PlanVersionForm | None:
    """None if the body was read whole; else a form with the upload's error on its file
    box (the Word document to read, or the plan's document): never a 500."""
    try:
        data = request.POST
        request.FILES  # noqa: B018 - reading the body is what may fail
    except UNREADABLE:
        for handler in getattr(request, "upload_handlers", []):
            handler.upload_interrupted()  # Django's temporary file handler deletes its file
        data, message = {}, MESSAGES["failed"]
    else:
        if getattr(request, TOO_LARGE, False):
            message = MESSAGES["too_large"].format(mb=settings.SENDA_UPLOAD_MAX_MB)
        elif getattr(request, INTERRUPTED, False):
            message = MESSAGES["failed"]
        else:
            return None
    form = PlanVersionForm(data)
    form.is_valid()
    form.errors.clear()
    form.add_error("file" if "read" in data else "document", message)
    return form


def previous_version(version: PlanVersion) -> PlanVersion | None:
    """The version this one corrects, else the final text of the issue before it."""
    if version.supersedes_id is not None:
        return version.supersedes
    earlier = (
        PlanVersion.objects.filter(case_id=version.case_id, superseded_by__isnull=True)
        .exclude(pk=version.pk)
        .filter(issued_on__lte=version.issued_on)
        .order_by("issued_on", "id")
    )
    earlier = [v for v in earlier if (v.issued_on, v.pk) < (version.issued_on, version.pk)]
    return earlier[-1] if earlier else None


@login_required
def versions(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    rows = list(
        case.plan_versions.select_related("superseded_by")
        .prefetch_related("documents")
        .order_by("-issued_on", "-id")
    )
    for row in rows:
        row.open_documents = [d for d in row.documents.all() if d.can_open]  # type: ignore[attr-defined]
    context = {
        "case": case,
        "versions": rows,
        "plan": current_plan(case, kernel.today()),
        "can_edit": can_record(request.user, case),
    }
    return render(request, "web/qa/plans/versions.html", context)


@login_required
def new_version(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    if not can_record(request.user, case):
        raise PermissionDenied("Your role cannot record a plan.")
    plan = current_plan(case, kernel.today())
    reader = PlanVersionForm()
    form = PlanVersionForm(initial={"source": "typed"})
    read = False
    if plan is not None and request.method == "POST":
        failed = not_arrived(request)
        if failed is not None:
            if "file" in failed.errors:
                reader = failed
            else:
                form = failed
        elif "read" in request.POST:
            reader, form, read = _read(request)
        else:
            form = PlanVersionForm(request.POST, request.FILES)
            if form.is_valid():
                version = _save(request, form, plan)
                if version is not None:
                    return redirect("web:plan-version", version_id=version.pk)
    context = {"case": case, "plan": plan, "form": form, "reader": reader, "read": read}
    return render(request, "web/qa/plans/new.html", context)


def _read(request: HttpRequest) -> tuple[PlanVersionForm, PlanVersionForm, bool]:
    """The reader form (with its error), and the plan form filled from the document."""
    reader = PlanVersionForm(request.POST, request.FILES)
    reader.is_valid()
    reader.errors.clear()
    upload = request.FILES.get("file")
    if upload is None:
        reader.add_error("file", "Select a Word document (DOCX)")
        return reader, PlanVersionForm(initial={"source": "typed"}), False
    try:
        sections = read_sections(upload)
    except ActionError as error:
        reader.add_error("file", error.message)
        return reader, PlanVersionForm(initial={"source": "typed"}), False
    return PlanVersionForm(), PlanVersionForm(initial={"source": "docx", **sections}), True


def _save(request: HttpRequest, form: PlanVersionForm, plan: Any) -> PlanVersion | None:
    data = form.cleaned_data
    try:
        version = record_plan_version(
            plan=plan,
            kind=data["kind"],
            issued_on=data["issued_on"],
            sections=form.sections(),
            source=data.get("source") or "typed",
            by=request.user,
        )
    except ActionError as error:
        show_action_error(form, error)
        return None
    messages.success(request, "The plan version is saved.")
    if data.get("document") is not None:
        _attach(request, version, data["document"])
    return version


def _attach(request: HttpRequest, version: PlanVersion, file: Any) -> None:
    try:
        attach_plan_document(version=version, file=file, by=request.user)
    except ActionError as error:
        messages.error(request, f"The plan's document was not kept: {error.message}")
    else:
        messages.success(request, "The plan's document is kept.")


@login_required
def version_page(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    case = version.case
    may_add = can_record(request.user, case)
    form = PlanVersionForm()
    if request.method == "POST":
        if not may_add:
            raise PermissionDenied("Your role cannot add a plan's document.")
        failed = not_arrived(request)
        if failed is not None:
            form = failed
        elif request.FILES.get("document") is None:
            form = PlanVersionForm(request.POST)
            form.is_valid()
            form.errors.clear()
            form.add_error("document", "Select the plan's document")
        else:
            _attach(request, version, request.FILES["document"])
            return redirect("web:plan-version", version_id=version.pk)
    sections = version.section_texts()
    texts = {letter: text for letter, _, text in sections}
    newest = (
        not hasattr(version, "superseded_by")
        and not version.case.plan_versions.filter(
            plan_id=version.plan_id, issued_on__gt=version.issued_on
        ).exists()
    )
    outcomes = list(version.plan.outcomes.filter(superseded_on__isnull=True)) if newest else []
    year = case.child.year_group(version.issued_on)
    context = {
        "case": case,
        "version": version,
        "sections": sections,
        "outcomes": outcome_items(texts.get("E", ""), outcomes),
        "step_missing": _step_missing(version) if may_add and case.is_open else None,
        "prompts": _prompt_groups(plan_prompts(texts, split_outcomes(texts.get("E", "")), year)),
        "prompts_note": PROMPTS_NOTE,
        "documents": [d for d in version.documents.all() if d.can_open],
        "history": _history(version),
        "previous": previous_version(version),
        "can_add": may_add,
        "corrected": PlanVersion.objects.filter(supersedes=version).exists(),
        "form": form,
    }
    return render(request, "web/qa/plans/version.html", context)


def _step_missing(version: PlanVersion) -> Step | None:
    """The step issuing this version is (the final plan, an amended plan), if the case has
    no such step on the day it was issued; None if it has, or for a correction."""
    slug = KIND_STEPS.get(version.kind)  # type: ignore[call-overload]
    if slug is None or version.supersedes_id is not None:
        return None
    step = STEPS[slug]
    recorded = CaseEvent.objects.current().filter(
        case_id=version.case_id, type=step.event_type, on=version.issued_on
    )
    return None if recorded.exists() else step


def _prompt_groups(found: dict[str, list[Any]]) -> list[tuple[str, list[Any]]]:
    def label(key: str) -> str:
        if key == "plan":
            return "The plan as a whole"
        if key.startswith("E"):
            return f"Outcome {key[1:]} (section E)"
        return f"Provision, paragraph {key[1:]} (section F)"

    return [(label(key), prompts) for key, prompts in found.items()]


def _history(version: PlanVersion) -> list[PlanVersion]:
    """Every version in this one's chain of corrections, oldest first."""
    chain = [version]
    while chain[0].supersedes_id is not None:
        chain.insert(0, PlanVersion.objects.get(pk=chain[0].supersedes_id))
    later = PlanVersion.objects.filter(supersedes=chain[-1]).first()
    while later is not None:
        chain.append(later)
        later = PlanVersion.objects.filter(supersedes=later).first()
    return chain if len(chain) > 1 else []


@login_required
def correct_version(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    if not can_record(request.user, version.case):
        raise PermissionDenied("Your role cannot correct a plan.")
    corrected = PlanVersion.objects.filter(supersedes=version).first()
    if corrected is not None:
        messages.info(request, "This version is corrected already: correct the newest one.")
        return redirect("web:plan-version", version_id=corrected.pk)
    texts = {letter: text for letter, _, text in version.section_texts()}
    form = CorrectionForm(request.POST or None, initial=texts)
    if request.method == "POST" and form.is_valid():
        try:
            fixed = correct_plan_version(
                version=version,
                sections=form.sections(),
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            messages.success(request, "The corrected text is saved as a new version.")
            return redirect("web:plan-version", version_id=fixed.pk)
    context = {"case": version.case, "version": version, "form": form}
    return render(request, "web/qa/plans/correct.html", context)


@login_required
def version_changes(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    previous = previous_version(version)
    context = {
        "case": version.case,
        "version": version,
        "previous": previous,
        "changes": changes(previous, version) if previous is not None else [],
    }
    return render(request, "web/qa/plans/changes.html", context)


@login_required
def early_review_held(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record that the plan's early review (brought forward by an audit action, a panel
    or an officer) was held: the case page shows the form; this page saves it, and shows
    it again with its errors."""
    case = _case(request, case_id)
    waiting = list(case.early_reviews.filter(held_on__isnull=True).order_by("review_by", "id"))
    form = EarlyReviewHeldForm(request.POST if request.method == "POST" else None, waiting=waiting)
    if request.method == "POST" and waiting and form.is_valid():
        early, held_on = form.chosen(), form.cleaned_data["held_on"]
        if saved(
            form,
            lambda: record_early_review_held(
                early=early, held_on=held_on, by=request.user, today=kernel.today()
            ),
        ):
            messages.success(request, "The early review is recorded as held.")
            return redirect("web:case-detail", case_id=case.pk)
    context = {"case": case, "waiting": waiting, "form": form}
    return render(request, "web/cases/early_review.html", context)


urlpatterns: list[URLPattern] = [
    path("cases/<id:case_id>/plan/early-review/", early_review_held, name="case-early-review"),
    path("cases/<id:case_id>/plan/versions/", versions, name="case-plan-versions"),
    path("cases/<id:case_id>/plan/versions/new/", new_version, name="case-plan-version-new"),
    path("plan-versions/<id:version_id>/", version_page, name="plan-version"),
    path("plan-versions/<id:version_id>/changes/", version_changes, name="plan-version-changes"),
    path("plan-versions/<id:version_id>/correct/", correct_version, name="plan-version-correct"),
]
