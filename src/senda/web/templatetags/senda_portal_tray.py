"""Template tags for the received tray, support and challenge and plan outcomes: thin
wrappers around ``senda.web.tables.portal_tray``."""

from __future__ import annotations

from django import template

from senda.web.tables import portal_tray

register = template.Library()

register.simple_tag(portal_tray.tray_table)
register.simple_tag(portal_tray.advice_table)
register.simple_tag(portal_tray.contacts_table)
register.simple_tag(portal_tray.escalations_table)
register.simple_tag(portal_tray.outcomes_table)
