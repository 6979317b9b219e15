"""Invitations: the only way into the portal (docs/portal/accounts.md).

A service manager or team manager invites a person by email to a setting (with a
position) or to an advice-giving team; a case officer or manager invites a child's family
contact (a parent or carer with parental responsibility, or the young person from the day
the rights pass to them) to a family account (docs/families.md). The link carries a
random token; only its SHA-256 is stored, so the link in the message is the one place the
token appears. A link works once and expires after ``SENDA_INVITATION_DAYS``;
invitations are rate limited per inviter and per address. Accepting creates the account
(or, for someone who has one, adds the setting, team or child to it). Every change is
audited, with identifiers only.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from senda import audit, kernel
from senda.clock.rights import is_young_person
from senda.kernel import WHOLE_FORM, ActionError, check_permission
from senda.people.families import active_delegation, alternative_for, facts_of, transfer_date
from senda.people.family_actions import NOT_OFFICER, can_record_for
from senda.people.models import (
    AdviceTeam,
    FamilyContact,
    LocalAuthority,
    Membership,
    Role,
    Setting,
    SettingMember,
)
from senda.portal import notify
from senda.portal.models import Invitation

__all__ = [
    "MANAGER_ROLES",
    "NOT_USABLE",
    "OPEN_PER_ADDRESS",
    "Status",
    "accept",
    "can_manage",
    "existing_account",
    "family_refusal",
    "find",
    "invite",
    "invite_family",
    "remove_setting_member",
    "revoke",
    "status_of",
]

#: Who may invite people, revoke invitations and remove a setting's staff: managers.
MANAGER_ROLES = frozenset({Role.SERVICE_MANAGER, Role.TEAM_MANAGER})
#: The roles of family accounts (a family invitation gives one of them).
FAMILY_ROLES = frozenset({Role.PARENT, Role.YOUNG_PERSON})
#: At most this many invitations waiting for one email address at once.
OPEN_PER_ADDRESS = 3

NO_PERMISSION = "Only a service manager or team manager of this local area can do this."
NOT_USABLE = {
    "accepted": "This invitation link has been used already. Sign in instead.",
    "revoked": "This invitation was withdrawn by the council.",
    "expired": "This invitation link has expired. Ask the council to invite you again.",
}


class Status:
    WAITING = "waiting"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    REVOKED = "revoked"

    LABELS = {
        "waiting": "Waiting",
        "accepted": "Accepted",
        "expired": "Expired",
        "revoked": "Withdrawn",
    }


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def can_manage(by: Any, la_id: int | None) -> bool:
    """Whether ``by`` is a service manager or team manager of local area ``la_id``."""
    membership = Membership.objects.filter(user_id=getattr(by, "pk", None)).first()
    return membership is not None and membership.role in MANAGER_ROLES and membership.la_id == la_id


def status_of(invitation: Invitation, now: datetime | None = None) -> str:
    """Waiting, accepted, revoked (withdrawn) or expired."""
    if invitation.accepted_at is not None:
        return Status.ACCEPTED
    if invitation.revoked_at is not None:
        return Status.REVOKED
    if invitation.expires_at <= (now or timezone.now()):
        return Status.EXPIRED
    return Status.WAITING


def find(token: str) -> Invitation | None:
    """The invitation whose link carries ``token``, whatever its status; None if none."""
    if not token or len(token) > 200:
        return None
    return (
        Invitation.objects.select_related("la", "setting", "team", "invited_by")
        .filter(token_hash=_hash(token))
        .first()
    )


def _what(invitation: Invitation) -> str:
    """The invitee's role as the message says it (no setting or child named)."""
    if invitation.team_id is not None:
        return f"a member of {invitation.team.name}"  # type: ignore[union-attr]
    label = SettingMember.Position(invitation.position).label
    return f"{label} of a school or setting"


