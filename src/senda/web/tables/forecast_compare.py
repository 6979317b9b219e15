"""Forecasts side by side (``/forecast/compare/``): each forecast's totals year by year,
and one forecast year's breakdowns by need, provision, age band and locality, each
forecast's median with its interval and every other forecast's difference from the first
(the baseline when it is chosen). A cell whose median rounds to a small number is
suppressed, and a difference with it (it would give the cell away). A forecast made before
a breakdown was kept (localities: 3 December 2026) says "Not kept", and has no difference.
Aggregates only: no child is named."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.safestring import SafeString

from senda.performance import suppress
from senda.sufficiency import localities
from senda.sufficiency.models import ForecastRun
from senda.sufficiency.summary import Figure, within_spread
from senda.web.formats import when
from senda.web.phone_tables import captioned_table
from senda.web.tables.forecast import (
    BREAKDOWN_HEADS,
    INTERVAL,
    SUPPRESSED,
    WITHIN,
    group_label,
    interval,
    plans,
    short_name,
    signed,
)

#: The breakdowns compared, in the order shown; then by locality, with its own words.
BREAKDOWNS = ("need", "provision", "age band")
NONE = "–"
NOT_KEPT = "Not kept"


def label(run: ForecastRun) -> str:
    """``Early help, 3 December 2026, 2pm``: a forecast told apart from another."""
    return f"{short_name(run)}, {when(run.requested_at)}"


def _heads(first: str, runs: Sequence[ForecastRun]) -> list[str]:
    return [
        first,
        *(f"{label(run)}: median ({INTERVAL})" for run in runs),
        *(f"{label(run)}: difference" for run in runs[1:]),
    ]


def kept(run: ForecastRun, breakdown: str) -> bool:
    """Whether ``run`` was broken down by ``breakdown`` at all (a forecast made before
    localities were kept has no ``locality`` figure in any year)."""
    return any(f.breakdown == breakdown for f in run.figure_list())


def _cells(
    found: Sequence[Figure | None], threshold: int | None, held: Sequence[bool] | None = None
) -> list[dict[str, Any]]:
    """Each forecast's cell, then each difference from the first; ``threshold`` None: no
    suppression (the area's totals). ``held[i]`` False: forecast ``i`` has no such
    breakdown ("Not kept", and no difference with it)."""
    held = held or [True] * len(found)

    def hidden(figure: Figure | None) -> bool:
        return (
            threshold is not None
            and figure is not None
            and suppress.small(round(figure.median), threshold)
        )

    cells: list[dict[str, Any]] = []
    for figure, has in zip(found, held, strict=True):
        if not has:
            cells.append({"text": NOT_KEPT})
        elif figure is None:
            cells.append({"text": NONE})
        else:
            shown = f"{plans(figure.median)} ({interval(figure)})"
            cells.append({"text": SUPPRESSED if hidden(figure) else shown})
    first = found[0]
    for figure, has in zip(found[1:], held[1:], strict=True):
        if not (held[0] and has):
            text = NONE
        elif hidden(first) or hidden(figure):
            text = SUPPRESSED
        else:
            mine = round(first.median) if first else 0
            text = signed((round(figure.median) if figure else 0) - mine)
            if first and figure and within_spread(first, figure):
                text += f" ({WITHIN})"
        cells.append({"text": text, "format": "numeric"})
    return cells


def totals_table(runs: Sequence[ForecastRun]) -> SafeString:
    """Each forecast year of any forecast: every forecast's total, and the differences."""
    by_run = [{f.year: f for f in run.totals()} for run in runs]
    years = sorted({year for totals in by_run for year in totals})
    rows = [
        [{"text": f"January {year}"}, *_cells([t.get(year) for t in by_run], None)]
        for year in years
    ]
    return captioned_table("EHC plans in all, year by year", _heads("Year", runs), rows)


def breakdown_table(
    runs: Sequence[ForecastRun], breakdown: str, year: int, threshold: int
) -> SafeString | str:
    """One row per group of ``breakdown`` in forecast year ``year`` (localities in
    :func:`localities.order`); "" when no forecast has that breakdown that year."""
    by_run = [
        {f.group: f for f in run.figure_list() if f.breakdown == breakdown and f.year == year}
        for run in runs
    ]
    held = [kept(run, breakdown) for run in runs]
    groups = list(dict.fromkeys(group for cells in by_run for group in cells))
    if breakdown in (localities.LOCALITY, localities.HOME_LOCALITY):
        groups = localities.order(set(groups))
    rows = [
        [
            {"text": group_label(breakdown, group)},
            *_cells([cells.get(group) for cells in by_run], threshold, held),
        ]
        for group in groups
    ]
    if not rows:
        return ""
    head = _heads(BREAKDOWN_HEADS.get(breakdown, breakdown), runs)
    return captioned_table(f"EHC plans by {breakdown}, January {year}", head, rows)


def years_of(runs: Sequence[ForecastRun]) -> list[int]:
    """The forecast years every one of ``runs`` has figures for."""
    common: set[int] | None = None
    for run in runs:
        years = {f.year for f in run.totals()}
        common = years if common is None else common & years
    return sorted(common or ())
