"""An area's forecast from its register (``senda forecast``, and the pages): the censuses
behind it, the simulation under a scenario, its figures by every breakdown (by locality
too: ``localities``), and the backtest shown beside it (docs/forecast.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from senda.interchange.sen2.export import census_day
from senda.people.models import LocalAuthority
from senda.sufficiency import categories, localities, summary
from senda.sufficiency.backtest import Score, backtest
from senda.sufficiency.census import homes, read
from senda.sufficiency.history import History, history
from senda.sufficiency.scenarios import SCENARIOS, Scenario, rates_by_year
from senda.sufficiency.simulate import Simulation, simulate
from senda.sufficiency.space import Space

#: January censuses the rates are learnt from, the latest included.
HISTORY_CENSUSES = 5


@dataclass(frozen=True)
class Forecast:
    la: LocalAuthority
    scenario: Scenario
    age_rule: str
    history: History
    simulation: Simulation
    figures: list[summary.Figure]
    actuals: list[summary.Figure]
    backtest: list[Score]

    @property
    def start_year(self) -> int:
        return self.simulation.start_year

    def totals(self) -> list[summary.Figure]:
        return [f for f in self.figures if f.breakdown == "total"]


def latest_census_year(today: date) -> int:
    """The year of the last January census on or before ``today``."""
    return today.year if census_day(today.year) <= today else today.year - 1


def make(
    la: LocalAuthority,
    *,
    today: date,
    years: int = 5,
    simulations: int = 1000,
    scenario: str | Scenario = "baseline",
    seed: int = 2026,
    with_backtest: bool = True,
    past: History | None = None,
    prices: Mapping[str, float] | None = None,
    price_labels: Mapping[str, str] | None = None,
) -> Forecast:
    """The forecast of ``la``'s plans for ``years`` Januaries after the last census.
    ``past``: the censuses' history when it has been read already (another forecast's of
    the same area on the same day), so it is not read again. With ``prices`` (pounds a
    plan a year by provision; ``price_labels`` names the placement type each is priced
    as), its cost too (``summary.costed``). ``scenario``: a built-in one's name, or a
    scenario (a stored one's, or a forecast's frozen copy)."""
    if not 1 <= years <= 10:
        raise ValueError("forecast 1 to 10 years ahead")
    if not 1 <= simulations <= 10_000:
        raise ValueError("run 1 to 10,000 simulations")
    chosen = SCENARIOS[scenario] if isinstance(scenario, str) else scenario
    age_rule = settings.SENDA_FORECAST_AGE_RULE
    start = latest_census_year(today)
    space = past.space if past is not None else Space()
    if past is None:
        past = past_of(la, start, space)
    run = simulate(
        space,
        past.stock[start],
        start_year=start,
        rates=rates_by_year(past, chosen.levers, start, years),
        simulations=simulations,
        seed=seed,
    )
    return Forecast(
        la=la,
        scenario=chosen,
        age_rule=age_rule,
        history=past,
        simulation=run,
        figures=[
            *summary.figures(run, age_rule=age_rule),
            *localities.figures(run, past.censuses[start], past.localities.get(start, {})),
            *(
                localities.figures(
                    run, past.censuses[start], past.homes[start], localities.HOME_BREAKDOWNS
                )
                if start in past.homes
                else []
            ),
            *(summary.costed(run, prices, price_labels or {}) if prices else []),
        ],
        actuals=[
            *summary.actuals(space, past.stock, age_rule=age_rule),
            *localities.actuals(past.censuses, past.localities),
            *localities.actuals(past.censuses, past.homes, localities.HOME_LOCALITY),
        ],
        backtest=(
            backtest(past, simulations=simulations, seed=seed, age_rule=age_rule)
            if with_backtest
            else []
        ),
    )


def past_of(la: LocalAuthority, start: int, space: Space) -> History:
    """The history a forecast from ``start``'s census learns from: the last
    :data:`HISTORY_CENSUSES` censuses up to it, with each child's locality (where they
    are placed, and where they live when the area has mapped its postcodes), less those
    before the register held any plan (an empty first census would make every child of
    the next one a joiner, and a backtest from it a forecast of nobody)."""
    states, placed = read(la, range(start - HISTORY_CENSUSES + 1, start + 1), space)
    years = sorted(states)
    while len(years) > 1 and not states[years[0]]:
        years.pop(0)
    lived = homes(la, {y: states[y] for y in years})
    return history(
        space,
        {y: states[y] for y in years},
        {y: placed[y] for y in years},
        {y: lived[y] for y in years if y in lived},
    )


def backtest_of(
    la: LocalAuthority, *, today: date, simulations: int = 1000, seed: int = 2026
) -> tuple[History, list[Score]]:
    """The backtest alone (``senda forecast backtest``): the history behind a forecast
    made ``today`` and each earlier origin's forecast scored against it. A backtest fits
    the history without any scenario's levers, so it has no scenario."""
    if not 1 <= simulations <= 10_000:
        raise ValueError("run 1 to 10,000 simulations")
    past = past_of(la, latest_census_year(today), Space())
    age_rule = settings.SENDA_FORECAST_AGE_RULE
    return past, backtest(past, simulations=simulations, seed=seed, age_rule=age_rule)


def age_rule_label(rule: str) -> str:
    return categories.AGE_RULE_LABELS[rule]
