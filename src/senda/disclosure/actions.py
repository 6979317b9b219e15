"""Logging a subject access request, extending it, recording its answer and producing its
archive: keyword-only, atomic, checked, audited (ADR 0037). A service manager's work."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit
from senda.disclosure import archive, gather
from senda.disclosure.models import Request, Subject
from senda.disclosure.month import due_on, extended_due_on
from senda.kernel import ActionError, check_choice, check_permission, required_text
from senda.kernel.dates import check_not_future
from senda.people.access import is_service_manager
from senda.people.models import Child, FamilyContact, LocalAuthority


def _allowed(by: User, la_id: int) -> None:
    check_permission(is_service_manager(by, la_id), "Only a service manager may do this.")


@transaction.atomic
def log_request(
    *,
    la: LocalAuthority,
    subject: str,
    child: Child | None,
    contact: FamilyContact | None,
    requester: str,
    received_on: date,
    by: User,
    today: date,
) -> Request:
    """Log a request received on ``received_on``, due one statutory month later."""
    _allowed(by, la.pk)
    check_choice(subject, Subject.values, "subject", "who the request is about")
    if subject == Subject.PARENT:
        if contact is None or contact.child.la_id != la.pk:
            raise ActionError("record", "Enter the number of a family contact of this area")
        child = contact.child
    elif child is None or child.la_id != la.pk:
        raise ActionError("record", "Enter the number of a child of this area")
    requester = required_text(requester, "requester", "Enter who asked and how")
    check_not_future(received_on, today, "received_on")
    made = Request.objects.create(
        la=la,
        subject=subject,
        child=child,
        contact=contact if subject == Subject.PARENT else None,
        requester=requester,
        received_on=received_on,
        due_on=due_on(received_on),
        logged_by=by,
    )
    summary = f"subject access {made.pk}: {subject} received {received_on:%Y-%m-%d}"
    audit.record(user=by, verb="write", obj=made, child=child, summary=summary)
    return made


@transaction.atomic
def extend(*, request: Request, reason: str, by: User, today: date) -> Request:
    """Extend by two further months (Art. 12(3)): told to the requester within the first."""
    _allowed(by, request.la_id)
    if request.answered_on or request.extended_to:
        raise ActionError("reason", "This request has been answered or extended already")
    if today > request.due_on:
        raise ActionError("reason", "The month has passed: an extension is made within it")
    request.extension_reason = required_text(reason, "reason", "Enter why it needs longer")
    request.extended_to = extended_due_on(request.received_on)
    request.save(update_fields=["extension_reason", "extended_to"])
    summary = f"subject access {request.pk}: extended to {request.extended_to:%Y-%m-%d}"
    audit.record(user=by, verb="write", obj=request, child=request.child, summary=summary)
    return request


@transaction.atomic
def answer(*, request: Request, on: date, by: User, today: date) -> Request:
    """Record the day the answer was sent."""
    _allowed(by, request.la_id)
    if request.answered_on:
        raise ActionError("on", "This request has been answered already")
    check_not_future(on, today, "on")
    if on < request.received_on:
        raise ActionError("on", "The date must be on or after the day it was received")
    request.answered_on = on
    request.save(update_fields=["answered_on"])
    summary = f"subject access {request.pk}: answered {on:%Y-%m-%d}"
    audit.record(user=by, verb="write", obj=request, child=request.child, summary=summary)
    return request


def gathered(request: Request) -> gather.Gathered:
    """What Senda holds about the request's subject."""
    if request.subject == Subject.PARENT:
        if request.contact is None:
            raise ActionError("record", "The parent's record is no longer held")
        return gather.about_parent(request.contact)
    if request.child is None:
        raise ActionError("record", "The child's record is no longer held")
    return gather.about_child(request.child)


def preview(request: Request) -> tuple[list[archive.Table], list[archive.Flag]]:
    """The archive's tables and its third-party review list, without the archive."""
    builder = archive.Builder(gathered(request), request.contact_id)
    return builder.tables(), builder.flags


def _lines(request: Request) -> list[str]:
    return [
        f"About: {request.get_subject_display()}.",
        f"Asked by: {request.requester}.",
        f"Received {request.received_on:%-d %B %Y}; due {request.due:%-d %B %Y}.",
    ]


@transaction.atomic
def produce(*, request: Request, by: User) -> archive.Archive:
    """The archive of everything held about the subject, audited as an export."""
    _allowed(by, request.la_id)
    made = archive.build(
        found=gathered(request),
        reference=request.reference,
        lines=_lines(request),
        subject_contact=request.contact_id,
    )
    summary = (
        f"subject access {request.pk}: archive of {made.files} files, "
        f"{len(made.flags)} to review, sha256 {made.sha256}"
    )
    audit.record(user=by, verb="export", obj=request, child=request.child, summary=summary)
    return made
