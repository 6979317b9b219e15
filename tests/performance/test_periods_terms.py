"""School terms and academic years as reporting periods (``senda.performance.periods``)."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from senda.performance.periods import Period, containing, last, overlapping, parse


@pytest.mark.parametrize(
    ("day", "key", "start", "end", "label"),
    [
        (
            date(2026, 9, 1),
            "2026-27-autumn",
            date(2026, 9, 1),
            date(2026, 12, 31),
            "Autumn term 2026",
        ),
        (
            date(2026, 12, 31),
            "2026-27-autumn",
            date(2026, 9, 1),
            date(2026, 12, 31),
            "Autumn term 2026",
        ),
        (
            date(2027, 1, 1),
            "2026-27-spring",
            date(2027, 1, 1),
            date(2027, 3, 31),
            "Spring term 2027",
        ),
        (
            date(2027, 3, 31),
            "2026-27-spring",
            date(2027, 1, 1),
            date(2027, 3, 31),
            "Spring term 2027",
        ),
        (
            date(2027, 4, 1),
            "2026-27-summer",
            date(2027, 4, 1),
            date(2027, 8, 31),
            "Summer term 2027",
        ),
        (
            date(2027, 8, 31),
            "2026-27-summer",
            date(2027, 4, 1),
            date(2027, 8, 31),
            "Summer term 2027",
        ),
    ],
)
def test_terms_have_fixed_boundaries(day, key, start, end, label) -> None:
    term = containing(day, "term")
    assert (term.key, term.start, term.end, term.label) == (key, start, end, label)
    assert parse(key) == term


def test_an_academic_year_runs_september_to_august_and_names_itself() -> None:
    year = containing(date(2027, 5, 10), "year")
    assert (year.start, year.end, year.key) == (
        date(2026, 9, 1),
        date(2027, 8, 31),
        "2026-27-academic",
    )
    assert year.label == "Academic year 2026 to 2027"
    assert year.long_label == "Academic year 2026 to 2027 (September 2026 to August 2027)"
    assert parse("2026-27-academic") == year
    assert year.previous().key == "2025-26-academic"
    assert year.following().key == "2027-28-academic"


def test_terms_follow_one_another_without_gaps() -> None:
    terms = last(4, "term", date(2027, 5, 1))
    assert [t.key for t in terms] == [
        "2025-26-summer",
        "2026-27-autumn",
        "2026-27-spring",
        "2026-27-summer",
    ]
    for one, two in pairwise(terms):
        assert (two.start - one.end).days == 1
    assert terms[1].long_label == "Autumn term 2026 (September to December 2026)"


def test_a_quarter_touches_the_terms_it_overlaps() -> None:
    q2 = parse("2026-27-q2")  # July to September 2026
    assert [t.key for t in overlapping(q2, "term")] == ["2025-26-summer", "2026-27-autumn"]
    assert [t.key for t in overlapping(parse("2026-27-q4"), "term")] == ["2026-27-spring"]
    assert [p.key for p in overlapping(q2, "month")] == ["2026-07", "2026-08", "2026-09"]


@pytest.mark.parametrize("key", ["2026-28-autumn", "2026-27-winter", "2026-28-academic"])
def test_it_refuses_keys_that_name_no_term_or_year(key) -> None:
    with pytest.raises(ValueError):
        parse(key)


def test_a_term_must_start_on_a_term_day() -> None:
    with pytest.raises(ValueError):
        Period(date(2026, 10, 1), "term")
    with pytest.raises(ValueError):
        Period(date(2026, 1, 1), "year")
