"""Reporting periods: calendar months, financial-year quarters (April to March), school
terms and academic years (September to August).

Pure: no Django. A council's scrutiny report says "Q3 2026-27" for October to December 2026.
Every kind is written as a key (``2026-11`` for a month, ``2026-27-q3`` for a quarter,
``2026-27-autumn`` for a term, ``2026-27-academic`` for an academic year) that is used in
URLs and stored as the period's first day.

Terms have fixed boundaries, so that a term's figure never depends on a local area's term
dates or on when Easter falls: the **autumn term** is 1 September to 31 December, the
**spring term** 1 January to 31 March, the **summer term** 1 April to 31 August (the summer
holiday counts with the summer term). An **academic year** is 1 September to 31 August.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Kind = Literal["month", "quarter", "term", "year"]
KINDS: tuple[Kind, ...] = ("month", "quarter", "term", "year")
#: What a period of each kind is called in a sentence ("recorded for a term").
KIND_NAMES: dict[str, str] = {
    "month": "month",
    "quarter": "quarter",
    "term": "school term",
    "year": "academic year",
}
#: How often a value of each kind is recorded, in words a page shows.
EVERY: dict[str, str] = {
    "month": "each month",
    "quarter": "each financial quarter (April to June is Q1)",
    "term": "each school term (autumn: September to December; spring: January to March; "
    "summer: April to August)",
    "year": "each academic year (September to August)",
}
#: Each term by the month it starts in, with its name and length in months.
TERMS: dict[int, tuple[str, int]] = {9: ("autumn", 4), 1: ("spring", 3), 4: ("summer", 5)}

MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]

_QUARTER_KEY = re.compile(r"^(\d{4})-(\d{2})-q([1-4])$")
_MONTH_KEY = re.compile(r"^(\d{4})-(\d{2})$")
_TERM_KEY = re.compile(r"^(\d{4})-(\d{2})-(autumn|spring|summer)$")
_YEAR_KEY = re.compile(r"^(\d{4})-(\d{2})-academic$")


@dataclass(frozen=True, order=True)
class Period:
    """A month, a financial quarter, a school term or an academic year, from ``start`` to
    ``end`` (both inclusive)."""

    start: date
    kind: Kind

    def __post_init__(self) -> None:
        if self.start.day != 1:
            raise ValueError(f"a period starts on the 1st, not {self.start}")
        if self.kind == "quarter" and self.start.month not in (1, 4, 7, 10):
            raise ValueError(f"a financial quarter starts in Jan, Apr, Jul or Oct: {self.start}")
        if self.kind == "term" and self.start.month not in TERMS:
            raise ValueError(f"a term starts in September, January or April: {self.start}")
        if self.kind == "year" and self.start.month != 9:
            raise ValueError(f"an academic year starts in September: {self.start}")

    @property
    def months(self) -> int:
        if self.kind == "term":
            return TERMS[self.start.month][1]
        return {"quarter": 3, "year": 12}.get(self.kind, 1)

    @property
    def end(self) -> date:
        return _add_months(self.start, self.months) - timedelta(days=1)

    @property
    def financial_year(self) -> int:
        """The year the financial year (April to March) begins in."""
        return self.start.year if self.start.month >= 4 else self.start.year - 1

    @property
    def academic_year(self) -> int:
        """The year the academic year (September to August) begins in."""
        return self.start.year if self.start.month >= 9 else self.start.year - 1

    @property
    def term(self) -> str:
        """``autumn``, ``spring`` or ``summer`` (a term only; "" otherwise)."""
        return TERMS[self.start.month][0] if self.kind == "term" else ""

    @property
    def number(self) -> int:
        """The quarter's number in the financial year (Q1 is April to June)."""
        return (self.start.month - 4) % 12 // 3 + 1

    @property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind in ("term", "year"):
            ay = self.academic_year
            return f"{ay}-{(ay + 1) % 100:02d}-{self.term or 'academic'}"
        fy = self.financial_year
        return f"{fy}-{(fy + 1) % 100:02d}-q{self.number}"

    @property
    def label(self) -> str:
        """``November 2026``, ``Q3 2026-27``, ``Autumn term 2026`` or ``Academic year 2026
        to 2027``."""
        if self.kind == "month":
            return f"{MONTHS[self.start.month - 1]} {self.start.year}"
        if self.kind == "term":
            return f"{self.term.capitalize()} term {self.start.year}"
        if self.kind == "year":
            return f"Academic year {self.academic_year} to {self.academic_year + 1}"
        fy = self.financial_year
        return f"Q{self.number} {fy}-{(fy + 1) % 100:02d}"

    @property
    def long_label(self) -> str:
        """``Q3 2026-27 (October to December 2026)``, ``Academic year 2026 to 2027
        (September 2026 to August 2027)``; a month's label for a month."""
        if self.kind == "month":
            return self.label
        first, last = MONTHS[self.start.month - 1], MONTHS[self.end.month - 1]
        if self.start.year == self.end.year:
            span = f"{first} to {last} {self.end.year}"
        else:
            span = f"{first} {self.start.year} to {last} {self.end.year}"
        return f"{self.label} ({span})"

    def previous(self) -> Period:
        return containing(self.start - timedelta(days=1), self.kind)

    def following(self) -> Period:
        return Period(self.end + timedelta(days=1), self.kind)

    def year_ago(self) -> Period:
        return Period(_add_months(self.start, -12), self.kind)

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def as_of(self, today: date) -> date:
        """The day the period is judged on: its last day, or today while it is running."""
        return min(self.end, today)


def containing(day: date, kind: Kind) -> Period:
    """The month, financial quarter, term or academic year that ``day`` falls in."""
    if kind == "month":
        return Period(day.replace(day=1), "month")
    if kind == "term":
        month = 9 if day.month >= 9 else 4 if day.month >= 4 else 1
        return Period(date(day.year, month, 1), "term")
    if kind == "year":
        return Period(date(day.year if day.month >= 9 else day.year - 1, 9, 1), "year")
    return Period(date(day.year, (day.month - 1) // 3 * 3 + 1, 1), "quarter")


def overlapping(period: Period, kind: Kind) -> list[Period]:
    """The periods of ``kind`` that share a day with ``period``, oldest first (the terms a
    quarter touches: Q2, July to September, touches the summer and autumn terms)."""
    found = [containing(period.start, kind)]
    while found[-1].end < period.end:
        found.append(found[-1].following())
    return found


def parse(key: str) -> Period:
    """The period a key names (``2026-11``, ``2026-27-q3``, ``2026-27-autumn`` or
    ``2026-27-academic``); ValueError if none."""
    if found := _QUARTER_KEY.match(key):
        fy, nxt, number = int(found[1]), int(found[2]), int(found[3])
        if (fy + 1) % 100 != nxt:
            raise ValueError(f"{key!r}: a financial year runs from one year to the next")
        month = 3 * (number - 1) + 4
        return Period(date(fy + (month > 12), (month - 1) % 12 + 1, 1), "quarter")
    if found := _TERM_KEY.match(key) or _YEAR_KEY.match(key):
        ay, nxt = int(found[1]), int(found[2])
        if (ay + 1) % 100 != nxt:
            raise ValueError(f"{key!r}: an academic year runs from one year to the next")
        if key.endswith("academic"):
            return Period(date(ay, 9, 1), "year")
        month = {"autumn": 9, "spring": 1, "summer": 4}[found[3]]
        return Period(date(ay + (month < 9), month, 1), "term")
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
