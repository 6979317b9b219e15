"""Date checks every room's actions make, and a date as a message writes it."""

from __future__ import annotations

from datetime import date

from senda.kernel.errors import ActionError

__all__ = ["check_not_before", "check_not_future", "long_date"]


def long_date(day: date) -> str:
    """``1 March 2026``: a date as a message or a page writes it."""
    return f"{day.day} {day:%B} {day.year}"


def check_not_future(on: date, today: date, field: str = "on") -> None:
    """``ActionError(field, …)`` if ``on`` is after ``today``."""
    if on > today:
        raise ActionError(field, "The date must be today or in the past.")


def check_not_before(on: date, earlier: date, what: str, field: str = "on") -> None:
    """``ActionError(field, …)`` if ``on`` is before ``earlier`` (``what`` names it: "the
    plan started")."""
    if on < earlier:
        raise ActionError(field, f"The date must be on or after {what} ({long_date(earlier)}).")
