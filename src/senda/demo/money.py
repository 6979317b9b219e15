"""The demo's High Needs ledger: Seaview's budget lines, a budget for each financial year and
monthly actuals from April five years back to the last full month, and a saved column
mapping for the finance system's export.

The lines and their mix follow the city's High Needs spend in 2020/21 (shared domain notes,
§6: appendix 5 of its 2021 report), scaled to Seaview: the last complete year spends about
£17,000 a live plan (England's High Needs block over its plans, roughly), and each line
grows back in time at about the city's rate for it. Tribunal and legal costs, consultant
fees and out-of-area placements are not in the city's table: their shares are made up.
Budgets are set below spend (the allocation does not keep up), so the area overspends
each year, as 91% of areas did in 2019/20. The DSG High Needs allocation of each complete
year (recorded apart from the budget, as a finance officer would from DfE's published
allocations) is 90% of the last complete year's spend, shrinking back in time at
made-up rates near England's growth in the high needs block. One ``Random`` stream of its
own.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from random import Random

from senda.people.models import LocalAuthority
from senda.sufficiency.models import Actual, Allocation, Budget, BudgetLine, LedgerMapping
from senda.sufficiency.s251 import CATEGORIES, financial_year, fy_label, fy_months

#: (code, name, category, the city's 2020/21 spend in £'000, growth a year).
LINES = (
    ("HN110", "Special school place funding", "place_funding", 11_287, 0.05),
    ("HN111", "Special school top-ups", "top_up_special", 16_931, 0.08),
    ("HN120", "Mainstream top-ups", "top_up_mainstream", 11_785, 0.15),
    ("HN130", "Designated specialist provision places and top-ups", "top_up_units", 802, 0.2),
    ("HN140", "Pupil referral units", "alternative_provision", 3_360, 0.03),
    ("HN150", "Independent and non-maintained placements", "independent", 7_093, 0.09),
    ("HN155", "Out-of-area placements (recoupment)", "out_of_area", 1_200, 0.06),
    ("HN160", "FE colleges", "post_16", 846, 0.04),
    ("HN161", "Independent specialist post-16 provision", "post_16", 1_165, 0.2),
    ("HN170", "SEN transport (allowable charge)", "transport", 360, 0.0),
    ("HN210", "SEND support service", "support_services", 3_208, 0.03),
    ("HN211", "Educational psychology (non-statutory)", "support_services", 528, 0.0),
    ("HN220", "Virtual school, inclusion and parent partnership", "inclusion", 632, 0.02),
    ("HN280", "Tribunal and legal costs", "tribunal_legal", 420, 0.12),
    ("HN285", "Consultant fees", "consultants", 260, 0.1),
    ("HN290", "Other costs and overheads", "other", 1_002, 0.02),
)
#: What the last complete year spends per live plan, in pounds.
PER_PLAN = 17_000
#: The budget (standing for the allocation) as a share of the year's expected spend.
BUDGETED = 0.92
YEARS = 5
#: The last complete year's allocation as a share of its expected spend.
ALLOCATED = 0.90
#: How much each complete year's allocation grew on the year before, latest first
#: (synthetic, near the high needs block's national growth since 2021-22).
GRANT_GROWTH = (0.05, 0.07, 0.10, 0.11)


def write_money(*, seed: int, la: LocalAuthority, today: date, cases: int) -> None:
    rng = Random(f"{seed}-money")
    current = financial_year(today)
    first, last_full = current - YEARS, current - 1
    months = [
        m for y in range(first, current + 1) for m in fy_months(y) if m < today.replace(day=1)
    ]
    lines = BudgetLine.objects.bulk_create(
        BudgetLine(la=la, code=c, name=n, category=k, s251=CATEGORIES[k].s251)
        for c, n, k, _, _ in LINES
    )
    city_total = sum(spend for *_, spend, _ in LINES)
    scale = cases * PER_PLAN / (city_total * 1000)
    budgets, actuals = [], []
    for line, (*_, spend, growth) in zip(lines, LINES, strict=True):
        for year in range(first, current + 1):
            annual = spend * 1000 * scale * (1 + growth) ** (year - last_full)
            budgets.append(Budget(line=line, year=year, amount=_pounds(annual * BUDGETED)))
            for month in (m for m in months if financial_year(m) == year):
                amount = annual / 12 * rng.gauss(1, 0.05)
                actuals.append(Actual(line=line, month=month, amount=_pounds(amount)))
    Budget.objects.bulk_create(budgets)
    Actual.objects.bulk_create(actuals, batch_size=2000)
    expected = sum(spend * 1000 * scale for *_, spend, _ in LINES)
    _write_allocations(la, last_full, expected * ALLOCATED)
    LedgerMapping.objects.create(
        la=la,
        kind="actuals",
        name="Finance system export",
        columns={"line": "Cost centre", "month": "Period", "amount": "Net"},
    )


def _write_allocations(la: LocalAuthority, last_full: int, latest: float) -> None:
    """An allocation for each of the five complete years, to the nearest £1,000."""
    amounts = [latest]
    for growth in GRANT_GROWTH:
        amounts.append(amounts[-1] / (1 + growth))
    Allocation.objects.bulk_create(
        Allocation(
            la=la,
            year=last_full - back,
            amount=Decimal(int(round(amount, -3))),
            source=f"DfE DSG allocations {fy_label(last_full - back)}",
            recorded_on=date(last_full - back, 4, 15),
        )
        for back, amount in enumerate(amounts)
    )


def _pounds(value: float) -> Decimal:
    return Decimal(round(value))
