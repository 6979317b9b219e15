"""Who may see and change an improvement plan, by capability.

- **See**: the council staff of the plan's local authority (every role except SENCo and
  parent) and the plan's members (partners from health, social care, the parent carer
  forum, given access to this one plan).
- **Change**: service managers and team managers of the plan's local authority, and
  members with ``edit`` access.

Everyone else — SENCos, parents, staff of other local authorities — cannot tell a plan
exists: views answer 404, never 403, for a plan the user may not see.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from senda.improvement.models import ImprovementPlan, PlanMember
from senda.people.models import Membership
from senda.people.models.staff import Role

#: Membership roles that do not reach improvement plans through their LA.
NO_PLAN_ROLES = frozenset({Role.SENCO, Role.PARENT})
#: Membership roles that may change their LA's plans.
PLAN_EDIT_ROLES = frozenset({Role.SERVICE_MANAGER, Role.TEAM_MANAGER})

__all__ = [
    "can_edit_plan",
    "can_manage_plan",
    "get_plan_for_user",
    "require_edit",
    "visible_plans",
]


def _membership(user: Any) -> Membership | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        membership: Membership = user.membership
    except Membership.DoesNotExist:
        return None
    return membership


def visible_plans(user: Any) -> QuerySet[ImprovementPlan]:
    """The plans ``user`` may see (none for an anonymous user)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ImprovementPlan.objects.none()
    reach = Q(members__user_id=user.pk)
    membership = _membership(user)
    if membership is not None and membership.role not in NO_PLAN_ROLES:
        reach |= Q(la_id=membership.la_id)
    # ``distinct`` guards against a plan counted once per matching member row.
    return ImprovementPlan.objects.filter(reach).distinct()


def get_plan_for_user(user: Any, plan_id: int) -> ImprovementPlan:
    """The plan with ``plan_id`` if ``user`` may see it; Http404 otherwise."""
    plan = visible_plans(user).select_related("la").filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such improvement plan.")
    return plan


def can_edit_plan(user: Any, plan: ImprovementPlan) -> bool:
    """Whether ``user`` may change ``plan``: rate, update, record milestones and risks."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    membership = _membership(user)
    if (
        membership is not None
        and membership.la_id == plan.la_id
        and membership.role in PLAN_EDIT_ROLES
    ):
        return True
    return PlanMember.objects.filter(
        plan_id=plan.pk, user_id=user.pk, access=PlanMember.Access.EDIT
    ).exists()


def can_manage_plan(user: Any, plan: ImprovementPlan) -> bool:
    """Whether ``user`` may change the plan itself — withdraw an action, set the dates of
    a timescale Senda could not read: the service and team managers of its local area
    (not partners, who keep their own actions up to date)."""
    membership = _membership(user)
    return (
        membership is not None
        and membership.la_id == plan.la_id
        and membership.role in PLAN_EDIT_ROLES
    )


def require_edit(user: Any, plan: ImprovementPlan) -> None:
    """Raise PermissionDenied (403) unless ``user`` may change ``plan``."""
    if not can_edit_plan(user, plan):
        raise PermissionDenied("You do not have permission to change this plan.")
