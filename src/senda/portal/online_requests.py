"""Asking for an EHC needs assessment online (docs/families.md, "Asking for an assessment
online").

A parent or carer with parental responsibility, or a young person from the day the rights
pass to them (Education Act 1996 s8), asks the local area for an EHC needs assessment
(Children and Families Act 2014 s36(1)) without signing in. The request waits as an
:class:`OnlineRequest` until council staff who record casework check who the family is:

- :func:`accept_online_request` (one atomic action) matches the child or makes a new
  record (at the setting the officer chose, or the area's setting whose name is the typed
  school's, ignoring case: :func:`matching_setting`), adds the family contact, opens a case
  if the child has no open one (the accepting case officer's; a manager's acceptance leaves
  it for allocation: :func:`takes_the_case`), records the
  ``request_received`` step on the day the request arrived through the casework action
  (so the clock's 6-week decision, SEND Regulations 2014 reg 5(1), runs from that day),
  and, if they asked for one, sends the family account invitation through
  ``senda.portal.invitations`` (the same refusals as every family invitation);
- :func:`reject_online_request` keeps the request with a reason and tells the family.

Abuse: the page has a honeypot field (the view drops a filled one), and at most
``PER_SENDER_PER_DAY`` requests are taken from one network address in 24 hours (counted
in the database, from a keyed hash of the address: no address is stored). A request is
never deleted. Every write is audited with identifiers only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from senda import audit, kernel
from senda.casework.actions import record_request_received
from senda.casework.models import AssessmentRequest, Case
from senda.clock.rights import is_young_person, rights_transfer_date
from senda.clock.rules import RULES, citation
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_permission
from senda.people.models import Child, FamilyContact, LocalAuthority, Membership, Role, Setting
from senda.portal import invitations, notify
from senda.portal.models import Invitation, OnlineRequest

__all__ = [
    "LONGEST_TEXT",
    "PER_SENDER_PER_DAY",
    "Acceptance",
    "accept_online_request",
    "decide_by",
    "decided",
    "matching_setting",
    "may_decide",
    "possible_children",
    "reject_online_request",
    "sender_key",
    "settings_of",
    "submit_online_request",
    "takes_the_case",
    "waiting",
]

#: At most this many requests from one network address in 24 hours.
PER_SENDER_PER_DAY = 5
#: The longest answer to "why are you asking" or "what has been tried", in characters.
LONGEST_TEXT = 5000
#: Children and young people up to this age (SEND Code of Practice: 0 to 25).
OLDEST = 25
#: The clock's rule for the decision whether to assess.
DECISION_RULE = "assess-decision"
#: Characters of a reference: no 0/O or 1/I/L to misread on the phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

NO_PERMISSION = "Only council staff who record casework for this area can do this."


@dataclass(frozen=True, slots=True)
class Acceptance:
    """What accepting did: the request, and why no account invitation went ("" if one
    went or none was asked for)."""

    online: OnlineRequest
    no_account: str = ""


def sender_key(address: str | None) -> str:
    """A keyed hash of a network address, to count requests from it without keeping it."""
    key = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(key, (address or "").encode("utf-8"), hashlib.sha256).hexdigest()


def decide_by(online: OnlineRequest) -> date:
    """The last day for the decision whether to assess, by the clock's rule: 6 weeks from
    the day the request arrived (SEND Regulations 2014 reg 5(1))."""
    return RULES[DECISION_RULE].due(online.received_on)


def decision_citation() -> str:
    """The decision rule's citation as every page prints it."""
    return citation(DECISION_RULE)


def may_decide(by: object, la_id: int) -> bool:
    """Whether ``by`` records casework for local area ``la_id`` (officers, managers)."""
    membership = Membership.objects.filter(user_id=getattr(by, "pk", None)).first()
    return membership is not None and membership.can_write_casework(la_id)


def takes_the_case(by: object, la_id: int) -> bool:
    """Whether a new case opened by ``by`` accepting a request is theirs: a case officer of
    the area holds the cases they open; a manager's is left for allocation."""
    membership = Membership.objects.filter(user_id=getattr(by, "pk", None)).first()
    return (
        membership is not None
        and membership.la_id == la_id
        and membership.role == Role.CASE_OFFICER
    )


