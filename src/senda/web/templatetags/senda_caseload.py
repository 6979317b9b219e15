"""Template tags for My caseload, the all-cases list and Triage: thin wrappers around
``senda.web.tables.caseload``."""

from __future__ import annotations

from django import template

from senda.web.tables import caseload

register = template.Library()

register.simple_tag(caseload.caseload_table)
register.simple_tag(caseload.triage_table)
register.simple_tag(caseload.why)
register.simple_tag(caseload.triage_weights_table)
register.simple_tag(caseload.triage_factors_table)
