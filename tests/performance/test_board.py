"""senda.performance.board: every KPI for a quarter, grouped by area, suppressed for the board."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from senda.performance import board, catalogue
from senda.performance.models import KpiFact, RecordedValue, Trajectory, TrajectoryPoint
from senda.performance.periods import Period, parse
from tests.factories import make_la, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
Q3 = parse("2026-27-q3")  # October to December 2026, running on TODAY


def fact(la, kpi: str, period: Period, numerator: int, denominator: int | None = None, **kw):
    """The whole area's figure for ``period`` as of its end (or TODAY while it runs)."""
    kw.setdefault("dimension", "all")
    return KpiFact.objects.create(
        la=la,
        kpi=kpi,
        on=min(period.end, TODAY),
        period=period.kind,
        period_start=period.start,
        numerator=numerator,
        denominator=denominator,
        **kw,
    )


def recorded(la, kpi: str, period: Period, value, by, **kw) -> RecordedValue:
    return RecordedValue.objects.create(
        la=la,
        kpi=kpi,
        period=period.kind,
        period_start=period.start,
        value=Decimal(value),
        evidence="Survey",
        entered_by=by,
        **kw,
    )


def trajectory(la, kpi: str, baseline, on: date, points) -> Trajectory:
    plan = Trajectory.objects.create(la=la, kpi=kpi, baseline_value=baseline, baseline_on=on)
    for when, low, high, kind in points:
        TrajectoryPoint.objects.create(trajectory=plan, on=when, low=low, high=high, kind=kind)
    return plan


def row_of(groups, kpi: str) -> board.Row:
    return next(row for group in groups for row in group.rows if row.entry.id == kpi)


def test_it_lists_every_kpi_grouped_by_area_in_catalogue_order() -> None:
    groups = board.board(make_la(), Q3, TODAY)
    assert [row.entry.id for g in groups for row in g.rows] == list(catalogue.CATALOGUE)
    assert [g.area.id for g in groups] == [a for a in catalogue.AREAS if catalogue.in_area(a)]
    assert all(row.entry.area == g.area.id for g in groups for row in g.rows)


def test_it_gives_this_quarter_last_quarter_and_a_year_ago() -> None:
    la = make_la()
    fact(la, "annual-review-on-time", Q3, 40, 100)
    fact(la, "annual-review-on-time", Q3.previous(), 30, 100)
    fact(la, "annual-review-on-time", Q3.year_ago(), 20, 100)
    row = row_of(board.board(la, Q3, TODAY), "annual-review-on-time")
    assert (row.this.value, row.last.value, row.year_ago.value) == (40, 30, 20)
    assert [p.key for p, _ in row.trend] == [
        "2024-25-q4", "2025-26-q1", "2025-26-q2", "2025-26-q3",
        "2025-26-q4", "2026-27-q1", "2026-27-q2", "2026-27-q3",
    ]  # fmt: skip
    assert [v for _, v in row.trend][-5:] == [Decimal(20), None, None, Decimal(30), Decimal(40)]
    assert row.suppressed == frozenset()


def test_it_says_the_target_and_judges_the_status() -> None:
    la = make_la()
    fact(la, "annual-review-on-time", Q3, 10, 100)
    trajectory(
        la,
        "annual-review-on-time",
        Decimal(25),
        date(2024, 12, 31),
        [
            (date(2026, 9, 30), Decimal(40), None, "milestone"),
            (date(2027, 12, 31), Decimal(70), Decimal(75), "target"),
        ],
    )
    row = row_of(board.board(la, Q3, TODAY), "annual-review-on-time")
    assert row.target == "70–75% by 31 Dec 2027"
    assert row.status.status == "off"
    assert "10%" in row.reason


def test_it_says_establishing_without_a_trajectory() -> None:
    row = row_of(board.board(make_la(), Q3, TODAY), "neet")
    assert row.target == ""
    assert row.status.status == "establishing"


def test_it_hides_small_figures_and_says_which() -> None:
    la = make_la()
    fact(la, "annual-review-on-time", Q3, 3, 40)  # 3 on time: small
    fact(la, "annual-review-on-time", Q3.previous(), 20, 40)
    fact(la, "overdue-reviews", Q3, 2)  # a count of 2
    fact(la, "final-plan-20w", Q3, 30, 40, numerator_with_exceptions=35,
         denominator_with_exceptions=50)  # fmt: skip
    groups = board.board(la, Q3, TODAY)
    reviews = row_of(groups, "annual-review-on-time")
    assert reviews.this is None and reviews.hidden("this") and reviews.hidden(Q3.key)
    assert reviews.trend[-1] == (Q3, None)
    assert reviews.last.value == 50 and not reviews.hidden("last")
    assert "7.5%" not in reviews.reason  # the status is judged on it, not shown
    assert row_of(groups, "overdue-reviews").hidden("this")
    plans = row_of(groups, "final-plan-20w")
    assert plans.this.value == 75 and plans.this.with_exceptions.value == 70  # 5 of 10 more
    assert not plans.hidden("this-with-exceptions")


