"""Where a problem the interchange finds is put right: which of an area's children a
person in a SEN2 return is, and which child each case is about, for the pages that link a
finding or a failed check to the record where it is fixed.

A SEN2 finding names its person by position and UPN only (never a name), so a person is
linked by UPN: one held by exactly one child of the area (UPNs are unique in an area)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from senda.casework.models import Case
from senda.people.models import Child, LocalAuthority

__all__ = ["case_of_children", "children_by_upn", "children_of_cases", "fix_page"]


def children_by_upn(la: LocalAuthority, upns: Iterable[str]) -> dict[str, int]:
    """``{UPN in capitals: child id}`` for each of ``upns`` that exactly one child of ``la``
    holds (compared in capitals, spaces trimmed); a UPN no child holds is left out. One
    query."""
    wanted = {upn.strip().upper() for upn in upns if upn and upn.strip()}
    if not wanted:
        return {}
    spellings = sorted(wanted | {upn.lower() for upn in wanted})
    holders: dict[str, set[int]] = defaultdict(set)
    for pk, upn in Child.objects.filter(la=la, upn__in=spellings).values_list("pk", "upn"):
        holders[upn.strip().upper()].add(pk)
    return {upn: ids.pop() for upn, ids in holders.items() if upn in wanted and len(ids) == 1}


def children_of_cases(la: LocalAuthority, case_ids: Iterable[int]) -> dict[int, int]:
    """``{case id: child id}`` for the cases of ``la`` among ``case_ids``. One query."""
    ids = list(dict.fromkeys(case_ids))
    if not ids:
        return {}
    rows = Case.objects.filter(la=la, pk__in=ids).values_list("pk", "child_id")
    return dict(rows)


def case_of_children(la: LocalAuthority, child_ids: Iterable[int]) -> dict[int, int]:
    """``{child id: the child's latest case in la}`` (open cases before closed). One query."""
    return Case.objects.for_area(la).latest_of_children(child_ids)


#: Where a finding about an element is put right: the placements page for what a child
#: attends, the plan's settings for what a plan names, the case for a step's dates and
#: outcomes, the child's details for who they are.
FIX_PAGES = (
    ("PlacementDetail", "placements"),
    ("PlanDetail", "plan-settings"),
    ("NamedPlan", "case-detail"),
    ("Assessment", "case-detail"),
    ("ActivePlans", "case-detail"),
    ("Requests", "case-detail"),
)


def fix_page(element: str) -> str:
    """The page (``placements``, ``plan-settings``, ``case-detail`` or ``child-details``) where a
    finding about ``element`` (a path such as ``Requests[1]/Assessment/NamedPlan``) is put
    right."""
    for part, page in FIX_PAGES:
        if part in element:
            return page
    return "child-details"
