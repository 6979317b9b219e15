"""The governance pages' tables: a meeting's action log, a person's action-log items, a
body's meetings and escalations. Staff are named; no child is."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.governance.models import Escalation, LogItem, Meeting
from senda.web.formats import day
from senda.web.phone_tables import captioned_table


def _link(text: str, url: str) -> dict[str, Any]:
    return {"html": format_html('<a class="govuk-link" href="{}">{}</a>', url, text)}


def _tag(colour: str, text: str) -> dict[str, Any]:
    return {
        "html": format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)
    }


def _state(item: LogItem, today: date) -> dict[str, Any]:
    if item.done_on is not None:
        return _tag("green", f"Done {day(item.done_on)}")
    if item.overdue(today):
        return _tag("red", "Overdue")
    return _tag("blue", "Open")


def _owner(item: LogItem) -> str:
    return item.owner.get_full_name() or item.owner.username


def action_log_table(
    items: Iterable[LogItem], today: date, *, may_close: Any, caption: str = "Action log"
) -> SafeString:
    """The meeting's action log: action, owner, due, state, and a link to mark it done
    for whoever may (``may_close(item)``)."""
    rows = []
    for item in items:
        close = (
            _link("Mark done", reverse("web:governance-log-done", args=[item.pk]))
            if item.done_on is None and may_close(item)
            else {"text": ""}
        )
        rows.append(
            [
                {"text": item.text},
                {"text": _owner(item)},
                {"text": day(item.due_on)},
                _state(item, today),
                close,
            ]
        )
    return captioned_table(caption, ["Action", "Owner", "Due", "Status", "Done"], rows)


def my_log_table(items: Iterable[LogItem], today: date, caption: str) -> SafeString:
    """A person's own action-log items: the action, the meeting that set it, due, state."""
    rows = []
    for item in items:
        meeting = item.meeting
        where = f"{meeting.body.name}, {day(meeting.held_on)}"
        rows.append(
            [
                {"text": item.text},
                _link(where, reverse("web:governance-meeting", args=[meeting.pk])),
                {"text": day(item.due_on)},
                _state(item, today),
                _link("Mark done", reverse("web:governance-log-done", args=[item.pk])),
            ]
        )
    return captioned_table(caption, ["Action", "Meeting", "Due", "Status", "Done"], rows)


def meetings_table(meetings: Iterable[Meeting]) -> SafeString:
    rows = []
    for meeting in meetings:
        pack = meeting.board_pack
        rows.append(
            [
                _link(day(meeting.held_on), reverse("web:governance-meeting", args=[meeting.pk])),
                {"text": f"Board pack for {day(pack.meeting_on)}" if pack else "None"},
                {"text": str(len(meeting.log_items.all())), "format": "numeric"},
            ]
        )
    return captioned_table("Meetings", ["Date", "Board pack considered", "Open actions"], rows)


def _subject(escalation: Escalation) -> str:
    if escalation.action is not None:
        return f"Action {escalation.action.reference}"
    return f"KPI {escalation.kpi_id}"


def escalations_table(escalations: Iterable[Escalation], caption: str) -> SafeString:
    rows = []
    for escalation in escalations:
        decision = getattr(escalation, "decision", None)
        rows.append(
            [
                _link(
                    _subject(escalation), reverse("web:governance-escalation", args=[escalation.pk])
                ),
                {"text": escalation.body.name},
                {"text": day(escalation.raised_on)},
                {"text": decision.get_outcome_display() if decision else "Awaiting decision"},
            ]
        )
    return captioned_table(caption, ["About", "Raised with", "Raised", "Decision"], rows)
