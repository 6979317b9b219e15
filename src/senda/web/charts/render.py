"""The charts as SVG markup: each drawing (``drawings``) filled into its SVG template."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from senda.web.charts import drawings, years
from senda.web.charts.drawings import Trajectory, Trend
from senda.web.charts.years import Line


def sparkline_svg(trend: Trend, unit: str, name: str, chart_id: str) -> SafeString:
    """The trend's sparkline (``drawings.sparkline``)."""
    context = drawings.sparkline(trend, unit, name, chart_id)
    return SafeString(render_to_string("web/performance/_trend_spark.svg", context))


def trajectory_svg(chart: Trajectory, chart_id: str) -> SafeString:
    """The trajectory chart (``drawings.trajectory``); empty with nothing to draw."""
    context = drawings.trajectory(chart, chart_id)
    if context is None:
        return SafeString("")
    return SafeString(render_to_string("web/performance/_trend_chart.svg", context))


def years_svg(lines: Sequence[Line], **chart: Any) -> SafeString:
    """A chart of figures by year (``years.chart``: ``chart_id``, ``title``, ``desc``,
    ``unit``, ``tight``); empty with nothing to draw."""
    context = years.chart(lines, **chart)
    if context is None:
        return SafeString("")
    return SafeString(render_to_string("web/charts/_years.svg", context))
