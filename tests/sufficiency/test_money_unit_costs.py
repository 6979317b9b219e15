"""Unit costs by placement type: spend over the children placed at the January census."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.sufficiency.models import Actual, BudgetLine
from senda.sufficiency.unit_costs import combine, unit_costs
from tests.factories import make_la


def test_combine_divides_spend_by_children_placed() -> None:
    costs = {c.placement: c for c in combine({"special": Decimal(900_000)}, {"special": 36})}
    assert costs["special"].per_child == Decimal(25_000)
    assert costs["independent"].per_child is None and costs["independent"].spent == 0
    assert list(costs)[:3] == ["mainstream", "unit", "special"]


@pytest.mark.django_db
def test_unit_costs_read_the_ledger_for_the_financial_year() -> None:
    la = make_la()
    line = BudgetLine.objects.create(la=la, code="S", name="Special", category="top_up_special")
    Actual.objects.create(line=line, month=date(2026, 1, 1), amount=Decimal(500))
    Actual.objects.create(line=line, month=date(2026, 4, 1), amount=Decimal(700))  # next year
    costs = {c.placement: c for c in unit_costs(la, 2025)}
    assert costs["special"].spent == Decimal(500) and costs["special"].children == 0
