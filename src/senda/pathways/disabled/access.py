"""Who sees and records the disabled children's register: strictly those who need it.

- **Service managers** of the area (the head of SEND, who answers for area 5's figures);
- **social care staff**: advice-givers who are members of one of the area's *social care*
  advice teams (``people.AdviceTeam``, discipline ``social care``: the disabled children's
  team and its social workers).

No one else: not case officers, team managers or QA auditors of the SEND team, not
settings, not advice-givers of health or educational psychology teams, not partnership
board members (they see the KPIs, small numbers suppressed), not families. To them every
register page is 404, as is another area's entry. Every read is audited by the page.
"""

from __future__ import annotations

from typing import Any

from senda.people.access import membership_with_area
from senda.people.models import AdviceTeam, Membership, Role

__all__ = ["may_see_register", "register_membership"]


def register_membership(user: Any) -> Membership | None:
    """The user's membership if they may see and record on the register, else None."""
    membership = membership_with_area(user)
    if membership is None:
        return None
    if membership.role == Role.SERVICE_MANAGER:
        return membership
    if membership.role == Role.ADVICE_GIVER and (
        AdviceTeam.objects.filter(
            la_id=membership.la_id,
            discipline=AdviceTeam.Discipline.SOCIAL_CARE,
            members=user,
        ).exists()
    ):
        return membership
    return None


def may_see_register(user: Any, la_id: int) -> bool:
    membership = register_membership(user)
    return membership is not None and membership.la_id == la_id
