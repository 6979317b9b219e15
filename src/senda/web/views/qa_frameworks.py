"""QA frameworks (docs/quality/frameworks.md): the list of the area's frameworks with their
versions, one framework's domains, criteria, legal requirements and thresholds, and the
pages that edit a draft version and publish it.

Council QA staff read (``quality.access.qa_staff``: case officers, team managers, QA
auditors, service managers); QA leads (``qa_lead``) install the defaults, make a new
version, edit a draft and publish it. Any other role: 403. Another area's framework: 404.
A published or replaced version is never changed: its edit pages send the lead back to it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit
from senda.people.models import Membership
from senda.quality import defaults
from senda.quality import frameworks as actions
from senda.quality.access import qa_lead, qa_staff
from senda.quality.grading import GRADE_WORDS
from senda.quality.models import Criterion, Domain, Framework, Grade
from senda.web.forms.errors import saved
from senda.web.forms.qa_frameworks import CriterionForm, DomainForm, FrameworkForm

GRADE_SCALE = (
    (
        Grade.OUTSTANDING,
        "All legal and good-practice criteria met; the child's voice drives the plan.",
    ),
    (Grade.GOOD, "Legal requirements met, with minor gaps that do not weaken enforceability."),
    (
        Grade.REQUIRES_IMPROVEMENT,
        "Compliant in substance but with gaps: some outcomes not SMART, some provision not "
        "quantified, an agency's input missing.",
    ),
    (
        Grade.INADEQUATE,
        "A legal requirement missing or unenforceable: a need without provision, vague "
        "provision, a section missing, advice ignored.",
    ),
)


def _staff(request: HttpRequest) -> Membership:
    membership = qa_staff(request.user)
    if membership is None:
        raise PermissionDenied("Your role does not see quality assurance.")
    return membership


def _framework(request: HttpRequest, framework_id: int) -> Framework:
    membership = _staff(request)
    framework = Framework.objects.filter(pk=framework_id, la_id=membership.la_id).first()
    if framework is None:
        raise Http404("No such framework.")
    return framework


def _may_edit(request: HttpRequest, framework: Framework) -> bool:
    lead = qa_lead(request.user)
    return lead is not None and lead.la_id == framework.la_id


def _draft(request: HttpRequest, framework_id: int) -> Framework | HttpResponse:
    """The draft a QA lead edits; a published one sends them back to it."""
    framework = _framework(request, framework_id)
    if not _may_edit(request, framework):
        raise PermissionDenied("Only a QA lead changes a framework.")
    if framework.status != Framework.Status.DRAFT:
        messages.info(
            request, "This version is in use or replaced: make a new version to change it"
        )
        return redirect("web:qa-framework", framework_id=framework.pk)
    return framework


def _number(value: Any) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 12 else None


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _back(framework: Framework) -> HttpResponse:
    return redirect("web:qa-framework", framework_id=framework.pk)


def _form(
    request: HttpRequest, framework: Framework, title: str, form: forms.Form, **extra: Any
) -> HttpResponse:
    context = {
        "framework": framework,
        "title": title,
        "form": form,
        "action": request.get_full_path(),
    }
    return render(request, "web/qa/frameworks/form.html", context | extra)


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    membership = _staff(request)
    lead = qa_lead(request.user)
    is_lead = lead is not None and lead.la_id == membership.la_id
    if request.method == "POST":
        if not is_lead:
            raise PermissionDenied("Only a QA lead installs frameworks.")
        made = defaults.install_defaults(la=membership.la, by=request.user)
        if made:
            messages.success(request, f"{len(made)} frameworks installed")
        return redirect("web:qa-frameworks")
    found = list(Framework.objects.filter(la_id=membership.la_id))
    audit.record(user=request.user, verb="read", obj=Framework, la_id=membership.la_id)
    groups = [
        (label, [f for f in found if f.subject == subject])
        for subject, label in Framework.Subject.choices
    ]
    context = {"groups": groups, "any": bool(found), "is_lead": is_lead}
    return render(request, "web/qa/frameworks/list.html", context)


@login_required
def framework_detail(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = _framework(request, framework_id)
    may_edit = _may_edit(request, framework)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("Only a QA lead makes a new version.")
        form = forms.Form(request.POST)
        made: list[Framework] = []
        if saved(
            form, lambda: made.append(actions.new_version(framework=framework, by=request.user))
        ):
            messages.success(request, f"Version {made[0].version} made as a draft")
            return _back(made[0])
        messages.error(request, form.non_field_errors()[0])
        return _back(framework)
    audit.record(user=request.user, verb="read", obj=framework, la_id=framework.la_id)
    domains = list(framework.domains.prefetch_related("criteria"))
    draft = (
        Framework.objects.filter(
            la_id=framework.la_id,
            subject=framework.subject,
            discipline=framework.discipline,
            name=framework.name,
            status=Framework.Status.DRAFT,
        )
        .exclude(pk=framework.pk)
        .first()
    )
    context = {
        "framework": framework,
        "domains": domains,
        "may_edit": may_edit,
        "draft": draft,
        "scale": [(GRADE_WORDS[g], text) for g, text in GRADE_SCALE],
        "cap": GRADE_WORDS[framework.statutory_cap],
        "statutory": sum(1 for d in domains for c in d.criteria.all() if c.statutory),
    }
    return render(request, "web/qa/frameworks/detail.html", context)


@login_required
def framework_edit(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = _draft(request, framework_id)
    if isinstance(framework, HttpResponse):
        return framework
    initial = {
        "name": framework.name,
        "outstanding_from": framework.outstanding_from,
        "good_from": framework.good_from,
        "requires_improvement_from": framework.requires_improvement_from,
        "statutory_cap": str(framework.statutory_cap),
    }
    form = FrameworkForm(_data(request), initial=initial)
    if (
        form.is_bound
        and form.is_valid()
        and saved(
            form,
            lambda: actions.edit_framework(
                framework=framework, by=request.user, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, "Framework saved")
        return _back(framework)
    return _form(request, framework, "Name, thresholds and cap", form)


@login_required
def framework_domain(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = _draft(request, framework_id)
    if isinstance(framework, HttpResponse):
        return framework
    domain = None
    if "domain" in request.GET:
        domain = Domain.objects.filter(
            framework=framework, pk=_number(request.GET["domain"]) or 0
        ).first()
        if domain is None:
            raise Http404("No such domain.")
    if request.method == "POST" and "remove" in request.POST and domain is not None:
        form = DomainForm()
        if saved(form, lambda: actions.remove_domain(domain=domain, by=request.user)):
            messages.success(request, "Domain removed")
            return _back(framework)
        return _form(request, framework, "Change a domain", form, removable=True)
    initial = {}
    if domain is not None:
        initial = {
            "name": domain.name,
            "sections": domain.sections,
            "weight": domain.weight,
            "is_outcomes": domain.is_outcomes,
        }
    form = DomainForm(_data(request), initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if domain is None:
            write = lambda: actions.add_domain(framework=framework, by=request.user, **data)  # noqa: E731
        else:
            write = lambda: actions.edit_domain(domain=domain, by=request.user, **data)  # noqa: E731
        if saved(form, write):
            messages.success(request, "Domain saved")
            return _back(framework)
    title = "Add a domain" if domain is None else "Change a domain"
    return _form(request, framework, title, form, removable=domain is not None)


@login_required
def framework_criterion(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = _draft(request, framework_id)
    if isinstance(framework, HttpResponse):
        return framework
    criterion = None
    if "criterion" in request.GET:
        criterion = (
            Criterion.objects.filter(
                domain__framework=framework, pk=_number(request.GET["criterion"]) or 0
            )
            .select_related("domain")
            .first()
        )
        if criterion is None:
            raise Http404("No such criterion.")
    domains = list(framework.domains.all())
    if not domains:
        messages.info(request, "Add a domain first")
        return _back(framework)
    if request.method == "POST" and "remove" in request.POST and criterion is not None:
        form = CriterionForm()
        if saved(form, lambda: actions.remove_criterion(criterion=criterion, by=request.user)):
            messages.success(request, "Criterion removed")
            return _back(framework)
        return _form(request, framework, "Change a criterion", form, removable=True)
    initial: dict[str, Any] = {}
    choices = None
    if criterion is not None:
        initial = {
            "text": criterion.text,
            "good_looks_like": criterion.good_looks_like,
            "weight": criterion.weight,
            "statutory": criterion.statutory,
            "citation": criterion.citation,
        }
    else:
        choices = [("", "Choose a domain")] + [(str(d.pk), d.name) for d in domains]
        asked = _number(request.GET.get("domain"))
        if asked is not None:
            initial["domain"] = str(asked)
    form = CriterionForm(_data(request), initial=initial, domains=choices)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        if criterion is None:
            chosen = data.pop("domain")
            domain = next(d for d in domains if str(d.pk) == chosen)
            write = lambda: actions.add_criterion(domain=domain, by=request.user, **data)  # noqa: E731
        else:
            write = lambda: actions.edit_criterion(criterion=criterion, by=request.user, **data)  # noqa: E731
        if saved(form, write):
            messages.success(request, "Criterion saved")
            return _back(framework)
    title = "Add a criterion" if criterion is None else "Change a criterion"
    return _form(request, framework, title, form, removable=criterion is not None)


@login_required
def framework_publish(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = _draft(request, framework_id)
    if isinstance(framework, HttpResponse):
        return framework
    form = forms.Form(_data(request))
    if form.is_bound and saved(form, lambda: actions.publish(framework=framework, by=request.user)):
        messages.success(request, f"Version {framework.version} is now in use")
        return _back(framework)
    replaces = actions.current(framework.la_id, framework.subject, framework.discipline)
    context = {
        "framework": framework,
        "form": form,
        "replaces": replaces if replaces is not None and replaces.name == framework.name else None,
        "audits": framework.based_on.audits.count() if framework.based_on_id else 0,
    }
    return render(request, "web/qa/frameworks/publish.html", context)


urlpatterns: list[URLPattern] = [
    path("qa/frameworks/", framework_list, name="qa-frameworks"),
    path("qa/frameworks/<id:framework_id>/", framework_detail, name="qa-framework"),
    path("qa/frameworks/<id:framework_id>/edit/", framework_edit, name="qa-framework-edit"),
    path("qa/frameworks/<id:framework_id>/domain/", framework_domain, name="qa-framework-domain"),
    path(
        "qa/frameworks/<id:framework_id>/criterion/",
        framework_criterion,
        name="qa-framework-criterion",
    ),
    path(
        "qa/frameworks/<id:framework_id>/publish/", framework_publish, name="qa-framework-publish"
    ),
]
