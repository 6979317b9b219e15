"""English school years: one cohort is everyone born 1 September to 31 August."""

from __future__ import annotations

from datetime import date


def academic_year_start(on: date) -> int:
    """The calendar year in which the academic year containing ``on`` began (1 September)."""
    return on.year if on.month >= 9 else on.year - 1


def year_group(date_of_birth: date, on: date) -> int:
    """The national curriculum year group on ``on``: 0 is Reception, 1 is Year 1, …

    Reception is the academic year in which the child turns 5, so a child aged 5 on the
    31 August before the year starts is in Year 1. Below 0 is nursery and earlier (-1 is
    the year in which the child turns 4); 12 and 13 are sixth form; above 13 is further
    education or training up to age 25.
    """
    start = academic_year_start(on)
    age_on_31_august = (
        start - date_of_birth.year - ((date_of_birth.month, date_of_birth.day) > (8, 31))
    )
    return age_on_31_august - 4
