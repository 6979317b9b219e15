"""Template tags for cases, case events, deadline rows and the child: thin wrappers around
``senda.web.tables`` (casework, timeline, case_summary)."""

from __future__ import annotations

from django import template

from senda.web.tables import case_summary, casework, timeline

register = template.Library()

register.simple_tag(casework.case_table)
register.simple_tag(casework.deadline_table)
register.simple_tag(timeline.event_table)
register.simple_tag(case_summary.child_summary)
register.simple_tag(case_summary.plan_summary)
register.simple_tag(case_summary.contact_summary)
