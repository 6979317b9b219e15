"""Template tags for the performance pages' charts and tables: thin wrappers around
``senda.web.charts`` (SVG) and ``senda.web.tables`` (charts, performance)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.safestring import SafeString

from senda.performance.board import number
from senda.web.charts.drawings import Trajectory, Trend
from senda.web.charts.render import sparkline_svg, trajectory_svg
from senda.web.tables import charts, performance

register = template.Library()


@register.simple_tag
def sparkline(trend: Trend, unit: str, name: str, chart_id: str) -> SafeString:
    """A 96×24 line of the trend, its last point marked (``drawings.sparkline``)."""
    return sparkline_svg(trend, unit, name, chart_id)


@register.simple_tag
def trajectory_chart(chart: Trajectory, chart_id: str) -> SafeString:
    """A KPI's trajectory and actual figures (``drawings.trajectory``)."""
    return trajectory_svg(chart, chart_id)


register.simple_tag(charts.trend_table)
register.simple_tag(charts.trajectory_table)
register.simple_tag(performance.kpi_status_tag)
register.simple_tag(performance.figure)
register.simple_tag(performance.board_table)
register.simple_tag(performance.board_trend_table)
register.simple_tag(performance.breakdown_table)
register.simple_tag(performance.override_table)
register.filter(performance.quarter_label)


@register.filter
def normal_number(value: Decimal) -> str:
    """``5.00`` → ``5``; ``2.50`` → ``2.5``."""
    return number(value)
