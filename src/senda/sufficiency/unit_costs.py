"""Unit costs by placement type: a financial year's spend on the budget lines of a kind of
placement (``s251.Category.placement``) over the children with a plan placed there at the
January census inside that year (``census``: rank-1 placement on census day). Money and
counts only; a page showing the counts suppresses small ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from senda.people.models import LocalAuthority
from senda.sufficiency.census import censuses
from senda.sufficiency.models import Actual
from senda.sufficiency.s251 import CATEGORIES, fy_months
from senda.sufficiency.space import Space

__all__ = [
    "PLACEMENTS",
    "UnitCost",
    "children_placed",
    "prices",
    "spend_by_month",
    "unit_costs",
]

#: Placement type → (label, the forecast's provisions counted as it).
PLACEMENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "mainstream": ("Mainstream schools", ("mainstream",)),
    "unit": ("SEN units and resourced provision", ("specialist_base",)),
    "special": ("Special schools", ("special",)),
    "independent": ("Independent and non-maintained special schools", ("independent",)),
    "post_16": ("Post-16", ("post16_mainstream", "post16_specialist")),
    "alternative": ("Alternative provision", ("ap",)),
}


@dataclass(frozen=True, slots=True)
class UnitCost:
    placement: str
    label: str
    spent: Decimal
    children: int

    @property
    def per_child(self) -> Decimal | None:
        """Spend per child placed, to the pound; None with nobody placed."""
        if not self.children:
            return None
        return (self.spent / self.children).quantize(Decimal(1))


def combine(spent: dict[str, Decimal], children: dict[str, int]) -> list[UnitCost]:
    """A unit cost for each placement type, in :data:`PLACEMENTS`' order (pure)."""
    return [
        UnitCost(key, label, spent.get(key, Decimal(0)), children.get(key, 0))
        for key, (label, _) in PLACEMENTS.items()
    ]


def prices(costs: list[UnitCost]) -> tuple[dict[str, float], dict[str, str]]:
    """The forecast's prices from unit costs: pounds a plan a year by provision, and the
    placement type (its label) each provision is priced as; a type nobody was placed in
    has no price."""
    found: dict[str, float] = {}
    labels: dict[str, str] = {}
    for cost in costs:
        if cost.per_child is None:
            continue
        for provision in PLACEMENTS[cost.placement][1]:
            found[provision] = float(cost.per_child)
            labels[provision] = cost.label
    return found, labels


def spend_by_month(la: LocalAuthority, year: int) -> dict[date, dict[str, Decimal]]:
    """Each month of financial year ``year`` with an actual: the spend on each placement
    type's budget lines that month (lines of no placement type left out)."""
    found: dict[date, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    rows = (
        Actual.objects.of_area(la.pk)
        .filter(month__in=fy_months(year))
        .values_list("line__category", "month", "amount")
    )
    for category, month, amount in rows:
        placement = CATEGORIES[category].placement
        if placement:
            found[month][placement] += amount
    return {month: dict(spent) for month, spent in found.items()}


def children_placed(la: LocalAuthority, year: int) -> dict[str, int]:
    """The children with a plan placed in each placement type at the January census of
    ``year`` (rank-1 placement on census day)."""
    return {key: len(ids) for key, ids in placed_children(la, year).items()}


def placed_children(la: LocalAuthority, year: int) -> dict[str, tuple[int, ...]]:
    """The ids of the children with a plan placed in each placement type at the January
    census of ``year`` (rank-1 placement on census day), ascending."""
    space = Space()
    census = censuses(la, [year], space)[year]
    kind = {p: key for key, (_, kinds) in PLACEMENTS.items() for p in kinds}
    found: dict[str, list[int]] = {key: [] for key in PLACEMENTS}
    for child, state in census.items():
        key = kind.get(space.state(state)[2])
        if key is not None:
            found[key].append(child)
    return {key: tuple(sorted(ids)) for key, ids in found.items()}


def unit_costs(la: LocalAuthority, year: int) -> list[UnitCost]:
    """Each placement type's spend in financial year ``year`` and the children placed
    there at the January census of ``year + 1`` (inside the financial year)."""
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for month in spend_by_month(la, year).values():
        for placement, amount in month.items():
            spent[placement] += amount
    return combine(dict(spent), children_placed(la, year + 1))
