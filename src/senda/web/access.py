"""Capability helpers: every case-, child- or setting-scoped view asks one of these.

A user who may not see a case gets 404, never 403, so a case's existence is not revealed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404

from senda import kernel
from senda.casework.models import Case
from senda.casework.models.cases import CaseQuerySet
from senda.pathways.access import may_record, may_see_waits
from senda.people.access import partner_filter
from senda.people.families import contacts_of, family_children
from senda.people.models import LocalAuthority, Membership, Role
from senda.performance import kpis, trajectories
from senda.performance.catalogue.entry import Entry
from senda.sufficiency.ledger import LEDGER_ROLES, MONEY_ROLES

#: Roles that see every case of their own local area.
LA_WIDE_ROLES = frozenset(
    {Role.CASE_OFFICER, Role.TEAM_MANAGER, Role.QA_AUDITOR, Role.SERVICE_MANAGER}
)
#: Roles that may open the case list (board members see aggregates only).
CASE_LIST_ROLES = LA_WIDE_ROLES | {Role.SENCO, Role.PARENT, Role.YOUNG_PERSON, Role.ADVICE_GIVER}
#: Partners who work in the portal: they see their settings' children and the children
#: their teams were asked about (``senda.people.access``).
PARTNER_ROLES = frozenset({Role.SENCO, Role.ADVICE_GIVER})
#: Family members: a parent or carer, or the young person (their pages are under /family/).
FAMILY_ROLES = frozenset({Role.PARENT, Role.YOUNG_PERSON})
#: Who sees the performance pages: council staff and partnership board members.
PERFORMANCE_ROLES = LA_WIDE_ROLES | {Role.BOARD_MEMBER}
#: Who sees the demand forecast: service managers (who make them too) and board members.
FORECAST_ROLES = frozenset({Role.SERVICE_MANAGER, Role.BOARD_MEMBER})


def membership_for(user: Any) -> Membership | None:
    """The user's membership (local area and role), or None for a user without one."""
    try:
        return user.membership
    except (AttributeError, ObjectDoesNotExist):
        return None


def visible_cases(user: Any) -> CaseQuerySet:
    """Every case ``user`` may see: LA staff their LA's, a SENCo their settings' children's,
    an advice-giver those its teams were asked about (while the grant is in force), a
    parent or young person the records ``people.families`` lets them see today (a parent
    loses a young person's on the transfer date unless delegated or named to act);
    nobody else any."""
    membership = membership_for(user)
    role = membership.role if membership else None
    if membership is None or role not in CASE_LIST_ROLES:
        return Case.objects.none()
    if role in LA_WIDE_ROLES:
        return Case.objects.filter(la_id=membership.la_id)
    if role in PARTNER_ROLES:
        return Case.objects.filter(partner_filter(user, kernel.today()))
    return family_cases(user, kernel.today())


def require_la_staff(user: Any) -> Membership:
    """The user's membership if their role sees their whole LA's casework; 403 otherwise."""
    membership = membership_for(user)
    if membership is None or membership.role not in LA_WIDE_ROLES:
        raise PermissionDenied("Only local authority casework staff can open this page.")
    return membership


def can_record(user: Any, case: Case) -> bool:
    membership = membership_for(user)
    return membership is not None and membership.can_write_casework(case.la_id)


def writable_case(user: Any, case_id: int) -> Case:
    """The case if ``user`` may record steps on it: 404 if they cannot see it, else 403."""
    case = get_case_for_user(user, case_id)
    if not can_record(user, case):
        raise PermissionDenied("Your role cannot record steps on a case.")
    return case


def can_list_cases(user: Any) -> bool:
    """Whether the user's role works with individual cases (board members do not)."""
    membership = membership_for(user)
    return membership is not None and membership.role in CASE_LIST_ROLES


def require_case_list(user: Any) -> None:
    """Raise PermissionDenied (403) unless the user may open the case list."""
    if not can_list_cases(user):
        raise PermissionDenied("Your role does not work with individual cases.")


def get_case_for_user(user: Any, case_id: int) -> Case:
    """The case if ``user`` may see it; Http404 otherwise (whether or not it exists)."""
    try:
        return visible_cases(user).select_related("child__setting", "officer").get(pk=case_id)
    except Case.DoesNotExist:
        raise Http404("No such case.") from None


