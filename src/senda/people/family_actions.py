"""What families and officers change about who sees and acts on a child's record (ADR 0018):
a young person's delegations to a family member, an officer's record of a capacity
decision, and a family member's changes to their own contact details, which wait for an
officer to confirm. Each is an atomic, audited action raising ``kernel.ActionError``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from senda import audit, kernel
from senda.kernel import WHOLE_FORM, ActionError, check_permission
from senda.people.families import family_access
from senda.people.models import (
    CapacityDecision,
    Child,
    ContactChange,
    Delegation,
    FamilyContact,
    Membership,
)
from senda.people.models.staff import CASEWORK_WRITE_ROLES

__all__ = [
    "CHANGEABLE",
    "can_record_for",
    "confirm_contact_change",
    "grant_delegation",
    "pending_changes",
    "record_capacity_decision",
    "reject_contact_change",
    "request_contact_change",
    "request_contact_changes",
    "withdraw_delegation",
]

#: The details a family member may change (each waits for the officer).
CHANGEABLE = ("email", "phone", "address", "contact_by")
NOT_OFFICER = "Only a case officer, team manager or service manager of this area can do this."
NOTHING_CHANGED = "You have not changed anything."
NOT_YOUNG_PERSON = "Only the young person can decide who sees their record."


def can_record_for(user: Any, child: Child) -> bool:
    """Whether ``user`` records casework for ``child``'s local area (officers, managers)."""
    membership = Membership.objects.filter(user_id=getattr(user, "pk", None)).first()
    return (
        membership is not None
        and membership.la_id == child.la_id
        and membership.role in CASEWORK_WRITE_ROLES
    )


def _young_person_acting(by: Any, child: Child, today: date) -> None:
    """Refuse unless ``by`` is the young person, holding the rights, able to act."""
    found = family_access(by, child, today)
    check_permission(
        found is not None and found.contact.is_young_person and found.may_act, NOT_YOUNG_PERSON
    )


@transaction.atomic
def grant_delegation(
    *, child: Child, contact: FamilyContact, scope: str, by: Any, today: date | None = None
) -> Delegation:
    """The young person lets ``contact`` see their record (``see``) or see it and act with
    them (``act``) from today. A delegation already in force for them is replaced (it is
    withdrawn today and kept as history)."""
    today = today or kernel.today()
    _young_person_acting(by, child, today)
    if contact.child_id != child.pk or contact.is_young_person:
        raise ActionError("contact", "Choose someone from your family list.")
    kernel.check_choice(scope, Delegation.Scope.values, "scope", "what they may do")
    current = (
        Delegation.objects.select_for_update()
        .filter(contact=contact, child=child, granted_on__lte=today)
        .exclude(withdrawn_on__lte=today)
    )
    for old in current:
        if old.scope == scope:
            raise ActionError("scope", f"{contact.name} can already do this.")
        old.withdrawn_on, old.withdrawn_by = today, by
        old.save(update_fields=["withdrawn_on", "withdrawn_by"])
    delegation = Delegation.objects.create(
        child=child, contact=contact, scope=scope, granted_on=today, granted_by=by
    )
    audit.record(
        user=by,
        verb="write",
        obj=delegation,
        child=child,
        summary=f"delegation {delegation.pk}: contact {contact.pk} granted {scope}",
        la_id=child.la_id,
    )
    return delegation


@transaction.atomic
def withdraw_delegation(
    *, delegation: Delegation, by: Any, today: date | None = None
) -> Delegation:
    """The young person stops a delegation from today; it stays in the history."""
    today = today or kernel.today()
    child = delegation.child
    _young_person_acting(by, child, today)
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.withdrawn_on is not None and delegation.withdrawn_on <= today:
        raise ActionError(WHOLE_FORM, "This has been stopped already.")
    delegation.withdrawn_on, delegation.withdrawn_by = today, by
    delegation.save(update_fields=["withdrawn_on", "withdrawn_by"])
    audit.record(
        user=by,
        verb="write",
        obj=delegation,
        child=child,
        summary=f"delegation {delegation.pk}: withdrawn",
        la_id=child.la_id,
    )
    return delegation