def settings_of(la_id: int) -> QuerySet[Setting]:
    """The area's settings, by name: those a new child may attend."""
    return Setting.objects.filter(la_id=la_id).order_by("name", "id")


def matching_setting(online: OnlineRequest) -> Setting | None:
    """The area's setting whose name is the school the family typed, ignoring case and
    surrounding spaces; None when none or several match."""
    typed = " ".join(online.school.split())
    if not typed:
        return None
    found = list(settings_of(online.la_id).filter(name__iexact=typed)[:2])
    return found[0] if len(found) == 1 else None


def waiting(la_id: int) -> QuerySet[OnlineRequest]:
    """The area's requests waiting to be checked, oldest first."""
    return OnlineRequest.objects.filter(la_id=la_id, status=OnlineRequest.Status.RECEIVED).order_by(
        "submitted_at", "id"
    )


def decided(la_id: int) -> QuerySet[OnlineRequest]:
    """The area's accepted and rejected requests, latest decision first."""
    return (
        OnlineRequest.objects.filter(la_id=la_id)
        .exclude(status=OnlineRequest.Status.RECEIVED)
        .order_by("-decided_at", "-id")
    )


def possible_children(online: OnlineRequest) -> QuerySet[Child]:
    """Children of the area who may be the one asked about: the same date of birth and
    the same given or family name."""
    names = Q(family_name__iexact=online.family_name) | Q(given_name__iexact=online.given_name)
    return Child.objects.filter(
        names, la_id=online.la_id, date_of_birth=online.date_of_birth
    ).order_by("family_name", "given_name", "id")


# --- The family's side: the public form -------------------------------------------------


def _text(value: str, field: str, missing: str, longest: int) -> str:
    text = kernel.required_text(value, field, missing)
    if len(text) > longest:
        raise ActionError(field, f"This must be {longest} characters or fewer")
    return text


def _optional(value: str, field: str, longest: int) -> str:
    text = (value or "").strip()
    if len(text) > longest:
        raise ActionError(field, f"This must be {longest} characters or fewer")
    return text


def _check_birth(who: str, born: date, today: date) -> None:
    if born > today:
        raise ActionError("date_of_birth", "Date of birth must be today or in the past")
    try:
        oldest = today.replace(year=today.year - OLDEST)
    except ValueError:  # 29 February
        oldest = date(today.year - OLDEST, 3, 1)
    if born <= oldest:
        raise ActionError(
            "date_of_birth", f"We can only assess children and young people under {OLDEST}"
        )
    if who == OnlineRequest.Who.YOUNG_PERSON and not is_young_person(born, today):
        passes = kernel.long_date(rights_transfer_date(born))
        raise ActionError(
            "who",
            f"You can ask for yourself from {passes}. Until then, a parent or carer asks for you.",
        )


def _reference() -> str:
    while True:
        found = "A-" + "".join(secrets.choice(ALPHABET) for _ in range(8))
        if not OnlineRequest.objects.filter(reference=found).exists():
            return found


@transaction.atomic
def submit_online_request(
    *,
    la: LocalAuthority,
    who: str,
    requester_name: str,
    email: str,
    given_name: str,
    family_name: str,
    date_of_birth: date,
    needs: str,
    consent_to_share: bool,
    wants_account: bool,
    relationship: str = "",
    phone: str = "",
    school: str = "",
    tried: str = "",
    sender: str | None = None,
    today: date | None = None,
) -> OnlineRequest:
    """A parent or young person asks ``la`` for an EHC needs assessment. Nobody is signed
    in: the request waits for the council to check who they are. They get an email with
    the reference and the day the council must decide by."""
    today = today or kernel.today()
    check_choice(who, OnlineRequest.Who.values, "who", "who is asking")
    email = _text(email, "email", "Enter your email address", 254).lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ActionError("email", "Enter an email address like name@example.com") from None
    kernel.required_date(date_of_birth, "date_of_birth", "Enter the date of birth")
    _check_birth(who, date_of_birth, today)
    key = sender_key(sender)
    since = timezone.now() - timedelta(days=1)
    if OnlineRequest.objects.filter(sender=key, submitted_at__gt=since).count() >= (
        PER_SENDER_PER_DAY
    ):
        raise ActionError(
            WHOLE_FORM,
            f"We have had {PER_SENDER_PER_DAY} requests from this place today, the most we "
            "take. Please try again tomorrow, or phone the council's SEND team.",
        )
    young = who == OnlineRequest.Who.YOUNG_PERSON
    online = OnlineRequest.objects.create(
        la=la,
        reference=_reference(),
        who=who,
        requester_name=_text(requester_name, "requester_name", "Enter your full name", 200),
        relationship="self" if young else _optional(relationship, "relationship", 50),
        email=email,
        phone=_optional(phone, "phone", 30),
        given_name=_text(given_name, "given_name", "Enter the first name", 100),
        family_name=_text(family_name, "family_name", "Enter the last name", 100),
        date_of_birth=date_of_birth,
        school=_optional(school, "school", 200),
        needs=_text(needs, "needs", "Tell us why you are asking", LONGEST_TEXT),
        tried=_optional(tried, "tried", LONGEST_TEXT),
        consent_to_share=bool(consent_to_share),
        wants_account=bool(wants_account),
        received_on=today,
        submitted_at=timezone.now(),
        sender=key,
    )
    audit.record(
        user=None,
        verb="write",
        obj=online,
        summary=f"online request {online.pk}: received",
        la_id=la.pk,
    )
    personalisation = {
        "council": la.name,
        "reference": online.reference,
        "decide_by": kernel.long_date(decide_by(online)),
    }
    notify.send(
        la=la, to=email, template="online_request_received", personalisation=personalisation
    )
    return online


