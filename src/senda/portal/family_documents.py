"""Documents the council shares with a family: an officer shares one from the case page
(``share_document``), the family is told (``portal.notify.send``, message
``family_document``), or a letter is needed where they asked for letters, and the family
opens it through the audited file view (``senda.portal.access.uploads_for``).

See docs/families.md, "Documents".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from senda import audit, kernel
from senda.casework.models import Case
from senda.kernel import ActionError, check_choice, required_text
from senda.people.families import access_of
from senda.people.models import FamilyContact
from senda.portal.access import council_membership
from senda.portal.models import SharedDocument
from senda.portal.notify import case_reference, send, site_link
from senda.portal.uploads import store_upload

__all__ = ["Shared", "recipients", "share_document", "shared_with_family"]

TITLE_MAX = 200


@dataclass(slots=True)
class Shared:
    """A shared document, who was emailed about it, and who needs a letter."""

    document: SharedDocument
    emailed: list[FamilyContact] = field(default_factory=list)
    letters: list[FamilyContact] = field(default_factory=list)


def shared_with_family(case: Case) -> QuerySet[SharedDocument]:
    """The documents shared on ``case`` that can be opened (clean or held unscanned),
    newest first."""
    return (
        SharedDocument.objects.filter(case=case)
        .select_related("upload")
        .filter(upload__scan__in=["clean", "unscanned"])
        .exclude(upload__file="")
    )


def recipients(case: Case, today: date) -> list[FamilyContact]:
    """The family members told about a shared document: those who see the child's record
    today (``senda.people.families.access_of``) and either have an account or make the
    decisions (a relative without either is not sent the council's papers)."""
    found = []
    for contact in FamilyContact.objects.filter(child=case.child).select_related("user", "child"):
        access = access_of(contact, today)
        if access is not None and (contact.user_id is not None or access.may_act):
            found.append(contact)
    return found


def email_of(contact: FamilyContact) -> str:
    return contact.email or (contact.user.email if contact.user is not None else "")


def share_document(
    *,
    case: Case,
    file: Any,
    kind: str,
    title: str,
    by: Any,
    today: date | None = None,
) -> Shared:
    """Share ``file`` with ``case``'s family as a ``kind`` document called ``title``.

    The file goes through ``store_upload`` (type, size, virus scan; purpose "shared"),
    before the document is written, so a refused file's audit entry stays. Each
    family member who sees the record (:func:`recipients`) with an account and an email
    address, who did not ask for letters, is emailed; for everyone else a letter is needed,
    and that is audited so the officer's team can see it.
    """
    on = today or kernel.today()
    membership = council_membership(by)
    kernel.check_permission(
        membership is not None and membership.can_write_casework(case.la_id),
        "You cannot share documents on this case",
    )
    check_choice(kind, SharedDocument.Kind.values, "kind", "what the document is")
    title = required_text(title, "title", "Enter a title for the document")
    if len(title) > TITLE_MAX:
        raise ActionError("title", f"The title must be {TITLE_MAX} characters or fewer")
    # Not inside the transaction: a refusal for a virus is audited, and that entry stays.
    upload = store_upload(case=case, file=file, purpose="shared", by=by)
    with transaction.atomic():
        document = SharedDocument.objects.create(
            case=case, upload=upload, kind=kind, title=title, shared_on=on, shared_by=by
        )
        audit.record(
            user=by,
            verb="write",
            obj=document,
            child=case.child,
            summary=f"shared document {document.pk} ({kind}) upload={upload.pk} case={case.pk}",
        )
        return _tell_family(document, case, by, on)


def _tell_family(document: SharedDocument, case: Case, by: Any, today: date) -> Shared:
    shared = Shared(document)
    link = site_link(reverse("web:family-documents", kwargs={"case_id": case.pk}))
    for contact in recipients(case, today):
        address = email_of(contact)
        wants_letter = contact.contact_by == FamilyContact.ContactBy.LETTER
        if wants_letter or contact.user_id is None or not address:
            shared.letters.append(contact)
            audit.record(
                user=by,
                verb="write",
                obj=document,
                child=case.child,
                summary=f"letter needed: contact {contact.pk}, shared document {document.pk}",
            )
            continue
        send(
            la=case.la,
            to=address,
            template="family_document",
            personalisation={
                "name": contact.name,
                "council": case.la.name,
                "kind": document.get_kind_display(),
                "reference": case_reference(case),
                "link": link,
            },
            user=contact.user,
            case=case,
            dedupe_key=f"family-document:{document.pk}:{contact.pk}",
            by=by,
        )
        shared.emailed.append(contact)
    return shared
