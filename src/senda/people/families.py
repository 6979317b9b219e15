"""Who in a family may see and act on a child's record (ADR 0018).

Before the end of compulsory school age (``senda.clock.rights``) a parent or carer with a
family account sees their child's record and acts for them. From the day the rights pass
to the young person, the young person's own account leads: a parent sees the record only
while the young person's delegation to them is in force, or acts as the alternative
person for a decision the young person lacks capacity to make (CFA 2014 s80; SEND
Regulations 2014 reg 64 and Schedule 3). Families have a handful of contacts, so the
checks run in Python over them and return QuerySets by primary key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from senda.clock.rights import is_young_person, rights_transfer_date
from senda.people.models import CapacityDecision, Child, Delegation, FamilyContact


@dataclass(frozen=True, slots=True)
class FamilyAccess:
    """Why a family member sees a child's record, and whether they may act on it."""

    contact: FamilyContact
    may_act: bool
    why: str


def _latest_capacity(child: Child, decision: str) -> CapacityDecision | None:
    """The latest capacity record for ``decision`` (or for all decisions), if any."""
    records = CapacityDecision.objects.filter(child=child, decision__in=[decision, "all"])
    return records.order_by("-assessed_on", "-id").first()


def access_of(contact: FamilyContact, today: date, decision: str = "all") -> FamilyAccess | None:
    """Whether ``contact`` (with an account) sees their child's record today, and may act
    on ``decision``; None when they may not see it."""
    child = contact.child
    if contact.is_young_person:
        lacks = _latest_capacity(child, decision)
        if lacks is not None and lacks.outcome == CapacityDecision.Outcome.LACKS:
            return FamilyAccess(contact, False, "Your own record (someone acts for you)")
        return FamilyAccess(contact, True, "Your own record")
    if not is_young_person(child.date_of_birth, today):
        if contact.parental_responsibility:
            return FamilyAccess(contact, True, "Parent with parental responsibility")
        return FamilyAccess(contact, False, "Family member (sees, does not act)")
    capacity = _latest_capacity(child, decision)
    if (
        capacity is not None
        and capacity.outcome == CapacityDecision.Outcome.LACKS
        and capacity.alternative_person_id == contact.pk
    ):
        return FamilyAccess(
            contact, True, f"Acts for the young person ({capacity.get_basis_display()})"
        )
    delegation = active_delegation(contact, today)
    if delegation is not None:
        return FamilyAccess(
            contact, delegation.scope == Delegation.Scope.ACT, "The young person agreed"
        )
    return None


def active_delegation(contact: FamilyContact, today: date) -> Delegation | None:
    return (
        Delegation.objects.filter(contact=contact, granted_on__lte=today)
        .exclude(withdrawn_on__lte=today)
        .order_by("-granted_on", "-id")
        .first()
    )


def contacts_of(user: Any) -> QuerySet[FamilyContact]:
    """The family contacts linked to ``user``'s account."""
    if not getattr(user, "is_authenticated", False):
        return FamilyContact.objects.none()
    return FamilyContact.objects.filter(user_id=user.pk).select_related("child")


def family_children(user: Any, today: date) -> QuerySet[Child]:
    """The children whose records ``user`` sees as a family member today."""
    ids = [c.child_id for c in contacts_of(user) if access_of(c, today) is not None]
    return Child.objects.filter(pk__in=ids)


def family_access(
    user: Any, child: Child, today: date, decision: str = "all"
) -> FamilyAccess | None:
    """``user``'s access to ``child``'s record as family (None if they have none)."""
    for contact in contacts_of(user).filter(child=child):
        found = access_of(contact, today, decision)
        if found is not None:
            return found
    return None


def may_act(user: Any, child: Child, today: date, decision: str = "all") -> bool:
    """Whether ``user`` may act for the family on ``decision`` (comment on a draft, ask
    for a school, message the officer, ask for mediation…) today."""
    found = family_access(user, child, today, decision)
    return found is not None and found.may_act


def rights_holder(child: Child, today: date) -> str:
    """ "parent" or "young person": who holds the rights in CFA 2014 Part 3 today."""
    return "young person" if is_young_person(child.date_of_birth, today) else "parent"


def transfer_date(child: Child) -> date | None:
    """The day the rights pass to the young person (None without a birth date)."""
    return rights_transfer_date(child.date_of_birth) if child.date_of_birth else None
