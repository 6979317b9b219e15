"""Template tags for the performance report: thin wrappers around
``senda.web.tables.report``."""

from __future__ import annotations

from django import template

from senda.web.tables import report

register = template.Library()

register.simple_tag(report.status_tag)
register.simple_tag(report.this_quarter)
register.simple_tag(report.report_summary)
register.simple_tag(report.report_chart)
register.simple_tag(report.published_table)
register.simple_tag(report.scrutiny_table)
