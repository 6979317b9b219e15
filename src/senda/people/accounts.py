"""Account support for service managers: unlock a locked account and remove a lost
authenticator app, for the people of their own local area (docs/security.md).

Each change is keyword-only, atomic, permission-checked and audited (``write`` on the
person's membership, identifiers only). The locks are django-axes' (``AccessAttempt``
rows, one per account and address); the apps are django-otp devices.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_otp import devices_for_user

from senda import audit
from senda.kernel import WHOLE_FORM, ActionError, check_permission
from senda.people.models import Membership, Role

__all__ = [
    "Account",
    "account_of",
    "accounts_of",
    "can_support",
    "remove_second_factor",
    "unlock_account",
]

NO_PERMISSION = "Only a service manager of this person's local area can do this."


def can_support(by: Any, membership: Membership) -> bool:
    """Whether ``by`` is a service manager of the local area ``membership`` belongs to."""
    try:
        own: Membership = by.membership
    except (AttributeError, Membership.DoesNotExist):
        return False
    return own.role == Role.SERVICE_MANAGER and own.la_id == membership.la_id


@dataclass(frozen=True, slots=True)
class Account:
    """A person of the area, and whether they are locked out or have an app."""

    membership: Membership
    locked_until: datetime | None  # the end of the latest lock, if one is in force
    has_app: bool

    @property
    def user(self) -> User:
        return self.membership.user

    @property
    def locked(self) -> bool:
        return self.locked_until is not None


def _locks(usernames: list[str], now: datetime) -> dict[str, datetime]:
    """When each of these accounts' locks end (accounts locked at any address now)."""
    cool_off = settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(
        username__in=usernames,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gt=now - cool_off,
    )
    ends: dict[str, datetime] = {}
    for username, at in attempts.values_list("username", "attempt_time"):
        ends[username] = max(ends.get(username, at + cool_off), at + cool_off)
    return ends


def _with_apps(users: list[User]) -> set[int]:
    return {user.pk for user in users if any(devices_for_user(user, confirmed=True))}


def accounts_of(memberships: QuerySet[Membership]) -> list[Account]:
    """Each membership's account, by username (a few queries, whatever the number)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    listed = list(memberships.select_related("user").order_by("user__username"))
    now = timezone.now()
    locks = _locks([m.user.get_username() for m in listed], now)
    with_app = set(
        TOTPDevice.objects.filter(user__in=[m.user for m in listed], confirmed=True).values_list(
            "user_id", flat=True
        )
    )
    return [Account(m, locks.get(m.user.get_username()), m.user_id in with_app) for m in listed]


def account_of(membership: Membership) -> Account:
    now = timezone.now()
    lock = _locks([membership.user.get_username()], now).get(membership.user.get_username())
    return Account(membership, lock, bool(_with_apps([membership.user])))


def _begin(by: Any, membership: Membership) -> None:
    check_permission(can_support(by, membership), NO_PERMISSION)


@transaction.atomic
def unlock_account(*, membership: Membership, by: User) -> int:
    """Clear the person's failed sign-ins at every address (their lock ends now); the
    number of addresses cleared."""
    _begin(by, membership)
    username = membership.user.get_username()
    cleared, _ = AccessAttempt.objects.filter(username=username).delete()
    audit.record(
        user=by,
        verb="write",
        obj=membership,
        summary=f"account {membership.user_id}: unlocked ({cleared} addresses cleared)",
        la_id=membership.la_id,
    )
    return int(cleared)


@transaction.atomic
def remove_second_factor(*, membership: Membership, by: User) -> int:
    """Remove the person's authenticator apps (a lost phone): they sign in with their
    password next time and set up a new app. The number of apps removed."""
    _begin(by, membership)
    devices = list(devices_for_user(membership.user, confirmed=None))
    if not devices:
        raise ActionError(WHOLE_FORM, "This person has no authenticator app to remove.")
    for device in devices:
        device.delete()
    audit.record(
        user=by,
        verb="write",
        obj=membership,
        summary=f"account {membership.user_id}: second factor removed ({len(devices)} apps)",
        la_id=membership.la_id,
    )
    return len(devices)