@transaction.atomic
def invite(
    *,
    la: LocalAuthority,
    email: str,
    name: str,
    by: User,
    setting: Setting | None = None,
    position: str = "",
    team: AdviceTeam | None = None,
    today: date | None = None,
) -> tuple[Invitation, str]:
    """Invite ``email`` to ``setting`` (as ``position``) or to advice ``team``; the
    invitation and its token (for tests: the token is in the message's link only)."""
    today = today or kernel.today()
    check_permission(can_manage(by, la.pk), NO_PERMISSION)
    email = kernel.required_text(email, "email", "Enter the person's email address").lower()
    name = kernel.required_text(name, "name", "Enter the person's name")
    if (setting is None) == (team is None):
        raise ActionError(WHOLE_FORM, "Choose a school or setting, or an advice team, not both.")
    if setting is not None:
        if setting.la_id != la.pk:
            raise ActionError("setting", "Choose a school or setting of your local area.")
        kernel.check_choice(position, SettingMember.Position.values, "position", "a position")
    elif team is not None:
        if team.la_id != la.pk:
            raise ActionError("team", "Choose an advice team of your local area.")
        position = ""
    now = timezone.now()
    _check_limits(by, email, now)
    token = secrets.token_urlsafe(32)
    days = int(settings.SENDA_INVITATION_DAYS)
    invitation = Invitation.objects.create(
        la=la,
        email=email,
        name=name,
        setting=setting,
        position=position,
        team=team,
        token_hash=_hash(token),
        invited_by=by,
        expires_at=now + timedelta(days=days),
    )
    where = f"setting {setting.pk}" if setting is not None else f"team {team.pk}"  # type: ignore[union-attr]
    audit.record(
        user=by,
        verb="write",
        obj=invitation,
        summary=f"invitation {invitation.pk}: sent for {where}",
        la_id=la.pk,
    )
    link = notify.site_link(reverse("web:invitation-accept", args=[token]))
    expires = kernel.long_date(timezone.localtime(invitation.expires_at).date())
    personalisation = {
        "name": name,
        "council": la.name,
        "role": _what(invitation),
        "expires": expires,
        "link": link,
    }
    notify.send(la=la, to=email, template="invitation", personalisation=personalisation, by=by)
    return invitation, token


def family_refusal(contact: FamilyContact, today: date) -> str:
    """Why ``contact`` may not have a family account today ("" if they may)."""
    child = contact.child
    if contact.user_id is not None:
        return f"{contact.name} has an account already."
    passes = transfer_date(child)
    if contact.is_young_person:
        if passes is None:
            return (
                "Record the child's date of birth first: we need it to know when the rights pass."
            )
        if not is_young_person(child.date_of_birth, today):
            return (
                f"The young person cannot have an account yet. The rights pass to them on "
                f"{kernel.long_date(passes)}, the day after they reach the end of compulsory "
                "school age. You can invite them from that day."
            )
        return ""
    if not contact.parental_responsibility:
        return (
            f"{contact.name} does not have parental responsibility, so cannot have a family "
            "account. The council can still write to them."
        )
    if is_young_person(child.date_of_birth, today):
        facts = facts_of(child)
        delegated = active_delegation(contact, today, facts) is not None
        if not (delegated or alternative_for(contact, today, facts)):
            return (
                f"The rights passed to the young person on {kernel.long_date(passes)}. "  # type: ignore[arg-type]
                "A parent can have an account only if the young person agrees to share their "
                "record, or if a capacity decision names the parent to act for them. Invite "
                "the young person first."
            )
    return ""


@transaction.atomic
def invite_family(
    *, contact: FamilyContact, by: User, email: str = "", today: date | None = None
) -> tuple[Invitation, str]:
    """Invite a child's family contact to a family account: the email typed, or the
    contact's own. Refused for someone without parental responsibility, for the young
    person before the rights pass to them, and for a parent after that date unless the
    young person shared their record with them or a capacity decision names them."""
    today = today or kernel.today()
    child = contact.child
    check_permission(can_record_for(by, child), NOT_OFFICER)
    refusal = family_refusal(contact, today)
    if refusal:
        raise ActionError(WHOLE_FORM, refusal)
    email = kernel.required_text(
        (email or "").strip() or contact.email, "email", "Enter their email address"
    ).lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ActionError("email", "Enter an email address like name@example.com") from None
    account = User.objects.filter(email__iexact=email).first()
    membership = Membership.objects.filter(user=account).first() if account else None
    if membership is not None and membership.role not in FAMILY_ROLES:
        raise ActionError(
            "email", "This email address belongs to a staff account. Use another address."
        )
    now = timezone.now()
    _check_limits(by, email, now)
    token = secrets.token_urlsafe(32)
    days = int(settings.SENDA_INVITATION_DAYS)
    invitation = Invitation.objects.create(
        la_id=child.la_id,
        email=email,
        name=contact.name,
        contact=contact,
        token_hash=_hash(token),
        invited_by=by,
        expires_at=now + timedelta(days=days),
    )
    audit.record(
        user=by,
        verb="write",
        obj=invitation,
        child=child,
        summary=f"invitation {invitation.pk}: sent for contact {contact.pk}",
        la_id=child.la_id,
    )
    link = notify.site_link(reverse("web:invitation-accept", args=[token]))
    personalisation = {
        "name": contact.name,
        "council": child.la.name,
        "whose": "about you" if contact.is_young_person else "of your child",
        "expires": kernel.long_date(timezone.localtime(invitation.expires_at).date()),
        "link": link,
    }
    notify.send(
        la=child.la, to=email, template="family_invitation", personalisation=personalisation, by=by
    )
    return invitation, token


