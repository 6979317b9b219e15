"""A case's summary columns: its stage, next open deadline, last review and plan start.

Lists, triage and KPIs filter and sort thousands of cases by these, so they are stored on
the case (indexed) rather than worked out per case in every query. Like deadline rows they
are derived, never typed: :func:`summarise` sets them from the case's events and the
clock's answer, and ``refresh_deadlines`` (every action) and the demo builder call it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import senda.clock as clock

#: The fields :func:`summarise` sets (for ``save(update_fields=…)`` and ``bulk_update``).
SUMMARY_FIELDS = ["stage", "next_rule", "next_due", "last_review_on", "plan_started_on"]

#: Stage labels, in the order a case moves through them (docs/triage.md, "Stages").
STAGES = {
    "requested": "Requested",
    "assessing": "Assessing",
    "draft": "Draft plan",
    "plan": "Plan",
    "ceased": "Ceased",
}
#: The events that move a case into a stage. A refusal to assess leaves it "requested".
STAGE_OF_EVENT = {
    "request_received": "requested",
    "assess_decision": "assessing",
    "issue_decision": "assessing",
    "draft_plan_issued": "draft",
    "final_plan_issued": "plan",
    "transferred_in": "plan",
    "plan_ceased": "ceased",
}
OPEN_STATUSES = frozenset({"pending", "overdue"})
PLAN_STARTS = frozenset({"final_plan_issued", "transferred_in"})
#: Steps only a plan has. A history that starts with one of these (a plan older than the
#: records, as when casework moves from another system) is at the Plan stage.
PLAN_STEPS = frozenset(
    {
        "review_invitations_sent",
        "review_advice_circulated",
        "review_meeting",
        "review_report_received",
        "review_logged",
        "review_decision",
        "amendment_notice_issued",
        "amended_plan_issued",
        "phase_transfer_plan_issued",
    }
)


def stage_of(events: Iterable[tuple[str, date, str | None]]) -> str:
    """The stage after ``(type, on, outcome)`` events in the order they happened."""
    stage: str | None = None
    for type, _on, outcome in events:
        if type == "assess_decision" and outcome == "refuse":
            stage = "requested"
        elif type in STAGE_OF_EVENT:
            stage = STAGE_OF_EVENT[type]
        elif stage is None and type in PLAN_STEPS:
            stage = "plan"
    return stage or "requested"


def summary(events: Sequence[clock.Event], deadlines: Sequence[clock.Deadline]) -> dict[str, Any]:
    """The summary values for a case with these events (in order) and deadlines."""
    open_rows = sorted((d.due, d.rule) for d in deadlines if d.status in OPEN_STATUSES)
    started: date | None = None
    last_review: date | None = None
    for e in events:
        if e.type in PLAN_STARTS:
            started = e.on
        elif e.type == "plan_ceased":
            started = None
        elif e.type == "review_meeting":
            last_review = e.on
    return {
        "stage": stage_of((e.type, e.on, e.outcome) for e in events),
        "next_due": open_rows[0][0] if open_rows else None,
        "next_rule": open_rows[0][1] if open_rows else "",
        "last_review_on": last_review,
        "plan_started_on": started,
    }


def summarise(
    case: Any, events: Sequence[clock.Event], deadlines: Sequence[clock.Deadline]
) -> None:
    """Set ``case``'s summary fields (unsaved) from its events and the clock's answer."""
    for field, value in summary(events, deadlines).items():
        setattr(case, field, value)


def resummarise(case: Any) -> None:
    """Recompute and save ``case``'s summary from its *stored* events and deadline rows.

    For rows written outside ``refresh_deadlines`` (tests, repairs); actions never need it.
    """
    events = case.clock_events()
    rows = case.deadlines.filter(status__in=OPEN_STATUSES).order_by("due", "rule")
    first = rows.values_list("due", "rule").first()
    values = summary(events, [])
    values["next_due"], values["next_rule"] = first if first else (None, "")
    for field, value in values.items():
        setattr(case, field, value)
    case.save(update_fields=SUMMARY_FIELDS)
