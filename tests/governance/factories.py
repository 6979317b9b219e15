"""Governance rows for tests, made directly (no audit): one delivery group per area, its
first member, meeting, decision and action-log item, made once and found again, so a URL
naming a body and its member names the same body."""

from __future__ import annotations

from datetime import date
from typing import Any

from senda.governance.models import Body, Decision, Escalation, LogItem, Meeting, Member
from senda.people.models import LocalAuthority
from tests.factories import make_user


def make_body(la: LocalAuthority, name: str = "SEND delivery group", **fields: Any) -> Body:
    fields.setdefault("kind", Body.Kind.DELIVERY_GROUP)
    fields.setdefault("terms_of_reference", "Oversees the improvement plan's timescales and KPIs.")
    body, _ = Body.objects.get_or_create(la=la, name=name, defaults=fields)
    return body


def make_member(body: Body, **fields: Any) -> Member:
    if not fields and (member := body.members.first()) is not None:
        return member
    fields.setdefault("name", "Alex Chair")
    fields.setdefault("role", "Chair")
    fields.setdefault("joined_on", date(2025, 1, 6))
    return Member.objects.create(body=body, **fields)


def make_meeting(body: Body, **fields: Any) -> Meeting:
    if not fields and (meeting := body.meetings.first()) is not None:
        return meeting
    fields.setdefault("held_on", date(2026, 3, 4))
    return Meeting.objects.create(body=body, **fields)


def make_decision(meeting: Meeting, **fields: Any) -> Decision:
    if not fields and (decision := meeting.decisions.first()) is not None:
        return decision
    fields.setdefault("text", "The group agreed the revised timescale for action 1.1.")
    return Decision.objects.create(meeting=meeting, **fields)


def make_log_item(meeting: Meeting, owner: Any = None, **fields: Any) -> LogItem:
    if owner is None and not fields and (item := meeting.log_items.first()) is not None:
        return item
    if owner is None:
        owner = make_user("service_manager", meeting.body.la)
    fields.setdefault("text", "Bring the revised sufficiency figures to the next meeting.")
    fields.setdefault("due_on", date(2026, 4, 15))
    return LogItem.objects.create(meeting=meeting, owner=owner, **fields)


def make_escalation(body: Body, **fields: Any) -> Escalation:
    if not fields and (escalation := body.escalations.first()) is not None:
        return escalation
    if "action" not in fields:
        fields.setdefault("kpi_id", "final-plan-20w")
    fields.setdefault("reason", "The KPI has been off trajectory for two quarters.")
    fields.setdefault("raised_on", date(2026, 3, 1))
    return Escalation.objects.create(body=body, **fields)