def _check_limits(by: User, email: str, now: datetime) -> None:
    per_hour = int(settings.SENDA_INVITATIONS_PER_HOUR)
    recent = Invitation.objects.filter(invited_by=by, created_at__gt=now - timedelta(hours=1))
    if recent.count() >= per_hour:
        raise ActionError(
            WHOLE_FORM,
            f"You have sent {per_hour} invitations in the last hour, the most allowed. "
            "Try again later.",
        )
    waiting = Invitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    )
    if waiting.count() >= OPEN_PER_ADDRESS:
        raise ActionError(
            "email",
            f"This person already has {OPEN_PER_ADDRESS} invitations waiting. Withdraw one, "
            "or wait for them to accept or for one to expire.",
        )


@transaction.atomic
def accept(
    *, token: str, password: str, user: User | None = None, today: date | None = None
) -> User:
    """Use the invitation ``token``: a new person's account is made with ``password``
    (checked by Django's password validators); someone with an account (the signed-in
    ``user``, or the account with the invitation's email, whose current ``password``
    proves it is them) gains the setting or team. The link then works no more."""
    today = today or kernel.today()
    found = find(token)
    if found is None:
        raise ActionError(WHOLE_FORM, "This invitation link is not right. Check the link.")
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    state = status_of(invitation)
    if state != Status.WAITING:
        raise ActionError(WHOLE_FORM, NOT_USABLE[state])
    if invitation.contact_id is not None:
        _check_family(invitation, today)
    account = _existing(invitation, user, password)
    if invitation.contact_id is not None:
        _check_family_account(account)
    if account is None:
        account = _new_account(invitation, password)
    elif not account.is_active:
        account.is_active = True
        account.save(update_fields=["is_active"])
    _join(invitation, account, today)
    _membership(invitation, account)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = account
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(
        user=account,
        verb="write",
        obj=invitation,
        summary=f"invitation {invitation.pk}: accepted by user {account.pk}",
        la_id=invitation.la_id,
    )
    return account


def existing_account(invitation: Invitation) -> User | None:
    """The account that already has the invitation's email address (or username)."""
    email = invitation.email.lower()
    return (
        User.objects.filter(email__iexact=email).order_by("pk").first()
        or User.objects.filter(username__iexact=email).first()
    )


def _existing(invitation: Invitation, user: User | None, password: str) -> User | None:
    if user is not None and getattr(user, "is_authenticated", False):
        mine = {user.email.lower(), user.get_username().lower()}
        if invitation.email.lower() not in mine:
            raise ActionError(
                WHOLE_FORM,
                "This invitation was sent to another email address. Sign out, then open "
                "the link again.",
            )
        return user
    account = existing_account(invitation)
    if account is not None and not account.check_password(password or ""):
        raise ActionError("password", "Enter the password of your Senda account")
    return account


def _new_account(invitation: Invitation, password: str) -> User:
    email = invitation.email.lower()
    first, _, last = invitation.name.strip().rpartition(" ")
    if not first:
        first, last = last, ""
    candidate = User(username=email, email=email, first_name=first[:150], last_name=last[:150])
    if not password:
        raise ActionError("password", "Enter a password")
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise ActionError("password", " ".join(error.messages)) from None
    candidate.set_password(password)
    candidate.save()
    return candidate


def _check_family(invitation: Invitation, today: date) -> None:
    """A family invitation is checked again when it is used: the contact may have an
    account by now, or the young person may have stopped sharing their record."""
    contact = FamilyContact.objects.select_related("child__la").get(pk=invitation.contact_id)
    refusal = family_refusal(contact, today)
    if refusal:
        raise ActionError(
            WHOLE_FORM,
            "This invitation cannot be used now. Ask the council to check it, and to invite "
            "you again if you should have an account.",
        )


def _check_family_account(account: User | None) -> None:
    membership = Membership.objects.filter(user=account).first() if account else None
    if membership is not None and membership.role not in FAMILY_ROLES:
        raise ActionError(
            WHOLE_FORM,
            "This invitation is for a family account, but your account is a staff account. "
            "Ask the council to send it to another email address.",
        )


