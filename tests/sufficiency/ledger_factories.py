"""A small High Needs ledger for the pages' tests."""

from __future__ import annotations

from decimal import Decimal

from senda.sufficiency.models import Actual, Budget, BudgetLine
from senda.sufficiency.s251 import fy_months


def make_ledger(la, scale: int = 1) -> None:
    """Two lines with budgets for 2024-25 and 2025-26; twelve months of 2024-25 spent and
    three of 2025-26."""
    special = BudgetLine.objects.create(
        la=la, code="HN01", name="Special school top-ups", category="top_up_special", s251="1.2.1"
    )
    legal = BudgetLine.objects.create(
        la=la, code="HN90", name="Tribunal and legal", category="tribunal_legal"
    )
    for year in (2024, 2025):
        Budget.objects.create(line=special, year=year, amount=Decimal(1_200_000 * scale))
        Budget.objects.create(line=legal, year=year, amount=Decimal(60_000 * scale))
    months = fy_months(2024) + fy_months(2025)[:3]
    for month in months:
        Actual.objects.create(line=special, month=month, amount=Decimal(110_000 * scale))
        Actual.objects.create(line=legal, month=month, amount=Decimal(6_000 * scale))
