"""Working days: Monday to Friday except England & Wales bank holidays.

The bank holidays come from the maintained ``holidays`` package (England subdivision of
the United Kingdom, which England and Wales share), never from a hand-typed list.
A calendar is passed to the clock as an argument so tests can use their own.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Protocol


class WorkingDayCalendar(Protocol):
    def is_working_day(self, day: date) -> bool: ...

    def add_working_days(self, start: date, days: int) -> date: ...


class BankHolidayCalendar:
    """Working days in England and Wales; bank holidays are loaded a year at a time."""

    def __init__(self, extra_holidays: frozenset[date] = frozenset()) -> None:
        self._extra = extra_holidays
        self._years: dict[int, frozenset[date]] = {}
        self._added: dict[tuple[date, int], date] = {}

    def holidays_in(self, year: int) -> frozenset[date]:
        found = self._years.get(year)
        if found is None:
            import holidays  # deferred: `senda deadlines` starts fast when no rule needs it

            table = holidays.country_holidays("GB", subdiv="ENG", years=year)
            found = frozenset(table.keys()) | {d for d in self._extra if d.year == year}
            self._years[year] = found
        return found

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays_in(day.year)

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (``start`` itself does not count)."""
        key = (start, days)
        found = self._added.get(key)
        if found is None:
            found = start
            remaining = days
            while remaining > 0:
                found += timedelta(days=1)
                if self.is_working_day(found):
                    remaining -= 1
            self._added[key] = found
        return found


@lru_cache(maxsize=1)
def england_and_wales() -> BankHolidayCalendar:
    """The shared default calendar (its caches are per process)."""
    return BankHolidayCalendar()