def _membership(invitation: Invitation, account: User) -> None:
    """A new partner's council membership (a SENCo's names the setting); a SENCo whose
    membership still names a setting they were removed from is moved to this one. A
    family account's membership is parent or young person, in the child's area."""
    membership = Membership.objects.filter(user=account).first()
    if invitation.contact_id is not None:
        if membership is None:
            young = invitation.contact.is_young_person  # type: ignore[union-attr]
            role = Role.YOUNG_PERSON if young else Role.PARENT
            Membership.objects.create(user=account, la_id=invitation.la_id, role=role)
        return
    if membership is None:
        role = Role.SENCO if invitation.setting_id is not None else Role.ADVICE_GIVER
        Membership.objects.create(
            user=account, la_id=invitation.la_id, role=role, setting_id=invitation.setting_id
        )
        return
    left = SettingMember.objects.filter(
        user=account, setting_id=membership.setting_id, removed_on__isnull=False
    )
    if membership.role == Role.SENCO and invitation.setting_id is not None and left.exists():
        membership.setting_id = invitation.setting_id
        membership.save(update_fields=["setting"])


def _join(invitation: Invitation, account: User, today: date) -> None:
    """Add ``account`` to the invitation's setting (again, if they were removed) or team,
    or link it to the family contact."""
    if invitation.contact_id is not None:
        FamilyContact.objects.filter(pk=invitation.contact_id).update(user=account)
        return
    if invitation.team_id is not None:
        invitation.team.members.add(account)  # type: ignore[union-attr]
        return
    member, made = SettingMember.objects.get_or_create(
        user=account,
        setting_id=invitation.setting_id,
        defaults={"position": invitation.position, "added_on": today},
    )
    if not made:
        member.position = invitation.position
        if member.removed_on is not None:
            member.removed_on = None
            member.added_on = today
        member.save(update_fields=["position", "removed_on", "added_on"])


@transaction.atomic
def revoke(*, invitation: Invitation, by: User) -> Invitation:
    """Withdraw a waiting invitation: its link works no more."""
    check_permission(can_manage(by, invitation.la_id), NO_PERMISSION)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    state = status_of(invitation)
    if state == Status.ACCEPTED:
        raise ActionError(WHOLE_FORM, "This invitation has been accepted: it cannot be withdrawn.")
    if state == Status.REVOKED:
        raise ActionError(WHOLE_FORM, "This invitation has been withdrawn already.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(
        user=by,
        verb="write",
        obj=invitation,
        summary=f"invitation {invitation.pk}: withdrawn",
        la_id=invitation.la_id,
    )
    return invitation


@transaction.atomic
def remove_setting_member(
    *, member: SettingMember, by: User, today: date | None = None
) -> SettingMember:
    """A person no longer works for the setting in the portal: from ``today`` they see
    none of its children. A SENCo whose account names this setting is moved to another
    setting they work for; with none left (and no advice team) their membership is ended
    and their account switched off, until they are invited again."""
    today = today or kernel.today()
    check_permission(can_manage(by, member.setting.la_id), NO_PERMISSION)
    member = SettingMember.objects.select_for_update().get(pk=member.pk)
    if member.removed_on is not None:
        raise ActionError(WHOLE_FORM, "This person has been removed from the setting already.")
    member.removed_on = today
    member.save(update_fields=["removed_on"])
    _reseat(member)
    audit.record(
        user=by,
        verb="write",
        obj=member,
        summary=f"setting member {member.pk}: user {member.user_id} removed from setting "
        f"{member.setting_id}",
        la_id=member.setting.la_id,
    )
    return member


def _reseat(member: SettingMember) -> None:
    """Keep a SENCo's council membership from still pointing at the setting they left."""
    membership = Membership.objects.filter(user_id=member.user_id).first()
    if membership is None or membership.setting_id != member.setting_id:
        return
    other = (
        SettingMember.objects.filter(user_id=member.user_id, removed_on__isnull=True)
        .order_by("added_on", "pk")
        .first()
    )
    if other is not None:
        membership.setting_id = other.setting_id
        membership.save(update_fields=["setting"])
    elif AdviceTeam.objects.filter(members=member.user_id).exists():
        membership.role = Role.ADVICE_GIVER
        membership.setting = None
        membership.save(update_fields=["role", "setting"])
    else:  # nothing left to do in Senda: no role, and the account is switched off
        membership.delete()
        User.objects.filter(pk=member.user_id).update(is_active=False)
