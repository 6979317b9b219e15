"""The demo area's demand forecasts: the baseline and one scenario, made from the register
the build has just written, kept as the queue keeps them (``sufficiency.tasks.keep``),
so the forecast pages have something to show from the start, with their cost at the
ledger's unit costs (the ledger is written before them).

With :data:`SIMULATIONS` runs rather than the usual 1,000 (with its backtest, a forecast of
the demo area takes ~7 s of CPU at 1,000; both here ~1.5 s at 100, and ~1.7 s to import
statsmodels the first time), so the demo stays quick; the pages say how many
runs a forecast was made with, and a service manager can make a full one on the page. The
censuses are read once, and the backtest made once, with the baseline, and kept with the
scenario too: it fits the history without any scenario's levers, so it is the same under
every scenario.

:func:`write_scenario` defines one scenario of the area's own, as a service manager would
on the page (no forecast made under it: the demo stays quick, and a service manager makes
one with its button).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from senda.people.models import LocalAuthority
from senda.sufficiency import forecast, unit_costs
from senda.sufficiency.models import ForecastRun, ScenarioChange, StoredScenario
from senda.sufficiency.tasks import keep

SIMULATIONS = 100
SCENARIOS = ("baseline", "fewer-independent")


def write_forecasts(*, la: LocalAuthority, today: date) -> list[ForecastRun]:
    """A done forecast of ``la`` under each of :data:`SCENARIOS`, made now: the censuses
    read and the backtest made once, with the first."""
    made: list[forecast.Forecast] = []
    priced, labels = unit_costs.prices(
        unit_costs.unit_costs(la, forecast.latest_census_year(today) - 1)
    )
    for scenario in SCENARIOS:
        made.append(
            forecast.make(
                la,
                today=today,
                simulations=SIMULATIONS,
                scenario=scenario,
                with_backtest=not made,
                past=made[0].history if made else None,
                prices=priced,
                price_labels=labels,
            )
        )
    runs = []
    for each in made:
        run = ForecastRun(
            la=la,
            scenario=each.scenario.name,
            start_year=each.start_year,
            simulations=SIMULATIONS,
            age_rule=each.age_rule,
        )
        runs.append(keep(run, replace(each, backtest=made[0].backtest)))
    return runs


def write_scenario(*, la: LocalAuthority, today: date, by: Any) -> StoredScenario:
    """ "Two new specialist bases": 32 places in SEN units or resourced provision, and three
    in ten new independent placements made there instead, from the forecast's second
    year. Written directly, as the build writes its other rows (it audits the area once)."""
    year = forecast.latest_census_year(today) + 2
    scenario = StoredScenario.objects.create(la=la, title="Two new specialist bases", created_by=by)
    ScenarioChange.objects.bulk_create(
        [
            ScenarioChange(
                scenario=scenario,
                what="capacity",
                provision="specialist_base",
                places=32,
                from_year=year,
                added_by=by,
            ),
            ScenarioChange(
                scenario=scenario,
                what="placements",
                factor=Decimal("0.70"),
                provision="independent",
                transfer_to="specialist_base",
                from_year=year,
                added_by=by,
            ),
        ]
    )
    return scenario
