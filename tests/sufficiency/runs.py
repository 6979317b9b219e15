"""A forecast as the queue leaves it (a done ``ForecastRun`` with a few figures), for the
pages' tests: made directly, without running the model."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from senda.people.models import LocalAuthority
from senda.sufficiency.backtest import Score
from senda.sufficiency.models import ForecastRun, ScenarioChange, StoredScenario
from senda.sufficiency.summary import Figure
from tests.factories import make_user


def figure(year: int, breakdown: str, group: str, median: float, spread: float = 5) -> Figure:
    return Figure(year, breakdown, group, median, median - spread, median + spread, median)


def make_forecast_run(la: LocalAuthority, scenario: str = "baseline", **fields: Any) -> ForecastRun:
    """A done forecast of ``la`` from the January 2026 census: 120 plans then, 130 and 140
    forecast; by need, 116 ASD and 4 SEMH (a small group) at the census."""
    fields.setdefault("status", ForecastRun.Status.DONE)
    run = ForecastRun(la=la, scenario=scenario, start_year=2026, age_rule="august-31", **fields)
    grow = 10 if scenario == "baseline" else 5
    figures = []
    for step, year in enumerate((2027, 2028), start=1):
        total = 120 + grow * step
        figures += [
            figure(year, "total", "All plans", total),
            figure(year, "need", "ASD", total - 3),
            figure(year, "need", "SEMH", 3, 2),
            figure(year, "age band", "5 to 10", total),
        ]
    actuals = [
        figure(2026, "total", "All plans", 120, 0),
        figure(2026, "need", "ASD", 116, 0),
        figure(2026, "need", "SEMH", 4, 0),
        figure(2026, "age band", "5 to 10", 120, 0),
    ]
    score = Score(2024, 2026, 2, 120, 112.0, 100.0, 125.0, 118.0, 0.08, 0.11, 9, 12)
    run.store(
        history={2024: 100, 2025: 110, 2026: 120},
        figures=figures,
        actuals=actuals,
        backtest=[score],
    )
    run.save()
    return run


def make_scenario(la: LocalAuthority, *, title: str = "Two new bases") -> StoredScenario:
    """A scenario defined for ``la`` with one change (new plans at 90% from 2027), made
    directly, without the action (its author a service manager of the area)."""
    by = make_user("service_manager", la)
    scenario = StoredScenario.objects.create(la=la, title=title, created_by=by)
    ScenarioChange.objects.create(
        scenario=scenario, what="joiners", factor=Decimal("0.9"), from_year=2027, added_by=by
    )
    return scenario
