"""How a deadline row's status is read."""

from __future__ import annotations

from datetime import date


def status(due: date, done: date | None, today: date) -> str:
    """``met`` done on or before due · ``late`` done after due · ``pending`` not done, due on
    or after today · ``overdue`` not done, due before today."""
    if done is None:
        return "pending" if due >= today else "overdue"
    return "met" if done <= due else "late"
