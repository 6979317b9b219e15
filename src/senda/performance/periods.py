"""Reporting periods: calendar months and financial-year quarters (April to March).

Pure: no Django. A council's scrutiny report says "Q3 2026-27" for October to December 2026.
Both kinds are written as a key (``2026-11`` for a month, ``2026-27-q3`` for a quarter) that
is used in URLs and stored as the period's first day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Kind = Literal["month", "quarter"]
KINDS: tuple[Kind, ...] = ("month", "quarter")

MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]

_QUARTER_KEY = re.compile(r"^(\d{4})-(\d{2})-q([1-4])$")
_MONTH_KEY = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    """A month or a financial quarter, from ``start`` to ``end`` (both inclusive)."""

    start: date
    kind: Kind

    def __post_init__(self) -> None:
        if self.start.day != 1:
            raise ValueError(f"a period starts on the 1st, not {self.start}")
        if self.kind == "quarter" and self.start.month not in (1, 4, 7, 10):
            raise ValueError(f"a financial quarter starts in Jan, Apr, Jul or Oct: {self.start}")

    @property
    def months(self) -> int:
        return 3 if self.kind == "quarter" else 1

    @property
    def end(self) -> date:
        return _add_months(self.start, self.months) - timedelta(days=1)

    @property
    def financial_year(self) -> int:
        """The year the financial year (April to March) begins in."""
        return self.start.year if self.start.month >= 4 else self.start.year - 1

    @property
    def number(self) -> int:
        """The quarter's number in the financial year (Q1 is April to June)."""
        return (self.start.month - 4) % 12 // 3 + 1

    @property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        fy = self.financial_year
        return f"{fy}-{(fy + 1) % 100:02d}-q{self.number}"

    @property
    def label(self) -> str:
        """``November 2026`` or ``Q3 2026-27``."""
        if self.kind == "month":
            return f"{MONTHS[self.start.month - 1]} {self.start.year}"
        fy = self.financial_year
        return f"Q{self.number} {fy}-{(fy + 1) % 100:02d}"

    @property
    def long_label(self) -> str:
        """``Q3 2026-27 (October to December 2026)``; a month's label for a month."""
        if self.kind == "month":
            return self.label
        first, last = MONTHS[self.start.month - 1], MONTHS[self.end.month - 1]
        span = f"{first} to {last} {self.end.year}"  # a financial quarter is in one year
        return f"{self.label} ({span})"

    def previous(self) -> Period:
        return Period(_add_months(self.start, -self.months), self.kind)

    def following(self) -> Period:
        return Period(_add_months(self.start, self.months), self.kind)

    def year_ago(self) -> Period:
        return Period(_add_months(self.start, -12), self.kind)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def as_of(self, today: date) -> date:
        """The day the period is judged on: its last day, or today while it is running."""
        return min(self.end, today)


def containing(day: date, kind: Kind) -> Period:
    """The month or financial quarter that ``day`` falls in."""
    if kind == "month":
        return Period(day.replace(day=1), "month")
    return Period(date(day.year, (day.month - 1) // 3 * 3 + 1, 1), "quarter")


def parse(key: str) -> Period:
    """The period a key names (``2026-11`` or ``2026-27-q3``); ValueError if none."""
    if found := _QUARTER_KEY.match(key):
        fy, nxt, number = int(found[1]), int(found[2]), int(found[3])
        if (fy + 1) % 100 != nxt:
            raise ValueError(f"{key!r}: a financial year runs from one year to the next")
        month = 3 * (number - 1) + 4
        return Period(date(fy + (month > 12), (month - 1) % 12 + 1, 1), "quarter")
    if found := _MONTH_KEY.match(key):
        year, month = int(found[1]), int(found[2])
        if not 1 <= month <= 12:
            raise ValueError(f"{key!r}: there is no month {month}")
        return Period(date(year, month, 1), "month")
    raise ValueError(f"{key!r} is not a period: write 2026-11 for a month, 2026-27-q3 a quarter")


def last(count: int, kind: Kind, today: date) -> list[Period]:
    """The last ``count`` periods, oldest first; the last one contains ``today``."""
    periods = [containing(today, kind)]
    while len(periods) < count:
        periods.insert(0, periods[0].previous())
    return periods


def ends_between(first: date, last_day: date) -> list[date]:
    """Month ends from ``first`` to ``last_day`` inclusive (the days history is kept for)."""
    days, month = [], first.replace(day=1)
    while month <= last_day:
        end = _add_months(month, 1) - timedelta(days=1)
        if first <= end <= last_day:
            days.append(end)
        month = _add_months(month, 1)
    return days


def history_days(day: date, months: int) -> list[date]:
    """``day`` and the month ends of the ``months`` months before it (the days
    ``senda tick --history-months`` rebuilds)."""
    return sorted({*(p.end for p in last(months + 1, "month", day)[:-1]), day})


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
