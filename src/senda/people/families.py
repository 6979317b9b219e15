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
    #: Named as the alternative person for a decision the young person lacks capacity for.
    acts_for: bool = False


@dataclass(frozen=True, slots=True)
class Facts:
    """A child's capacity records and delegations, read once (one query each) so that a
    page asking about every contact of a child does not ask again for each."""

    capacity: tuple[CapacityDecision, ...]
    delegations: tuple[Delegation, ...]


def facts_of(child: Child) -> Facts:
    capacity = CapacityDecision.objects.filter(child=child).order_by("-assessed_on", "-id")
    delegations = Delegation.objects.filter(child=child).order_by("-granted_on", "-id")
    return Facts(tuple(capacity), tuple(delegations))


def _lacks(facts: Facts, decision: str, today: date) -> CapacityDecision | None:
    """The record in force on ``today`` saying the young person lacks capacity for
    ``decision``: the latest assessment about it by then (a record about all decisions
    counts for each one), when it says so. A later record supersedes an earlier one."""
    decisions = {decision, CapacityDecision.Decision.ALL}
    latest = next(
        (r for r in facts.capacity if r.decision in decisions and r.assessed_on <= today), None
    )
    return latest if latest and latest.outcome == CapacityDecision.Outcome.LACKS else None


def alternative_for(
    contact: FamilyContact, today: date, facts: Facts | None = None
) -> list[CapacityDecision]:
    """The capacity records in force (the latest for each decision) naming ``contact`` as
    the alternative person."""
    facts = facts or facts_of(contact.child)
    found: list[CapacityDecision] = []
    for decision in CapacityDecision.Decision.values:
        record = _lacks(facts, decision, today)
        if (
            record is not None
            and record.alternative_person_id == contact.pk
            and record not in found
        ):
            found.append(record)
    return found


def access_of(
    contact: FamilyContact, today: date, decision: str = "all", facts: Facts | None = None
) -> FamilyAccess | None:
    """Whether ``contact`` (with an account) sees their child's record today, and may act
    on ``decision``; None when they may not see it."""
    child = contact.child
    young = is_young_person(child.date_of_birth, today)
    if not young:
        if contact.is_young_person:
            # Before the transfer date the rights are the parent's: the young person's own
            # account (which an invitation refuses to make early) gives nothing yet.
            return None
        if contact.parental_responsibility:
            return FamilyAccess(contact, True, "Parent with parental responsibility")
        return FamilyAccess(contact, False, "Family member (sees, does not act)")
    facts = facts or facts_of(child)
    lacks = _lacks(facts, decision, today)
    if contact.is_young_person:
        if lacks is not None:
            return FamilyAccess(contact, False, "Your own record (someone acts for you)")
        return FamilyAccess(contact, True, "Your own record")
    if lacks is not None and lacks.alternative_person_id == contact.pk:
        return FamilyAccess(
            contact,
            True,
            f"Acts for the young person ({lacks.get_basis_display()})",
            acts_for=True,
        )
    delegation = active_delegation(contact, today, facts)
    if delegation is not None:
        # A young person cannot hand on a decision they lack capacity to make: the
        # alternative person acts for it, the delegate still sees.
        acts = delegation.scope == Delegation.Scope.ACT and lacks is None
        return FamilyAccess(contact, acts, "The young person agreed")
    named = alternative_for(contact, today, facts)
    if named:
        # The alternative person for another decision sees the record (and acts only on
        # the decisions they were named for).
        return FamilyAccess(
            contact,
            False,
            f"Acts for the young person ({named[0].get_basis_display()})",
            acts_for=True,
        )
    return None


def active_delegation(
    contact: FamilyContact, today: date, facts: Facts | None = None
) -> Delegation | None:
    """The young person's delegation to ``contact`` in force on ``today``, if any."""
    facts = facts or facts_of(contact.child)
    return next(
        (
            d
            for d in facts.delegations
            if d.contact_id == contact.pk
            and d.granted_on <= today
            and (d.withdrawn_on is None or d.withdrawn_on > today)
        ),
        None,
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
    found = [access_of(c, today, decision) for c in contacts_of(user).filter(child=child)]
    usable = [f for f in found if f is not None]
    # Someone listed twice (say, as mother and as the alternative person) gets the most.
    return max(usable, key=lambda f: f.may_act) if usable else None


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
