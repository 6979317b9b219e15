"""Spend against budget, read from the ledger: by line for one financial year, by year for
the area, and by category for the public summary. Money only, never a child.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from senda.sufficiency.deficit import Known
from senda.sufficiency.models import Actual, Allocation, Budget, BudgetLine
from senda.sufficiency.s251 import CATEGORIES, fy_label

__all__ = [
    "LineYear",
    "Year",
    "allocations_ahead",
    "by_category",
    "by_line",
    "by_year",
    "known_years",
]

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class LineYear:
    """One line's budget and spend in one financial year; variance is spend over budget
    (positive: an overspend)."""

    line: BudgetLine
    budget: Decimal | None
    spent: Decimal

    @property
    def variance(self) -> Decimal | None:
        return None if self.budget is None else self.spent - self.budget


@dataclass(frozen=True, slots=True)
class Year:
    year: int
    budget: Decimal
    spent: Decimal
    months: int  # months of the year with any actual
    last_month: date | None = None  # the latest month with any actual

    @property
    def label(self) -> str:
        return fy_label(self.year)

    @property
    def part(self) -> bool:
        """Whether the ledger has fewer than twelve months of actuals for the year (the
        year still running, or one not fully imported): its spend is not the year's, so it
        is not over or under the year's budget."""
        return self.months < 12

    @property
    def share_spent(self) -> Decimal | None:
        """Spend as a share of the budget (None without a budget)."""
        return self.spent / self.budget if self.budget else None

    @property
    def variance(self) -> Decimal:
        return self.spent - self.budget


def _budgets(la_id: int) -> dict[tuple[int, int], Decimal]:
    rows = Budget.objects.filter(line__la_id=la_id).values_list("line_id", "year", "amount")
    return {(line, year): amount for line, year, amount in rows}


def by_line(la_id: int, year: int) -> list[LineYear]:
    """Every line of the area with its budget and spend in financial year ``year``."""
    budgets = _budgets(la_id)
    spent = Actual.objects.of_area(la_id).by_line_and_year()
    return [
        LineYear(line, budgets.get((line.pk, year)), spent.get((line.pk, year), ZERO))
        for line in BudgetLine.objects.of_area(la_id)
    ]


def by_year(la_id: int) -> list[Year]:
    """Each financial year with a budget or an actual: totals and months of actuals."""
    budget: dict[int, Decimal] = defaultdict(Decimal)
    for (_, year), amount in _budgets(la_id).items():
        budget[year] += amount
    spent: dict[int, Decimal] = defaultdict(Decimal)
    months: dict[int, set[date]] = defaultdict(set)
    for month, amount in Actual.objects.of_area(la_id).values_list("month", "amount"):
        year = month.year if month.month >= 4 else month.year - 1
        spent[year] += amount
        months[year].add(month)
    return [
        Year(
            y,
            budget.get(y, ZERO),
            spent.get(y, ZERO),
            len(months.get(y, ())),
            max(months[y]) if months.get(y) else None,
        )
        for y in sorted(set(budget) | set(spent))
    ]


def by_category(la_id: int, year: int) -> list[tuple[str, str, Decimal]]:
    """Spend in ``year`` by category, in the ledger's order: (id, label, pounds); only
    categories with spend."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    lines = dict(BudgetLine.objects.of_area(la_id).values_list("pk", "category"))
    for (line_id, y), amount in Actual.objects.of_area(la_id).by_line_and_year().items():
        if y == year:
            totals[lines[line_id]] += amount
    return [(key, c.label, totals[key]) for key, c in CATEGORIES.items() if totals.get(key)]


def known_years(la_id: int) -> list[Known]:
    """The ledger's complete financial years (twelve months of actuals) as the deficit
    projection's known years, each with its recorded High Needs allocation; a year with
    none recorded has its total budget stand for it (``budgeted``; docs/money.md)."""
    allocated = Allocation.objects.of_area(la_id).by_year()
    return [
        Known(y.year, allocated.get(y.year, y.budget), y.spent, y.year not in allocated)
        for y in by_year(la_id)
        if y.months == 12
    ]


def allocations_ahead(la_id: int, known: list[Known]) -> dict[int, Decimal]:
    """Allocations recorded for years after the last known one (published ahead, or the
    year still running), for the projection to use instead of growth."""
    last = max((k.year for k in known), default=0)
    return {y: a for y, a in Allocation.objects.of_area(la_id).by_year().items() if y > last}
