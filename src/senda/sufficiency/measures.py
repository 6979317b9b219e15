"""The High Needs ledger's KPI, computed by ``senda tick`` from the ledger and the register
(``catalogue/partnership.py``), shaped as ``senda.casework.scrutiny``'s measures.

    from senda.sufficiency import measures
    found = measures.count("hnb-spend-per-plan", la, start, end, as_of)
    found.numerator  # whole pounds

Spend per plan is the ledger's spend in the twelve months up to the day judged (the months
that began on or before it) over the EHC plans the area maintained that day. No cases are
listed behind it: it is money over a count of plans in the hundreds, not a few children.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from senda.casework.scrutiny import Found, judged, plans_maintained, pounds
from senda.people.models import LocalAuthority
from senda.sufficiency.models import Actual

Measure = Callable[[LocalAuthority, date, date, date], Found]


def spend_in_year_to(la: LocalAuthority, day: date) -> Decimal:
    """The ledger's spend in the twelve months whose first day is on or before ``day``."""
    last = day.replace(day=1)
    first = last.replace(year=last.year - 1, month=last.month % 12 + 1)
    if last.month == 12:
        first = last.replace(month=1)
    total = (
        Actual.objects.of_area(la.pk)
        .filter(month__gte=first, month__lte=last)
        .aggregate(total=Sum("amount"))["total"]
    )
    return total or Decimal(0)


def spend_per_plan(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    plans = plans_maintained(la, day)
    amount = pounds(spend_in_year_to(la, day) / plans) if plans else 0
    return Found((), rate=False, amount=amount)


MEASURES: dict[str, Measure] = {"hnb-spend-per-plan": spend_per_plan}


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return MEASURES[name](la, start, end, as_of)