# --- The council's side -----------------------------------------------------------------


def _locked(online: OnlineRequest, by: User) -> OnlineRequest:
    check_permission(may_decide(by, online.la_id), NO_PERMISSION)
    locked = OnlineRequest.objects.select_for_update().select_related("la").get(pk=online.pk)
    if locked.status != OnlineRequest.Status.RECEIVED:
        raise ActionError(WHOLE_FORM, "This request has been dealt with already.")
    return locked


def _child(online: OnlineRequest, child: Child | None, setting: Setting | None, by: User) -> Child:
    if child is not None:
        if child.la_id != online.la_id:
            raise ActionError("child", "Choose a child of this area.")
        return child
    made = Child.objects.create(
        la_id=online.la_id,
        given_name=online.given_name,
        family_name=online.family_name,
        date_of_birth=online.date_of_birth,
        setting=setting,
    )
    audit.record(
        user=by,
        verb="write",
        obj=made,
        child=made,
        summary=f"child {made.pk}: added from online request {online.pk}"
        + (f" (setting {setting.pk})" if setting is not None else ""),
    )
    return made


def _contact(online: OnlineRequest, child: Child, by: User) -> FamilyContact:
    """The family contact who asked: one of the child's already (the young person, or a
    contact with the same email address), or a new one."""
    young = online.who == OnlineRequest.Who.YOUNG_PERSON
    contacts = FamilyContact.objects.filter(child=child)
    found = (
        contacts.filter(is_young_person=True).first()
        if young
        else contacts.filter(is_young_person=False, email__iexact=online.email).first()
    )
    if found is not None:
        if not young and not found.parental_responsibility:
            found.parental_responsibility = True  # the officer checked it
            found.save(update_fields=["parental_responsibility"])
            audit.record(
                user=by,
                verb="write",
                obj=found,
                child=child,
                summary=f"contact {found.pk}: parental responsibility checked "
                f"(online request {online.pk})",
            )
        return found
    made = FamilyContact.objects.create(
        child=child,
        name=online.requester_name,
        relationship=online.relationship or ("self" if young else "parent"),
        email=online.email,
        phone=online.phone,
        parental_responsibility=not young,
        is_young_person=young,
    )
    audit.record(
        user=by,
        verb="write",
        obj=made,
        child=child,
        summary=f"contact {made.pk}: added from online request {online.pk}",
    )
    return made


def _case(online: OnlineRequest, child: Child, by: User) -> Case:
    open_case = (
        Case.objects.filter(child=child, status=Case.Status.OPEN).order_by("-opened_on").first()
    )
    if open_case is not None:
        return open_case
    officer = by if takes_the_case(by, online.la_id) else None
    made = Case.objects.create(
        la_id=online.la_id, child=child, opened_on=online.received_on, officer=officer
    )
    audit.record(
        user=by,
        verb="write",
        obj=made,
        child=child,
        summary=f"case {made.pk}: opened from online request {online.pk}, officer "
        f"{officer.pk if officer is not None else None}",
    )
    return made


