"""Who sees the neurodevelopmental waiting list, and who records on it.

- **The children behind a figure** (and each referral): the council's staff who see every
  child of their area (``people.access``'s area roles: case officers, team managers, QA
  auditors, service managers). Every read is audited by the page.
- **The figures alone**, small numbers suppressed (they leave the service): partnership
  board members, and advice-givers in one of the area's *health* advice teams (the NHS
  provider's clinicians and the Designated Clinical Officer). Other partners, families and
  other areas' staff see nothing.
- **Transition to adult services** (``may_see_transition``): the same, with advice-givers
  in the area's social care advice teams seeing the figures too.
- **Recording steps**: those who record casework (case officers, team and service
  managers); **importing the NHS extract**: team and service managers.
"""

from __future__ import annotations

from typing import Any

from senda.people.access import membership_with_area
from senda.people.models import CASEWORK_WRITE_ROLES, AdviceTeam, LocalAuthority, Membership, Role

__all__ = [
    "CHILDREN_ROLES",
    "FIGURES_ROLES",
    "IMPORT_ROLES",
    "may_import",
    "may_record",
    "may_see_children",
    "may_see_transition",
    "may_see_waits",
    "membership_of",
]

CHILDREN_ROLES = frozenset(
    {Role.CASE_OFFICER, Role.TEAM_MANAGER, Role.QA_AUDITOR, Role.SERVICE_MANAGER}
)
#: Roles that see the figures, suppressed (an advice-giver only in a health team).
FIGURES_ROLES = frozenset({Role.BOARD_MEMBER, Role.ADVICE_GIVER})
IMPORT_ROLES = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})


#: The user's membership with its area (``people.access``, the one reader).
membership_of = membership_with_area


def _health(user: Any, la_id: int) -> bool:
    return AdviceTeam.objects.filter(
        la_id=la_id, discipline=AdviceTeam.Discipline.HEALTH, members=user
    ).exists()


def may_see_waits(user: Any) -> Membership | None:
    """The user's membership if they see the waiting list's figures, else None."""
    membership = membership_of(user)
    if membership is None:
        return None
    if membership.role in CHILDREN_ROLES or membership.role == Role.BOARD_MEMBER:
        return membership
    if membership.role == Role.ADVICE_GIVER and _health(user, membership.la_id):
        return membership
    return None


def may_see_transition(user: Any) -> Membership | None:
    """The user's membership if they see the transition to adult services figures: the
    council's staff of ``CHILDREN_ROLES`` (and the young people behind them), board members,
    and advice-givers in one of the area's health or social care advice teams (figures
    alone, small numbers suppressed: the adult social care and health partners see how the
    area is doing, not the young people's records, which the council's staff hold)."""
    membership = membership_of(user)
    if membership is None:
        return None
    if membership.role in CHILDREN_ROLES or membership.role == Role.BOARD_MEMBER:
        return membership
    if (
        membership.role == Role.ADVICE_GIVER
        and AdviceTeam.objects.filter(
            la_id=membership.la_id,
            discipline__in=(AdviceTeam.Discipline.HEALTH, AdviceTeam.Discipline.SOCIAL_CARE),
            members=user,
        ).exists()
    ):
        return membership
    return None


def may_see_children(membership: Membership | None) -> bool:
    """Whether this member sees the children behind the figures (unsuppressed figures)."""
    return membership is not None and membership.role in CHILDREN_ROLES


def may_record(user: Any, la: LocalAuthority) -> bool:
    membership = membership_of(user)
    return (
        membership is not None
        and membership.la_id == la.pk
        and membership.role in CASEWORK_WRITE_ROLES
    )


def may_import(user: Any, la: LocalAuthority) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.la_id == la.pk and membership.role in IMPORT_ROLES


def may_see_destinations(user: Any) -> Membership | None:
    """The user's membership if they see the destinations' figures (council staff who see
    every child of their area, and board members, suppressed), else None."""
    membership = membership_of(user)
    if membership is None:
        return None
    if membership.role in CHILDREN_ROLES or membership.role == Role.BOARD_MEMBER:
        return membership
    return None
