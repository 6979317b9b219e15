"""The forecast pages' tables: the censuses and forecast years, a breakdown by year (small
numbers suppressed), the backtest, two scenarios side by side, and the forecasts made.
Aggregates only: no child is named here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.people.models.children import SEN_TYPES
from senda.people.names import display_name
from senda.performance import suppress
from senda.sufficiency.backtest import Record, Score
from senda.sufficiency.models import ForecastRun
from senda.sufficiency.scenarios import SCENARIOS
from senda.sufficiency.summary import ALL_PRICED, COST, Figure, within_spread
from senda.web.components import tag
from senda.web.formats import humanise, when, year_group_label
from senda.web.phone_tables import captioned_table

SUPPRESSED = "Suppressed"
INTERVAL = "5th to 95th percentile"
#: Beside a difference between two forecasts no bigger than their runs' spread.
WITHIN = "within the spread"
NEEDS = dict(SEN_TYPES) | {"NONE": "No need recorded"}
PROVISIONS = {
    "early_years": "Early years",
    "mainstream": "Mainstream school or academy",
    "specialist_base": "SEN unit or resourced provision",
    "special": "Special school",
    "independent": "Independent or non-maintained special school",
    "ap": "Alternative provision",
    "post16_mainstream": "FE college or sixth form",
    "post16_specialist": "Specialist post-16 institution",
    "ehe": "Elective home education",
    "eotas": "Education otherwise than at school",
    "not_in_education": "Not in education",
    "other": "Other",
}
BREAKDOWN_HEADS = {
    "age band": "Age band",
    "need": "Primary need",
    "provision": "Provision",
    "LSRP provision": "LSRP provision line",
    "year group": "Year group",
    "locality": "Locality where placed",
    "home locality": "Locality where living",
}
STATUS_TAGS = {
    "queued": "govuk-tag--grey",
    "running": "govuk-tag--blue",
    "done": "govuk-tag--green",
    "failed": "govuk-tag--red",
}


def plans(value: float) -> str:
    return f"{round(value):,}"


def share(value: float) -> str:
    return f"{value:+.1%}".replace("-", "−")


#: A difference of nothing, in words ("+0" reads as a change).
NO_CHANGE = "no change"


def signed(value: int) -> str:
    """``+1,200``, ``−5``, or "no change" for 0."""
    return f"{value:+,}".replace("-", "−") if value else NO_CHANGE


def interval(figure: Figure) -> str:
    return f"{plans(figure.low)} to {plans(figure.high)}"


def group_label(breakdown: str, group: str) -> str:
    if breakdown == "need":
        return NEEDS.get(group, group)
    if breakdown == "provision":
        return PROVISIONS.get(group, humanise(group))
    if breakdown == "year group":
        return _year_group(int(group))
    return group


def _year_group(year: int) -> str:
    """Every year group its own row (-4 to 20), as people say it where they can."""
    if year < 0:
        return f"Early years (year group {year})"
    return year_group_label(year) if year <= 13 else f"Year {year}"


def totals_table(run: ForecastRun) -> SafeString:
    """Each census behind the forecast, then each forecast year with its interval."""
    rows = [
        [
            {"text": f"January {year}"},
            {"text": "Census"},
            {"text": plans(total), "format": "numeric"},
            {"text": "Counted, not forecast"},
        ]
        for year, total in run.history_totals()
    ]
    rows += [
        [
            {"text": f"January {f.year}"},
            {"text": "Forecast"},
            {"text": plans(f.median), "format": "numeric"},
            {"text": interval(f), "format": "numeric"},
        ]
        for f in run.totals()
    ]
    head = ["Year", "Counted or forecast", "EHC plans (the median)", f"Interval: {INTERVAL}"]
    return _table("EHC plans: the censuses and the forecast", head, rows)


def cost_table(run: ForecastRun) -> SafeString | str:
    """Each forecast year's cost in all and by placement type (medians; the total's
    interval beside it), at the prices the forecast was made with; "" when it has none."""
    costs = [f for f in run.figure_list() if f.breakdown == COST]
    if not costs:
        return ""
    types = list(dict.fromkeys(f.group for f in costs if f.group != ALL_PRICED))
    by = {(f.year, f.group): f for f in costs}
    rows = [
        [
            {"text": f"January {year}"},
            {"text": pounds(by[(year, ALL_PRICED)].median), "format": "numeric"},
            {"text": _pounds_interval(by[(year, ALL_PRICED)]), "format": "numeric"},
            *({"text": pounds(by[(year, t)].median), "format": "numeric"} for t in types),
        ]
        for year in sorted({f.year for f in costs})
    ]
    head = ["Year", "All priced placements (median)", f"Interval: {INTERVAL}", *types]
    return _table("The forecast's cost a year, at the unit costs it was made with", head, rows)


def _pounds_interval(figure: Figure) -> str:
    return f"{pounds(figure.low)} to {pounds(figure.high)}"


def pounds(value: float) -> str:
    """Pounds in millions to one decimal place: £12.3m."""
    return f"£{value / 1_000_000:,.1f}m"


def national_table(run: ForecastRun, national: Sequence[tuple[int, int]]) -> SafeString:
    """The area's censuses and England's published caseload, January by January, each with
    its growth on the year before: the national context beside the forecast."""
    area = dict(run.history_totals())
    england = dict(national)
    years = sorted(set(area) | set(england))
    rows = [
        [
            {"text": f"January {year}"},
            {"text": plans(area[year]) if year in area else "–", "format": "numeric"},
            {"text": _growth(area, year), "format": "numeric"},
            {"text": plans(england[year]) if year in england else "–", "format": "numeric"},
            {"text": _growth(england, year), "format": "numeric"},
        ]
        for year in years
    ]
    head = ["Year", "The area", "Growth", "England", "Growth"]
    return _table("EHC plans: the area's censuses beside England's published figures", head, rows)


def _growth(series: dict[int, int], year: int) -> str:
    before = series.get(year - 1)
    if year not in series or not before:
        return "–"
    return f"{(series[year] - before) / before:+.1%}"


def breakdown_table(run: ForecastRun, breakdown: str, threshold: int) -> SafeString:
    """One row per group: the last census's count, then each forecast year's median and
    interval. A census count from 1 to ``threshold - 1`` is suppressed, with a second
    count when one alone could be worked out from the total (``performance.suppress``); a
    forecast cell whose median rounds to such a count is suppressed too."""
    census = [f for f in run.actual_list() if f.year == run.start_year]
    counted = {f.group: round(f.median) for f in census if f.breakdown == breakdown}
    total = sum(round(f.median) for f in census if f.breakdown == "total")
    forecast = [f for f in run.figure_list() if f.breakdown == breakdown]
    years = sorted({f.year for f in forecast})
    by_cell = {(f.group, f.year): f for f in forecast}
    groups = list(dict.fromkeys([*counted, *(f.group for f in forecast)]))
    if not forecast:
        return SafeString("")  # a forecast made before the breakdown was
    hidden = suppress.table(
        suppress.Cell(total), [suppress.Cell(counted.get(g, 0)) for g in groups], threshold
    ).rows
    rows = []
    for group, off in zip(groups, hidden, strict=True):
        row = [
            {"text": group_label(breakdown, group)},
            {"text": SUPPRESSED if off else plans(counted.get(group, 0)), "format": "numeric"},
        ]
        for year in years:
            row.append({"text": _forecast_cell(by_cell.get((group, year)), threshold)})
        rows.append(row)
    head = [BREAKDOWN_HEADS.get(breakdown, breakdown), f"Census {run.start_year}"] + [
        f"{year}: median ({INTERVAL})" for year in years
    ]
    return _table(f"EHC plans by {breakdown}", head, rows)


def _forecast_cell(figure: Figure | None, threshold: int) -> str:
    if figure is None:
        return "0"
    if suppress.small(round(figure.median), threshold):
        return SUPPRESSED
    return f"{plans(figure.median)} ({interval(figure)})"


def backtest_table(scores: Sequence[Score]) -> SafeString:
    rows = [
        [
            {"text": str(s.origin)},
            {"text": str(s.year)},
            {"text": plans(s.actual), "format": "numeric"},
            {"text": f"{plans(s.median)} ({plans(s.low)} to {plans(s.high)})"},
            {"text": "Yes" if s.inside else "No"},
            {"text": share(s.error), "format": "numeric"},
            {"text": share(s.naive_error), "format": "numeric"},
            {"text": f"{s.wape_need:.1%}", "format": "numeric"},
            {"text": f"{s.wape_provision:.1%}", "format": "numeric"},
        ]
        for s in scores
    ]
    head = [
        "Fitted up to the census of",
        "Forecast for",
        "Actual plans",
        f"Forecast: median ({INTERVAL})",
        "Interval held the actual?",
        "Error",
        "Naive forecast's error",
        "WAPE by need",
        "WAPE by provision",
    ]
    return _table("Forecasts from earlier censuses against what happened", head, rows)


def backtest_words(found: Record) -> dict[str, Any]:
    """The backtest in plain English: whether the model beat the naive forecast, how often
    the interval held, and whether the history is short. ``worse``: the naive forecast was
    nearer in most comparisons (the page warns)."""
    n, naive = found.comparisons, found.naive_closer
    if naive == n:
        every = "the one comparison there is" if n == 1 else f"every comparison (all {n})"
        against = (
            "The model did worse than the naive forecast (last year's growth, continued) "
            f"in {every}: the naive forecast was nearer what happened."
        )
    elif naive * 2 > n:
        against = (
            f"The model did worse than the naive forecast (last year's growth, continued) "
            f"in {naive} of {n} comparisons."
        )
    elif naive:
        against = (
            f"The model was nearer what happened than the naive forecast in {n - naive} of "
            f"{n} comparisons, and further off in {naive}."
        )
    else:
        against = (
            f"The model was nearer what happened than the naive forecast in all {n} comparisons."
        )
    held = f"The interval held the actual number of plans in {found.held} of {n} comparisons"
    if found.held * 10 < n * 8:
        held += (
            ": an interval of 90% of the runs should hold it about 9 times in 10, so the "
            "real uncertainty is wider than the interval shows."
        )
    else:
        held += "."
    censuses = "census" if found.origins == 1 else "censuses"
    if found.short:
        history = (
            f"This rests on forecasts from {found.origins} earlier {censuses} only: that is "
            "little history, so it says little about how well the model forecasts."
        )
    else:
        history = f"This rests on forecasts from {found.origins} earlier {censuses}."
    return {"against": against, "worse": naive * 2 > n, "held": held, "history": history}


def compare_table(first: ForecastRun, second: ForecastRun) -> SafeString:
    """Both scenarios' totals per year, and the difference between their medians."""
    theirs = {f.year: f for f in second.totals()}
    rows = []
    for mine in first.totals():
        other = theirs.get(mine.year)
        if other is None:
            continue
        rows.append(
            [
                {"text": f"January {mine.year}"},
                {"text": f"{plans(mine.median)} ({interval(mine)})"},
                {"text": f"{plans(other.median)} ({interval(other)})"},
                {"text": _difference(mine, other), "format": "numeric"},
            ]
        )
    head = [
        "Year",
        f"{short_name(first)}: median ({INTERVAL})",
        f"{short_name(second)}: median ({INTERVAL})",
        "Difference between the medians",
    ]
    return _table("The two scenarios side by side", head, rows)


