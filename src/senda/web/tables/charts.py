"""The charts' figures as tables, for anyone who cannot see the pictures."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString

from senda.performance.board import number
from senda.web.charts.drawings import Trajectory, Trend, mark_text
from senda.web.components import table
from senda.web.formats import day


def trend_table(caption: str, rows: Sequence[tuple[str, str, Trend]]) -> SafeString:
    """One row per KPI (name, unit, trend), a column per period: the figures the
    sparklines draw. Every trend must cover the same periods."""
    if not rows:
        return SafeString("")
    periods = [period for period, _ in rows[0][2]]
    head = ["KPI", *(p.label for p in periods)]
    body = [
        [{"text": name}, *({"text": number(v, unit), "format": "numeric"} for _, v in trend)]
        for name, unit, trend in rows
    ]
    return table(caption, head, body, caption_classes="govuk-table__caption--s")


def trajectory_table(chart: Trajectory) -> SafeString:
    """The trajectory chart's figures in date order: baseline, milestones, targets, actuals."""
    rows = []
    if chart.baseline:
        rows.append((chart.baseline[0], "Baseline", number(chart.baseline[1], chart.unit), ""))
    rows += [(m.on, m.kind.capitalize(), mark_text(m, chart.unit), m.note) for m in chart.marks]
    rows += [(p.end, f"Actual, {p.label}", number(v, chart.unit), "") for p, v in chart.actuals]
    rows.sort(key=lambda row: row[0])
    body = [
        [{"text": day(on)}, {"text": what}, {"text": figure, "format": "numeric"}, {"text": note}]
        for on, what, figure, note in rows
    ]
    head = ["Date", "What", "Figure", "Note"]
    return table(f"{chart.name}: figures in the chart", head, body, "govuk-table__caption--s")
