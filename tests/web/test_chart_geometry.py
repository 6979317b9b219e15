"""Chart geometry (senda.web.charts.geometry): plain numbers in, coordinates out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from senda.web.charts.geometry import (
    Scale,
    marker,
    point,
    polylines,
    ticks,
    time_axis,
    year_starts,
)


def test_it_scales_from_zero_to_the_highest_figure() -> None:
    scale = Scale.of([Decimal(20), None, Decimal(40)], bottom=100, top=0)
    assert (scale.low, scale.high) == (Decimal(0), Decimal(40))
    assert scale.y(Decimal(0)) == 100
    assert scale.y(Decimal(40)) == 0
    assert scale.y(Decimal(10)) == 75


def test_it_scales_tight_to_the_figures_own_range() -> None:
    scale = Scale.of([Decimal(20), Decimal(40)], bottom=21, top=3, tight=True)
    assert (scale.low, scale.high) == (Decimal(20), Decimal(40))
    assert scale.y(Decimal(20)) == 21
    assert scale.y(Decimal(30)) == 12


def test_it_makes_a_flat_or_empty_scale_one_unit_tall() -> None:
    assert Scale.of([Decimal(5), Decimal(5)], 10, 0, tight=True).high == Decimal(6)
    assert Scale.of([None], 10, 0) == Scale(Decimal(0), Decimal(1), 10, 0)


def test_it_places_days_along_the_time_axis() -> None:
    x = time_axis(date(2025, 1, 1), date(2025, 1, 11), left=40, width=100)
    assert x(date(2025, 1, 1)) == 40
    assert x(date(2025, 1, 6)) == 90
    assert x(date(2025, 1, 11)) == 140


def test_it_puts_a_lone_day_at_the_left() -> None:
    x = time_axis(date(2025, 1, 1), date(2025, 1, 1), left=40, width=100)
    assert x(date(2025, 1, 1)) == 40


def test_it_breaks_lines_at_gaps_and_drops_lone_points() -> None:
    xy = [(0.0, 1.0), (1.0, 2.0), None, (3.0, 4.0), None, (5.0, 6.0), (6.04, 7.06)]
    assert polylines(xy) == ["0.0,1.0 1.0,2.0", "5.0,6.0 6.0,7.1"]
    assert polylines([]) == []


def test_it_writes_a_point_as_svg_attributes() -> None:
    assert point((12.0, 3.456)) == {"x": "12.0", "y": "3.5"}
    assert point(None) is None


def test_it_ticks_round_figures_up_the_scale() -> None:
    assert ticks(Scale(Decimal(0), Decimal(100), 0, 0)) == [Decimal(n) for n in range(0, 101, 20)]
    assert ticks(Scale(Decimal(0), Decimal(7), 0, 0)) == [Decimal(n) for n in range(0, 8, 2)]
    assert ticks(Scale(Decimal(3), Decimal(9), 0, 0)) == [Decimal(n) for n in (4, 6, 8)]


def test_it_ticks_huge_spreads_in_quarters() -> None:
    found = ticks(Scale(Decimal(0), Decimal(100000), 0, 0))
    assert found == [Decimal(n) for n in range(0, 100001, 25000)]


def test_it_labels_each_new_year_between_the_first_and_last_day() -> None:
    assert year_starts(date(2024, 6, 1), date(2026, 3, 1)) == [date(2025, 1, 1), date(2026, 1, 1)]
    assert year_starts(date(2025, 2, 1), date(2025, 11, 1)) == []


def test_it_draws_targets_as_squares_and_milestones_as_diamonds() -> None:
    assert marker(10, 20, square=True) == "5.0,15.0 15.0,15.0 15.0,25.0 5.0,25.0"
    assert marker(10, 20, square=False) == "10.0,14.0 16.0,20.0 10.0,26.0 4.0,20.0"
