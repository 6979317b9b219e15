"""Documents shared with the family (docs/families.md, "Documents").

- ``/cases/<case>/share/``: council casework staff share a document with the family (404
  for anyone who cannot see the case, 403 for a role that sees it but may not record);
  ``senda.portal.family_documents.share_document`` stores, audits and tells the family.
- ``/family/<case>/documents/``: the family's list (404 unless they see the child's record
  as family today); each opens through the audited file view (``web:file``), which lets a
  family member open a shared document's file and nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.kernel import ActionError
from senda.portal.family_documents import share_document, shared_with_family
from senda.portal.models import SharedDocument
from senda.portal.notify import case_reference
from senda.portal.uploads import MESSAGES
from senda.web.access import family_case, writable_case
from senda.web.forms.errors import show_action_error
from senda.web.forms.family_documents import ShareDocumentForm
from senda.web.upload_limit import INTERRUPTED, TOO_LARGE, UNREADABLE


@login_required
def family_documents(request: HttpRequest, case_id: int) -> HttpResponse:
    case = family_case(request.user, case_id, kernel.today())
    documents = list(shared_with_family(case))
    audit.record(
        user=request.user,
        verb="read",
        obj=case,
        child=case.child,
        request=request,
        summary=f"family: shared documents: {len(documents)}",
    )
    context = {"case": case, "reference": case_reference(case), "documents": documents}
    return render(request, "web/family/documents.html", context)


@login_required
def share(request: HttpRequest, case_id: int) -> HttpResponse:
    case = writable_case(request.user, case_id)
    max_mb = settings.SENDA_UPLOAD_MAX_MB
    form = ShareDocumentForm(max_mb=max_mb)
    status = 200
    if request.method == "POST":
        form, status = bind(request, max_mb)
        if status == 200 and form.is_valid():
            try:
                shared = share_document(
                    case=case,
                    file=form.cleaned_data["file"],
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    by=request.user,
                )
            except ActionError as error:
                show_action_error(form, error)
            else:
                messages.success(request, shared_message(len(shared.emailed)))
                for contact in shared.letters:
                    messages.warning(
                        request,
                        f"Send {contact.name} a copy by post: they asked for letters, "
                        "or have no account or email address.",
                    )
                return redirect(request.path)
    documents = list(SharedDocument.objects.filter(case=case).select_related("upload"))
    audit.record(
        user=request.user,
        verb="read",
        obj=case,
        child=case.child,
        request=request,
        summary=f"shared documents: {len(documents)}",
    )
    context = {
        "case": case,
        "reference": case_reference(case),
        "form": form,
        "documents": documents,
    }
    return render(request, "web/family/share.html", context, status=status)


def shared_message(emailed: int) -> str:
    if emailed == 0:
        return "Document shared. Nobody was emailed."
    people = "1 person" if emailed == 1 else f"{emailed} people"
    return f"Document shared. We emailed {people} to say it is there."


def bind(request: HttpRequest, max_mb: int) -> tuple[ShareDocumentForm, int]:
    """The form bound to what arrived, and 200; where the body could not be read whole,
    the form with the upload's error on its file, and 400."""
    try:
        data, files = request.POST, request.FILES
    except UNREADABLE:
        for handler in getattr(request, "upload_handlers", []):
            handler.upload_interrupted()
        form = ShareDocumentForm({}, max_mb=max_mb)
        form.is_valid()
        form.errors.clear()
        form.add_error("file", MESSAGES["failed"])
        return form, 400
    form = ShareDocumentForm(data, files, max_mb=max_mb)
    for flag, key in ((TOO_LARGE, "too_large"), (INTERRUPTED, "failed")):
        if getattr(request, flag, False):
            form.is_valid()
            form.add_error("file", MESSAGES[key].format(mb=max_mb))
            return form, 400
    return form, 200


urlpatterns: list[URLPattern] = [
    path("cases/<id:case_id>/share/", share, name="case-share"),
    path("family/<id:case_id>/documents/", family_documents, name="family-documents"),
]
