"""Plausible dates for an improvement plan: its period, 5 whole years either side.

A plan runs a few years from its inspection. A milestone due in 1990 or an update dated
2099 is a typing slip, and it is not harmless: the timeline is drawn from the earliest to
the latest date (a 1990 milestone made it 20,000 px wide) and the board pack counts days
late from it ("13,484 days late"). Every action that writes a plan's date checks it here,
once, so the forms, the edit pages and the import all refuse the same dates.

The plan's period runs from the earliest to the latest of its own dates: when it was
inspected, published and created (today, for a plan the import has yet to create).
Its actions' dates are not part of it: they are what is being checked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from senda import kernel
from senda.kernel import ActionError, long_date

__all__ = ["YEARS", "check_plausible", "window"]

#: How far either side of the plan's period a date may fall.
YEARS = 5


def window(plan: Any | None, today: date | None = None) -> tuple[date, date]:
    """The first and last plausible date for ``plan`` (None: a plan created ``today``)."""
    today = today or kernel.today()
    days = [today]
    if plan is not None:
        created = getattr(plan, "created_at", None)
        days = [timezone.localdate(created)] if created is not None else [today]
        days += [d for d in (plan.inspected_on, plan.published_on) if d is not None]
    first, last = min(days), max(days)
    return date(first.year - YEARS, 1, 1), date(last.year + YEARS, 12, 31)


def check_plausible(
    value: date | None, *, plan: Any | None, field: str, today: date | None = None
) -> None:
    """``ActionError(field, …)`` unless ``value`` (if given) falls within :func:`window`."""
    if value is None:
        return
    first, last = window(plan, today)
    if not first <= value <= last:
        raise ActionError(
            field,
            f"The date must be between {long_date(first)} and {long_date(last)} "
            f"(the plan's period and {YEARS} years either side).",
        )
