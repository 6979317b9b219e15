"""The year's forecast outturn: actuals to date plus each line's run rate for the months
left, against budget and allocation, and the KPIs computed from it (docs/money.md,
"Forecast outturn")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.sufficiency import measures
from senda.sufficiency.models import Allocation, Budget, BudgetLine
from senda.sufficiency.outturn import HNB_GROUPS, outturn
from senda.sufficiency.s251 import CATEGORIES
from tests.factories import make_la
from tests.sufficiency.ledger_factories import make_ledger

pytestmark = pytest.mark.django_db
JULY = date(2025, 7, 15)  # April to July begun; the ledger holds April to June


def test_each_line_runs_on_at_its_rate_for_the_months_left() -> None:
    la = make_la()
    make_ledger(la)
    year = outturn(la.pk, 2025, JULY)
    assert year.months == 3
    special, legal = year.lines
    assert (special.spent, special.projected, special.outturn) == (330_000, 990_000, 1_320_000)
    assert special.variance == 120_000
    assert (legal.outturn, legal.variance) == (72_000, 12_000)
    assert (year.budget, year.outturn, year.variance) == (1_260_000, 1_392_000, 132_000)
    # No allocation recorded: the total budget stands for it.
    assert not year.allocated and year.deficit == 132_000
    assert year.group_variance("top-ups") == 120_000
    assert year.group_variance("support") == 0


def test_a_line_with_no_spend_yet_counts_its_budget_for_the_months_left() -> None:
    la = make_la()
    make_ledger(la)
    termly = BudgetLine.objects.create(la=la, code="HN20", name="Therapy", category="therapies")
    Budget.objects.create(line=termly, year=2025, amount=Decimal(120_000))
    found = {line.line.code: line for line in outturn(la.pk, 2025, JULY).lines}
    assert (found["HN20"].spent, found["HN20"].outturn) == (0, 90_000)
    assert outturn(la.pk, 2025, JULY).group_variance("support") == -30_000
    # Before any month of the year is in the ledger, every line counts its budget.
    early = outturn(la.pk, 2025, date(2025, 3, 31))
    assert early.months == 0 and early.outturn == early.budget


def test_the_in_year_deficit_is_against_the_recorded_allocation() -> None:
    la = make_la()
    make_ledger(la)
    Allocation.objects.create(
        la=la, year=2025, amount=Decimal(1_300_000), source="DfE", recorded_on=JULY
    )
    year = outturn(la.pk, 2025, JULY)
    assert year.allocated and year.deficit == 92_000


def test_the_kpis_are_the_outturns_of_the_year_of_the_day_judged() -> None:
    la = make_la()
    make_ledger(la)
    start, end = date(2025, 7, 1), date(2025, 9, 30)
    deficit = measures.count("hnb-deficit-in-year", la, start, end, JULY)
    assert deficit.amount == 132_000
    top_ups = measures.count("hnb-variance-top-ups", la, start, end, JULY)
    assert top_ups.amount == 120_000
    assert measures.count("hnb-variance-placements", la, start, end, JULY).amount == 0


def test_every_group_names_real_categories_and_none_twice() -> None:
    named = [category for group in HNB_GROUPS.values() for category in group]
    assert set(named) <= set(CATEGORIES) and len(named) == len(set(named))
    assert set(HNB_GROUPS) == {"placements", "top-ups", "independent", "post16", "support"}
