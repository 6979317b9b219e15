"""Tables of the pages that keep a plan up to date: timescales to resolve, milestones with
their change links, and a risk's history."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from govuk_frontend_django.components.tag import GovUKTag

from senda.improvement.models import Risk
from senda.people.names import display_name
from senda.web.components import table
from senda.web.formats import day
from senda.web.tables.plans import milestone_state

SEVERITY = dict(Risk.Severity.choices)
STATUS = dict(Risk.Status.choices)


def _link(text: str, href: str, hidden: str) -> SafeString:
    """A link whose hidden words say what it changes (one "Change" link a row)."""
    return format_html(
        '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
        href,
        text,
        hidden,
    )


def unresolved_action_table(actions: Iterable[Any], can_manage: bool) -> SafeString:
    head = ["Action", "What", "The plan says"] + (["Dates"] if can_manage else [])
    rows = []
    for action in actions:
        row = [
            {"text": action.reference},
            {"text": action.what[:120]},
            {"text": action.timescale or "Nothing"},
        ]
        if can_manage:
            href = reverse("web:plan-action-timescale", args=[action.area.plan_id, action.pk])
            row.append({"html": _link("Set the dates", href, f"of action {action.reference}")})
        rows.append(row)
    return table("Actions whose timescale Senda could not read", head, rows)


def undated_milestone_table(milestones: Iterable[Any], editable: Collection[int]) -> SafeString:
    """Milestones without a due date; a link to set it on those the user may change."""
    head = ["Action", "Milestone"] + (["Due date"] if editable else [])
    rows = []
    for milestone in milestones:
        row = [{"text": milestone.action.reference}, {"text": milestone.title}]
        if editable:
            plan_id = milestone.action.area.plan_id
            href = reverse("web:plan-milestone-edit", args=[plan_id, milestone.pk])
            link = _link("Set the due date", href, f"of {milestone.title}")
            row.append({"html": link} if milestone.pk in editable else {"text": ""})
        rows.append(row)
    return table("Milestones without a due date", head, rows)


def editable_milestone_table(milestones: Iterable[Any], today: date, plan_id: int) -> SafeString:
    """The action's milestones, each with links to change or withdraw it."""
    head = ["Milestone", "Due", "Done", "Status", "Change"]
    rows = []
    for m in milestones:
        change = reverse("web:plan-milestone-edit", args=[plan_id, m.pk])
        withdraw = reverse("web:plan-milestone-withdraw", args=[plan_id, m.pk])
        links = format_html(
            "{}<br>{}", _link("Change", change, m.title), _link("Withdraw", withdraw, m.title)
        )
        state, colour = milestone_state(m, today)
        rows.append(
            [
                {"text": m.title},
                {"text": day(m.due_on) or "No date"},
                {"text": day(m.done_on)},
                {"html": GovUKTag(text=state, classes=colour).render()},
                {"html": links},
            ]
        )
    return table("Milestones", head, rows)


def risk_review_table(reviews: Iterable[Any]) -> SafeString:
    """A risk's ratings, newest first: never changed, so its history."""
    head = ["Date", "Before mitigation", "After mitigation", "Status", "By", "Why"]
    rows = [
        [
            {"text": day(r.reviewed_on)},
            {"text": SEVERITY.get(r.severity_before, r.severity_before)},
            {"text": SEVERITY.get(r.severity_after, r.severity_after)},
            {"text": STATUS.get(r.status, r.status)},
            {"text": display_name(r.author)},
            {"text": r.note},
        ]
        for r in reviews
    ]
    return table("History of this risk's severity and status", head, rows)


def action_change_links(context: dict[str, Any], plan: Any, action: Any) -> SafeString:
    """Links to change, date or withdraw ``action``, as far as the user may."""
    from senda.improvement.access import can_delete_action, can_edit_action, can_manage_plan

    user = context["request"].user
    args = [plan.pk, action.pk]
    links = []
    if can_edit_action(user, action):
        links.append(("Change the action", "web:plan-action-edit"))
        links.append(("Name the capital projects that deliver it", "web:plan-action-capital"))
    if can_manage_plan(user, plan):
        dates = "Enter the dates of its timescale" if not action.timescale_resolved else None
        links.append((dates or "Change the dates of its timescale", "web:plan-action-timescale"))
    if can_delete_action(user, action):
        links.append(("Withdraw the action", "web:plan-action-withdraw"))
    if not links:
        return SafeString("")
    items = format_html_join(
        "",
        '<li><a class="govuk-link" href="{}">{}</a></li>',
        ((reverse(name, args=args), text) for text, name in links),
    )
    return format_html('<ul class="govuk-list">{}</ul>', items)
