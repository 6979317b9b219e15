"""How Senda names a person: the one rule every page, table, export and message uses."""

from __future__ import annotations

from typing import Any

NOT_RECORDED = "Not recorded"


def display_name(user: Any, fallback: str = NOT_RECORDED) -> str:
    """A user as people read them: their full name, or their username without one;
    ``fallback`` when there is no user (``"Unassigned"``, ``"nobody"``…)."""
    if user is None:
        return fallback
    return name_from(user.first_name, user.last_name, user.get_username())


def name_from(first_name: str, last_name: str, username: str) -> str:
    """The same rule from a user's columns (a ``values_list`` row): "First Last", or the
    username when both are blank."""
    return f"{first_name} {last_name}".strip() or username
