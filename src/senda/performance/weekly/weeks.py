"""Dashboard weeks: Monday to Sunday; "this week" is the week containing today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

TREND_WEEKS = 12


@dataclass(frozen=True, order=True)
class Week:
    """The week beginning ``start`` (a Monday) and ending the Sunday after."""

    start: date

    def __post_init__(self) -> None:
        if self.start.weekday() != 0:
            raise ValueError(f"a week starts on a Monday, not {self.start:%A %Y-%m-%d}")

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    def as_of(self, today: date) -> date:
        """The day the week is judged on: its Sunday, or today while the week is running."""
        return min(self.end, today)

    def previous(self) -> Week:
        return Week(self.start - timedelta(days=7))

    def following(self) -> Week:
        return Week(self.start + timedelta(days=7))


def week_of(day: date) -> Week:
    """The Monday-to-Sunday week containing ``day``."""
    return Week(day - timedelta(days=day.weekday()))


def trend(today: date, count: int = TREND_WEEKS) -> list[Week]:
    """The last ``count`` weeks, oldest first; the last is this week (containing today)."""
    this_week = week_of(today)
    return [Week(this_week.start - timedelta(days=7 * n)) for n in range(count - 1, -1, -1)]
