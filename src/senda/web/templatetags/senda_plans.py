"""Template tags for improvement plans: thin wrappers around ``senda.web.tables.plans``."""

from __future__ import annotations

from django import template

from senda.web.tables import plan_impact, plans

register = template.Library()

register.simple_tag(plans.rating_tag)
register.simple_tag(plans.count_tag)
register.simple_tag(plans.ragb_tag)
register.simple_tag(plans.milestone_table)
register.simple_tag(plans.area_action_table)
register.simple_tag(plans.timescale_html, name="action_timescale")
register.simple_tag(plans.rating_history_table)
register.simple_tag(plans.due_table)
register.filter(plans.steps)
register.simple_tag(plans.area_summary)
register.simple_tag(plans.sign_off_table)
register.simple_tag(plans.update_table)
register.simple_tag(plans.kpi_list)
register.simple_tag(plans.suggestion_inset)

register.simple_tag(plan_impact.impact_tag)
register.simple_tag(plan_impact.stage_label)
register.simple_tag(plan_impact.impact_history_table)