def _invite(
    online: OnlineRequest, contact: FamilyContact, by: User, today: date
) -> tuple[Invitation | None, str]:
    if not online.wants_account:
        return None, ""
    refusal = invitations.family_refusal(contact, today)
    if refusal:
        return None, refusal
    invitation, _token = invitations.invite_family(
        contact=contact, by=by, email=online.email, today=today
    )
    return invitation, ""


@transaction.atomic
def accept_online_request(
    *,
    request: OnlineRequest,
    by: User,
    checked: bool,
    child: Child | None = None,
    setting: Setting | None = None,
    match_school: bool = True,
    today: date | None = None,
) -> Acceptance:
    """The officer checked who the family is and their parental responsibility
    (``checked``): match ``child`` (or add the child, at ``setting`` — or, with
    ``match_school`` and no ``setting``, the area's setting named as the typed school),
    add the family contact, open a case if the child has none open (the accepting case
    officer's; a manager's is left for allocation), record the request on the day it
    arrived (the casework action: the clock's 6-week decision runs from then), and send the
    account invitation if they asked for one and may have one. All or nothing."""
    today = today or kernel.today()
    online = _locked(request, by)
    if not checked:
        raise ActionError(
            "checked", "Confirm that you have checked who they are and their right to ask"
        )
    if setting is not None and setting.la_id != online.la_id:
        raise ActionError("setting", "Choose a setting of this area.")
    if setting is None and match_school and child is None:
        setting = matching_setting(online)
    found = _child(online, child, setting, by)
    contact = _contact(online, found, by)
    case = _case(online, found, by)
    record_request_received(
        case=case,
        on=online.received_on,
        source=AssessmentRequest.Source.PARENT_OR_YOUNG_PERSON,
        by=by,
        today=today,
    )
    invitation, no_account = _invite(online, contact, by, today)
    online.status = OnlineRequest.Status.ACCEPTED
    online.identity_checked = True
    online.decided_at = timezone.now()
    online.decided_by = by
    online.child, online.case, online.contact, online.invitation = found, case, contact, invitation
    online.save()
    audit.record(
        user=by,
        verb="write",
        obj=online,
        child=found,
        summary=f"online request {online.pk}: accepted (case {case.pk}, contact {contact.pk}"
        + (f", invitation {invitation.pk})" if invitation is not None else ")"),
        la_id=online.la_id,
    )
    personalisation = {
        "reference": online.reference,
        "council": online.la.name,
        "case_reference": notify.case_reference(case),
        "decide_by": kernel.long_date(decide_by(online)),
    }
    notify.send(
        la=online.la,
        to=online.email,
        template="online_request_accepted",
        personalisation=personalisation,
        case=case,
        by=by,
    )
    request.refresh_from_db()
    return Acceptance(online, no_account)


@transaction.atomic
def reject_online_request(
    *, request: OnlineRequest, reason: str, by: User, note: str = "", today: date | None = None
) -> OnlineRequest:
    """Do not accept the request, for ``reason`` (a note is needed for "another reason");
    the family is told the reason by email. The request is kept."""
    online = _locked(request, by)
    check_choice(reason, OnlineRequest.Reason.values, "reason", "a reason")
    note = (note or "").strip()
    if reason == OnlineRequest.Reason.OTHER and not note:
        raise ActionError("note", "Say what the reason is")
    if len(note) > LONGEST_TEXT:
        raise ActionError("note", f"This must be {LONGEST_TEXT} characters or fewer")
    online.status = OnlineRequest.Status.REJECTED
    online.reason, online.reason_note = reason, note
    online.decided_at = timezone.now()
    online.decided_by = by
    online.save(update_fields=["status", "reason", "reason_note", "decided_at", "decided_by"])
    audit.record(
        user=by,
        verb="write",
        obj=online,
        summary=f"online request {online.pk}: rejected ({reason})",
        la_id=online.la_id,
    )
    personalisation = {
        "reference": online.reference,
        "reason": OnlineRequest.Reason(reason).label.lower(),
        "council": online.la.name,
    }
    notify.send(
        la=online.la,
        to=online.email,
        template="online_request_rejected",
        personalisation=personalisation,
        by=by,
    )
    request.refresh_from_db()
    return online
