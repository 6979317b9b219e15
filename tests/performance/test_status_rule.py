"""The status rule (``senda.performance.status_rule``): pure, no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.performance.status_rule import LABELS, RULE, Plan, Point, derive, expected

D = Decimal

#: Reviews on time: 25% (2024) → 40% Sept 2026 → 70–75% 2027 → 95–100% 2028.
REVIEWS = Plan(
    baseline_value=D(25),
    baseline_on=date(2024, 12, 31),
    points=(
        Point(date(2026, 9, 30), D(40)),
        Point(date(2027, 12, 31), D(70), D(75), "target"),
        Point(date(2028, 12, 31), D(95), D(100), "target"),
    ),
    tolerance=D(5),
)

#: Overdue reviews (a count, lower is better): 120 → 60 by March 2027 → 0–10 by March 2028.
OVERDUE = Plan(
    baseline_value=D(120),
    baseline_on=date(2025, 3, 31),
    points=(
        Point(date(2027, 3, 31), D(60)),
        Point(date(2028, 3, 31), D(0), D(10), "target"),
    ),
    tolerance=D(10),
)


def test_it_interpolates_in_a_straight_line_between_points() -> None:
    # 40 + 30 × 92 / 457 days
    assert expected(REVIEWS, date(2026, 12, 31)) == D("46.0")
    # halfway from the baseline (25, 2024-12-31) to 40 on 2026-09-30 (638 days): day 319
    assert expected(REVIEWS, date(2025, 11, 15)) == D("32.5")


def test_it_expects_the_baseline_before_it_and_the_last_point_after_the_end() -> None:
    assert expected(REVIEWS, date(2023, 1, 1)) == D("25.0")
    assert expected(REVIEWS, date(2024, 12, 31)) == D("25.0")
    assert expected(REVIEWS, date(2030, 1, 1)) == D("95.0")


def test_it_expects_exactly_a_points_value_on_its_day() -> None:
    assert expected(REVIEWS, date(2026, 9, 30)) == D("40.0")
    assert expected(REVIEWS, date(2027, 12, 31)) == D("70.0")


def test_it_uses_a_ranges_low_end_when_higher_is_better_and_high_end_otherwise() -> None:
    assert expected(REVIEWS, date(2028, 12, 31), higher_is_better=True) == D("95.0")
    assert expected(REVIEWS, date(2028, 12, 31), higher_is_better=False) == D("100.0")
    assert expected(OVERDUE, date(2028, 3, 31), higher_is_better=False) == D("10.0")


def test_it_orders_points_by_date_whatever_order_they_are_given() -> None:
    shuffled = Plan(REVIEWS.baseline_value, REVIEWS.baseline_on, REVIEWS.points[::-1])
    assert expected(shuffled, date(2026, 12, 31)) == D("46.0")


def test_it_is_establishing_without_a_baseline_or_a_point() -> None:
    on = date(2026, 12, 31)
    assert derive(None, D(50), on, True).status == "establishing"
    no_baseline = Plan(None, None, REVIEWS.points)
    assert derive(no_baseline, D(50), on, True).status == "establishing"
    no_points = Plan(D(25), date(2024, 12, 31), ())
    assert derive(no_points, D(50), on, True).status == "establishing"
    assert expected(no_points, on) is None


def test_it_is_no_data_without_a_value() -> None:
    derived = derive(REVIEWS, None, date(2026, 12, 31), True)
    assert derived.status == "no-data"
    assert derived.expected == D("46.0")


def test_it_is_complete_when_the_final_target_is_met_early() -> None:
    derived = derive(REVIEWS, D(95), date(2026, 12, 31), True, unit="percent")
    assert derived.status == "complete"
    assert derived.reason == "95% meets the final target of 95%."


def test_it_is_not_complete_for_meeting_a_milestone_or_an_earlier_target() -> None:
    assert derive(REVIEWS, D(75), date(2026, 12, 31), True).status == "on-target"


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("46.0", "on-target"),  # exactly expected
        ("60.0", "on-target"),
        ("45.9", "close"),
        ("41.0", "close"),  # behind by exactly the tolerance
        ("40.9", "off"),  # just beyond it
        ("10.0", "off"),
    ],
)
def test_it_compares_with_the_expected_value_and_the_tolerance(value: str, status: str) -> None:
    assert derive(REVIEWS, D(value), date(2026, 12, 31), True).status == status


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("10", "complete"),  # at most the range's high end
        ("9", "complete"),
        ("60", "on-target"),  # March 2027: 60 expected
        ("70", "close"),
        ("71", "off"),
    ],
)
def test_it_reverses_the_comparison_when_lower_is_better(value: str, status: str) -> None:
    assert derive(OVERDUE, D(value), date(2027, 3, 31), False).status == status


def test_it_says_why_in_words_with_the_units() -> None:
    on = date(2026, 12, 31)
    close = derive(REVIEWS, D("43.5"), on, True, unit="percent")
    assert close.reason == (
        "43.5% against 46% expected on 31 December 2026: 2.5 percentage points behind, "
        "within the tolerance of 5 percentage points."
    )
    off = derive(OVERDUE, D(90), date(2027, 3, 31), False, unit="count")
    assert off.reason == (
        "90 against 60 expected on 31 March 2027: 30 behind, more than the tolerance of 10."
    )
    days = Plan(D(40), date(2025, 1, 1), (Point(date(2026, 1, 1), D(20), kind="target"),), D(1))
    assert "2 days behind" in derive(days, D(22), date(2026, 1, 1), False, unit="days").reason


def test_it_has_a_label_for_every_status_of_the_rule() -> None:
    assert [status for status, _ in RULE] == [
        "establishing",
        "no-data",
        "complete",
        "on-target",
        "close",
        "off",
    ]
    assert set(LABELS) == {status for status, _ in RULE}
    assert derive(None, None, date(2026, 1, 1), True).label == LABELS["establishing"]


def test_its_labels_are_the_models_statuses() -> None:
    from senda.performance.models.trajectories import STATUSES

    assert dict(STATUSES) == LABELS


def test_it_writes_pounds_with_the_sign_before_the_pound() -> None:
    deficit = Plan(D(1000), date(2025, 1, 1), (Point(date(2026, 1, 1), D(-500), kind="target"),))
    derived = derive(deficit, D(-600), date(2025, 6, 1), False, unit="pounds")
    assert derived.reason == "−£600 meets the final target of −£500."
