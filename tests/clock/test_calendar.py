"""Working days: weekends and England & Wales bank holidays from the ``holidays`` package."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from clock_cases import d, ev, one

from senda.clock import BankHolidayCalendar, england_and_wales, evaluate
from senda.clock.calendar import WorkingDayCalendar


@pytest.fixture
def cal() -> BankHolidayCalendar:
    return BankHolidayCalendar()


@pytest.mark.parametrize(
    ("day", "why"),
    [
        ("2022-09-19", "state funeral of Queen Elizabeth II (one-off)"),
        ("2023-05-08", "coronation of King Charles III (one-off)"),
        ("2022-06-02", "platinum jubilee: moved spring bank holiday"),
        ("2022-06-03", "platinum jubilee (one-off)"),
        ("2021-12-27", "Christmas Day on a Saturday: substitute Monday"),
        ("2021-12-28", "Boxing Day on a Sunday: substitute Tuesday"),
        ("2022-12-26", "Boxing Day (Monday)"),
        ("2022-12-27", "Christmas Day on a Sunday: substitute Tuesday"),
        ("2026-12-28", "Boxing Day on a Saturday: substitute Monday"),
        ("2026-04-03", "Good Friday"),
        ("2026-04-06", "Easter Monday"),
        ("2026-05-04", "early May bank holiday"),
        ("2026-05-25", "spring bank holiday"),
        ("2026-08-31", "summer bank holiday (England, not Scotland's August date)"),
        ("2027-01-01", "New Year's Day"),
    ],
)
def test_bank_holidays_are_not_working_days(cal: BankHolidayCalendar, day: str, why: str) -> None:
    assert d(day).weekday() < 5, why
    assert not cal.is_working_day(d(day)), why


@pytest.mark.parametrize(
    ("day", "why"),
    [
        ("2026-01-02", "2 January is a Scottish holiday only"),
        ("2026-03-17", "St Patrick's Day is a Northern Irish holiday only"),
        ("2026-07-13", "Battle of the Boyne (observed) is a Northern Irish holiday only"),
        ("2026-08-03", "Scotland's summer bank holiday only"),
        ("2026-11-30", "St Andrew's Day (observed) is a Scottish holiday only"),
        ("2026-12-24", "Christmas Eve is an ordinary working day"),
        ("2026-03-04", "an ordinary Wednesday"),
    ],
)
def test_other_nations_holidays_are_working_days(
    cal: BankHolidayCalendar, day: str, why: str
) -> None:
    assert cal.is_working_day(d(day)), why


def test_weekends_are_never_working_days(cal: BankHolidayCalendar) -> None:
    start = d("2026-01-03")  # a Saturday
    for week in range(60):
        saturday = start + timedelta(weeks=week)
        assert not cal.is_working_day(saturday)
        assert not cal.is_working_day(saturday + timedelta(days=1))


def test_holidays_come_from_the_maintained_package(cal: BankHolidayCalendar) -> None:
    import holidays

    table = holidays.country_holidays("GB", subdiv="ENG", years=2026)
    assert cal.holidays_in(2026) == frozenset(table)
    # Eight weekday bank holidays (Boxing Day falls on Saturday 26 Dec, substitute 28 Dec).
    assert len([day for day in cal.holidays_in(2026) if day.weekday() < 5]) == 8


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2026-03-04", 0, "2026-03-04"),  # nothing to add
        ("2026-03-04", 1, "2026-03-05"),
        ("2026-03-04", 5, "2026-03-11"),  # Wed → Wed across one weekend
        ("2026-03-06", 1, "2026-03-09"),  # Fri → Mon
        ("2026-03-07", 1, "2026-03-09"),  # from a Saturday
        ("2026-04-02", 1, "2026-04-07"),  # Thu before Easter → Tue after
        ("2026-04-02", 5, "2026-04-13"),
        ("2026-03-30", 5, "2026-04-08"),  # Easter week
        ("2026-12-24", 1, "2026-12-29"),  # Christmas Fri, Boxing Day substitute Mon
        ("2026-12-23", 5, "2027-01-04"),  # over Christmas and New Year into 2027
        ("2022-09-16", 1, "2022-09-20"),  # over the state funeral
        ("2023-05-05", 1, "2023-05-09"),  # over the coronation
    ],
)
def test_add_working_days(cal: BankHolidayCalendar, start: str, days: int, expected: str) -> None:
    assert cal.add_working_days(d(start), days) == d(expected)
    # Cached answers are the same answers.
    assert cal.add_working_days(d(start), days) == d(expected)


def test_add_working_days_lands_on_a_working_day_after_start(cal: BankHolidayCalendar) -> None:
    start = d("2026-12-01")
    for days in range(1, 30):
        found = cal.add_working_days(start, days)
        assert found > start
        assert cal.is_working_day(found)
        between = [start + timedelta(days=n) for n in range(1, (found - start).days + 1)]
        assert sum(cal.is_working_day(day) for day in between) == days


def test_extra_holidays_are_added_to_the_package_ones() -> None:
    cal = BankHolidayCalendar(extra_holidays=frozenset({d("2026-03-05"), d("2027-03-05")}))
    assert not cal.is_working_day(d("2026-03-05"))
    assert not cal.is_working_day(d("2026-04-03"))  # still Good Friday
    assert cal.add_working_days(d("2026-03-04"), 1) == d("2026-03-06")
    assert d("2027-03-05") in cal.holidays_in(2027)
    assert d("2027-03-05") not in cal.holidays_in(2026)


def test_the_default_calendar_is_shared_and_is_england_and_wales() -> None:
    assert england_and_wales() is england_and_wales()
    assert isinstance(england_and_wales(), BankHolidayCalendar)
    assert not england_and_wales().is_working_day(d("2022-09-19"))


class EveryDayWorks:
    """A custom calendar: no weekends, no holidays."""

    def is_working_day(self, day: date) -> bool:
        return True

    def add_working_days(self, start: date, days: int) -> date:
        return start + timedelta(days=days)


def test_a_custom_calendar_can_be_passed_to_evaluate() -> None:
    custom: WorkingDayCalendar = EveryDayWorks()
    meeting = ev("review_meeting", "2026-04-02")  # Thursday before Easter
    assert one(evaluate([meeting], d("2026-04-02")), "review-logged").due == d("2026-04-13")
    rows = evaluate([meeting], d("2026-04-02"), calendar=custom)
    assert one(rows, "review-logged").due == d("2026-04-07")
    # The statutory (calendar-day) rules do not depend on the calendar.
    assert one(rows, "review-report").due == d("2026-04-16")