def test_it_hides_a_small_variant_with_exceptions() -> None:
    la = make_la()
    fact(la, "final-plan-20w", Q3, 30, 40, numerator_with_exceptions=30,
         denominator_with_exceptions=42)  # fmt: skip
    row = row_of(board.board(la, Q3, TODAY), "final-plan-20w")  # 2 exception cases: few
    assert row.this.value == 75 and row.this.with_exceptions is None
    assert row.hidden("this-with-exceptions")


def test_it_hides_a_variant_whose_exception_cases_not_meeting_it_are_few() -> None:
    la = make_la()
    fact(la, "final-plan-20w", Q3, 100, 150, numerator_with_exceptions=107,
         denominator_with_exceptions=159)  # fmt: skip
    row = row_of(board.board(la, Q3, TODAY), "final-plan-20w")  # 7 of 9: 2 did not
    assert row.this.numerator == 100 and row.this.with_exceptions is None
    assert row.hidden("this-with-exceptions")


def test_it_hides_a_small_recorded_count() -> None:
    la = make_la()
    recorded(la, "warm-audits", Q3, 3, make_user("service_manager", la))
    row = row_of(board.board(la, Q3, TODAY), "warm-audits")
    assert row.this is None and row.hidden("this")


def test_it_shows_everything_unsuppressed_when_asked() -> None:
    la = make_la()
    fact(la, "overdue-reviews", Q3, 2)
    row = row_of(board.board(la, Q3, TODAY, suppress=False), "overdue-reviews")
    assert row.this.value == 2 and not row.suppressed


def test_it_suppresses_small_numbers_of_children_not_of_staff() -> None:
    """27 of 31 (4 left) is hidden where it counts children; the workforce's KPIs count
    staff (``Entry.about``), so the same figure is shown whole (issue 18's walk)."""
    la = make_la()
    fact(la, "annual-review-on-time", Q3, 27, 31)
    fact(la, "staff-trained", Q3, 27, 31)
    rows = board.board(la, Q3, TODAY)
    assert row_of(rows, "annual-review-on-time").this is None
    staff = row_of(rows, "staff-trained")
    assert staff.this is not None and staff.this.numerator == 27 and not staff.suppressed
    assert catalogue.get("staff-trained").about == "staff"
    assert catalogue.get("posts-filled").about == "staff"


def test_it_shows_zero() -> None:
    la = make_la()
    fact(la, "overdue-reviews", Q3, 0)
    assert row_of(board.board(la, Q3, TODAY), "overdue-reviews").this.value == 0


def test_it_asks_a_constant_number_of_queries() -> None:
    la = make_la()
    officer = make_user("service_manager", la)
    fact(la, "overdue-reviews", Q3, 20)
    trajectory(
        la, "overdue-reviews", 30, date(2024, 12, 31), [(date(2027, 3, 31), 0, None, "target")]
    )
    with CaptureQueriesContext(connection) as few:
        board.board(la, Q3, TODAY)
    for kpi in ("annual-review-on-time", "final-plan-20w", "advice-6w"):
        for quarter in board.quarters_to(Q3, 8):
            fact(la, kpi, quarter, 20, 40)
        trajectory(
            la, kpi, Decimal(25), date(2024, 12, 31), [(date(2027, 3, 31), 50, None, "target")]
        )
    recorded(la, "neet", parse("2026-10"), 4, officer)
    with CaptureQueriesContext(connection) as full:
        board.board(la, Q3, TODAY)
    assert len(full) == len(few) <= 6


def test_it_breaks_a_figure_down_with_secondary_suppression() -> None:
    la = make_la()
    entry = catalogue.get("annual-review-on-time")
    total = fact(la, "annual-review-on-time", Q3, 30, 60)
    fact(la, "annual-review-on-time", Q3, 3, 10, dimension="phase", member="primary")
    fact(la, "annual-review-on-time", Q3, 12, 20, dimension="phase", member="secondary")
    fact(la, "annual-review-on-time", Q3, 15, 30, dimension="phase", member="post16")
    from senda.performance import kpi_figures

    value = kpi_figures.value(la, entry.id, Q3)
    assert value is not None and value.numerator == total.numerator
    [phase] = board.breakdowns(la, entry, Q3, value, dimensions=["phase", "need"])
    assert phase.name == "Phase of education"
    hidden = {part.label: part.hidden for part in phase.parts}
    assert sum(hidden.values()) == 2  # the small one, and the next smallest with it
    assert all(part.value is None for part in phase.parts if part.hidden)
    [plain] = board.breakdowns(la, entry, Q3, value, dimensions=["phase"], suppress_small=False)
    assert not any(part.hidden for part in plain.parts)
