"""A case's timeline: its steps in words, struck through when corrected or withdrawn."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.casework.next_step import STEPS
from senda.clock.model import CEASE_REASONS
from senda.people.names import display_name
from senda.web.components import table
from senda.web.formats import day, humanise
from senda.web.tables.casework import rule_title

KINDS = {"school": "School phase transfer", "post16": "Post-16 transfer"}

#: Each event type's name as the forms say it ("Decision whether to assess"). A plan
#: ceasing is "Plan ceased": older records used it for every reason, decided or not.
STEP_NAMES = {step.event_type: step.name[0].upper() + step.name[1:] for step in STEPS.values()} | {
    "plan_ceased": "Plan ceased"
}
#: Decisions whose outcome needs more words than the outcome's own, by event type.
OUTCOME_WORDS = {
    "reassess_decision": {"reassess": "Re-assess", "refuse": "Refuse to re-assess"},
    "reassessment_outcome": {
        "amend": "Amended plan",
        "replace": "Replacement plan",
        "no-change": "Notice that the plan stays as it is",
    },
    "cease_decision": {"cease": "Cease the plan", "maintain": "Keep the plan"},
    "cease_appeal_decided": {"cease": "The plan ceases", "maintain": "The plan is kept"},
}


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
        row.append({"text": display_name(event.recorded_by)})
    return row


def _struck_row(event: Any, correction: Any, recorded_by: bool) -> list[dict[str, Any]]:
    """A step no longer current: struck through (``<del>``, named for screen readers), with
    what happened to it; staff also see who did it and why."""
    done = correction.get_kind_display().lower()
    when = day(timezone.localdate(correction.at))
    note = f"{done.capitalize()} on {when}"
    if recorded_by:
        who = display_name(correction.by)
        note = f"{done.capitalize()} by {who} on {when}: {correction.reason}"
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
        row.append({"text": display_name(event.recorded_by)})
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


def step_name(event_type: str) -> str:
    """The timeline's name for an event type; unknown types are humanised."""
    return STEP_NAMES.get(event_type) or humanise(event_type)


def event_detail(event: Any) -> str:
    """The step's extra fields in words: outcome, discipline, ground, kind, the LA a plan
    transferred in from, last review, the date of a move to another area, the reason a plan
    ceased."""
    move_date = getattr(event, "move_date", None)
    from_la = getattr(event, "from_la", "")
    reason = getattr(event, "cease_reason", None)
    parts = [
        _outcome(event.type, event.outcome) if event.outcome else "",
        event.discipline.capitalize() if event.discipline else "",
        humanise(event.ground.replace("-", " ")) if event.ground else "",
        ", ".join(rule_title(rule) for rule in event.applies_to or ()),
        KINDS.get(event.kind, event.kind) if event.kind else "",
        f"From LA {from_la}" if from_la else "",
        f"Last review {day(event.last_review)}" if event.last_review else "",
        f"Moving on {day(move_date)}" if move_date else "",
        CEASE_REASONS.get(reason, "") if reason else "",
    ]
    return "; ".join(filter(None, parts))


def _outcome(event_type: str, outcome: str) -> str:
    return OUTCOME_WORDS.get(event_type, {}).get(outcome) or humanise(outcome)
