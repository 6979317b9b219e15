"""The pages auditors work in (docs/quality/audits.md): the audits list, opening an audit,
the audit itself (the plan's sections beside the judging form, grades computed as it
fills), submitting it, who audits it, and the actions it raised.

Council staff of the area read every audit; QA leads open audits, name auditors and
cancel actions; an audit's auditors judge and submit it. An outside auditor (an
advice-giver or a SENCo named on an audit) sees only the open audits they are named on:
any other audit is 404, as it is once submitted. Roles that are never named on an audit
(parents, board members) get 403. A moderation grading is judged here too, blind: nobody
but its own rater sees its judgements or grades on these pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from senda import audit as audit_log
from senda import kernel
from senda.casework.actions.plan_text import split_outcomes
from senda.casework.models import SECTION_LETTERS, Case
from senda.kernel import ActionError
from senda.quality import access, audit_actions, audit_people, audits, grading, prompts
from senda.quality.models import (
    Audit,
    AuditAction,
    AuditAuditor,
    Criterion,
    Domain,
    Framework,
    SampleItem,
)
from senda.web import tags
from senda.web.components import tag
from senda.web.forms import qa_audits as f
from senda.web.forms.errors import saved
from senda.web.plan_sections import outcome_items

GRADE_COLOURS = {"4": tags.GREEN, "3": tags.BLUE, "2": tags.YELLOW, "1": tags.RED}
ACTION_COLOURS = {
    "open": tags.BLUE,
    "overdue": tags.RED,
    "on-time": tags.GREEN,
    "late": tags.YELLOW,
    "cancelled": tags.GREY,
}
PER_PAGE = 50


def grade_tag(grade: int | None) -> str:
    if grade is None:
        return ""
    return tag(grading.GRADE_WORDS[grade], tags.colour(GRADE_COLOURS, grade))


def action_status(action: AuditAction, today: Any) -> str:
    if action.cancelled_on is not None:
        return "cancelled"
    if action.completed_on is not None:
        return "on-time" if audit_actions.on_time(action) else "late"
    return "overdue" if action.due_on < today else "open"


def action_tag(action: AuditAction, today: Any) -> str:
    status = action_status(action, today)
    return tag(status.replace("-", " ").capitalize(), tags.colour(ACTION_COLOURS, status))


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _audit(request: HttpRequest, audit_id: int) -> Audit:
    """The audit if the user may open it: 403 for a role never named on an audit, 404 for
    an audit not theirs (another area's, or an outside auditor's audit not open to them)."""
    if not audit_people.may_ever_audit(request.user):
        raise PermissionDenied("Your role does not audit plans.")
    found = access.audit_for(request.user, audit_id, kernel.today())
    if found is None:
        raise Http404("No such audit.")
    return found


def _read(request: HttpRequest, audit: Audit) -> None:
    audit_log.record(
        user=request.user, verb="read", obj=audit, child=audit.case.child, request=request
    )


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    staff = access.qa_staff(request.user)
    today = kernel.today()
    if staff is None and not access.is_outside_auditor(request.user):
        raise PermissionDenied("Only the council's QA staff and named auditors see audits.")
    found = access.audits_for(request.user, today).select_related("case", "sample_item")
    form = f.StatusFilterForm(request.GET)
    status = form.status_value() if staff is not None else "open"
    found = {
        "open": found.open(),
        "submitted": found.submitted(),
        "withdrawn": found.filter(withdrawn_on__isnull=False),
    }.get(status, found.filter(withdrawn_on__isnull=True))
    named = AuditAuditor.objects.filter(audit=OuterRef("pk"), user_id=request.user.pk)
    found = found.annotate(mine=Exists(named)).order_by(
        "-mine", F("submitted_on").desc(nulls_first=True), "due_on", "-opened_on", "-id"
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    audit_log.record_list(
        user=request.user,
        request=request,
        page="QA audits",
        obj=Audit,
        filters={"status": status} if status else {},
        number=page.number,
        la_id=staff.la_id if staff is not None else None,
    )
    # A moderation grading's grade is its rater's alone (blind): the round's pages show it.
    rows = [
        (a, grade_tag(a.grade) if a.mine or a.round_plan_id is None else "")
        for a in page.object_list
    ]
    context = {
        "form": form if staff is not None else None,
        "page_obj": page,
        "rows": rows,
        "can_open": access.qa_lead(request.user) is not None,
        "outside": staff is None,
    }
    return render(request, "web/qa/audits/list.html", context)


def _new_audit_plan(la_id: int, item: SampleItem | None, form: f.NewAuditForm) -> Any:
    """The sample item's plan, or the current plan of the case numbered on the form."""
    if item is not None:
        return item.plan
    case = Case.objects.filter(pk=form.cleaned_data["case"], la_id=la_id).first()
    plan = case.plans.live(kernel.today()).first() if case is not None else None
    if plan is None:
        raise ActionError("case", "Enter the number of a case of this area with a current plan")
    return plan


