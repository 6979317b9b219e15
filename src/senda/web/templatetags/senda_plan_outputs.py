"""Template tags for a plan's outputs (timeline, board pack): thin wrappers around
``senda.web.tables.plan_outputs``."""

from __future__ import annotations

from django import template

from senda.web.tables import plan_impact, plan_outputs

register = template.Library()

register.simple_tag(plan_outputs.gantt_svg)
register.simple_tag(plan_outputs.gantt_table)
register.simple_tag(plan_outputs.unplaced_table)
register.simple_tag(plan_outputs.changes_table)
register.simple_tag(plan_outputs.slipped_table)
register.simple_tag(plan_outputs.risk_table)
register.simple_tag(plan_outputs.sign_off_table)
register.simple_tag(plan_outputs.kpi_table)
register.simple_tag(plan_outputs.exceptions_table)
register.simple_tag(plan_outputs.feedback_table)
register.simple_tag(plan_outputs.summary_table)
register.simple_tag(plan_impact.stage_count_table)
register.simple_tag(plan_impact.delivery_impact_table)
