"""Files on a review report or an advice request: the list with an upload form, and the one
view that serves a file.

- Who may open a report's or request's files is ``senda.portal.access`` (404 for anyone
  else); who may add one is ``senda.portal.uploads.may_upload`` (council casework staff
  of the area, the report's setting, the team asked): others who may look get 403 on POST.
- A file is served only through ``file``: checked against ``uploads_for``, audited, as an
  attachment with its detected type, never cached; 404 for a file that cannot be opened
  (a virus, a failed scan, no stored file).
- An upload that did not arrive whole (the connection dropped, a body Django cannot read,
  a file past the limit) gets a form error, never a 500; Django's upload handlers delete
  what they held.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import (
    PermissionDenied,
)
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse

from senda import audit, kernel
from senda.kernel import ActionError
from senda.portal.access import (
    advice_requests_for,
    council_membership,
    reports_for,
    uploads_for,
)
from senda.portal.models import AdviceRequest, ReviewReport, Upload
from senda.portal.notify import case_reference
from senda.portal.scanner import NOT_CONFIGURED, scanner_name
from senda.portal.uploads import MESSAGES, may_upload, store_upload
from senda.quality.plan_documents import plan_documents_for
from senda.web.forms.errors import show_action_error
from senda.web.forms.portal_uploads import UploadForm
from senda.web.tables.portal_uploads import files_table
from senda.web.upload_limit import INTERRUPTED, TOO_LARGE, UNREADABLE


@login_required
def report_files(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(
        reports_for(request.user).select_related("case__child"), pk=report_id
    )
    council = council_membership(request.user) is not None
    context = {
        "caption": f"Review report {case_reference(report.case)}",
        # Back to where each came from: the officer's tray, the setting's review.
        "back_url": reverse("web:portal-tray-report", kwargs={"report_id": report.pk})
        if council
        else reverse("web:portal-review", kwargs={"case_id": report.case_id}),
        "back_text": "Back to the report" if council else "Back to the review",
    }
    return files_page(request, report.case, context, report=report)


@login_required
def advice_files(request: HttpRequest, request_id: int) -> HttpResponse:
    advice = get_object_or_404(
        advice_requests_for(request.user).select_related("case__child"), pk=request_id
    )
    context = {
        "caption": f"Advice request {case_reference(advice.case)}",
        "back_url": reverse("web:portal-advice-request", kwargs={"request_id": advice.pk}),
        "back_text": "Back to the request for advice",
    }
    return files_page(request, advice.case, context, advice_request=advice)


def files_page(
    request: HttpRequest,
    case: Any,
    context: dict[str, Any],
    report: ReviewReport | None = None,
    advice_request: AdviceRequest | None = None,
) -> HttpResponse:
    allowed = may_upload(request.user, case, report, advice_request)
    max_mb = settings.SENDA_UPLOAD_MAX_MB
    with_purpose = report is not None
    status = 200
    form = UploadForm(max_mb=max_mb, with_purpose=with_purpose)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied("Your role cannot add files here.")
        form, status = bind(request, max_mb, with_purpose)
        if status == 200 and form.is_valid():
            try:
                upload = store_upload(
                    case=case,
                    file=form.cleaned_data["file"],
                    purpose=form.cleaned_data.get("purpose", "advice"),
                    by=request.user,
                    report=report,
                    advice_request=advice_request,
                )
            except ActionError as error:
                show_action_error(form, error)
            else:
                messages.success(request, f"{upload.name} has been uploaded")
                return redirect(request.path)
    owner: Any = report or advice_request
    uploads = list(owner.uploads.all())
    audit.record(
        user=request.user,
        verb="read",
        obj=owner,
        child=case.child,
        request=request,
        summary=f"files: {len(uploads)}",
    )
    context |= {
        "form": form,
        "allowed": allowed,
        "files": files_table(uploads) if uploads else "",
        # Everyone who adds or opens a file is told when no scanner checks them.
        "not_configured": "" if scanner_name() else NOT_CONFIGURED,
        "scanned": bool(scanner_name()),
    }
    return render(request, "web/portal/files.html", context, status=status)


def bind(request: HttpRequest, max_mb: int, with_purpose: bool) -> tuple[UploadForm, int]:
    """The form bound to what arrived, and 200; or, where the body could not be read
    whole, the form with the upload's error on its file, and 400."""
    try:
        data, files = request.POST, request.FILES
    except UNREADABLE:
        for handler in getattr(request, "upload_handlers", []):
            handler.upload_interrupted()  # Django's temporary file handler deletes its file
        form = UploadForm({}, max_mb=max_mb, with_purpose=with_purpose)
        form.is_valid()
        form.errors.clear()
        form.add_error("file", MESSAGES["failed"])
        return form, 400
    form = UploadForm(data, files, max_mb=max_mb, with_purpose=with_purpose)
    if getattr(request, TOO_LARGE, False):
        form.is_valid()
        form.add_error("file", MESSAGES["too_large"].format(mb=max_mb))
        return form, 400
    if getattr(request, INTERRUPTED, False):
        form.is_valid()
        form.add_error("file", MESSAGES["failed"])
        return form, 400
    return form, 200


@login_required
def file(request: HttpRequest, upload_id: int) -> FileResponse:
    upload = uploads_for(request.user).select_related("case").filter(pk=upload_id).first()
    if upload is None:  # a plan's document, for the outside auditors of an open audit of it
        openable = plan_documents_for(request.user, kernel.today()).select_related("case")
        upload = get_object_or_404(openable, pk=upload_id)
    if not upload.can_open:
        raise Http404("No such file.")
    try:
        handle = upload.file.open("rb")
    except OSError:
        raise Http404("No such file.") from None
    audit.record(
        user=request.user,
        verb="read",
        obj=upload,
        child=upload.case.child,
        request=request,
        summary=f"file {upload.pk} opened",
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(upload),
        content_type=upload.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def download_name(upload: Upload) -> str:
    """The uploader's name, ending in the suffix of what the file is (a PDF named
    ``page.html`` is saved as ``page.html.pdf``)."""
    suffix = PurePath(upload.file.name).suffix
    name = upload.name or f"file-{upload.pk}"
    if PurePath(name).suffix.lower() in {suffix, ".jpeg" if suffix == ".jpg" else suffix}:
        return name
    return name + suffix


urlpatterns: list[URLPattern] = [
    path("files/<id:upload_id>/", file, name="file"),
    path("portal/reports/<id:report_id>/files/", report_files, name="portal-report-files"),
    path("portal/advice/<id:request_id>/files/", advice_files, name="portal-advice-files"),
]