@transaction.atomic
def record_capacity_decision(
    *,
    child: Child,
    decision: str,
    assessed_on: date | None,
    assessed_by: str,
    outcome: str,
    by: Any,
    alternative_person: FamilyContact | None = None,
    basis: str = "",
    today: date | None = None,
) -> CapacityDecision:
    """An officer records a capacity assessment about one decision (Mental Capacity Act
    2005 ss1–3). Where the young person lacks capacity, the alternative person and the
    basis on which they act are required (CFA 2014 s80; SEND Regulations 2014 reg 64,
    Schedule 3). A later record supersedes an earlier one; both are kept."""
    today = today or kernel.today()
    check_permission(can_record_for(by, child), NOT_OFFICER)
    kernel.check_choice(decision, CapacityDecision.Decision.values, "decision", "a decision")
    kernel.check_choice(outcome, CapacityDecision.Outcome.values, "outcome", "an outcome")
    assessed_on = kernel.required_date(assessed_on, "assessed_on", "Enter the date of assessment")
    kernel.check_not_future(assessed_on, today, "assessed_on")
    assessed_by = kernel.required_text(
        assessed_by, "assessed_by", "Enter the name and role of the assessor"
    )
    if len(assessed_by) > 200:
        raise ActionError(
            "assessed_by", "The assessor's name and role must be 200 characters or fewer."
        )
    if outcome == CapacityDecision.Outcome.LACKS:
        if alternative_person is None:
            raise ActionError("alternative_person", "Choose who acts for the young person.")
        if alternative_person.child_id != child.pk or alternative_person.is_young_person:
            raise ActionError("alternative_person", "Choose someone from the child's contacts.")
        kernel.check_choice(basis, CapacityDecision.Basis.values, "basis", "the basis")
    else:
        alternative_person, basis = None, ""
    record = CapacityDecision.objects.create(
        child=child,
        decision=decision,
        assessed_on=assessed_on,
        assessed_by=assessed_by,
        outcome=outcome,
        alternative_person=alternative_person,
        basis=basis,
        recorded_by=by,
    )
    audit.record(
        user=by,
        verb="write",
        obj=record,
        child=child,
        summary=f"capacity decision {record.pk}: {decision} {outcome}"
        + (f", alternative person contact {alternative_person.pk}" if alternative_person else ""),
        la_id=child.la_id,
    )
    return record


def _clean_changes(contact: FamilyContact, values: dict[str, str]) -> dict[str, str]:
    """The details that differ from the record, each checked."""
    clean: dict[str, str] = {}
    for field in CHANGEABLE:
        if field not in values:
            continue
        value = (values[field] or "").strip()
        if field == "email":
            value = value.lower()
            if value:
                try:
                    validate_email(value)
                except ValidationError:
                    raise ActionError(
                        "email", "Enter an email address like name@example.com"
                    ) from None
            if len(value) > 254:
                raise ActionError("email", "The email address is too long.")
        elif field == "phone":
            if len(value) > 30 or any(c not in "0123456789 +()-" for c in value):
                raise ActionError("phone", "Enter a phone number, like 07700 900 982")
        elif field == "address":
            value = value.replace("\r\n", "\n")
            if len(value) > 500:
                raise ActionError("address", "The address must be 500 characters or fewer.")
        elif field == "contact_by":
            kernel.check_choice(
                value, FamilyContact.ContactBy.values, "contact_by", "how we contact you"
            )
        if value != (getattr(contact, field) or ""):
            clean[field] = value
    if clean.get("contact_by", contact.contact_by) == "email" and not clean.get(
        "email", contact.email
    ):
        raise ActionError("email", "Enter an email address, or choose text message or letter.")
    if clean.get("contact_by", contact.contact_by) == "sms" and not clean.get(
        "phone", contact.phone
    ):
        raise ActionError("phone", "Enter a mobile number, or choose email or letter.")
    if clean.get("contact_by", contact.contact_by) == "letter" and not clean.get(
        "address", contact.address
    ):
        raise ActionError("address", "Enter your address, or choose email or text message.")
    return clean


