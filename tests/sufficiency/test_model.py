"""The forecast's model: what the censuses say happened, the rates and scenario levers, the
simulation and its intervals, the backtest (docs/forecast.md). No database."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pytest

from senda.sufficiency import localities, summary
from senda.sufficiency.backtest import backtest
from senda.sufficiency.categories import age_band
from senda.sufficiency.history import history
from senda.sufficiency.rates import Lever, estimate, poisson_trend, with_levers
from senda.sufficiency.scenarios import (
    SCENARIOS,
    Capacity,
    Scenario,
    as_json,
    from_json,
    rates_by_year,
)
from senda.sufficiency.simulate import simulate
from senda.sufficiency.space import Space
from tests.sufficiency import synthetic

SPACE = Space()
#: A smaller space, for the tests that simulate many times.
SMALL = Space(needs=synthetic.NEEDS, provisions=synthetic.PROVISIONS)


def _i(ncy: int, need: str = "ASD", provision: str = "mainstream") -> int:
    return SPACE.index(ncy, need, provision)


def test_it_counts_joiners_leavers_stayers_movers_and_skips_the_kept_back() -> None:
    made = history(
        SPACE,
        {
            2024: {1: _i(3), 2: _i(4), 3: _i(5), 4: _i(6)},
            2025: {1: _i(4), 2: _i(5, provision="special"), 3: _i(5), 5: _i(0)},
        },
    )
    assert made.stayers[_i(3)] == 1
    assert made.movers[_i(4)] == 1
    assert made.moves[_i(4), SPACE.provision_of("special")] == 1
    assert made.leavers[_i(6)] == 1
    assert made.skipped == 1  # child 3 stayed in year 5
    assert made.joiners[0, _i(0)] == 1
    assert made.joiners.sum() == 1
    assert int(made.stock[2025].sum()) == 4


def test_it_refuses_censuses_with_a_gap() -> None:
    with pytest.raises(ValueError, match="consecutive"):
        history(SPACE, {2023: {}, 2025: {}})


def test_it_never_gives_a_state_a_leaving_rate_of_nought() -> None:
    rates = estimate(history(SPACE, synthetic.censuses(SPACE, years=range(2022, 2026))))
    assert (rates.leave_a > 0).all()
    assert (rates.leave_b > 0).all()
    own = np.arange(SPACE.size) % len(SPACE.provisions)
    assert (rates.where[np.arange(SPACE.size), own] == 0).all()  # a move goes elsewhere


def test_it_estimates_the_leaving_rate_it_was_made_with() -> None:
    past = history(SPACE, synthetic.censuses(SPACE, years=range(2020, 2026), start=3000, leave=0.1))
    rates = estimate(past)
    followed = past.leavers + past.stayers + past.movers
    busy = followed > 40
    mean = rates.leave_a[busy] / (rates.leave_a[busy] + rates.leave_b[busy])
    assert np.average(mean, weights=followed[busy]) == pytest.approx(0.1, abs=0.01)


def test_a_joiners_lever_scales_new_plans_and_a_placements_lever_moves_them() -> None:
    past = history(SPACE, synthetic.censuses(SPACE, years=range(2022, 2026)))
    fewer = with_levers(past, [Lever("joiners", 0.5)])
    assert fewer.joiners.sum() == pytest.approx(past.joiners.sum() / 2)
    lever = Lever("placements", 0.0, provision="independent", transfer_to="special")
    moved = with_levers(past, [lever])
    independent = np.arange(SPACE.size) % len(SPACE.provisions) == SPACE.provision_of("independent")
    assert moved.joiners[:, independent].sum() == 0
    assert moved.joiners.sum() == pytest.approx(past.joiners.sum())
    assert moved.moves[:, SPACE.provision_of("independent")].sum() == 0


def test_a_leavers_lever_scales_the_leavers_it_matches_only() -> None:
    past = history(SPACE, synthetic.censuses(SPACE, years=range(2022, 2026)))
    special = np.arange(SPACE.size) % len(SPACE.provisions) == SPACE.provision_of("special")
    fewer = with_levers(past, [Lever("leavers", 0.5, provision="special")])
    assert fewer.leavers[special].sum() == pytest.approx(past.leavers[special].sum() / 2)
    assert (fewer.leavers[~special] == past.leavers[~special]).all()


def test_a_lever_from_year_three_leaves_the_first_two_years_as_the_baselines() -> None:
    past = history(SMALL, synthetic.censuses(SMALL, years=range(2021, 2026), seed=5))
    lever = Lever("joiners", 0.2, from_year=2028)
    by_year = rates_by_year(past, [lever], 2025, 5)
    assert by_year[0] is by_year[1] and by_year[2] is by_year[4] and by_year[1] is not by_year[2]

    def run(levers: list[Lever]) -> np.ndarray:
        rates = rates_by_year(past, levers, 2025, 5)
        return simulate(
            SMALL, past.stock[2025], start_year=2025, rates=rates, simulations=50, seed=9
        ).stock.sum(2)

    baseline, changed = run([]), run([lever])
    assert (changed[:, :2] == baseline[:, :2]).all()  # 2026 and 2027: the very same runs
    assert np.median(changed[:, 2:], 0).sum() < np.median(baseline[:, 2:], 0).sum()


def test_levers_from_different_years_each_begin_in_their_own_year() -> None:
    past = history(SMALL, synthetic.censuses(SMALL, years=range(2021, 2026)))
    early, late = Lever("joiners", 0.5, from_year=2026), Lever("leavers", 2.0, from_year=2028)
    by_year = rates_by_year(past, [early, late], 2025, 4)
    assert by_year[0] is by_year[1] is not by_year[2]
    assert by_year[1].join_shape.sum() < estimate(past).join_shape.sum()
    assert (by_year[1].leave_a == estimate(with_levers(past, [early])).leave_a).all()
    assert (by_year[2].leave_a > by_year[1].leave_a).any()


def test_a_scenario_survives_its_frozen_copy_and_sums_its_places_by_year() -> None:
    scenario = Scenario(
        "scenario-1",
        "Two new bases",
        (Lever("placements", 0.5, provision="independent", transfer_to="special", from_year=2027),),
        (Capacity("special", 20, 2027), Capacity("special", -5, 2029), Capacity("ap", 8, 2028)),
    )
    assert from_json("scenario-1", "Two new bases", as_json(scenario)) == scenario
    assert scenario.places_from(2026) == {}
    assert scenario.places_from(2028) == {"special": 20, "ap": 8}
    assert scenario.places_from(2029) == {"special": 15, "ap": 8}
    assert from_json("early-help", "t", as_json(SCENARIOS["early-help"])).levers == (
        Lever("joiners", 0.9),
    )


def test_a_lever_refuses_what_it_cannot_do() -> None:
    with pytest.raises(ValueError):
        Lever("teachers", 0.5)
    with pytest.raises(ValueError):
        Lever("placements", 0.5)
    with pytest.raises(ValueError):
        Lever("joiners", -1)


def _quiet_rates() -> object:
    """Rates under which nobody leaves, moves or joins."""
    rates = estimate(history(SPACE, {2025: {}}))
    return rates.__class__(
        leave_a=np.full(SPACE.size, 1e-9),
        leave_b=np.full(SPACE.size, 1e9),
        move_a=np.full(SPACE.size, 1e-9),
        move_b=np.full(SPACE.size, 1e9),
        where=rates.where,
        join_shape=np.full(SPACE.shape[0], 1e-9),
        join_rate=np.full(SPACE.shape[0], 1e9),
        join_where=rates.join_where,
    )


def test_with_nobody_leaving_moving_or_joining_everyone_moves_up_a_year() -> None:
    start = SPACE.counts(np.array([_i(3), _i(3), _i(19, "SEMH", "special"), _i(20)]))
    run = simulate(SPACE, start, start_year=2025, rates=[_quiet_rates()] * 2, simulations=5, seed=1)  # type: ignore[list-item]
    assert run.years == (2026, 2027)
    assert (run.stock[:, 0, _i(4)] == 2).all()
    assert (run.stock[:, 0, _i(20, "SEMH", "special")] == 1).all()
    assert (run.stock[:, 0].sum(1) == 3).all()  # year 20 aged out
    assert (run.leavers[:, 0] == 1).all()
    assert (run.stock[:, 1].sum(1) == 2).all()


def test_everyone_who_moves_keeps_their_year_group_and_need_and_changes_provision() -> None:
    quiet = _quiet_rates()
    moving = dataclasses.replace(  # type: ignore[type-var]
        quiet, move_a=np.full(SPACE.size, 1e9), move_b=np.full(SPACE.size, 1e-9)
    )
    start = SPACE.counts(
        np.array([_i(3), _i(3), _i(3, "SEMH", "special"), _i(19, "PD", "ap"), _i(20, "HI")])
    )
    run = simulate(SPACE, start, start_year=2025, rates=[moving], simulations=40, seed=5)
    ncy_need = run.stock[:, 0].reshape(40, SPACE.shape[0], len(SPACE.needs), -1).sum(3)
    before = start.reshape(SPACE.shape[0], len(SPACE.needs), -1).sum(2)
    # Moved up one year group (year 20 aged out), each with the need they had.
    assert (ncy_need[:, 1:] == before[None, :-1]).all()
    assert (run.leavers[:, 0] == 1).all()
    provision = np.arange(SPACE.size) % len(SPACE.provisions)
    for ncy, need, was in ((4, "ASD", "mainstream"), (20, "PD", "ap")):
        row = (np.arange(SPACE.size) // len(SPACE.provisions)) == _i(ncy, need) // len(
            SPACE.provisions
        )
        assert (run.stock[:, 0, row & (provision == SPACE.provision_of(was))] == 0).all()


def test_each_run_holds_last_years_children_less_leavers_plus_joiners() -> None:
    past = history(SPACE, synthetic.censuses(SPACE, years=range(2021, 2026), seed=7))
    run = simulate(
        SPACE,
        past.stock[2025],
        start_year=2025,
        rates=[estimate(past)] * 3,
        simulations=300,
        seed=7,
    )
    before = np.concatenate(
        [np.broadcast_to(past.stock[2025].sum(), (300, 1)), run.stock.sum(2)[:, :-1]], axis=1
    )
    assert (run.joiners > 0).all() and (run.leavers > 0).all()
    assert np.array_equal(run.stock.sum(2), before - run.leavers + run.joiners)
    assert (run.stock >= 0).all()


def test_joiners_go_only_to_the_cells_their_year_group_was_seen_in() -> None:
    quiet = _quiet_rates()
    mix = np.zeros_like(quiet.join_where)  # type: ignore[attr-defined]
    cells = mix.shape[1]
    mix[:, 5] = 1.0  # every year group: one cell, not the last
    mix[3, cells - 1] = 2.0  # year group -1: the last cell too
    mix[3, 0] = 0.5  # and its first
    joining = dataclasses.replace(  # type: ignore[type-var]
        quiet,
        # About 60 joiners a year group, placed one by one; year group 6's 1,000 by one
        # multinomial draw.
        join_shape=np.where(np.arange(SPACE.shape[0]) == 10, 1000.0, 60.0),
        join_rate=np.full(SPACE.shape[0], 1.0),
        join_where=mix,
    )
    nobody = SPACE.counts(np.array([], int))
    run = simulate(SPACE, nobody, start_year=2025, rates=[joining], simulations=30, seed=9)
    by_cell = run.stock[:, 0].reshape(30, SPACE.shape[0], cells)
    assert (by_cell.sum(2) > 0).all()  # joiners in every year group
    assert np.array_equal(by_cell.sum(2), by_cell[:, :, 5] + by_cell[:, :, 0] + by_cell[:, :, -1])
    assert (by_cell[:, np.arange(SPACE.shape[0]) != 3][:, :, [0, -1]] == 0).all()
    assert (by_cell[:, 3, [0, 5, -1]].sum(0) > 0).all()
    assert np.array_equal(run.joiners[:, 0], by_cell.sum((1, 2)))


def test_the_figures_are_the_percentiles_of_each_runs_own_sums() -> None:
    stock = _forecast(150)
    past = history(SMALL, synthetic.censuses(SMALL, years=range(2021, 2026), seed=3))
    rates = [estimate(past)] * 3
    run = simulate(SMALL, past.stock[2025], start_year=2025, rates=rates, simulations=150, seed=3)
    assert np.array_equal(run.stock, stock)  # the same seed, the same draws
    figures = {
        (f.year, f.breakdown, f.group): f for f in summary.figures(run, age_rule="august-31")
    }
    order, member = summary.groups(SMALL, "provision", "august-31")
    sums = summary.by_group(stock, member, len(order))  # run × year × provision
    for y, year in enumerate(run.years):
        for g, name in enumerate(order):
            low, median, high = np.percentile(sums[:, y, g], [5, 50, 95])
            shown = figures[(year, "provision", name)]
            assert (shown.low, shown.median, shown.high) == (low, median, high)


def test_the_trend_is_the_poisson_regression_statsmodels_fits() -> None:
    import statsmodels.api as sm

    for joined in ([232, 411, 428, 500], [5, 5, 5], [1, 1, 100], [300, 200, 150, 90, 80]):
        counts = np.array(joined, float)
        x = sm.add_constant(np.arange(len(counts), dtype=float))
        with warnings.catch_warnings():  # an exact fit: "perfect prediction"
            warnings.simplefilter("ignore")
            fitted = sm.GLM(counts, x, family=sm.families.Poisson()).fit()
        intercept, slope, sd, chi2 = poisson_trend(counts)
        assert (intercept, slope) == pytest.approx(tuple(fitted.params), rel=1e-6, abs=1e-9)
        assert sd == pytest.approx(float(fitted.bse[1]), rel=1e-6)
        assert chi2 == pytest.approx(float(fitted.pearson_chi2), rel=1e-6, abs=1e-9)


def _forecast(simulations: int, seed: int = 3) -> np.ndarray:
    past = history(SMALL, synthetic.censuses(SMALL, years=range(2021, 2026), seed=seed))
    rates = estimate(past)
    run = simulate(
        SMALL,
        past.stock[2025],
        start_year=2025,
        rates=[rates] * 3,
        simulations=simulations,
        seed=seed,
    )
    return run.stock


def test_every_breakdown_adds_up_to_the_total_in_every_run() -> None:
    stock = _forecast(200)
    total = stock.sum(2)
    for breakdown in summary.BREAKDOWNS:
        order, member = summary.groups(SMALL, breakdown, "august-31")
        assert np.array_equal(summary.by_group(stock, member, len(order)).sum(2), total)


def test_the_interval_is_the_spread_of_runs_not_the_error_of_their_mean() -> None:
    def width(simulations: int) -> float:
        low, high = np.percentile(_forecast(simulations).sum(2)[:, -1], [5, 95])
        return float(high - low)

    few, many = width(100), width(1600)
    assert few > 0
    # The error of a mean would shrink four times from 100 to 1,600 runs; the spread does not.
    assert many > few / 2


def test_the_interval_holds_next_years_figure_about_as_often_as_it_says() -> None:
    held = 0
    tries = 30
    for seed in range(tries):
        made = synthetic.censuses(SMALL, years=range(2020, 2027), seed=100 + seed)
        past = history(SMALL, {year: made[year] for year in range(2020, 2026)})
        run = simulate(
            SMALL,
            past.stock[2025],
            start_year=2025,
            rates=[estimate(past)],
            simulations=200,
            seed=seed,
        )
        low, high = np.percentile(run.stock[:, 0].sum(1), [5, 95])
        held += low <= len(made[2026]) <= high
    assert held >= tries * 0.7  # a 90% interval; 30 tries


def test_the_forecast_figures_give_median_and_interval_per_year_and_group() -> None:
    past = history(SPACE, synthetic.censuses(SPACE, years=range(2022, 2026)))
    run = simulate(
        SPACE,
        past.stock[2025],
        start_year=2025,
        rates=[estimate(past)] * 2,
        simulations=100,
        seed=1,
    )
    figures = summary.figures(run, age_rule="august-31")
    totals = [f for f in figures if f.breakdown == "total"]
    assert [f.year for f in totals] == [2026, 2027]
    assert all(f.low <= f.median <= f.high for f in figures)
    bands = {f.group for f in figures if f.breakdown == "age band"}
    assert bands <= {"Under 5", "5 to 10", "11 to 15", "16 to 19", "20 to 25"}


def test_the_age_rule_moves_a_year_group_between_age_bands() -> None:
    assert age_band(0, "august-31") == "Under 5"  # Reception: 4 on 31 August
    assert age_band(0, "during-year") == "5 to 10"


def test_the_backtest_scores_each_origin_and_says_nothing_without_history() -> None:
    short = history(SPACE, synthetic.censuses(SPACE, years=range(2024, 2026)))
    assert backtest(short, simulations=50, seed=1, age_rule="august-31") == []
    past = history(SPACE, synthetic.censuses(SPACE, years=range(2021, 2026)))
    scores = backtest(past, simulations=100, seed=1, age_rule="august-31")
    assert [(s.origin, s.year) for s in scores] == [
        (2022, 2023), (2022, 2024), (2022, 2025), (2023, 2024), (2023, 2025), (2024, 2025),
    ]  # fmt: skip
    assert all(s.actual == int(past.stock[s.year].sum()) for s in scores)
    assert sum(s.inside for s in scores) >= 3
    assert all(abs(s.error) < 0.15 for s in scores)


def test_the_cost_is_each_runs_plans_priced_and_its_parts_add_up() -> None:
    past = history(SMALL, synthetic.censuses(SMALL, years=range(2022, 2026)))
    run = simulate(
        SMALL, past.stock[2025], start_year=2025, rates=[estimate(past)] * 2, simulations=50, seed=2
    )
    prices = {"special": 25_000.0, "independent": 60_000.0}
    labels = {"special": "Special schools", "independent": "Independent"}
    costs = summary.costed(run, prices, labels)
    assert {f.group for f in costs} == {"Special schools", "Independent", summary.ALL_PRICED}
    where = np.arange(SMALL.size) % len(SMALL.provisions)
    special = run.stock[:, :, where == SMALL.provision_of("special")].sum(2)
    independent = run.stock[:, :, where == SMALL.provision_of("independent")].sum(2)
    total = special * 25_000.0 + independent * 60_000.0
    first = {f.group: f for f in costs if f.year == 2026}
    assert first[summary.ALL_PRICED].median == pytest.approx(np.median(total[:, 0]))
    assert first["Special schools"].median == pytest.approx(np.median(special[:, 0] * 25_000.0))
    assert summary.costed(run, {}, labels) == []


def test_localities_add_up_to_the_total_and_to_each_provision_in_every_run() -> None:
    past = history(SMALL, synthetic.censuses(SMALL, years=range(2022, 2026)))
    census = past.censuses[2025]
    placed = {child: ("North", "South", localities.OUT_OF_AREA)[child % 3] for child in census}
    placed.pop(next(iter(census)))  # one child with no placement: not placed
    independent = SMALL.provision_of("independent")
    placed.update(
        {c: "North" for c, s in census.items() if s % len(SMALL.provisions) == independent}
    )
    run = simulate(
        SMALL, past.stock[2025], start_year=2025, rates=[estimate(past)] * 2, simulations=80, seed=4
    )
    groups, weights = localities.weights(SMALL, census, placed)
    parts = run.stock @ weights  # run × year × group: each run's own split
    names = [g for b, g in groups if b == localities.LOCALITY]
    assert names == ["North", "South", localities.OUT_OF_AREA, localities.NOT_PLACED]
    assert parts[:, :, : len(names)].sum(2) == pytest.approx(run.stock.sum(2))
    provision = np.arange(SMALL.size) % len(SMALL.provisions)
    for p, name in enumerate(SMALL.provisions):
        mine = [n for n, (b, g) in enumerate(groups) if b != localities.LOCALITY
                and localities.ungroup(g)[0] == name]  # fmt: skip
        assert parts[:, :, mine].sum(2) == pytest.approx(run.stock[:, :, provision == p].sum(2))
    shown = {(f.year, f.group): f for f in localities.figures(run, census, placed)}
    north = parts[:, 0, names.index("North")]
    assert shown[(2026, "North")].median == pytest.approx(np.median(north))
    # Every independent placement was in the North: so are their forecast successors.
    assert shown[(2026, localities.group("independent", "North"))].median == pytest.approx(
        np.median(run.stock[:, 0, provision == independent].sum(1))
    )
    assert (2026, localities.group("independent", "South")) not in shown
