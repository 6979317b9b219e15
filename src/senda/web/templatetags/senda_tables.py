"""GOV.UK tables for cases, case events and deadline rows, rendered by govuk-frontend-django."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from govuk_frontend_django.components.table import GovUKTable

from senda.clock.rules import RULES
from senda.web.templatetags.senda_govuk import humanise, status_tag

register = template.Library()


def day(value: date | None) -> str:
    """``2025-03-04`` → ``4 Mar 2025``; empty for None."""
    return date_format(value, "j M Y") if value else ""


def rule_title(rule: str, discipline: str = "") -> str:
    """A rule id as its title, e.g. ``final-plan`` → ``Final EHC plan issued``."""
    title = RULES[rule].title if rule in RULES else rule
    return f"{title} ({discipline})" if discipline else title


def _table(
    caption: str,
    head: list[str],
    rows: list[list[dict[str, Any]]],
    caption_classes: str = "govuk-table__caption--m",
) -> SafeString:
    return GovUKTable(
        caption=caption,
        captionClasses=caption_classes,
        head=[{"text": text} for text in head],  # type: ignore[misc]
        rows=rows,  # type: ignore[arg-type]
    ).render()


@register.simple_tag
def case_table(cases: Iterable[Any]) -> SafeString:
    """Cases annotated with ``next_rule``/``next_due``/``next_status`` (see views.cases)."""
    head = ["Child", "Officer", "Case status", "Next deadline", "Due", "Deadline status"]
    rows = [_case_row(case) for case in cases]
    return _table("Cases", head, rows, caption_classes="govuk-visually-hidden")


def _case_row(case: Any) -> list[dict[str, Any]]:
    href = reverse("web:case-detail", args=[case.pk])
    officer = case.officer.get_full_name() or case.officer.get_username() if case.officer else ""
    next_status = status_tag(case.next_status) if case.next_status else ""
    return [
        {"html": format_html('<a class="govuk-link" href="{}">{}</a>', href, case.child)},
        {"text": officer},
        {"html": status_tag(case.status)},
        {"text": rule_title(case.next_rule) if case.next_rule else "None open"},
        {"text": day(case.next_due)},
        {"html": next_status},
    ]


@register.simple_tag
def deadline_table(deadlines: Iterable[Any]) -> SafeString:
    head = ["Rule", "Due", "Done", "Status", "Citation"]
    return _table("Deadlines", head, [_deadline_row(row) for row in deadlines])


def _deadline_row(row: Any) -> list[dict[str, Any]]:
    return [
        {"text": rule_title(row.rule, row.discipline)},
        {"text": day(row.due)},
        {"text": day(row.done)},
        {"html": status_tag(row.status)},
        {"text": row.citation},
    ]


@register.simple_tag
def event_table(events: Iterable[Any]) -> SafeString:
    head = ["Date", "Event", "Outcome"]
    return _table("Timeline", head, [_event_row(event) for event in events])


def _event_row(event: Any) -> list[dict[str, Any]]:
    outcome = humanise(event.outcome) if event.outcome else ""
    detail = ", ".join(filter(None, [outcome, event.discipline, event.ground]))
    return [{"text": day(event.on)}, {"text": humanise(event.type)}, {"text": detail}]
