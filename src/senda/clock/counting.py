"""Counting rules from the statutory-timescales catalogue.

- "within N weeks of X": X + 7·N calendar days.
- "within N months of X": the same date N months later; a day the month lacks falls back to
  its last day (29 Feb 2024 + 12 months = 28 Feb 2025).
- "at least N days beginning with the day of service": the window closes on X + (N − 1).
- "at least 2 weeks before the meeting": at the latest meeting − 14 days.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

#: Precomputed spans (the common case is hot in bulk evaluation).
WEEKS = tuple(timedelta(days=7 * n) for n in range(53))


def add_weeks(start: date, weeks: int) -> date:
    return start + (WEEKS[weeks] if 0 <= weeks < 53 else timedelta(days=7 * weeks))


def add_months(start: date, months: int) -> date:
    years, month0 = divmod(start.month - 1 + months, 12)
    year, month = start.year + years, month0 + 1
    if start.day <= 28:
        return date(year, month, start.day)
    return date(year, month, min(start.day, monthrange(year, month)[1]))


def window_close(served: date, days: int) -> date:
    """Last day of a period of at least ``days`` days beginning with the day of service."""
    return served + timedelta(days=days - 1)


def weeks_before(event: date, weeks: int) -> date:
    """The latest day that is at least ``weeks`` weeks before ``event``."""
    return event - (WEEKS[weeks] if 0 <= weeks < 53 else timedelta(days=7 * weeks))
