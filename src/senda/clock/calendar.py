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


def working_days_before(calendar: WorkingDayCalendar, end: date, days: int) -> date:
    """The ``days``-th working day before ``end`` (``end`` itself does not count)."""
    found = end
    while days > 0:
        found -= timedelta(days=1)
        if calendar.is_working_day(found):
            days -= 1
    return found


class TribunalCalendar:
    """The SEND Tribunal's working days: a calendar's working days, leaving out 25 December
    to 1 January and every day in August, which HESC Rules 2008 r12(3)(b) says are not
    taken into account when counting the time for any act but sending an appeal."""

    def __init__(self, base: WorkingDayCalendar) -> None:
        self.base = base

    def is_working_day(self, day: date) -> bool:
        if day.month == 8 or (day.month == 12 and day.day >= 25) or (day.month, day.day) == (1, 1):
            return False
        return self.base.is_working_day(day)

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th tribunal working day after ``start`` (``start`` does not count)."""
        found = start
        while days > 0:
            found += timedelta(days=1)
            if self.is_working_day(found):
                days -= 1
        return found
