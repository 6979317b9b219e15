"""The timescale reader: a table of the plans' own phrases → dates, or unresolved."""

from __future__ import annotations

from datetime import date

import pytest

from senda.improvement.timescales import read

TODAY = date(2026, 1, 15)
D = date

# phrase → (starts_on, ends_on)
RESOLVED = {
    "Sept 25 – Sep 26": (D(2025, 9, 1), D(2026, 9, 30)),
    "Dec 26": (None, D(2026, 12, 31)),
    "Jan to Dec 26": (D(2026, 1, 1), D(2026, 12, 31)),
    "June–Dec 26": (D(2026, 6, 1), D(2026, 12, 31)),
    "By July 27 (then ongoing refresh through 28)": (None, D(2027, 7, 31)),
    "February - March 26": (D(2026, 2, 1), D(2026, 3, 31)),
    "Ongoing through 26-28": (D(2026, 1, 1), D(2028, 12, 31)),
    "April 2026": (None, D(2026, 4, 30)),
    "Q3 2026": (None, D(2026, 9, 30)),
    "31/03/2026": (None, D(2026, 3, 31)),
    "31/03/26": (None, D(2026, 3, 31)),
    "2026-03-31": (None, D(2026, 3, 31)),
    "31 March 2026": (None, D(2026, 3, 31)),
    "2026": (None, D(2026, 12, 31)),
    "2026-2028": (D(2026, 1, 1), D(2028, 12, 31)),
    "2026 to 2027": (D(2026, 1, 1), D(2027, 12, 31)),
    "Sep. 2025 — Mar 2026": (D(2025, 9, 1), D(2026, 3, 31)),
    "SEPTEMBER 2025 until march 2026": (D(2025, 9, 1), D(2026, 3, 31)),
    "sept 25 to sept. 26": (D(2025, 9, 1), D(2026, 9, 30)),
    "Nov - Feb 27": (D(2026, 11, 1), D(2027, 2, 28)),
    "Feb 28": (None, D(2028, 2, 29)),
    "from April 2026": (D(2026, 4, 1), None),
    "From Jan to Mar 2026": (D(2026, 1, 1), D(2026, 3, 31)),
    "by March 2026": (None, D(2026, 3, 31)),
    "By 31/03/2027": (None, D(2027, 3, 31)),
    "until 31 March 2027": (None, D(2027, 3, 31)),
    "end of March 2026": (None, D(2026, 3, 31)),
    "Ongoing from Sept 26": (D(2026, 9, 1), None),
    "01/04/2026 - 31/03/2027": (D(2026, 4, 1), D(2027, 3, 31)),
    "Q1 2026 – Q2 2026": (D(2026, 1, 1), D(2026, 6, 30)),
    "  jan   TO   dec 26  ": (D(2026, 1, 1), D(2026, 12, 31)),
    # School terms: the months each falls in (spring ends in the month of Easter).
    "Summer term 2026": (None, D(2026, 7, 31)),
    "Autumn term 25": (None, D(2025, 12, 31)),
    "Spring term 2027": (None, D(2027, 3, 31)),  # Easter 2027 is 28 March
    "Spring term 2026": (None, D(2026, 4, 30)),  # Easter 2026 is 5 April
    "by the end of the summer term 2026": (None, D(2026, 7, 31)),
    "End of Autumn Term 2026": (None, D(2026, 12, 31)),
    "from autumn term 2026": (D(2026, 9, 1), None),
    "Autumn term 2026 – Summer term 2027": (D(2026, 9, 1), D(2027, 7, 31)),
    # Academic and financial years, when the plan says which.
    "academic year 2026/27": (D(2026, 9, 1), D(2027, 8, 31)),
    "2026-27 academic year": (D(2026, 9, 1), D(2027, 8, 31)),
    "AY 26/27": (D(2026, 9, 1), D(2027, 8, 31)),
    "Financial year 2026/27": (D(2026, 4, 1), D(2027, 3, 31)),
    "FY 26-27": (D(2026, 4, 1), D(2027, 3, 31)),
}

UNRESOLVED = [
    "",
    "   ",
    "TBC",
    "tbd",
    "ongoing",
    "Ongoing",
    "Spring 2027",
    "Summer 2026",
    "Autumn half term 2026",
    "Summer term",
    "academic year 2026/28",
    "financial year 2026",
    "2026/27",
    "2026-27",
    "26-27",
    "Q3 2026/27",
    "31/02/2026",
    "Dec 1926",
    "Dec 2099",
    "Dec 26 – Jan 26",
    "by Jan to Dec 26",
    "Jan",
    "Jan to 2026",
    "Sept 25th",
    "next year",
    "As soon as possible",
    "March 2026 and September 2026",
    "Jan - Mar - Jun 26",
    "26",
    "Q5 2026",
]


@pytest.mark.parametrize("phrase,expected", RESOLVED.items(), ids=list(RESOLVED))
def test_it_reads_a_documented_phrase(phrase, expected):
    found = read(phrase, today=TODAY)
    assert found.resolved
    assert (found.starts_on, found.ends_on) == expected
    assert found.text == phrase


@pytest.mark.parametrize("phrase", UNRESOLVED)
def test_it_never_guesses_an_unreadable_phrase(phrase):
    found = read(phrase, today=TODAY)
    assert not found.resolved
    assert (found.starts_on, found.ends_on) == (None, None)
    assert found.text == phrase
    assert found.note  # says why, for the person who resolves it


def test_it_keeps_words_in_brackets_as_the_note():
    found = read("By July 27 (then ongoing refresh through 28)", today=TODAY)
    assert found.note == "then ongoing refresh through 28"


def test_it_notes_ongoing_and_how_a_span_of_years_was_read():
    found = read("Ongoing through 26-28", today=TODAY)
    assert found.note == "Ongoing; read as the years 2026 to 2028"


def test_it_notes_that_quarters_are_calendar_quarters():
    assert "calendar quarter" in read("Q3 2026", today=TODAY).note


def test_it_notes_how_a_school_term_was_read():
    assert "summer April–July" in read("Summer term 2026", today=TODAY).note


def test_it_notes_an_academic_year():
    assert read("AY 26/27", today=TODAY).note == "read as the academic year 2026/27"


def test_it_says_why_seasons_half_terms_and_unnamed_years_are_not_read():
    assert 'write it as a term ("Spring term 2027")' in read("Spring 2027", today=TODAY).note
    assert "Half terms differ" in read("Autumn half term 2026", today=TODAY).note
    assert "financial or an academic year" in read("2026/27", today=TODAY).note
    assert "ends before it starts" in read("Dec 26 – Jan 26", today=TODAY).note


def test_it_judges_a_year_against_today():
    assert not read("Dec 2045", today=TODAY).resolved
    assert read("Dec 2045", today=date(2040, 1, 1)).resolved
