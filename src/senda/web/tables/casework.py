"""Casework's tables: the case list and a case's deadlines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.clock.rules import RULES
from senda.people.names import display_name
from senda.web.components import status_tag, table
from senda.web.formats import day


def rule_title(rule: str, discipline: str = "") -> str:
    """A rule id as its title, e.g. ``final-plan`` → ``Final EHC plan issued``."""
    title = RULES[rule].title if rule in RULES else rule
    return f"{title} ({discipline})" if discipline else title


def case_table(cases: Iterable[Any]) -> SafeString:
    """Cases annotated with ``next_rule``/``next_due``/``next_status`` (see views.cases)."""
    head = ["Child", "Officer", "Case status", "Next deadline", "Due", "Deadline status"]
    rows = [_case_row(case) for case in cases]
    return table("Cases", head, rows, caption_classes="govuk-visually-hidden")


def _case_row(case: Any) -> list[dict[str, Any]]:
    href = reverse("web:case-detail", args=[case.pk])
    next_status = status_tag(case.next_status) if case.next_status else ""
    return [
        {"html": format_html('<a class="govuk-link" href="{}">{}</a>', href, case.child)},
        {"text": display_name(case.officer, "")},
        {"html": status_tag(case.status)},
        {"text": rule_title(case.next_rule) if case.next_rule else "None open"},
        {"text": day(case.next_due)},
        {"html": next_status},
    ]


def deadline_table(deadlines: Iterable[Any], caption: str = "Deadlines") -> SafeString:
    """Deadline rows (stored ``DeadlineRow`` or the clock's ``Deadline``)."""
    head = ["Deadline", "Due", "Done", "Status", "Citation"]
    return table(caption, head, [_deadline_row(row) for row in deadlines])


def _deadline_row(row: Any) -> list[dict[str, Any]]:
    return [
        {"text": rule_title(row.rule, row.discipline or "")},
        {"text": day(row.due)},
        {"text": day(row.done)},
        {"html": status_tag(row.status)},
        {"text": row.citation},
    ]
