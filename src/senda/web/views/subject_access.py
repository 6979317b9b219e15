"""The subject access pages (docs/subject-access.md): the register of requests with their
due dates, logging a request, one request (its due date, the third-party information to
review, the archive), extending it and recording its answer. A service manager's pages:
anyone else gets 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from senda import audit, kernel
from senda.disclosure import actions
from senda.disclosure.models import Request, Subject
from senda.kernel import ActionError
from senda.people.models import Child, FamilyContact, Membership
from senda.web.access import require_service_manager
from senda.web.forms.errors import show_action_error
from senda.web.forms.subject_access import AnswerForm, ExtendForm, RequestForm
from senda.web.phone_tables import captioned_table

FORM = "web/plain_form.html"
#: The review list on the request's page shows this many lines (the archive has them all).
SHOWN = 100


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@login_required
def register(request: HttpRequest) -> HttpResponse:
    membership = require_service_manager(request.user)
    rows = list(Request.objects.filter(la_id=membership.la_id))
    audit.record_list(user=request.user, request=request, page="subject access", obj=membership.la)
    today = kernel.today()
    table = captioned_table(
        "Subject access requests",
        ["Request", "About", "Received", "Due", "Status"],
        [_row(r, today) for r in rows],
    )
    return render(request, "web/subject_access/register.html", {"table": table if rows else None})


def _row(found: Request, today: Any) -> list[dict[str, Any]]:
    href = reverse("web:subject-access-request", args=[found.pk])
    return [
        {"html": format_html('<a class="govuk-link" href="{}">{}</a>', href, found.reference)},
        {"text": found.get_subject_display().split(" (")[0]},
        {"text": f"{found.received_on:%-d %b %Y}"},
        {"text": f"{found.due:%-d %b %Y}" + (" (extended)" if found.extended_to else "")},
        {"text": found.status(today)},
    ]


def _records(membership: Membership, subject: str, number: int) -> tuple[Any, Any]:
    if subject == Subject.PARENT:
        contact = FamilyContact.objects.filter(child__la_id=membership.la_id, pk=number).first()
        return None, contact
    return Child.objects.filter(la_id=membership.la_id, pk=number).first(), None


@login_required
def new(request: HttpRequest) -> HttpResponse:
    membership = require_service_manager(request.user)
    form = RequestForm(_post(request))
    if form.is_valid():
        data = form.cleaned_data
        child, contact = _records(membership, data["subject"], data["record"])
        try:
            made = actions.log_request(
                la=membership.la,
                subject=data["subject"],
                child=child,
                contact=contact,
                requester=data["requester"],
                received_on=data["received_on"],
                by=request.user,  # type: ignore[arg-type]
                today=kernel.today(),
            )
            messages.success(request, f"Logged {made.reference}: due {made.due:%-d %B %Y}.")
            return redirect("web:subject-access-request", made.pk)
        except ActionError as error:
            show_action_error(form, error)
    back = reverse("web:subject-access")
    context = {"form": form, "title": "Log a subject access request", "back_url": back}
    return render(request, FORM, context)


def _request(membership: Membership, sar_id: int) -> Request:
    found = Request.objects.filter(la_id=membership.la_id, pk=sar_id).first()
    if found is None:
        raise Http404("No such request.")
    return found


@login_required
def detail(request: HttpRequest, sar_id: int) -> HttpResponse:
    membership = require_service_manager(request.user)
    found = _request(membership, sar_id)
    audit.record(user=request.user, verb="read", obj=found, child=found.child, request=request)
    try:
        tables, flags = actions.preview(found)
        held = True
    except ActionError:
        held, tables, flags = False, [], []
    review = captioned_table(
        "Third-party information to review before release",
        ["File", "Row", "Column", "Why", "Detail"],
        [
            [{"text": v} for v in (f.file, f.row, f.column, f.reason, f.detail)]
            for f in flags[:SHOWN]
        ],
    )
    context = {
        "found": found,
        "today": kernel.today(),
        "status": found.status(kernel.today()),
        "held": held,
        "records": sum(len(t.rows) for t in tables),
        "kinds": len(tables),
        "review": review if flags else None,
        "flags": len(flags),
        "shown": min(len(flags), SHOWN),
    }
    return render(request, "web/subject_access/request.html", context)


@login_required
def download(request: HttpRequest, sar_id: int) -> HttpResponse:
    membership = require_service_manager(request.user)
    found = _request(membership, sar_id)
    try:
        made = actions.produce(request=found, by=request.user)  # type: ignore[arg-type]
    except ActionError as error:
        raise Http404(error.message) from None
    response = HttpResponse(made.data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{made.name}"'
    return response


@login_required
def extend(request: HttpRequest, sar_id: int) -> HttpResponse:
    membership = require_service_manager(request.user)
    found = _request(membership, sar_id)
    form = ExtendForm(_post(request))
    if form.is_valid():
        try:
            actions.extend(
                request=found,
                reason=form.cleaned_data["reason"],
                by=request.user,  # type: ignore[arg-type]
                today=kernel.today(),
            )
            messages.success(request, f"Extended: due {found.due:%-d %B %Y}.")
            return redirect("web:subject-access-request", found.pk)
        except ActionError as error:
            show_action_error(form, error)
    return _form(request, form, f"Extend {found.reference} by two months", found)


@login_required
def answered(request: HttpRequest, sar_id: int) -> HttpResponse:
    membership = require_service_manager(request.user)
    found = _request(membership, sar_id)
    form = AnswerForm(_post(request))
    if form.is_valid():
        try:
            actions.answer(
                request=found,
                on=form.cleaned_data["on"],
                by=request.user,  # type: ignore[arg-type]
                today=kernel.today(),
            )
            messages.success(request, f"{found.reference} is answered.")
            return redirect("web:subject-access-request", found.pk)
        except ActionError as error:
            show_action_error(form, error)
    return _form(request, form, f"Record the answer to {found.reference}", found)


def _form(request: HttpRequest, form: Any, title: str, found: Request) -> HttpResponse:
    back = reverse("web:subject-access-request", args=[found.pk])
    return render(request, FORM, {"form": form, "title": title, "back_url": back})


urlpatterns: list[URLPattern] = [
    path("subject-access/", register, name="subject-access"),
    path("subject-access/new/", new, name="subject-access-new"),
    path("subject-access/<id:sar_id>/", detail, name="subject-access-request"),
    path("subject-access/<id:sar_id>/archive/", download, name="subject-access-archive"),
    path("subject-access/<id:sar_id>/extend/", extend, name="subject-access-extend"),
    path("subject-access/<id:sar_id>/answered/", answered, name="subject-access-answered"),
]
