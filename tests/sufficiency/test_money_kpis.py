"""The High Needs ledger's KPI: spend per EHC plan, computed by senda tick."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.performance import catalogue, kpi_figures, records, tick
from senda.performance.periods import parse
from senda.sufficiency.measures import spend_in_year_to
from senda.sufficiency.models import Actual, BudgetLine
from tests.factories import make_la
from tests.quality.factories import make_live_plan

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)
Q3 = parse("2026-27-q3")


def ledger(la, months: list[date], amount: int) -> None:
    line = BudgetLine.objects.create(la=la, code="HN1", name="Top-ups", category="top_up_special")
    for month in months:
        Actual.objects.create(line=line, month=month, amount=Decimal(amount))


def test_spend_in_year_to_takes_the_twelve_months_begun_by_the_day() -> None:
    la = make_la()
    ledger(la, [date(2025, 11, 1), date(2025, 12, 1), date(2026, 11, 1), date(2026, 12, 1)], 100)
    assert spend_in_year_to(la, date(2026, 11, 22)) == Decimal(200)  # Dec 2025 – Nov 2026
    assert spend_in_year_to(la, date(2026, 12, 31)) == Decimal(200)  # Jan – Dec 2026


def test_tick_writes_spend_per_plan_maintained() -> None:
    la = make_la()
    ledger(la, [date(2026, m, 1) for m in range(1, 12)], 1000)
    for _ in range(4):
        make_live_plan(la=la)
    assert catalogue.get("hnb-spend-per-plan").unit == "pounds"
    assert records.count("hnb-spend-per-plan", la, Q3.start, Q3.end, TODAY).numerator == 2750
    tick.run(la, [TODAY], today=TODAY)
    figure = kpi_figures.value(la, "hnb-spend-per-plan", Q3)
    assert figure is not None and figure.value == 2750
