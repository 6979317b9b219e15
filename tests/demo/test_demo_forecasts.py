"""The demo's forecasts: the baseline and one scenario for Seaview, done, with fewer runs
than the usual (said on the page), one backtest kept with both."""

from __future__ import annotations

from senda.demo import forecasts
from senda.demo.build import Built
from senda.sufficiency.models import ForecastRun, StoredScenario
from senda.sufficiency.rates import Lever
from senda.sufficiency.scenarios import Capacity
from senda.sufficiency.summary import ALL_PRICED, COST


def test_it_makes_the_baseline_and_one_scenario(area: Built) -> None:
    runs = {run.scenario: run for run in ForecastRun.objects.filter(la=area.la)}
    assert sorted(runs) == sorted(forecasts.SCENARIOS) == ["baseline", "fewer-independent"]
    for run in runs.values():
        assert run.status == ForecastRun.Status.DONE
        assert run.simulations == forecasts.SIMULATIONS == 100
        assert run.requested_by is None and run.totals()
        assert len(run.history) == 5
    assert (
        runs["baseline"].backtest
        and runs["fewer-independent"].backtest == runs["baseline"].backtest
    )
    assert not ForecastRun.objects.filter(la=area.other_la).exists()


def test_its_forecasts_are_priced_at_the_ledgers_unit_costs(area: Built) -> None:
    run = ForecastRun.objects.get(la=area.la, scenario="baseline")
    costs = {f.group: f for f in run.figure_list() if f.breakdown == COST and f.year == 2027}
    assert costs[ALL_PRICED].median > 1_000_000
    assert "Special schools" in costs
    parts = sum(f.median for group, f in costs.items() if group != ALL_PRICED)
    assert parts > 0


def test_it_defines_one_scenario_of_the_areas_own(area: Built) -> None:
    [scenario] = StoredScenario.objects.filter(la=area.la)
    spec = scenario.spec()
    assert spec.title == "Two new specialist bases"
    assert spec.levers == (
        Lever("placements", 0.7, provision="independent", transfer_to="specialist_base",
              from_year=2028),
    )  # fmt: skip
    assert spec.capacity == (Capacity("specialist_base", 32, 2028),)
    assert not StoredScenario.objects.filter(la=area.other_la).exists()
