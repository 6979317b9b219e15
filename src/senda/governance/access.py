"""Who may see and change a local area's governance.

- **See** (``may_see_governance``, ``visible_bodies``): the area's staff who reach its
  improvement plans (every role but SENCo, parent, young person and advice-giver:
  ``senda.improvement.access.NO_PLAN_ROLES``), board members included, read everything;
  a body's current members with a Senda account see that body (a partner with no role in
  the area sees only the bodies they sit on).
- **Manage** (``can_manage_bodies``): the area's service managers create and edit bodies
  and their members.
- **Record** (``can_record``): the area's service managers, and a body's current members
  with an account, record its meetings, attendance, decisions and action log, and decide
  the escalations raised to it. An action-log item's owner marks it done.
- **Raise an escalation**: about an improvement action, its lead (``lead_user``, or whoever
  may update the action: its plan's managers, the partner who leads it); about a KPI, its
  owners — the catalogue names each KPI's owner by role (team manager, service manager),
  so the area's team and service managers.

Anyone else cannot tell a body exists: views answer 404 for a body, meeting, decision,
action-log item or escalation they may not see.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from senda import kernel
from senda.governance.models import Body
from senda.improvement.access import NO_PLAN_ROLES, PLAN_EDIT_ROLES, can_update_action
from senda.improvement.models import Action
from senda.people.access import membership_for
from senda.people.models import Membership
from senda.people.models.staff import Role

__all__ = [
    "can_manage_bodies",
    "can_raise_on_action",
    "can_raise_on_kpi",
    "can_record",
    "get_body_for_user",
    "may_see_governance",
    "visible_bodies",
]


def _area_reader(user: Any) -> Membership | None:
    """The user's membership if it reaches the area's governance, else None."""
    membership = membership_for(user)
    if membership is None or membership.role in NO_PLAN_ROLES:
        return None
    return membership


def _sits_on(user: Any) -> Q:
    today = kernel.today()
    return Q(
        members__user_id=user.pk,
        members__joined_on__lte=today,
    ) & (Q(members__left_on__isnull=True) | Q(members__left_on__gt=today))


def visible_bodies(user: Any) -> QuerySet[Body]:
    """The bodies ``user`` may see (none for an anonymous user)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Body.objects.none()
    reach = _sits_on(user)
    membership = _area_reader(user)
    if membership is not None:
        reach |= Q(la_id=membership.la_id)
    return Body.objects.filter(pk__in=Body.objects.filter(reach).values("pk"))


def may_see_governance(user: Any) -> bool:
    """Whether ``user`` may open the governance pages at all: the area's plan readers, or
    a current member of some body."""
    if _area_reader(user) is not None:
        return True
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and (Body.objects.filter(_sits_on(user)).exists())
    )


def get_body_for_user(user: Any, body_id: int) -> Body:
    body = visible_bodies(user).select_related("la").filter(pk=body_id).first()
    if body is None:
        raise Http404("No such governance body.")
    return body


def can_manage_bodies(user: Any, la_id: int) -> bool:
    """A service manager of the area: creates and edits bodies and their members."""
    membership = membership_for(user)
    return (
        membership is not None
        and membership.la_id == la_id
        and membership.role == Role.SERVICE_MANAGER
    )


def is_current_member(user: Any, body: Body) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return body.members.current(kernel.today()).filter(user_id=user.pk).exists()


def can_record(user: Any, body: Body) -> bool:
    """Record the body's meetings, attendance, decisions, action log; decide escalations."""
    return can_manage_bodies(user, body.la_id) or is_current_member(user, body)


def can_raise_on_action(user: Any, action: Action) -> bool:
    """The action's lead: its lead user, or whoever may update it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if action.lead_user_id is not None and action.lead_user_id == user.pk:
        return True
    return can_update_action(user, action)


def can_raise_on_kpi(user: Any, la_id: int) -> bool:
    """The KPI's owners: the catalogue names them by role, the area's team and service
    managers."""
    membership = membership_for(user)
    return (
        membership is not None and membership.la_id == la_id and membership.role in PLAN_EDIT_ROLES
    )