@login_required
def audit_new(request: HttpRequest) -> HttpResponse:
    lead = access.qa_lead(request.user)
    if lead is None:
        raise PermissionDenied("Only a QA lead can open an audit.")
    item = None
    item_id = request.GET.get("item", "")
    if item_id:
        if not (item_id.isascii() and item_id.isdigit() and len(item_id) < 10):
            raise Http404("No such sample item.")
        item = (
            SampleItem.objects.filter(pk=int(item_id), sample__la_id=lead.la_id)
            .select_related("plan", "case")
            .first()
        )
        if item is None:
            raise Http404("No such sample item.")
    frameworks = Framework.objects.filter(
        la_id=lead.la_id, subject=Framework.Subject.PLAN, status=Framework.Status.PUBLISHED
    )
    leads = [m.user for m in audit_actions.staff_of(lead.la_id)]
    form = f.NewAuditForm(
        _data(request),
        frameworks=frameworks,
        leads=leads,
        with_case=item is None,
        initial={"lead": str(request.user.pk), "organisation": "education"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opened: list[Audit] = []

        def write() -> None:
            opened.append(
                audits.open_audit(
                    la=lead.la,
                    plan=_new_audit_plan(lead.la_id, item, form),
                    framework=frameworks.get(pk=int(data["framework"])),
                    lead=get_user_model().objects.get(pk=int(data["lead"])),
                    by=request.user,
                    organisation=data["organisation"],
                    due_on=data["due_on"],
                    sample_item=item,
                    today=kernel.today(),
                )
            )

        if saved(form, write):
            messages.success(request, "Audit opened.")
            return redirect("web:qa-audit", audit_id=opened[0].pk)
    if item is not None:
        audit_log.record(
            user=request.user, verb="read", obj=item.case, child=item.case.child, request=request
        )
    context = {
        "form": form,
        "item": item,
        "already": item.audits.filter(withdrawn_on__isnull=True).first() if item else None,
        "action": request.get_full_path(),
    }
    return render(request, "web/qa/audits/new.html", context)


def _framework(audit: Audit) -> tuple[list[Domain], list[Criterion]]:
    domains = list(Domain.objects.filter(framework_id=audit.framework_id).order_by("order", "id"))
    criteria = list(
        Criterion.objects.filter(domain__framework_id=audit.framework_id).order_by(
            "domain__order", "order", "id"
        )
    )
    return domains, criteria


def _grades(audit: Audit, domains: list[Domain]) -> dict[str, Any]:
    """The grades the audit's judgements give now, as the page shows them."""
    result = audits.result_of(audit)
    return {
        "result": result,
        "overall_tag": grade_tag(result.overall),
        "outcome_tag": grade_tag(result.outcome),
        "domains": [
            (d, result.domains[d.code], grade_tag(result.domains[d.code].grade))
            for d in domains
            if d.code in result.domains
        ],
    }


def _sections(audit: Audit) -> dict[str, Any]:
    texts = audit.version.section_texts() if audit.version is not None else []
    cut_e = SECTION_LETTERS.index("F")
    section_e = next((text for letter, _, text in texts if letter == "E"), "")
    return {
        "sections_to_e": texts[:cut_e],
        "section_f": texts[cut_e : cut_e + 1],
        "sections_after": texts[cut_e + 1 :],
        "outcomes": outcome_items(
            section_e, audit.plan.outcomes.filter(superseded_on__isnull=True)
        ),
    }


def _save_judgements(request: HttpRequest, audit: Audit, form: f.JudgeForm) -> bool:
    """Keep every criterion given an answer that changed; an action's refusal goes on the
    criterion's fields. True if all were kept."""
    kept = {j.criterion_id: j for j in audit.judgements.all()}
    ok = True
    for criterion, met, evidence in form.answers():
        before = kept.get(criterion.pk)
        if before is not None and (before.met, before.evidence) == (met, evidence.strip()):
            continue
        try:
            audits.set_judgement(
                audit=audit, criterion=criterion, met=met, evidence=evidence, by=request.user
            )
        except ActionError as error:
            form.show_error(criterion, error)
            ok = False
    return ok


@login_required
def audit_page(request: HttpRequest, audit_id: int) -> HttpResponse:
    audit = _audit(request, audit_id)
    judging = audit_people.can_judge(request.user, audit)
    blind = audit.round_plan_id is not None and not access.is_auditor(request.user, audit)
    domains, criteria = _framework(audit)
    judgements = {} if blind else {j.criterion_id: j for j in audit.judgements.all()}
    if request.method == "POST" and not judging:
        raise PermissionDenied("Only the audit's auditors can judge it, while it is open.")
    form = f.JudgeForm(_data(request), domains=domains, criteria=criteria, judgements=judgements)
    if request.method == "POST" and form.is_valid() and _save_judgements(request, audit, form):
        messages.success(request, "Judgements saved.")
        return redirect("web:qa-audit", audit_id=audit.pk)
    _read(request, audit)
    today = kernel.today()
    context: dict[str, Any] = {
        "audit": audit,
        "form": form,
        "judging": judging,
        "blind": blind,
        "read_only": [
            (d, [(c, judgements.get(c.pk)) for c in criteria if c.domain_id == d.pk])
            for d in domains
        ],
        "grades": None if blind else _grades(audit, domains),
        "kept_tag": grade_tag(audit.grade),
        "kept_outcome_tag": grade_tag(audit.outcome_grade),
        "prompts": _prompts(audit),
        "actions": [(a, action_tag(a, today)) for a in audit.actions.select_related("assigned_to")],
        "can_raise": audit_actions.may_raise(request.user, audit),
        # Council staff open the case; an outside auditor may not (the case page is 404).
        "staff": access.qa_staff(request.user) is not None,
        "can_name": audit_people.may_name_auditors(request.user, audit),
        "auditors": audit.auditors.select_related("user"),
        **_sections(audit),
    }
    return render(request, "web/qa/audits/audit.html", context)


def _judge_or_refuse(request: HttpRequest, audit_id: int) -> Audit:
    audit = _audit(request, audit_id)
    if audit.is_open and not audit_people.can_judge(request.user, audit):
        raise PermissionDenied("Only the audit's auditors can submit it.")
    return audit


@login_required
def audit_submit(request: HttpRequest, audit_id: int) -> HttpResponse:
    audit = _judge_or_refuse(request, audit_id)
    if not audit.is_open:
        messages.info(request, "This audit is closed.")
        return redirect("web:qa-audit", audit_id=audit.pk)
    form = f.SubmitAuditForm(_data(request), includes_review=audit.includes_review)
    if request.method == "POST" and form.is_valid():
        arguments = form.arguments()
        if saved(
            form,
            lambda: audits.submit_audit(
                audit=audit, by=request.user, today=kernel.today(), **arguments
            ),
        ):
            messages.success(request, "Audit submitted.")
            return redirect("web:qa-audit", audit_id=audit.pk)
    _read(request, audit)
    domains, _ = _framework(audit)
    context = {"audit": audit, "form": form, "grades": _grades(audit, domains)}
    return render(request, "web/qa/audits/submit.html", context)


def _above(form: f.AddAuditorForm, errors: list[str]) -> None:
    """Show a removal's refusal above the (unbound) add form, in its error summary."""
    if not form.is_bound:
        form.full_clean()
        form.cleaned_data = {}
    for error in errors:
        form.add_error(None, error)


@login_required
def audit_auditors(request: HttpRequest, audit_id: int) -> HttpResponse:
    audit = _audit(request, audit_id)
    can_name = audit_people.may_name_auditors(request.user, audit)
    if request.method == "POST" and not can_name:
        raise PermissionDenied("Only a QA lead can change who audits, while the audit is open.")
    named = AuditAuditor.objects.filter(audit=audit).select_related("user")
    people = [
        m.user
        for m in audit_people.auditor_candidates(audit).exclude(user_id__in=named.values("user_id"))
    ]
    add_form = f.AddAuditorForm(
        request.POST if request.method == "POST" and "remove" not in request.POST else None,
        people=people,
    )
    remove_form = f.RemoveAuditorForm(
        request.POST if request.method == "POST" and "remove" in request.POST else None
    )
    if request.method == "POST":
        users = get_user_model().objects
        if "remove" in request.POST and remove_form.is_valid():
            user = users.filter(pk=remove_form.cleaned_data["remove"]).first()
            if saved(
                remove_form,
                lambda: audit_people.remove_auditor(audit=audit, user=user, by=request.user),
            ):
                messages.success(request, "Auditor removed.")
                return redirect("web:qa-audit-auditors", audit_id=audit.pk)
            _above(
                add_form, [*remove_form.errors.get("remove", []), *remove_form.non_field_errors()]
            )
        elif "remove" not in request.POST and add_form.is_valid():
            data = add_form.cleaned_data
            user = users.filter(pk=int(data["user"])).first()
            if saved(
                add_form,
                lambda: audit_people.add_auditor(
                    audit=audit,
                    user=user,
                    organisation=data["organisation"],
                    by=request.user,
                    today=kernel.today(),
                ),
            ):
                messages.success(request, "Auditor added.")
                return redirect("web:qa-audit-auditors", audit_id=audit.pk)
        elif "remove" in request.POST:
            _above(add_form, ["Choose an auditor to remove"])
    _read(request, audit)
    context = {
        "audit": audit,
        "named": named,
        "form": add_form,
        "can_name": can_name,
        "represented": audit_people.represented(audit),
        "missing": audit_people.missing_agencies(audit),
    }
    return render(request, "web/qa/audits/auditors.html", context)


def _may_bring_forward(request: HttpRequest, audit: Audit) -> bool:
    """Only the council's SEND staff of the audit's area may bring a plan's review forward
    (``casework.actions.early_review``): an outside auditor is not offered it."""
    staff = access.qa_staff(request.user)
    return staff is not None and staff.la_id == audit.la_id


@login_required
def action_new(request: HttpRequest, audit_id: int) -> HttpResponse:
    audit = _audit(request, audit_id)
    if not audit_actions.may_raise(request.user, audit):
        raise PermissionDenied("Only the audit's lead or auditors can raise actions.")
    staff = [m.user for m in audit_actions.staff_of(audit.la_id)]
    form = f.RaiseActionForm(
        _data(request),
        staff=staff,
        officer_id=audit.case.officer_id,
        early_review=_may_bring_forward(request, audit),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assignee = next((u for u in staff if str(u.pk) == data["assigned_to"]), None)
        if saved(
            form,
            lambda: audit_actions.raise_action(
                audit=audit,
                text=data["text"],
                assigned_to=assignee,
                due_on=data["due_on"],
                early_review_by=data.get("early_review_by"),
                by=request.user,
                today=kernel.today(),
            ),
        ):
            messages.success(request, "Action raised.")
            return redirect("web:qa-audit", audit_id=audit.pk)
    _read(request, audit)
    return render(request, "web/qa/audits/action_new.html", {"audit": audit, "form": form})


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    staff = access.qa_staff(request.user)
    if staff is None:
        raise PermissionDenied("Only the council's staff have audit actions.")
    today = kernel.today()
    found = audit_actions.actions_for(request.user)
    open_ = [(a, action_tag(a, today)) for a in found.open()]
    done = list(found.filter(completed_on__isnull=False))
    on_time = sum(1 for a in done if audit_actions.on_time(a))
    audit_log.record_list(
        user=request.user,
        request=request,
        page="QA actions",
        obj=AuditAction,
        la_id=staff.la_id,
    )
    context = {
        "open": open_,
        "overdue": sum(1 for a, _ in open_ if a.due_on < today),
        "done": [(a, action_tag(a, today)) for a in done[-PER_PAGE:][::-1]],
        "done_count": len(done),
        "on_time": on_time,
        "late": len(done) - on_time,
        "everyone": access.qa_lead(request.user) is not None,
    }
    return render(request, "web/qa/audits/actions.html", context)


@login_required
def action_page(request: HttpRequest, qa_action_id: int) -> HttpResponse:
    if access.qa_staff(request.user) is None:
        raise PermissionDenied("Only the council's staff have audit actions.")
    action = audit_actions.action_for(request.user, qa_action_id)
    if action is None:
        raise Http404("No such action.")
    is_open = action.completed_on is None and action.cancelled_on is None
    can_complete = is_open and audit_actions.may_complete(request.user, action)
    can_cancel = is_open and audit_actions.may_cancel(request.user, action)
    doing = None
    if request.method == "POST":
        doing = "cancel" if request.POST.get("do") == "cancel" else "complete"
    complete_form = f.CompleteActionForm(request.POST if doing == "complete" else None)
    cancel_form = f.CancelActionForm(request.POST if doing == "cancel" else None)
    if request.method == "POST":
        if (doing == "complete" and not can_complete) or (doing == "cancel" and not can_cancel):
            raise PermissionDenied("You cannot change this action.")
        if doing == "complete" and complete_form.is_valid():
            note = complete_form.cleaned_data["note"]
            if saved(
                complete_form,
                lambda: audit_actions.complete_action(
                    action=action, note=note, by=request.user, today=kernel.today()
                ),
            ):
                messages.success(request, "Action completed.")
                return redirect("web:qa-action", qa_action_id=action.pk)
        elif doing == "cancel" and cancel_form.is_valid():
            reason = cancel_form.cleaned_data["reason"]
            if saved(
                cancel_form,
                lambda: audit_actions.cancel_action(
                    action=action, reason=reason, by=request.user, today=kernel.today()
                ),
            ):
                messages.success(request, "Action cancelled.")
                return redirect("web:qa-action", qa_action_id=action.pk)
    audit_log.record(
        user=request.user,
        verb="read",
        obj=action,
        child=action.audit.case.child,
        request=request,
    )
    context = {
        "action": action,
        "status_tag": action_tag(action, kernel.today()),
        "can_complete": can_complete,
        "can_cancel": can_cancel,
        "complete_form": complete_form,
        "cancel_form": cancel_form,
        "errors": bool(complete_form.errors or cancel_form.errors),
        "audit_url": reverse("web:qa-audit", kwargs={"audit_id": action.audit_id}),
    }
    return render(request, "web/qa/audits/action.html", context)


urlpatterns: list[URLPattern] = [
    path("qa/audits/", audit_list, name="qa-audits"),
    path("qa/audits/new/", audit_new, name="qa-audit-new"),
    path("qa/audits/<id:audit_id>/", audit_page, name="qa-audit"),
    path("qa/audits/<id:audit_id>/submit/", audit_submit, name="qa-audit-submit"),
    path("qa/audits/<id:audit_id>/auditors/", audit_auditors, name="qa-audit-auditors"),
    path("qa/audits/<id:audit_id>/actions/new/", action_new, name="qa-audit-action-new"),
    path("qa/actions/", action_list, name="qa-actions"),
    path("qa/actions/<id:qa_action_id>/", action_page, name="qa-action"),
]


def _prompts(audit: Audit) -> dict[str, list[str]] | None:
    """The wording prompts beside sections E and F of the version read (never the grade)."""
    if audit.version is None:
        return None
    texts = {letter: text for letter, _, text in audit.version.section_texts()}
    year = audit.case.child.year_group(audit.version.issued_on)
    return prompts.by_section(texts, split_outcomes(texts.get("E", "")), year)
