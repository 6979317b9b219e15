"""The queued task that makes a forecast asked for on a page (ADR 0017: ids as arguments,
the row re-read here), and ``compute``, which makes one now and keeps its figures (the
task and the demo both call it)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django_tasks import task

from senda import kernel
from senda.sufficiency import forecast, unit_costs
from senda.sufficiency.models import ForecastRun

__all__ = ["compute", "keep", "run_forecast"]


@task()
def run_forecast(run_id: int) -> str:
    """Make queued forecast ``run_id``; answers what became of it (done, failed, or
    skipped when it is not queued: run twice, it is made once)."""
    Status = ForecastRun.Status
    claimed = ForecastRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
        status=Status.RUNNING
    )
    if not claimed:
        return "skipped"
    run = ForecastRun.objects.select_related("la").get(pk=run_id)
    try:
        compute(run, today=kernel.today())
    except Exception as problem:  # the model's ValueError, or a fault of ours: kept, shown
        ForecastRun.objects.filter(pk=run_id).update(
            status=Status.FAILED,
            error=f"{type(problem).__name__}: {problem}"[:2000],
            finished_at=timezone.now(),
        )
        return "failed"
    return "done"


def compute(run: ForecastRun, *, today: date) -> ForecastRun:
    """Make ``run``'s forecast, with its backtest and its cost at the unit costs of the
    financial year that holds the last census (when the ledger has them), now and keep it
    (``keep``)."""
    start = forecast.latest_census_year(today)
    priced, labels = unit_costs.prices(unit_costs.unit_costs(run.la, start - 1))
    made = forecast.make(
        run.la,
        today=today,
        years=run.years,
        simulations=run.simulations,
        scenario=run.spec(),
        seed=run.seed,
        prices=priced,
        price_labels=labels,
    )
    return keep(run, made)


def keep(run: ForecastRun, made: forecast.Forecast) -> ForecastRun:
    """Keep a forecast made for ``run`` (its figures, censuses and backtest): done."""
    past = made.history
    run.store(
        history={year: int(past.stock[year].sum()) for year in past.years},
        figures=made.figures,
        actuals=made.actuals,
        backtest=made.backtest,
    )
    run.start_year = made.start_year
    run.age_rule = made.age_rule
    run.status = ForecastRun.Status.DONE
    run.finished_at = timezone.now()
    run.error = ""
    run.save()
    return run
