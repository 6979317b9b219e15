"""Which quarter a report is for. Pure: no Django.

A report is written after its quarter ends (a scrutiny committee reads Q2 in the autumn), so
the report opens on the **latest complete quarter**: on 22 November 2026 that is Q2 2026-27
(July to September). The quarter under way may be chosen too: its figures stand as of
today and the report says it is in progress. A quarter that has not started has no report.
"""

from __future__ import annotations

from datetime import date

from senda.performance.periods import Period, containing, last, parse

#: How many quarters the report's choice of quarter offers, the current one included.
CHOICES = 9


def current(today: date) -> Period:
    return containing(today, "quarter")


def default(today: date) -> Period:
    """The latest quarter that has ended."""
    return current(today).previous()


def chosen(key: str | None, today: date) -> Period:
    """The quarter ``key`` names (``2026-27-q3``), or the default one for an empty key.
    ValueError for a key that is not a quarter or a quarter that has not started."""
    if not key:
        return default(today)
    quarter = parse(key)
    if quarter.kind != "quarter":
        raise ValueError(f"{key!r} is a month, not a quarter")
    if quarter.start > today:
        raise ValueError(f"{quarter.label} has not started")
    return quarter


def choices(today: date, count: int = CHOICES) -> list[Period]:
    """The current quarter and the ones before it, newest first."""
    return list(reversed(last(count, "quarter", today)))


def in_progress(quarter: Period, today: date) -> bool:
    return quarter.contains(today)
