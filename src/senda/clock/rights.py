"""When a child's rights pass to them: the end of compulsory school age.

Education Act 1996 s8(3): a person ceases to be of compulsory school age at the end of the
school leaving date (the last Friday in June, Education (School Leaving Date) Order 1997)
of the school year in which they turn 16 — so a child whose 16th birthday falls in July or
August stops being of compulsory school age on the last Friday in June before it. From the
next day they are a "young person" (CFA 2014 s83(2)) and the rights in Part 3 are theirs.
Computed from the date of birth; never typed.
"""

from __future__ import annotations

from datetime import date, timedelta


def last_friday_in_june(year: int) -> date:
    """The school leaving date of ``year``."""
    day = date(year, 6, 30)
    return day - timedelta(days=(day.weekday() - 4) % 7)


def _sixteenth_birthday(date_of_birth: date) -> date:
    try:
        return date_of_birth.replace(year=date_of_birth.year + 16)
    except ValueError:  # born 29 February: 16 on 1 March in a common year
        return date(date_of_birth.year + 16, 3, 1)


def end_of_compulsory_school_age(date_of_birth: date) -> date:
    """The last day of compulsory school age (EA 1996 s8(3)): the last Friday in June of
    the school year (1 September – 31 August) in which the child turns 16."""
    birthday = _sixteenth_birthday(date_of_birth)
    school_year_end = birthday.year + 1 if birthday.month >= 9 else birthday.year
    return last_friday_in_june(school_year_end)


def rights_transfer_date(date_of_birth: date) -> date:
    """The first day on which the young person holds the rights: the day after the end of
    compulsory school age."""
    return end_of_compulsory_school_age(date_of_birth) + timedelta(days=1)


def is_young_person(date_of_birth: date | None, today: date) -> bool:
    """Whether the rights have passed to the child by ``today`` (False without a birth
    date: a parent keeps acting until the date is known)."""
    return date_of_birth is not None and today >= rights_transfer_date(date_of_birth)
