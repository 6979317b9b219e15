"""Template tags for the service dashboard: thin wrappers around
``senda.web.tables.dashboard``."""

from __future__ import annotations

from django import template

from senda.web.tables import dashboard

register = template.Library()

register.filter(dashboard.figure_text)
register.filter(dashboard.week_dates)
register.filter(dashboard.definition_html)
register.filter(dashboard.week_label)
register.simple_tag(dashboard.kpi_cases_url)
register.simple_tag(dashboard.summary_table)
register.simple_tag(dashboard.trend_table)
register.simple_tag(dashboard.breakdown_table)
register.simple_tag(dashboard.chart)
register.simple_tag(dashboard.cases_table)
register.simple_tag(dashboard.officer_table)
