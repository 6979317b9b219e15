"""GOV.UK tables and summary lists for cases, case events, deadline rows and the child,
rendered by govuk-frontend-django."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from govuk_frontend_django.components.summary_list import GovUKSummaryList

from senda.casework.next_step import STEPS
from senda.clock.rules import RULES
from senda.web.phone_tables import stacked_table
from senda.web.templatetags.senda_govuk import humanise, status_tag, year_group_label

register = template.Library()


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def person(user: Any, fallback: str = "Not recorded") -> str:
    """A user as people read them: their full name, or their username without one."""
    if user is None:
        return fallback
    return str(user.get_full_name() or user.get_username())


def day(value: date | None) -> str:
    """``2025-03-04`` → ``4 Mar 2025``; empty for None. (The service is in English; a
    plain format is ten times faster than ``date_format`` on pages with many dates.)"""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else ""


@lru_cache(maxsize=32)
def _status_tag(status: str) -> SafeString:
    """A status tag renders the same for every row with that status: render it once."""
    return status_tag(status)


def rule_title(rule: str, discipline: str = "") -> str:
    """A rule id as its title, e.g. ``final-plan`` → ``Final EHC plan issued``."""
    title = RULES[rule].title if rule in RULES else rule
    return f"{title} ({discipline})" if discipline else title


def table(
    caption: str,
    head: list[str],
    rows: list[list[dict[str, Any]]],
    caption_classes: str = "govuk-table__caption--m",
) -> SafeString:
    """A GOV.UK table with a caption, text headings and prepared rows (shared by the tags)."""
    return stacked_table(
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
    return table("Cases", head, rows, caption_classes="govuk-visually-hidden")


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
def deadline_table(deadlines: Iterable[Any], caption: str = "Deadlines") -> SafeString:
    """Deadline rows (stored ``DeadlineRow`` or the clock's ``Deadline``)."""
    head = ["Deadline", "Due", "Done", "Status", "Citation"]
    return table(caption, head, [_deadline_row(row) for row in deadlines])


def _deadline_row(row: Any) -> list[dict[str, Any]]:
    return [
        {"text": rule_title(row.rule, row.discipline or "")},
        {"text": day(row.due)},
        {"text": day(row.done)},
        {"html": _status_tag(row.status)},
        {"text": row.citation},
    ]


KINDS = {"school": "School phase transfer", "post16": "Post-16 transfer"}


@register.simple_tag
def event_table(
    events: Iterable[Any], recorded_by: bool = False, change: bool = False
) -> SafeString:
    """The case's timeline; ``recorded_by`` adds who recorded each step (staff only), and
    who corrected or withdrew a step and why. A step corrected or withdrawn (its
    ``correction`` set by the view: ``web.views.cases``) is struck through; with ``change``,
    a step the viewer may correct (``may_change``) links to its correct and withdraw pages."""
    head = ["Date", "Step", "Details", *(["Recorded by"] if recorded_by else [])]
    rows = [_event_row(event, recorded_by) for event in events]
    if change:
        head.append("Change")
        for event, row in zip(events, rows, strict=True):
            row.append(
                {"html": _change_links(event) if getattr(event, "may_change", False) else ""}
            )
    return table("Timeline", head, rows)


def _event_row(event: Any, recorded_by: bool = False) -> list[dict[str, Any]]:
    correction = getattr(event, "struck", None)
    if correction is not None:
        return _struck_row(event, correction, recorded_by)
    row = [{"text": day(event.on)}, {"text": step_name(event.type)}, {"text": event_detail(event)}]
    if recorded_by:
        row.append({"text": person(event.recorded_by)})
    return row


def _struck_row(event: Any, correction: Any, recorded_by: bool) -> list[dict[str, Any]]:
    """A step no longer current: struck through (``<del>``, named for screen readers), with
    what happened to it; staff also see who did it and why."""
    done = correction.get_kind_display().lower()
    when = day(timezone.localdate(correction.at))
    note = f"{done.capitalize()} on {when}"
    if recorded_by:
        note = f"{done.capitalize()} by {person(correction.by)} on {when}: {correction.reason}"
    row = [
        {"html": format_html("<del>{}</del>", day(event.on))},
        {
            "html": format_html(
                '<del><span class="govuk-visually-hidden">{} step: </span>{}</del>',
                done.capitalize(),
                step_name(event.type),
            )
        },
        {
            "html": format_html(
                '<del>{}</del><p class="govuk-body-s govuk-!-margin-bottom-0">{}</p>',
                event_detail(event),
                note,
            )
        },
    ]
    if recorded_by:
        row.append({"text": person(event.recorded_by)})
    return row


def _change_links(event: Any) -> SafeString:
    what = f"{step_name(event.type).lower()}, {day(event.on)}"
    link = '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>'
    return format_html(
        f"{link} {link}",
        reverse("web:correct-step", args=[event.case_id, event.pk]),
        "Correct",
        what,
        reverse("web:withdraw-step", args=[event.case_id, event.pk]),
        "Withdraw",
        what,
    )


#: Each event type's name as the forms say it ("Decision whether to assess").
STEP_NAMES = {
    step.event_type: step.name[0].upper() + step.name[1:]
    for step in STEPS.values()
    if step.slug != "transferred-out"  # writes plan_ceased, which "Plan ceased" names
}


def step_name(event_type: str) -> str:
    """The timeline's name for an event type; unknown types are humanised."""
    return STEP_NAMES.get(event_type) or humanise(event_type)


def event_detail(event: Any) -> str:
    """The step's one extra field in words: outcome, discipline, ground, kind, last review."""
    parts = [
        humanise(event.outcome) if event.outcome else "",
        event.discipline.capitalize() if event.discipline else "",
        humanise(event.ground.replace("-", " ")) if event.ground else "",
        ", ".join(rule_title(rule) for rule in event.applies_to or ()),
        KINDS.get(event.kind, event.kind) if event.kind else "",
        f"Last review {day(event.last_review)}" if event.last_review else "",
    ]
    return "; ".join(filter(None, parts))


def _summary(pairs: Iterable[tuple[str, str]]) -> SafeString:
    rows = [{"key": {"text": key}, "value": {"text": value}} for key, value in pairs]
    return GovUKSummaryList(rows=rows).render()  # type: ignore[arg-type]


@register.simple_tag
def child_summary(case: Any, sees: Any, year_group: int | None) -> SafeString:
    """Who the child is; ``sees.identifiers`` adds sex, UPN, ULN and NHS number."""
    child = case.child
    officer = case.officer
    pairs = [
        ("Date of birth", date_format(child.date_of_birth, "j F Y") if child.date_of_birth else ""),
        ("Year group", year_group_label(year_group)),
        ("Primary need", child.get_primary_need_display()),
        ("Setting", _setting(child.setting)),
        ("Case officer", (officer.get_full_name() or officer.get_username()) if officer else ""),
        ("Case status", case.get_status_display()),
    ]
    if sees.identifiers:
        pairs[1:1] = [
            ("Sex", child.get_sex_display()),
            ("UPN", child.upn),
            ("ULN", child.uln),
            ("NHS number", child.nhs_number),
        ]
    return _summary((key, value or "Not recorded") for key, value in pairs)


def _setting(setting: Any) -> str:
    if setting is None:
        return ""
    reference = f"URN {setting.urn}" if setting.urn else f"UKPRN {setting.ukprn}"
    return f"{setting.name} ({setting.get_phase_display()}, {reference})"


@register.simple_tag
def plan_summary(plan: Any, request: Any) -> SafeString:
    """The latest EHC plan and the latest request for an assessment, when there are any."""
    pairs: list[tuple[str, str]] = []
    if plan is not None:
        pairs += [
            ("EHC plan", "Ceased" if plan.ceased_on else "Current"),
            ("Issued", day(plan.issued_on) if plan.issued_on else ""),
            ("Transferred in", day(plan.transferred_in_on)),
            ("Last amended", day(plan.amended_on)),
            ("Ceased", _ceased(plan)),
        ]
    else:
        pairs.append(("EHC plan", "No plan issued"))
    if request is not None:
        pairs += [
            ("Latest request for assessment", day(request.received_on)),
            ("Request made by", request.get_source_display()),
            ("Decision to assess", _decision(request.assess_outcome, request.assess_decided_on)),
            ("Decision to issue", _decision(request.issue_outcome, request.issue_decided_on, "")),
        ]
    return _summary((key, value) for key, value in pairs if value)


def _ceased(plan: Any) -> str:
    if not plan.ceased_on:
        return ""
    reason = plan.get_cease_reason_display() if plan.cease_reason else ""
    return f"{day(plan.ceased_on)}: {reason}" if reason else day(plan.ceased_on)


def _decision(outcome: str, on: date | None, missing: str = "Not yet decided") -> str:
    return f"{humanise(outcome.replace('-', ' '))}, {day(on)}" if outcome else missing


@register.simple_tag
def contact_summary(contact: Any) -> SafeString:
    """One family contact: relationship, email and phone."""
    pairs = [
        ("Relationship", contact.relationship),
        ("Email", contact.email or "Not recorded"),
        ("Phone", contact.phone or "Not recorded"),
    ]
    return _summary(pairs)
