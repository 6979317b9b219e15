"""A case's summary columns: its stage, next open deadline, last review and plan start.

Lists, triage and KPIs filter and sort thousands of cases by these, so they are stored on
the case (indexed) rather than worked out per case in every query. Like deadline rows they
are derived, never typed: :func:`summarise` sets them from what the case's events say
(the clock's ``case_state``) and the clock's answer, and ``refresh_deadlines`` (every
action) and the demo builder call it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import senda.clock as clock
from senda import kernel

#: The fields :func:`summarise` sets (for ``save(update_fields=…)`` and ``bulk_update``).
SUMMARY_FIELDS = ["stage", "next_rule", "next_due", "last_review_on", "plan_started_on"]

#: Stage labels, keyed by the clock's stages (``senda.clock.STAGES``), in that order.
STAGES = dict(
    zip(clock.STAGES, ("Requested", "Assessing", "Draft plan", "Plan", "Ceased"), strict=True)
)


def stage_of(events: Iterable[tuple[str, date, str | None]]) -> str:
    """The stage after ``(type, on, outcome)`` events (the clock's ``CaseState.stage``)."""
    return clock.case_state(clock.Event(t, on, outcome=outcome) for t, on, outcome in events).stage


def summary(
    events: Sequence[clock.Event],
    deadlines: Sequence[clock.Deadline],
    *,
    today: date | None = None,
) -> dict[str, Any]:
    """The summary values for a case with these events and deadlines: what the events say
    (the clock's ``case_state``; given ``today``, a plan a decision to cease has ended by
    then is ceased) and the open deadline due first."""
    open_rows = sorted((d.due, d.rule) for d in deadlines if d.status in clock.OPEN)
    state = clock.case_state(events, today=today)
    return {
        "stage": state.stage,
        "next_due": open_rows[0][0] if open_rows else None,
        "next_rule": open_rows[0][1] if open_rows else "",
        "last_review_on": state.last_review,
        "plan_started_on": state.plan_started,
    }


def summarise(
    case: Any,
    events: Sequence[clock.Event],
    deadlines: Sequence[clock.Deadline],
    *,
    today: date | None = None,
) -> None:
    """Set ``case``'s summary fields (unsaved) from its events and the clock's answer as of
    ``today``."""
    for field, value in summary(events, deadlines, today=today).items():
        setattr(case, field, value)


def resummarise(case: Any, *, today: date | None = None) -> None:
    """Recompute and save ``case``'s summary from its *stored* events and deadline rows.

    For rows written outside ``refresh_deadlines`` (tests, repairs); actions never need it.
    """
    events = case.clock_events()
    rows = case.deadlines.filter(status__in=clock.OPEN).order_by("due", "rule")
    first = rows.values_list("due", "rule").first()
    values = summary(events, [], today=today or kernel.today())
    values["next_due"], values["next_rule"] = first if first else (None, "")
    for field, value in values.items():
        setattr(case, field, value)
    case.save(update_fields=SUMMARY_FIELDS)
