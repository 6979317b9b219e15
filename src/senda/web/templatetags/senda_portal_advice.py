"""Template tags for advice requests: thin wrappers around ``senda.web.tables.portal_advice``."""

from __future__ import annotations

from django import template

from senda.web.tables import portal_advice

register = template.Library()

register.simple_tag(portal_advice.task_table)
register.simple_tag(portal_advice.recent_table)
register.simple_tag(portal_advice.case_requests_table)
register.simple_tag(portal_advice.status_tag)
