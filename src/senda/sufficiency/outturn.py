"""The year's forecast outturn (docs/money.md, "Forecast outturn"): for one financial year,
each budget line's actuals to date plus a projection of the months not yet in the ledger,
against its budget. Money only, never a child.

The projection is each line's **run rate**: its spend in the months of the year the
ledger holds (every month up to the ledger's latest month begun by the day, a month a
line spent nothing in counting as nothing) over those months, times the months left. A
line with no spend yet in the year (or a year with no month in the ledger) is projected
at its budget, a twelfth for each month left: no run rate to go on. Run rate, not the
budget's profile: it carries the overspend already seen into the rest of the year, which
is what a forecast outturn is asked to show, and the ledger holds no monthly profile of
budgets. Lumpy lines (termly top-ups) swing it early in the year; it settles as months
are recorded.

The KPIs (``measures``): ``hnb-variance-*``, each group of lines' outturn less its budget
(:data:`HNB_GROUPS` says which categories each group is), and ``hnb-deficit-in-year``, the
whole outturn less the year's High Needs allocation (its total budget where none is
recorded).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from senda.sufficiency.models import Actual, Allocation, Budget, BudgetLine
from senda.sufficiency.s251 import fy_months

__all__ = ["HNB_GROUPS", "LineOutturn", "Outturn", "outturn"]

ZERO = Decimal(0)

#: The catalogue's high needs block lines (``hnb-variance-<group>``) as the ledger's
#: categories (``s251.CATEGORIES``); a category in none counts only in the whole year's.
HNB_GROUPS: dict[str, tuple[str, ...]] = {
    "placements": ("place_funding", "out_of_area", "alternative_provision", "hospital"),
    "top-ups": ("top_up_mainstream", "top_up_units", "top_up_special", "direct_payments"),
    "independent": ("independent",),
    "post16": ("post_16",),
    "support": ("support_services", "inclusion", "therapies"),
}


@dataclass(frozen=True, slots=True)
class LineOutturn:
    """One line's year: budget (None: none set), spend to date and the months left
    projected (``projected``); ``outturn`` is the two together."""

    line: BudgetLine
    budget: Decimal | None
    spent: Decimal
    projected: Decimal

    @property
    def outturn(self) -> Decimal:
        return self.spent + self.projected

    @property
    def variance(self) -> Decimal | None:
        """Outturn less budget: above zero, a forecast overspend."""
        return None if self.budget is None else self.outturn - self.budget


@dataclass(frozen=True, slots=True)
class Outturn:
    year: int
    months: int  # months of the year the ledger holds (to its latest month begun by the day)
    lines: list[LineOutturn]
    allocation: Decimal  # the year's High Needs allocation, else its total budget
    allocated: bool  # whether an allocation is recorded (else the budget stands for it)

    @property
    def budget(self) -> Decimal:
        return sum((line.budget or ZERO for line in self.lines), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((line.spent for line in self.lines), ZERO)

    @property
    def outturn(self) -> Decimal:
        return sum((line.outturn for line in self.lines), ZERO)

    @property
    def variance(self) -> Decimal:
        """The whole outturn less the whole budget."""
        return self.outturn - self.budget

    @property
    def deficit(self) -> Decimal:
        """The in-year deficit: outturn less the allocation (above zero, a deficit)."""
        return self.outturn - self.allocation

    def group_variance(self, group: str) -> Decimal:
        """Outturn less budget of the lines in ``HNB_GROUPS[group]``'s categories."""
        wanted = HNB_GROUPS[group]
        return sum(
            (
                line.outturn - (line.budget or ZERO)
                for line in self.lines
                if line.line.category in wanted
            ),
            ZERO,
        )


def outturn(la_id: int, year: int, day: date) -> Outturn:
    """Financial year ``year``'s forecast outturn as the ledger stands on ``day`` (its
    actuals for months begun by then)."""
    months = [m for m in fy_months(year) if m <= day]
    actuals = Actual.objects.of_area(la_id).filter(month__gte=fy_months(year)[0], month__lte=day)
    last = actuals.last_month()
    held = sum(1 for m in months if last is not None and m <= last)
    spent: dict[int, Decimal] = defaultdict(Decimal)
    for line_id, amount in actuals.values_list("line_id", "amount"):
        spent[line_id] += amount
    budgets = dict(
        Budget.objects.filter(line__la_id=la_id, year=year).values_list("line_id", "amount")
    )
    lines = []
    for line in BudgetLine.objects.of_area(la_id):
        budget = budgets.get(line.pk)
        done = spent.get(line.pk, ZERO)
        if held and done:
            projected = done / held * (12 - held)
        else:  # nothing to go on: the budget, a twelfth for each month left
            projected = (budget or ZERO) * (12 - held) / 12
        if budget is None and not done:
            continue
        lines.append(LineOutturn(line, budget, done, projected))
    recorded = Allocation.objects.of_area(la_id).by_year().get(year)
    total_budget = sum(budgets.values(), ZERO)
    return Outturn(
        year, held, lines, recorded if recorded is not None else total_budget, recorded is not None
    )
