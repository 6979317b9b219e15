"""Who may see and change an improvement plan, by capability.

- **See**: the council staff of the plan's local authority (every role except SENCo and
  parent) and the plan's members (partners from health, social care, the parent carer
  forum, given access to this one plan).
- **Manage** (``can_manage_plan``): service managers and team managers of the plan's
  local authority. They change everything in the plan.
- **Change** (``can_edit_plan``): managers, and members with ``edit`` access. A member is
  a partner: within the plan they change only what is theirs (docs/improvement-plans.md):
  they rate and update the actions **their organisation leads** (``can_rate_action``,
  ``can_update_action``), record sign-off **for their own organisation**
  (``can_sign_off``) and edit **their own risks** (``can_edit_risk``); they may add a
  risk, an update to "You said, we did" and a board pack like any editor.

An action's leading organisation: its lead user's (the user, or another member for the same
partner organisation); with no lead user, the organisation its lead names (the partner's
name, or the kind of organisation the words name, as the importer reads them, for a partner
linked to the action). A risk is a partner's own when its owner names their organisation
(the same way) or is the member's own name.

Everyone else — SENCos, parents, staff of other local authorities — cannot tell a plan
exists: views answer 404, never 403, for a plan the user may not see.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from senda.improvement.importer.text import partner_kinds
from senda.improvement.models import (
    Action,
    ImprovementPlan,
    Milestone,
    Partner,
    PlanMember,
    Risk,
)
from senda.people.access import membership_for
from senda.people.models.staff import Role

#: Membership roles that do not reach improvement plans through their LA.
NO_PLAN_ROLES = frozenset({Role.SENCO, Role.PARENT, Role.YOUNG_PERSON, Role.ADVICE_GIVER})
#: Membership roles that may change their LA's plans.
PLAN_EDIT_ROLES = frozenset({Role.SERVICE_MANAGER, Role.TEAM_MANAGER})

__all__ = [
    "can_add_risk",
    "can_delete_action",
    "can_delete_milestone",
    "can_delete_risk",
    "can_edit_action",
    "can_edit_milestone",
    "can_edit_plan",
    "can_edit_risk",
    "can_manage_plan",
    "can_rate_action",
    "can_sign_off",
    "can_update_action",
    "editable_risks",
    "get_plan_for_user",
    "leads_action",
    "owns_risk",
    "require",
    "require_edit",
    "sign_off_partners",
    "visible_plans",
]


def visible_plans(user: Any) -> QuerySet[ImprovementPlan]:
    """The plans ``user`` may see (none for an anonymous user)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ImprovementPlan.objects.none()
    reach = Q(members__user_id=user.pk)
    membership = membership_for(user)
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


def can_manage_plan(user: Any, plan: ImprovementPlan) -> bool:
    """Whether ``user`` manages ``plan``: a service or team manager of its local area. Only
    they change the plan itself (withdraw an action, set the dates of a timescale Senda
    could not read); partners keep their own actions up to date."""
    membership = membership_for(user)
    return (
        membership is not None
        and membership.la_id == plan.la_id
        and membership.role in PLAN_EDIT_ROLES
    )