def pending_changes(contact: FamilyContact) -> Any:
    """The contact's changes waiting for the officer."""
    return ContactChange.objects.filter(contact=contact, status=ContactChange.Status.PENDING)


@transaction.atomic
def request_contact_change(
    *, contact: FamilyContact, by: Any, values: dict[str, str]
) -> ContactChange:
    """A family member asks to change their own details: the change waits for the
    officer. An earlier change still waiting is replaced (kept, marked not accepted)."""
    check_permission(
        contact.user_id is not None and contact.user_id == getattr(by, "pk", None),
        "You can only change your own details.",
    )
    changes = _clean_changes(contact, values)
    waiting = pending_changes(contact).first()
    if not changes or (waiting is not None and waiting.changes == changes):
        raise ActionError(WHOLE_FORM, NOTHING_CHANGED)
    now = timezone.now()
    for old in pending_changes(contact).select_for_update():
        old.status, old.decided_at, old.decided_by = ContactChange.Status.REJECTED, now, by
        old.reason = "Replaced by a later change."
        old.save(update_fields=["status", "decided_at", "decided_by", "reason"])
    change = ContactChange.objects.create(contact=contact, changes=changes, requested_by=by)
    audit.record(
        user=by,
        verb="write",
        obj=change,
        child=contact.child,
        summary=f"contact change {change.pk}: contact {contact.pk} asked to change "
        + ", ".join(sorted(changes)),
        la_id=contact.child.la_id,
    )
    return change


@transaction.atomic
def request_contact_changes(
    *, contacts: list[FamilyContact], by: Any, values: dict[str, str]
) -> list[ContactChange]:
    """The same person's change to their details, on each of their contact records (one
    per child): a change for each record where something differs, all or none."""
    made = []
    for contact in contacts:
        try:
            made.append(request_contact_change(contact=contact, by=by, values=values))
        except ActionError as error:
            if error.message != NOTHING_CHANGED:
                raise
    if not made:
        raise ActionError(WHOLE_FORM, NOTHING_CHANGED)
    return made


def _decide(change: ContactChange, by: Any) -> ContactChange:
    check_permission(can_record_for(by, change.contact.child), NOT_OFFICER)
    change = (
        ContactChange.objects.select_for_update().select_related("contact__child").get(pk=change.pk)
    )
    if change.status != ContactChange.Status.PENDING:
        raise ActionError(WHOLE_FORM, "This change has been dealt with already.")
    return change


@transaction.atomic
def confirm_contact_change(*, change: ContactChange, by: Any) -> ContactChange:
    """The officer confirms a family member's change: the contact's record takes it."""
    change = _decide(change, by)
    contact = change.contact
    fields = [f for f in CHANGEABLE if f in change.changes]
    for field in fields:
        setattr(contact, field, change.changes[field])
    contact.save(update_fields=fields)
    change.status, change.decided_at, change.decided_by = (
        ContactChange.Status.CONFIRMED,
        timezone.now(),
        by,
    )
    change.save(update_fields=["status", "decided_at", "decided_by"])
    audit.record(
        user=by,
        verb="write",
        obj=change,
        child=contact.child,
        summary=f"contact change {change.pk}: confirmed, contact {contact.pk} updated",
        la_id=contact.child.la_id,
    )
    return change


@transaction.atomic
def reject_contact_change(*, change: ContactChange, by: Any, reason: str) -> ContactChange:
    """The officer does not accept a change, saying why (the family sees the reason)."""
    change = _decide(change, by)
    reason = kernel.required_text(reason, "reason", "Say why the change is not accepted")
    if len(reason) > 1000:
        raise ActionError("reason", "The reason must be 1000 characters or fewer.")
    change.status, change.decided_at, change.decided_by = (
        ContactChange.Status.REJECTED,
        timezone.now(),
        by,
    )
    change.reason = reason
    change.save(update_fields=["status", "decided_at", "decided_by", "reason"])
    audit.record(
        user=by,
        verb="write",
        obj=change,
        child=change.contact.child,
        summary=f"contact change {change.pk}: not accepted",
        la_id=change.contact.child.la_id,
    )
    return change
