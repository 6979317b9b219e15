"""The demo area's demand forecasts: the baseline and one scenario, made from the register
the build has just written, as if the queue had made them (``sufficiency.tasks.compute``),
so the forecast pages have something to show from the start.

With :data:`SIMULATIONS` runs rather than the usual 1,000 (with its backtest, a forecast of
the demo area takes ~7 s of CPU at 1,000), so the demo stays quick; the pages say how many
runs a forecast was made with, and a service manager can make a full one on the page. The
backtest is made once, with the baseline, and kept with the scenario too: it fits the
history without any scenario's levers, so it is the same under every scenario.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from senda.people.models import LocalAuthority
from senda.sufficiency.forecast import latest_census_year
from senda.sufficiency.models import ForecastRun
from senda.sufficiency.tasks import compute

SIMULATIONS = 200
SCENARIOS = ("baseline", "fewer-independent")


def write_forecasts(*, la: LocalAuthority, today: date) -> list[ForecastRun]:
    """A done forecast of ``la`` under each of :data:`SCENARIOS`, made now."""
    runs = []
    for scenario in SCENARIOS:
        run = ForecastRun.objects.create(
            la=la,
            scenario=scenario,
            start_year=latest_census_year(today),
            simulations=SIMULATIONS,
            age_rule=settings.SENDA_FORECAST_AGE_RULE,
        )
        runs.append(compute(run, today=today, backtest=not runs))
    for run in runs[1:]:
        run.backtest = runs[0].backtest
        run.save(update_fields=["backtest"])
    return runs