def _editing_member(user: Any, plan: ImprovementPlan) -> PlanMember | None:
    """The user's membership of ``plan`` with edit access, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        PlanMember.objects.select_related("partner", "user")
        .filter(plan_id=plan.pk, user_id=user.pk, access=PlanMember.Access.EDIT)
        .first()
    )


def can_edit_plan(user: Any, plan: ImprovementPlan) -> bool:
    """Whether ``user`` may change anything in ``plan`` (a manager, or a member with edit
    access); what a member may change is narrower (the ``can_*`` helpers below)."""
    return can_manage_plan(user, plan) or _editing_member(user, plan) is not None


def _names(words: str, partner: Partner | None) -> bool:
    """Whether ``words`` (an action's lead, a risk's owner) name ``partner``'s organisation:
    its name, or the kind of organisation they name (the importer's reading)."""
    if partner is None or not words.strip():
        return False
    if partner.name.casefold() in words.casefold():
        return True
    return partner_kinds([words])[:1] == [partner.kind]


def leads_action(user: Any, action: Action) -> bool:
    """Whether ``user``, as a member of the action's plan, leads it for their organisation."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if action.lead_user_id is not None and action.lead_user_id == user.pk:
        return True
    member = (
        PlanMember.objects.select_related("partner")
        .filter(plan_id=action.area.plan_id, user_id=user.pk)
        .first()
    )
    if member is None or member.partner_id is None:
        return False
    if action.lead_user_id is not None:
        return PlanMember.objects.filter(
            plan_id=member.plan_id, user_id=action.lead_user_id, partner_id=member.partner_id
        ).exists()
    if member.partner.name.casefold() in action.lead.casefold():  # type: ignore[union-attr]
        return True
    linked = action.partners.filter(pk=member.partner_id).exists()
    return linked and _names(action.lead, member.partner)


def can_rate_action(user: Any, action: Action) -> bool:
    """Managers rate every action of their plans; an editing partner, those they lead."""
    plan = action.area.plan
    if can_manage_plan(user, plan):
        return True
    return _editing_member(user, plan) is not None and leads_action(user, action)


def can_update_action(user: Any, action: Action) -> bool:
    """Add an update, add or complete a milestone, complete the action: as rating."""
    return can_rate_action(user, action)


def can_edit_action(user: Any, action: Action) -> bool:
    """Change what the action says (what, how, timescale …): as updating it."""
    return can_update_action(user, action)


def can_delete_action(user: Any, action: Action) -> bool:
    """Withdraw an action from the plan: its managers only (it changes the plan itself)."""
    return can_manage_plan(user, action.area.plan)


def can_edit_milestone(user: Any, milestone: Milestone) -> bool:
    return can_update_action(user, milestone.action)


def can_delete_milestone(user: Any, milestone: Milestone) -> bool:
    return can_update_action(user, milestone.action)


def owns_risk(user: Any, risk: Risk) -> bool:
    """Whether ``risk`` is an editing member's own: its owner names their organisation, or
    is their own name."""
    member = _editing_member(user, risk.plan)
    return member is not None and _owns(member, risk)


def _owns(member: PlanMember, risk: Risk) -> bool:
    own_name = member.user.get_full_name().strip()
    if own_name and own_name.casefold() == risk.owner.strip().casefold():
        return True
    return _names(risk.owner, member.partner)


def can_add_risk(user: Any, plan: ImprovementPlan) -> bool:
    return can_edit_plan(user, plan)


def can_edit_risk(user: Any, risk: Risk) -> bool:
    """Managers edit every risk of their plans; an editing partner, their own."""
    return can_manage_plan(user, risk.plan) or owns_risk(user, risk)


def can_delete_risk(user: Any, risk: Risk) -> bool:
    return can_edit_risk(user, risk)


def editable_risks(user: Any, plan: ImprovementPlan, risks: Iterable[Risk]) -> set[int]:
    """The ids of those of ``risks`` (of ``plan``) that ``user`` may edit, in two queries."""
    if can_manage_plan(user, plan):
        return {risk.pk for risk in risks}
    member = _editing_member(user, plan)
    return set() if member is None else {risk.pk for risk in risks if _owns(member, risk)}


def sign_off_partners(user: Any, plan: ImprovementPlan) -> QuerySet[Partner]:
    """The partner organisations ``user`` may record sign-off for: every partner of the
    plan for a manager, their own for an editing member, none for anyone else."""
    if can_manage_plan(user, plan):
        return plan.partners.all()
    member = _editing_member(user, plan)
    if member is None or member.partner_id is None:
        return Partner.objects.none()
    return plan.partners.filter(pk=member.partner_id)


def can_sign_off(user: Any, plan: ImprovementPlan, partner: Partner) -> bool:
    return sign_off_partners(user, plan).filter(pk=partner.pk).exists()


def require(allowed: bool) -> None:
    """Raise PermissionDenied (403) unless ``allowed`` (a ``can_*`` answer)."""
    if not allowed:
        raise PermissionDenied("You do not have permission to change this.")


def require_edit(user: Any, plan: ImprovementPlan) -> None:
    """Raise PermissionDenied (403) unless ``user`` may change ``plan``."""
    if not can_edit_plan(user, plan):
        raise PermissionDenied("You do not have permission to change this plan.")
