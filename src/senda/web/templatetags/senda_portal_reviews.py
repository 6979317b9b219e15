"""The review's task lists and status tags (GOV.UK task list component): thin wrappers over
``senda.portal.reviews``' steps and section states."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.safestring import SafeString
from govuk_frontend_django.components.summary_list import GovUKSummaryList
from govuk_frontend_django.components.task_list import GovUKTaskList

from senda.web import tags
from senda.web.components import tag

register = template.Library()

#: A task-list word → its GOV.UK text and tag colour (None: plain text, no tag).
STATES: dict[str, tuple[str, str | None]] = {
    "completed": ("Completed", None),
    "incomplete": ("Incomplete", tags.BLUE),
    "in-progress": ("In progress", "govuk-tag--light-blue"),
    "not-started": ("Not yet started", tags.BLUE),
    "cannot-start": ("Cannot start yet", None),
}


#: What a flagged step's red tag says.
FLAGS = {"invitations": "Short notice", "report": "Returned"}


def _status(state: str, flag: str = "") -> dict[str, Any]:
    text, colour = STATES.get(state, (state, tags.GREY))
    if flag:
        return {"tag": {"text": flag, "classes": tags.RED}}
    if state == "cannot-start":
        return {"text": text, "classes": "govuk-task-list__status--cannot-start-now"}
    if colour is None:
        return {"text": text}
    return {"tag": {"text": text, "classes": colour}}


@register.simple_tag
def review_step_list(steps: list[Any], case_id: int, prefix: str = "steps") -> SafeString:
    """The review's progress: meeting date, invitations, advice, meeting, report."""
    meeting = reverse("web:portal-review-meeting", kwargs={"case_id": case_id})
    advice = {"case_id": case_id, "section": "advice"}
    links = {
        "meeting-date": meeting,
        "invitations": meeting,
        "meeting": meeting,
        "advice": reverse("web:portal-review-section", kwargs=advice),
        "report": reverse("web:portal-review-check", kwargs={"case_id": case_id}),
    }
    items = []
    for step in steps:
        item: dict[str, Any] = {
            "title": {"text": step.title},
            "status": _status(step.state, FLAGS.get(step.slug, "Check") if step.warning else ""),
        }
        if step.note:
            item["hint"] = {"text": step.note}
        if step.slug in links and step.state != "cannot-start":
            item["href"] = links[step.slug]
        items.append(item)
    return GovUKTaskList(idPrefix=prefix, items=items).render()  # type: ignore[arg-type]


@register.simple_tag
def report_section_list(
    sections: list[Any], case_id: int, prefix: str = "sections", mode: str = "open"
) -> SafeString:
    """The report's sections, each linking to its form. ``mode``: ``open``; ``sent`` (the
    states, no links: the report cannot change); ``blocked`` (no plan: cannot start)."""
    items = []
    for sec, state in sections:
        item: dict[str, Any] = {
            "title": {"text": sec.title if sec.required else f"{sec.title} (optional)"},
            "status": _status("cannot-start" if mode == "blocked" else state),
        }
        if mode == "open":
            kwargs = {"case_id": case_id, "section": sec.slug}
            item["href"] = reverse("web:portal-review-section", kwargs=kwargs)
        items.append(item)
    return GovUKTaskList(idPrefix=prefix, items=items).render()  # type: ignore[arg-type]


@register.simple_tag
def step_tags(steps: list[Any]) -> SafeString:
    """A review's steps as short tags for the list of reviews due."""
    parts = []
    for step in steps:
        text, _ = STATES.get(step.state, (step.state, None))
        colour = (
            tags.RED
            if step.warning
            else {
                "completed": tags.GREEN,
                "cannot-start": tags.GREY,
                "not-started": tags.GREY,
            }.get(step.state, tags.BLUE)
        )
        label = f"{step.title}: {text.lower()}" if step.state != "completed" else step.title
        if step.warning and step.note:
            label = f"{step.title}: {step.note.split(': ')[-1]}"
        parts.append(f'<li class="senda-step-tags__item">{tag(label, colour)}</li>')
    return SafeString(f'<ul class="govuk-list senda-step-tags">{"".join(parts)}</ul>')


@register.simple_tag
def answers_summary(rows: list[tuple[str, str]], change_url: str) -> SafeString:
    """Check your answers: each question and answer ("Not provided" when skipped), with a
    Change link to the form that asks it."""
    items = [
        {
            "key": {"text": str(label)},
            "value": {"html": linebreaksbr(answer)} if answer else {"text": "Not provided"},
            "actions": {
                "items": [
                    {"href": change_url, "text": "Change", "visuallyHiddenText": str(label).lower()}
                ]
            },
        }
        for label, answer in rows
    ]
    return GovUKSummaryList(rows=items).render()  # type: ignore[arg-type]
