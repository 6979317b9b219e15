"""GOV.UK tables of the council's side of the portal: the received tray, answered advice,
a setting's support contacts and escalations, a plan's outcomes."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.casework.models import PlanOutcome
from senda.people.names import display_name
from senda.portal.models import AdviceRequest, Escalation, SupportContact
from senda.portal.tray import TrayEntry
from senda.web.components import tag
from senda.web.formats import day
from senda.web.phone_tables import captioned_table


def _table(caption: str, head: list[str], rows: list[list[dict[str, Any]]]) -> SafeString:
    return captioned_table(caption, head, rows, first_cell_is_header=True)


def _link(href: str, text: str) -> SafeString:
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, text)


def tray_table(entries: list[TrayEntry]) -> SafeString:
    """Reports waiting to be logged, oldest first."""
    rows = [
        [
            {
                "html": _link(
                    reverse("web:portal-tray-report", args=[e.report.pk]), str(e.report.case.child)
                )
            },
            {"text": f"Case {e.report.case_id}"},
            {"text": e.report.setting.name},
            {"text": day(e.received_on) or "Not recorded"},
            {"text": "" if e.days_since_meeting is None else str(e.days_since_meeting)},
            {"text": day(e.logged_due) or "No local standard"},
            {
                "html": tag("Overdue", "govuk-tag--red")
                if e.overdue
                else tag("Due", "govuk-tag--blue")
            },
        ]
        for e in entries
    ]
    head = ["Child", "Case", "Setting", "Received", "Days since meeting", "Log by", "Status"]
    return _table("Review reports to log", head, rows)


def advice_table(requests: list[AdviceRequest]) -> SafeString:
    rows = [
        [
            {"html": _link(reverse("web:case-detail", args=[r.case_id]), f"Case {r.case_id}")},
            {"text": r.team.name},
            {"text": r.get_kind_display()},
            {"text": day(r.answered_on)},
        ]
        for r in requests
    ]
    return _table("Advice answered in the last 4 weeks", ["Case", "Team", "For", "Answered"], rows)


def contacts_table(contacts: list[SupportContact]) -> SafeString:
    rows = [
        [
            {"text": day(c.on)},
            {"text": c.get_kind_display()},
            {"text": c.note or "No note"},
            {"text": display_name(c.recorded_by)},
        ]
        for c in contacts
    ]
    return _table("Support contacts", ["Date", "Kind", "Note", "Recorded by"], rows)


def escalations_table(escalations: list[Escalation]) -> SafeString:
    rows = [
        [
            {"text": day(e.on)},
            {"text": e.get_level_display()},
            {"text": e.reason},
            {"text": ", ".join(f"Case {c.pk}" for c in e.cases.all()) or "None"},
            {"text": f"Resolved {day(e.resolved_on)}" if e.resolved_on else "Open"},
        ]
        for e in escalations
    ]
    return _table("Escalations", ["Date", "To", "Reason", "Cases", "Status"], rows)


def outcomes_table(outcomes: list[PlanOutcome], caption: str) -> SafeString:
    rows = [
        [
            {"text": str(o.number)},
            {"text": o.get_area_display() or "No area"},
            {"text": o.text},
            {"text": day(o.recorded_on)},
            *([{"text": day(o.superseded_on)}] if o.superseded_on else []),
        ]
        for o in outcomes
    ]
    head = ["Number", "Area", "Outcome", "Recorded"]
    if outcomes and outcomes[0].superseded_on:
        head.append("Superseded")
    return _table(caption, head, rows)
