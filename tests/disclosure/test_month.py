"""The statutory month of a subject access request, counted as the ICO says."""

from __future__ import annotations

from datetime import date

import pytest

from senda.disclosure.month import due_on, extended_due_on

pytestmark = pytest.mark.once


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 9, 3), date(2026, 10, 5)),  # 3 October 2026 is a Saturday → Monday
        (date(2026, 11, 4), date(2026, 12, 4)),  # the same date next month
        (date(2027, 1, 31), date(2027, 3, 1)),  # no 31 Feb: the 28th, a Sunday → Monday
        (date(2026, 1, 30), date(2026, 3, 2)),  # 28 Feb 2026 is a Saturday → Monday 2 March
        (date(2026, 11, 25), date(2026, 12, 29)),  # 25 Dec, 26 Dec (Sat), 28 Dec: bank holidays
    ],
)
def test_it_counts_to_the_same_date_next_month_or_the_next_working_day(received, due):
    assert due_on(received) == due


def test_an_extension_adds_two_further_months():
    assert extended_due_on(date(2026, 11, 4)) == date(2027, 2, 4)
    assert extended_due_on(date(2026, 11, 30)) == date(2027, 3, 1)  # 28 Feb 2027 is a Sunday
