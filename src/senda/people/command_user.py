"""Which area a command-line import is for (``--la CODE``) and who it acts as: the user named
with its option, or else the area's first service manager (by username) — the rules
`senda import plan` and `senda sen2 import` share."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.management.base import CommandError

from senda.commands import USAGE
from senda.people.models import LocalAuthority, Role


def area_coded(code: str) -> LocalAuthority:
    """The local authority with LA number ``code``; a clear usage error when there is none."""
    la = LocalAuthority.objects.filter(code=code).first()
    if la is None:
        raise CommandError(f"No local authority with code {code!r}.", returncode=USAGE)
    return la


def acting_user(
    la: LocalAuthority, username: str | None, *, option: str, role: str = Role.SERVICE_MANAGER
) -> User:
    """The active user ``username``, or ``la``'s first user in ``role`` (by default its first
    service manager); a clear usage error naming ``option`` when there is neither."""
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.", returncode=USAGE)
        return user
    manager = (
        User.objects.filter(is_active=True, membership__la=la, membership__role=role)
        .order_by("username")
        .first()
    )
    if manager is None:
        raise CommandError(
            f"{la} has no {Role(role).label.lower()}: say who imports with {option} USERNAME.",
            returncode=USAGE,
        )
    return manager
