"""Who owns each data-quality check in an area: the person who sees that its failures are
put right. One owner per check and area (``CheckOwner``); managers assign them.

    from senda.interchange import owners
    owners.assign_owner(la=la, check_id="dq-missing-upn", owner=officer, by=manager)
    owners.assign_owner(la=la, check_id="dq-missing-upn", owner=None, by=manager)  # nobody
    owners.of_area(la)  # {check id: CheckOwner}

``assign_owner`` is an action: keyword-only, atomic, checked (the check exists, the owner is
SEND staff of the same area, the one assigning manages there), written and audited. It
raises ``ActionError`` naming the field (``check_id`` or ``owner``) to show its message on.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet

from senda import audit
from senda.interchange.models import CheckOwner
from senda.interchange.quality_checks import BY_ID
from senda.kernel import ActionError, check_permission
from senda.people.access import membership_with_area
from senda.people.models import LocalAuthority, Role

__all__ = ["ASSIGN_ROLES", "OWNER_ROLES", "assign_owner", "can_assign", "of_area", "staff"]

#: Who may own a check: the area's SEND staff who see its cases.
OWNER_ROLES = frozenset(
    {Role.CASE_OFFICER, Role.TEAM_MANAGER, Role.QA_AUDITOR, Role.SERVICE_MANAGER}
)
#: Who may assign owners: the area's managers.
ASSIGN_ROLES = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})
NO_PERMISSION = "Only the area's team managers and service managers assign owners."
NOT_STAFF = "Choose someone who works in your area's SEND service."


_membership = membership_with_area  # ``people.access``, the one reader


def can_assign(user: Any, la: LocalAuthority) -> bool:
    """Whether ``user`` is a team or service manager of ``la``."""
    membership = _membership(user)
    return membership is not None and membership.la_id == la.pk and membership.role in ASSIGN_ROLES


def staff(la: LocalAuthority) -> QuerySet[Any]:
    """The users who may own a check in ``la``, by name."""
    return (
        get_user_model()
        .objects.filter(membership__la=la, membership__role__in=OWNER_ROLES, is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def of_area(la: LocalAuthority) -> dict[str, CheckOwner]:
    """Each owned check's owner row in ``la``, by check id (one query)."""
    return {row.check_id: row for row in CheckOwner.objects.filter(la=la).select_related("owner")}


@transaction.atomic
def assign_owner(
    *, la: LocalAuthority, check_id: str, owner: Any | None, by: Any
) -> CheckOwner | None:
    """Make ``owner`` the owner of the check ``check_id`` in ``la`` (replacing any other);
    ``None`` leaves the check with no owner. Returns the row (None when cleared)."""
    check_permission(can_assign(by, la), NO_PERMISSION)
    if check_id not in BY_ID:
        raise ActionError("check_id", "Choose one of the data-quality checks.")
    current = CheckOwner.objects.select_for_update().filter(la=la, check_id=check_id).first()
    if owner is None:
        if current is not None:
            audit.record(
                user=by,
                verb="write",
                obj=current,
                summary=f"data-quality check {check_id}: owner removed",
                la_id=la.pk,
            )
            current.delete()
        return None
    if not staff(la).filter(pk=owner.pk).exists():
        raise ActionError("owner", NOT_STAFF)
    if current is None:
        current = CheckOwner(la=la, check_id=check_id)
    elif current.owner_id == owner.pk:
        return current
    current.owner, current.assigned_by = owner, by
    current.save()
    audit.record(
        user=by,
        verb="write",
        obj=current,
        summary=f"data-quality check {check_id}: owner user={owner.pk}",
        la_id=la.pk,
    )
    return current
