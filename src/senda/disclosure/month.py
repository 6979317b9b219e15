"""The statutory month of a subject access request (UK GDPR Art. 12(3)): one month from
the day it is received, extendable by two further months.

The ICO's guidance on the right of access counts the month from the day of receipt
(whether a working day or not) to the corresponding calendar date of the next month; when
the next month has no such date, to its last day; when that day is a weekend or a bank
holiday, to the next working day. Pure: plain dates and a working-day calendar.
"""

from __future__ import annotations

from datetime import date

from senda.clock.calendar import WorkingDayCalendar, england_and_wales
from senda.clock.counting import add_months


def _working(day: date, calendar: WorkingDayCalendar) -> date:
    while not calendar.is_working_day(day):
        day = date.fromordinal(day.toordinal() + 1)
    return day


def due_on(received: date, calendar: WorkingDayCalendar | None = None) -> date:
    """The last day to answer a request received on ``received``: 3 September → 3 October;
    31 January → 28 (or 29) February; a Saturday → the Monday after."""
    return _working(add_months(received, 1), calendar or england_and_wales())


def extended_due_on(received: date, calendar: WorkingDayCalendar | None = None) -> date:
    """The last day once extended by two further months (complex or numerous requests)."""
    return _working(add_months(received, 3), calendar or england_and_wales())
