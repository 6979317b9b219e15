"""Suppression of small numbers (``senda.performance.suppress``) and its threshold setting."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from senda.performance.suppress import DEFAULT_THRESHOLD, Cell, primary, small, table, variant


def test_it_hides_counts_from_one_to_the_threshold_minus_one() -> None:
    assert DEFAULT_THRESHOLD == 5
    assert [small(n) for n in range(7)] == [False, True, True, True, True, False, False]
    assert small(None) is False
    assert small(9, threshold=10) and not small(10, threshold=10)
    assert not small(1, threshold=1)  # a threshold of 1 hides nothing


def test_it_hides_a_rate_whose_numerator_denominator_or_difference_is_small() -> None:
    assert primary(Cell(2, 40))  # two on time
    assert primary(Cell(38, 40))  # two not on time
    assert primary(Cell(3, 3))  # three children in all
    assert not primary(Cell(0, 40))  # zero identifies nobody
    assert not primary(Cell(40, 40))
    assert not primary(Cell(20, 40))
    assert not primary(None)


def test_it_hides_a_variant_from_which_a_small_difference_could_be_worked_out() -> None:
    # 107 of 159 beside 100 of 150: 7 of 9 exception cases, so 2 were missed
    assert variant(Cell(100, 150), Cell(107, 159))
    assert variant(Cell(100, 150), Cell(102, 160))  # 2 exception cases met it
    assert variant(Cell(100, 150), Cell(110, 153))  # 3 exception cases in all
    assert variant(Cell(100, 150), Cell(103, 153))  # 3 exception cases, all met it
    assert variant(Cell(30), Cell(33))  # a count: 3 more
    assert variant(Cell(2, 40), Cell(20, 60))  # hidden beside a hidden figure
    assert variant(Cell(100, 150), Cell(100, 152))  # 2 exception cases, none met it


def test_it_shows_a_variant_whose_added_cases_are_none_or_many() -> None:
    assert not variant(Cell(100, 150), Cell(110, 170))  # 10 met, 10 did not
    assert not variant(Cell(100, 150), Cell(100, 150))  # no exception cases
    assert not variant(Cell(100, 150), Cell(100, 160))  # 10, none met
    assert not variant(Cell(30), Cell(40))
    assert not variant(Cell(100, 150), None)
    assert not variant(None, Cell(100, 150))


def test_it_hides_a_plain_count_only_for_itself() -> None:
    assert primary(Cell(4)) and not primary(Cell(5)) and not primary(Cell(0))


def test_it_hides_a_second_row_so_the_first_cannot_be_worked_out_by_subtraction() -> None:
    # 30 in all: 20 + 7 + 3. Showing 30, 20 and 7 would give the 3 away.
    hidden = table(Cell(30), [Cell(20), Cell(7), Cell(3)])
    assert hidden.total is False
    assert hidden.rows == (False, True, True)  # the smallest shown row (7) goes too


def test_it_hides_nothing_more_when_two_rows_are_already_hidden() -> None:
    assert table(Cell(30), [Cell(24), Cell(3), Cell(3)]).rows == (False, True, True)


def test_it_does_secondary_suppression_on_each_count_of_a_rate() -> None:
    # numerators 3 | 20 | 7 and denominators 10 | 50 | 40: only the first is small
    hidden = table(Cell(30, 100), [Cell(3, 10), Cell(20, 50), Cell(7, 40)])
    assert hidden.rows == (True, False, True)  # 40 cases is the smallest shown row


def test_it_treats_what_the_rows_do_not_account_for_as_a_hidden_part() -> None:
    # 30 in all, rows 20 + 7: the 3 with no member would be given away
    assert table(Cell(30), [Cell(20), Cell(7)]).rows == (False, True)
    # rows 20 + 10 account for everything, nothing small: all shown
    assert table(Cell(30), [Cell(20), Cell(10)]).rows == (False, False)
    # one hidden row plus an unaccounted 6: two hidden parts, neither can be told
    assert table(Cell(30), [Cell(20), Cell(4)]).rows == (False, True)


def test_it_needs_no_secondary_suppression_when_the_total_is_hidden() -> None:
    hidden = table(Cell(3), [Cell(2), Cell(1), Cell(0)])
    assert hidden.total is True
    assert hidden.rows == (True, True, False)


def test_it_does_no_secondary_suppression_without_a_total() -> None:
    assert table(None, [Cell(20), Cell(3)]).rows == (False, True)


def test_it_stops_when_every_row_is_hidden() -> None:
    assert table(Cell(7), [Cell(3), Cell(4)]).rows == (True, True)
    assert table(Cell(10), [Cell(6), Cell(4)]).rows == (True, True)


def test_it_skips_rows_without_a_figure() -> None:
    assert table(Cell(30), [None, Cell(27), Cell(3)]).rows == (False, True, True)


def test_it_never_leaves_exactly_one_hidden_row_under_a_shown_total() -> None:
    """Property check over many small breakdowns (counts 0..12, two to four rows)."""
    import itertools

    for size in (2, 3, 4):
        for counts in itertools.product(range(0, 13, 3), repeat=size):
            rows = [Cell(c) for c in counts]
            hidden = table(Cell(sum(counts)), rows)
            if hidden.total:
                continue
            assert sum(hidden.rows) != 1 or counts[hidden.rows.index(True)] == 0, counts


def test_its_threshold_is_the_setting(settings) -> None:
    from senda.performance.status_shown import threshold

    assert threshold() == 5
    settings.SENDA_SUPPRESS_BELOW = 10
    assert threshold() == 10


@pytest.mark.parametrize(("raw", "ok"), [("3", True), ("0", False), ("five", False)])
def test_its_setting_comes_from_the_environment_and_fails_loudly(raw: str, ok: bool) -> None:
    env = {**os.environ, "SENDA_SUPPRESS_BELOW": raw, "DJANGO_SETTINGS_MODULE": "senda.settings"}
    script = "from django.conf import settings; print(settings.SENDA_SUPPRESS_BELOW)"
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert (done.returncode == 0) is ok, done.stderr
    if ok:
        assert done.stdout.strip() == raw
    else:
        assert "SENDA_SUPPRESS_BELOW" in done.stderr


def test_its_setting_is_documented() -> None:
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs"
    assert "`SENDA_SUPPRESS_BELOW` | `5`" in (docs / "env.md").read_text()
    assert "SENDA_SUPPRESS_BELOW" in (docs / "suppression.md").read_text()
