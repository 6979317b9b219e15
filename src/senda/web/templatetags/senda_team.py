"""Template tags for the team view and settings' returns: thin wrappers around
``senda.web.tables.team``."""

from __future__ import annotations

from django import template

from senda.web.tables import team

register = template.Library()

register.filter(team.percent)
register.simple_tag(team.difference_tag)
register.simple_tag(team.team_table)
register.simple_tag(team.returns_table)
register.simple_tag(team.return_rows_table)
