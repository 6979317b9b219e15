"""The deficit projection's chart (``years``): the High Needs allocation, spend and the
cumulative DSG deficit by financial year; the table beside it has the figures
(``web.tables.money.deficit_table``)."""

from __future__ import annotations

from django.utils.safestring import SafeString

from senda.sufficiency.deficit import Row
from senda.sufficiency.s251 import fy_label
from senda.web.charts.render import years_svg
from senda.web.charts.years import Line


def deficit_chart(rows: list[Row]) -> SafeString:
    """Allocation and spend as lines, the cumulative deficit dashed; the first projected
    year named in the title."""
    projected = next((r.year for r in rows if r.projected), None)
    lines = [
        Line("Allocation", [(r.year, float(r.allocation)) for r in rows]),
        Line("Spend", [(r.year, float(r.spend)) for r in rows]),
        Line("Cumulative deficit", [(r.year, float(r.cumulative)) for r in rows], dashed=True),
    ]
    desc = "; ".join(
        f"{fy_label(r.year)}{' (projected)' if r.projected else ''}: allocation "
        f"£{r.allocation:,.0f}, spend £{r.spend:,.0f}, cumulative deficit £{r.cumulative:,.0f}"
        for r in rows
    )
    title = "High Needs allocation, spend and the cumulative DSG deficit by financial year"
    if projected is not None:
        title += f", projected from {fy_label(projected)}"
    return years_svg(
        lines,
        chart_id="deficit-chart",
        title=title,
        desc=desc + ".",
        unit="£",
        year_label=fy_label,
    )
