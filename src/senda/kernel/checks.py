"""The checks every room's actions make on what they are given: each returns the clean
value or raises :class:`~senda.kernel.errors.ActionError` on the field."""

from __future__ import annotations

from datetime import date
from typing import Any

from senda.kernel.errors import WHOLE_FORM, ActionError

__all__ = ["check_choice", "check_permission", "required_date", "required_text"]


def check_permission(allowed: bool, message: str, field: str = WHOLE_FORM) -> None:
    """The permission refusal: ``ActionError(field, message)`` unless ``allowed`` (the
    answer of a room's capability helper, e.g. ``can_edit_plan(by, plan)``)."""
    if not allowed:
        raise ActionError(field, message)


def required_text(value: str | None, field: str, missing: str) -> str:
    """``value`` stripped; ``ActionError(field, missing)`` if nothing is left."""
    text = (value or "").strip()
    if not text:
        raise ActionError(field, missing)
    return text


def required_date(value: date | None, field: str, missing: str) -> date:
    """``value``; ``ActionError(field, missing)`` if there is none."""
    if value is None:
        raise ActionError(field, missing)
    return value


def check_choice(value: Any, allowed: Any, field: str, what: str) -> None:
    """``ActionError(field, "Choose {what}: one of …")`` unless ``value`` is in ``allowed``."""
    if value not in allowed:
        options = ", ".join(str(a) for a in allowed)
        raise ActionError(field, f"Choose {what}: one of {options}.")
