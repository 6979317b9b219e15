"""Template tags for editing a plan (actions, milestones, risks): thin wrappers around
``senda.web.tables.plan_edits``."""

from __future__ import annotations

from django import template

from senda.web.tables import plan_edits

register = template.Library()

register.simple_tag(plan_edits.unresolved_action_table)
register.simple_tag(plan_edits.undated_milestone_table)
register.simple_tag(plan_edits.editable_milestone_table)
register.simple_tag(plan_edits.risk_review_table)
register.simple_tag(plan_edits.action_change_links, takes_context=True)