def require_performance(user: Any, roles: frozenset[str] = PERFORMANCE_ROLES) -> Membership:
    """The user's membership if their role is one of ``roles`` (by default, those who see
    the performance pages); 403 if not. Every performance page starts here."""
    membership = membership_for(user)
    if membership is None or membership.role not in roles:
        raise PermissionDenied("Your role does not see this performance page.")
    return membership


def require_forecast(user: Any) -> Membership:
    """The membership of a service manager or board member (the forecast, its scenarios,
    comparisons); 403 for anyone else."""
    membership = membership_for(user)
    if membership is None or membership.role not in FORECAST_ROLES:
        raise PermissionDenied("Only service managers and board members see the forecast.")
    return membership


def require_money(user: Any, roles: frozenset[str] = MONEY_ROLES) -> Membership:
    """The user's membership if their role sees the High Needs money pages (or, with
    ``roles=LEDGER_ROLES``, edits the ledger); 403 if not. Every money page starts here."""
    membership = membership_for(user)
    if membership is None or membership.role not in roles:
        raise PermissionDenied("Your role does not see the High Needs money pages.")
    return membership


def require_ledger_editor(user: Any) -> Membership:
    """The user's membership if they edit their area's ledger (a finance officer); 403."""
    return require_money(user, LEDGER_ROLES)


def require_kpi_manager(user: Any, kpi_id: str) -> tuple[LocalAuthority, Entry]:
    """The user's local area and the KPI: 403 unless the user may manage KPIs (a service
    manager or team manager), then 404 for an unknown KPI."""
    membership = require_performance(user, trajectories.MANAGE_ROLES)
    try:
        return membership.la, kpis.get(membership.la, kpi_id)
    except KeyError:
        raise Http404("No such KPI.") from None


def require_family(user: Any) -> None:
    """403 unless ``user`` is a family member: a parent's or young person's role, or a
    family contact's account."""
    membership = membership_for(user)
    if membership is not None and membership.role in FAMILY_ROLES:
        return
    if not contacts_of(user).exists():
        raise PermissionDenied("These pages are for families.")


def family_cases(user: Any, today: Any) -> CaseQuerySet:
    """The cases of the children whose records ``user`` sees as family today
    (``senda.people.families``: a young person's rights, delegations, capacity)."""
    return Case.objects.filter(child__in=family_children(user, today))


def family_case(user: Any, case_id: int, today: Any = None) -> Case:
    """The case if ``user`` sees its child's record as family today; Http404 otherwise,
    whoever they are and whether or not it exists. (Whether they may act on it is the
    action's check: ``senda.people.families.may_act``.)"""
    today = today or kernel.today()
    try:
        return family_cases(user, today).select_related("child", "la", "officer").get(pk=case_id)
    except Case.DoesNotExist:
        raise Http404("No such case.") from None


#: Who sees the families' messages that missed their reply date (the whole area's).
MESSAGE_MANAGER_ROLES = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})


#: Who sees the places register, demand against capacity and the capital programme
#: (aggregates): service managers, who record them, and partnership board members.
PLACES_ROLES = frozenset({Role.SERVICE_MANAGER, Role.BOARD_MEMBER})
#: Who records places and capital projects, and sees the children waiting for a place.
PLACES_MANAGE_ROLES = frozenset({Role.SERVICE_MANAGER})


def require_waits(user: Any) -> Membership:
    """The member's membership if they see the ND waiting list's figures, else 403."""
    membership = may_see_waits(user)
    if membership is None:
        raise PermissionDenied("Your role does not see the waiting list.")
    return membership


def require_waits_recorder(user: Any) -> Membership:
    """The membership of one who records on the ND waiting list, else 403."""
    membership = require_waits(user)
    if not may_record(user, membership.la):
        raise PermissionDenied("Your role does not record on the waiting list.")
    return membership


def require_service_manager(user: Any) -> Membership:
    """A service manager's membership; 404 for anyone else: pages that are not theirs
    (retention, subject access) are not revealed."""
    membership = membership_for(user)
    if membership is None or membership.role != Role.SERVICE_MANAGER:
        raise Http404("No such page.")
    return membership
