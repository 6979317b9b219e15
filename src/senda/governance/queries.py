"""Reads of the governance record: the QuerySets pages, the demo and tests share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from senda.governance.models import (
    Attendance,
    Body,
    Decision,
    Escalation,
    LogItem,
    Meeting,
    Member,
)

__all__ = [
    "action_history",
    "decision_log",
    "escalations_to",
    "kpi_history",
    "meeting_in_full",
    "meetings_considering",
    "my_log_items",
    "overdue_log_items",
]


def _escalations() -> QuerySet[Escalation]:
    return Escalation.objects.select_related(
        "body", "raised_by", "decision__next_body", "decision__meeting", "decision__decided_by"
    ).order_by("raised_on", "recorded_at", "id")


def action_history(action: Any) -> list[Escalation]:
    """Every escalation of an improvement action, oldest first, each with its decision."""
    return list(_escalations().filter(action=action))


def kpi_history(la_id: int, kpi_id: str) -> list[Escalation]:
    """Every escalation of a KPI in the area, oldest first, each with its decision."""
    return list(_escalations().filter(body__la_id=la_id, kpi_id=kpi_id))


def escalations_to(body: Body) -> list[Escalation]:
    return list(_escalations().filter(body=body).select_related("action__area__plan"))


def chain(escalation: Escalation) -> list[Escalation]:
    """The escalation with those it came from and went on to, in order."""
    first = escalation
    while first.escalated_from_id is not None:
        first = _escalations().get(pk=first.escalated_from_id)
    rows = [first]
    while (following := _escalations().filter(escalated_from=rows[-1]).first()) is not None:
        rows.append(following)
    return rows


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    """A decision of the log and the earlier wordings its corrections superseded."""

    decision: Decision
    earlier: tuple[Decision, ...]


def decision_log(meeting: Meeting) -> list[DecisionEntry]:
    """The meeting's current decisions in the order first recorded, each with the
    wordings it superseded (oldest first)."""
    rows = list(meeting.decisions.select_related("recorded_by").order_by("recorded_at", "id"))
    by_id = {row.pk: row for row in rows}
    entries = []
    for row in rows:
        if any(other.supersedes_id == row.pk for other in rows):
            continue
        earlier: list[Decision] = []
        cursor = row
        while cursor.supersedes_id is not None and cursor.supersedes_id in by_id:
            cursor = by_id[cursor.supersedes_id]
            earlier.insert(0, cursor)
        entries.append(DecisionEntry(row, tuple(earlier)))
    return sorted(entries, key=_first_recorded)


def _first_recorded(entry: DecisionEntry) -> tuple[Any, int]:
    """When the decision's first wording was recorded: where it stands in the log."""
    first = (entry.earlier or (entry.decision,))[0]
    return first.recorded_at, first.pk


@dataclass(frozen=True, slots=True)
class MeetingInFull:
    meeting: Meeting
    attendance: list[Attendance]
    not_recorded: list[Member]
    decisions: list[DecisionEntry]
    log_items: list[LogItem]
    escalations: list[Escalation]


def meeting_in_full(meeting: Meeting) -> MeetingInFull:
    attendance = list(meeting.attendance.select_related("member"))
    recorded = {row.member_id for row in attendance}
    members = meeting.body.members.current(meeting.held_on)
    return MeetingInFull(
        meeting=meeting,
        attendance=attendance,
        not_recorded=[m for m in members if m.pk not in recorded],
        decisions=decision_log(meeting),
        log_items=list(meeting.log_items.select_related("owner")),
        escalations=list(
            _escalations().filter(decision__meeting=meeting).select_related("action__area__plan")
        ),
    )


def my_log_items(user: Any) -> QuerySet[LogItem]:
    """Open action-log items ``user`` owns, due soonest first."""
    return LogItem.objects.owned_by(user).open().order_by("due_on", "id")


def overdue_log_items(user: Any, today: date) -> QuerySet[LogItem]:
    return LogItem.objects.owned_by(user).overdue_on(today).order_by("due_on", "id")


def meetings_of(body: Body) -> QuerySet[Meeting]:
    return body.meetings.select_related("board_pack").prefetch_related(
        Prefetch("log_items", queryset=LogItem.objects.open())
    )


@dataclass(frozen=True, slots=True)
class PackMeeting:
    """A meeting that considered a board pack, with its current decisions."""

    meeting: Meeting
    decisions: list[DecisionEntry]


def meetings_considering(pack: Any, bodies: QuerySet[Body]) -> list[PackMeeting]:
    """The meetings of ``bodies`` (those the reader may see) that considered ``pack``,
    oldest first, each with its decision log: what the board pack shows of its meetings."""
    meetings = Meeting.objects.filter(board_pack=pack, body__in=bodies).select_related("body")
    return [PackMeeting(m, decision_log(m)) for m in meetings.order_by("held_on", "id")]
