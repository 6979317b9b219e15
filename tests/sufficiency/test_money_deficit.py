"""The DSG deficit projection (pure): in-year results, the write-off, the override's end."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from senda.sufficiency.deficit import (
    OVERRIDE_LAST_YEAR,
    WRITE_OFF_YEAR,
    Known,
    Scenario,
    project,
    savings,
    write_off,
)

# The city's last two years (appendix 5, £'000): allocation and spend.
CITY = [Known(2019, D("47321"), D("53947")), Known(2020, D("54065"), D("58999"))]


def test_it_adds_each_years_overspend_to_the_cumulative_deficit() -> None:
    rows = project(CITY, Scenario(opening_deficit=D("18000"), years=0, write_off=False))
    assert [r.in_year for r in rows] == [D("6626"), D("4934")]
    assert [r.cumulative for r in rows] == [D("24626"), D("29560")]
    assert not any(r.projected for r in rows)


def test_it_grows_allocation_and_spend_from_the_last_known_year() -> None:
    scenario = Scenario(allocation_growth=D("0.10"), spend_growth=D("0.05"), years=2)
    first, second = project(CITY, scenario)[2:]
    assert (first.year, first.allocation, first.spend) == (2021, D("59471.50"), D("61948.95"))
    assert second.allocation == D("65418.65") and second.spend == D("65046.40")
    assert first.projected and second.projected


def test_write_off_takes_its_share_of_the_deficit_at_31_march_2026() -> None:
    scenario = Scenario(write_off_share=D("0.9"))
    assert write_off(WRITE_OFF_YEAR, D("1000"), scenario) == D("900.00")
    assert write_off(WRITE_OFF_YEAR - 1, D("1000"), scenario) == 0
    assert write_off(WRITE_OFF_YEAR, D("-50"), scenario) == 0
    assert write_off(WRITE_OFF_YEAR, D("1000"), Scenario(write_off=False)) == 0


def test_the_projection_writes_off_once_and_carries_the_rest() -> None:
    known = [Known(2024, D("100"), D("150")), Known(2025, D("100"), D("150"))]
    rows = project(known, Scenario(years=1, allocation=D("100"), spend=D("110")))
    assert [r.written_off for r in rows] == [0, D("90.00"), 0]
    assert [r.cumulative for r in rows] == [D("50"), D("10.00"), D("20.00")]


def test_the_deficit_falls_on_the_general_fund_after_the_override_ends() -> None:
    rows = project([], Scenario(years=3, allocation=D("100"), spend=D("120")), first_year=2026)
    assert [r.year for r in rows] == [2026, 2027, 2028]
    assert rows[1].year == OVERRIDE_LAST_YEAR and rows[1].on_general_fund == 0
    assert rows[2].on_general_fund == rows[2].cumulative > 0


def test_it_needs_a_starting_point_when_nothing_is_known() -> None:
    with pytest.raises(ValueError):
        project([], Scenario())


def test_an_allocation_published_ahead_replaces_growth_and_later_years_grow_from_it() -> None:
    known = [Known(2024, D("100"), D("150"))]
    scenario = Scenario(allocation_growth=D("0.10"), years=2, write_off=False)
    rows = project(known, scenario, allocations={2025: D("130")})
    assert [r.allocation for r in rows] == [D("100"), D("130"), D("143.00")]


def test_savings_set_the_projection_beside_it_with_a_scenarios_spend() -> None:
    """One baseline: the savings' is the projection's own spend, year for year; the demand
    scenario's grows by its forecast's cost growth against the baseline forecast's."""
    known = [Known(2024, D("100"), D("150")), Known(2025, D("100"), D("150"))]
    scenario = Scenario(allocation_growth=D(0), spend_growth=D("0.5"), write_off=False, years=2)
    found = savings(known, scenario, D("0.10"), D("0.05"))
    assert [s.year for s in found] == [2026, 2027]
    assert [s.baseline for s in found] == project(known, scenario)[2:]
    # Baseline 150 → 225.00 → 337.50; the scenario's spend grows 1.5 × 1.05 / 1.10 a year:
    # 214.77, then 307.51 (each to the penny).
    assert [(s.baseline.spend, s.scenario.spend) for s in found] == [
        (D("225.00"), D("214.77")),
        (D("337.50"), D("307.51")),
    ]
    assert [s.saving for s in found] == [D("10.23"), D("29.99")]


def test_with_the_baseline_forecasts_growth_as_spend_growth_the_scenario_grows_by_its_own() -> None:
    known = [Known(2024, D("100"), D("150")), Known(2025, D("100"), D("150"))]
    scenario = Scenario(allocation_growth=D(0), spend_growth=D("0.10"), write_off=False, years=2)
    found = savings(known, scenario, D("0.10"), D("0.05"))
    # Baseline 150 → 165.00 → 181.50; scenario 150 → 157.50 → 165.375, to the penny 165.38.
    assert [(s.baseline.spend, s.scenario.spend) for s in found] == [
        (D("165.00"), D("157.50")),
        (D("181.50"), D("165.38")),
    ]
    assert [s.saving for s in found] == [D("7.50"), D("16.12")]
    # The deficit after the known years is 100: + 65 + 81.50, and + 57.50 + 65.38.
    assert [s.baseline.cumulative for s in found] == [D("165.00"), D("246.50")]
    assert [s.scenario.cumulative for s in found] == [D("157.50"), D("222.88")]


def test_a_dearer_scenario_saves_a_negative_amount() -> None:
    scenario = Scenario(allocation_growth=D(0), write_off=False, years=1)
    (found,) = savings(CITY[1:], scenario, D("0.10"), D("0.12"))
    assert found.saving == found.baseline.spend - found.scenario.spend < 0


def test_a_saving_in_the_write_off_year_keeps_only_the_deficit_not_written_off() -> None:
    scenario = Scenario(allocation_growth=D(0), write_off_share=D("0.9"), years=2)
    found = savings([Known(2024, D("100"), D("150"))], scenario, D("0.10"), D(0))
    assert [s.saving for s in found] == [D("15.00"), D("31.50")]
    # 2025-26: 50 + 65 = 115, 103.50 written off, 11.50 kept; the scenario 100, 90, 10.
    assert [s.baseline.written_off for s in found] == [D("103.50"), 0]
    assert [s.baseline.cumulative for s in found] == [D("11.50"), D("93.00")]
    assert [s.scenario.cumulative for s in found] == [D("10.0"), D("60.0")]
