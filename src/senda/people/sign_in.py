"""Who an identity provider's sign-in is, in Senda (single sign-on, ADR 0035).

The provider proves who the person is; Senda decides what they may do. A sign-in finds a
user only if that user is active, not a superuser (the break-glass admin signs in with a
password) and has a membership with a staff or partner role: families sign in with a
password. Nothing here creates a user or a membership, so single sign-on can never grant
more than the membership says.

The first sign-in through a provider matches the provider's *verified* email address to
exactly one active user and links the user to the provider's subject identifier (audited);
later sign-ins use that link alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from senda import audit
from senda.people.models import Membership, Role, SignInLink

__all__ = ["SSO_ROLES", "Identity", "staff_for"]

#: Roles that may sign in through an identity provider: council and partner staff.
SSO_ROLES = frozenset(Role) - {Role.PARENT, Role.YOUNG_PERSON}


@dataclass(frozen=True, slots=True)
class Identity:
    """What a provider's verified ID token says about the person."""

    issuer: str
    subject: str
    email: str = ""
    email_verified: bool = False


def staff_for(identity: Identity) -> User | None:
    """The user ``identity`` signs in as, or None when Senda does not know them."""
    link = SignInLink.objects.select_related("user").filter(
        issuer=identity.issuer, subject=identity.subject
    )
    found = link.first()
    if found is not None:
        return found.user if may_sign_in(found.user) else None
    user = _by_verified_email(identity)
    if user is None or not may_sign_in(user):
        return None
    return _link(user, identity)


def may_sign_in(user: User) -> bool:
    if not user.is_active or user.is_superuser:
        return False
    try:
        membership: Membership = user.membership
    except Membership.DoesNotExist:
        return False
    return membership.role in SSO_ROLES


def _by_verified_email(identity: Identity) -> User | None:
    if not identity.email_verified or "@" not in identity.email:
        return None
    users = list(User.objects.filter(email__iexact=identity.email.strip(), is_active=True)[:2])
    return users[0] if len(users) == 1 else None  # an address two users share proves nothing


def _link(user: User, identity: Identity) -> User | None:
    """Link ``user`` to the provider's subject, unless already linked to another subject
    of the same provider (then the email match is not trusted)."""
    if SignInLink.objects.filter(user=user, issuer=identity.issuer).exists():
        return None
    try:
        with transaction.atomic():
            link = SignInLink.objects.create(
                user=user, issuer=identity.issuer, subject=identity.subject
            )
            audit.record(user=user, verb="write", obj=link, summary=f"sign-in link {link.pk}")
    except IntegrityError:  # the same link made by a sign-in at the same moment
        return None
    return user