def _difference(mine: Figure, other: Figure) -> str:
    """``−10``, or ``−5 (within the spread)`` when either median is inside the other's
    interval: not a clear difference."""
    text = signed(round(other.median) - round(mine.median))
    return f"{text} ({WITHIN})" if within_spread(mine, other) else text


def short_name(run: ForecastRun) -> str:
    """A built-in scenario's name as words ("Fewer independent"), else its title."""
    found = SCENARIOS.get(run.scenario)
    return found.name.replace("-", " ").capitalize() if found else run.title


def runs_table(runs: Iterable[ForecastRun]) -> SafeString:
    rows: list[list[dict[str, Any]]] = [
        [
            {
                "html": format_html(
                    '<a class="govuk-link" href="{}">{}</a>',
                    reverse("web:forecast-run", args=[run.pk]),
                    when(run.requested_at),
                )
            },
            {"text": run.title},
            {"html": tag(run.get_status_display(), STATUS_TAGS.get(run.status, ""))},
            {"text": display_name(run.requested_by, "The demo or a command")},
            {"text": f"{run.simulations:,}", "format": "numeric"},
            {"text": f"January {run.start_year}"},
        ]
        for run in runs
    ]
    head = ["Asked for", "Scenario", "Status", "Who", "Simulations", "From the census of"]
    return _table("Forecasts made, newest first", head, rows)


def _table(caption: str, head: list[str], rows: list[list[dict[str, Any]]]) -> SafeString:
    return captioned_table(caption, head, rows)
