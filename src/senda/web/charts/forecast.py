"""The forecast pages' charts (``years``): the area's plans by year — the censuses, then
the forecast's median with its 5th–95th percentile band — and the backtest, each earlier
forecast against what happened. The same figures are in the tables beside them
(``web.tables.forecast``)."""

from __future__ import annotations

from django.utils.safestring import SafeString

from senda.sufficiency.models import ForecastRun
from senda.web.charts.render import years_svg
from senda.web.charts.years import Line

CENSUS = "Census: plans counted"


def _plans(value: float) -> str:
    return f"{round(value):,}"


def plans_chart(run: ForecastRun) -> SafeString:
    """The censuses' totals, then the forecast's median joined to the last census, with
    its interval as a band."""
    counted = run.history_totals()
    totals = run.totals()
    anchor = [counted[-1]] if counted else []
    median = [*anchor, *((f.year, f.median) for f in totals)]
    spread = [*((y, v, v) for y, v in anchor), *((f.year, f.low, f.high) for f in totals)]
    lines = [
        Line(CENSUS, counted),
        Line("Forecast: the median", median, dashed=True, spread=spread),
    ]
    desc = (
        "Censuses, January: "
        + ", ".join(f"{year} {_plans(total)}" for year, total in counted)
        + ". Forecast, January: "
        + ", ".join(
            f"{f.year} {_plans(f.median)} ({_plans(f.low)} to {_plans(f.high)})" for f in totals
        )
        + "."
    )
    return years_svg(
        lines,
        chart_id=f"forecast-{run.pk}-plans",
        title="EHC plans by year: the censuses and the forecast with its interval",
        desc=desc,
    )


def backtest_chart(run: ForecastRun) -> SafeString:
    """The censuses, and each earlier forecast's median from its origin's census, with
    its interval as a bar at each year it forecast; empty without a backtest. The axis
    starts near the lowest figure, not nought, so the misses show."""
    scores = run.scores()
    if not scores:
        return SafeString("")
    counted = dict(run.history_totals())
    lines = [Line(CENSUS, sorted(counted.items()))]
    parts = []
    for origin in sorted({s.origin for s in scores}):
        mine = [s for s in scores if s.origin == origin]
        start = [(origin, float(counted[origin]))] if origin in counted else []
        lines.append(
            Line(
                f"Forecast from {origin}",
                [*start, *((s.year, s.median) for s in mine)],
                dashed=True,
                spread=[(s.year, s.low, s.high) for s in mine],
                band=False,
                label=str(origin),
            )
        )
        parts.append(
            f"Forecast from {origin}: "
            + ", ".join(
                f"{s.year} {_plans(s.median)} ({_plans(s.low)} to {_plans(s.high)}), "
                f"actual {_plans(s.actual)}"
                for s in mine
            )
        )
    return years_svg(
        lines,
        chart_id=f"forecast-{run.pk}-backtest",
        title="Forecasts from earlier censuses against the plans counted",
        desc=". ".join(parts) + ".",
        tight=True,
    )
