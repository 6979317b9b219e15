"""GOV.UK tags, tables and summary lists for improvement plans (rendered by
govuk-frontend-django through ``web.components``; colours from ``web.tags``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from govuk_frontend_django.components.inset_text import GovUKInsetText
from govuk_frontend_django.components.summary_list import GovUKSummaryList

from senda.improvement.models import RAGB, SCALES, Scale
from senda.people.names import NOT_RECORDED, display_name
from senda.performance.status_rule import LABELS as STATUS_LABELS
from senda.web import tags
from senda.web.components import table, tag
from senda.web.formats import day
from senda.web.tables.plan_impact import stage_and_impact

NOT_RATED = "Not rated"


def rating_html(scale: Scale, code: str | None) -> SafeString:
    """A rating as a coloured tag: "Not rated" (grey) for none, the code for an unknown one."""
    return tag(_label(scale, code) if code else NOT_RATED, tags.rating_colour(scale.code, code))


def rating_tag(plan: Any, code: str | None) -> SafeString:
    """``{% rating_tag plan action.current %}``: the code on the plan's scale as a tag."""
    return rating_html(SCALES[plan.scale], code)


def ragb_tag(code: str | None) -> SafeString:
    """``{% ragb_tag rating.code %}``: a priority's RAGB rating as a tag ("Not rated" grey)."""
    return rating_html(RAGB, code)


def count_tag(count: Any, scale: Scale) -> SafeString:
    """A ``RatingCount`` on ``scale`` as "Green: 3" in the value's colour."""
    code = count.value.code if count.value else None
    return tag(f"{count.label}: {count.count}", tags.rating_colour(scale.code, code))


def milestone_state(milestone: Any, today: date) -> tuple[str, str]:
    """A milestone's state on ``today`` as (tag text, tag colour): done, overdue or due."""
    if milestone.done_on:
        state = "done"
    elif milestone.due_on and milestone.due_on < today:
        state = "overdue"
    else:
        state = "due"
    return state.capitalize(), tags.colour(tags.MILESTONE, state)


def milestone_table(milestones: Iterable[Any], today: date) -> SafeString:
    head = ["Milestone", "Due", "Done", "Status"]
    rows = [
        [
            {"text": m.title},
            {"text": day(m.due_on) or "No date"},
            {"text": day(m.done_on)},
            {"html": tag(*milestone_state(m, today))},
        ]
        for m in milestones
    ]
    return table("Milestones", head, rows)


def area_action_table(plan: Any, actions: Iterable[Any]) -> SafeString:
    """Actions annotated by ``improvement.queries.area_actions``."""
    scale = SCALES[plan.scale]
    head = ["Ref", "What", "Lead", "Timescale", "Rating", "Stage and impact", "Next milestone"]
    return table("Actions", head, [_area_row(plan, scale, a) for a in actions])


def _area_row(plan: Any, scale: Scale, action: Any) -> list[dict[str, Any]]:
    href = reverse("web:plan-action", args=[plan.pk, action.pk])
    what = format_html('<a class="govuk-link" href="{}">{}</a>', href, _short(action.what))
    return [
        {"text": action.reference},
        {"html": what},
        {"text": action.lead or "Not named"},
        {"html": timescale_html(action)},
        {"html": rating_html(scale, action.current)},
        {"html": stage_and_impact(action)},
        {"text": _milestone_text(action.next_milestone)},
    ]


def _short(text: str, most: int = 120) -> str:
    line = " ".join(text.split())
    return line if len(line) <= most else f"{line[: most - 1].rstrip()}…"


def timescale_html(action: Any) -> SafeString:
    """The dates Senda read, or the verbatim text tagged "Timescale to resolve"."""
    if not action.timescale_resolved:
        return format_html(
            "{} {}",
            action.timescale or "None given",
            tag("Timescale to resolve", tags.colour(tags.TIMESCALE, "to-resolve")),
        )
    if getattr(action, "ongoing", False):
        start = day(action.starts_on)
        return format_html("{}", f"Ongoing from {start}" if start else "Ongoing")
    dates = " to ".join(filter(None, [day(action.starts_on), day(action.ends_on)]))
    return format_html("{}", dates or action.timescale or "None given")


def _milestone_text(milestone: Any) -> str:
    if milestone is None:
        return "None open"
    return f"{milestone.title} ({day(milestone.due_on)})" if milestone.due_on else milestone.title


def rating_history_table(plan: Any, ratings: Iterable[Any]) -> SafeString:
    """Newest first; says what Senda suggested when the rating differed from it."""
    scale = SCALES[plan.scale]
    head = ["Date", "Rating", "By", "Rationale"]
    return table("Rating history", head, [_rating_row(scale, r) for r in ratings])


def _rating_row(scale: Scale, rating: Any) -> list[dict[str, Any]]:
    rationale = rating.rationale
    if rating.overrides_suggestion:
        suggested = _label(scale, rating.suggested)
        rationale = f"{rationale} (Senda suggested {suggested})"
    return [
        {"text": day(rating.rated_on)},
        {"html": rating_html(scale, rating.value)},
        {"text": display_name(rating.author)},
        {"text": rationale},
    ]


def _label(scale: Scale, code: str) -> str:
    try:
        return scale.value(code).label
    except KeyError:
        return code


def due_table(rows: Iterable[Any], caption: str) -> SafeString:
    """My actions: ``improvement.queries.Due`` rows."""
    head = ["Action", "Plan", "Date", "What is due", "Rating"]
    return table(caption, head, [_due_row(row) for row in rows])


def _due_row(row: Any) -> list[dict[str, Any]]:
    action = row.action
    plan = action.area.plan
    href = reverse("web:plan-action", args=[plan.pk, action.pk])
    link = format_html(
        '<a class="govuk-link" href="{}">{} {}</a>', href, action.reference, _short(action.what, 80)
    )
    return [
        {"html": link},
        {"text": plan.title},
        {"text": day(row.on)},
        {"text": row.what},
        {"html": rating_html(SCALES[plan.scale], action.current)},
    ]


def steps(text: str) -> list[str]:
    """Lines of a multi-line cell, bullets stripped: ``{% for step in action.how|steps %}``."""
    lines = (line.strip().lstrip("•*-–").strip() for line in (text or "").splitlines())
    return [line for line in lines if line]


def area_summary(summary: Any, plan: Any) -> SafeString:
    """One area of the plan on a page (``improvement.queries.AreaSummary``) as a summary list."""
    scale = SCALES[plan.scale]
    counts = SafeString(" ".join(count_tag(c, scale) for c in summary.ratings)) or "No actions"
    rows = [
        ("Accountable lead", {"text": summary.area.lead or "Not named"}),
        ("Actions", {"text": str(summary.actions)}),
        ("Ratings", {"html": counts}),
        ("Overdue milestones", {"html": _overdue(summary.overdue_milestones)}),
        (
            "KPIs it serves",
            {"html": kpi_list(summary.kpis)} if summary.kpis else {"text": "None linked"},
        ),
    ]
    items: list[Any] = [{"key": {"text": key}, "value": value} for key, value in rows]
    return GovUKSummaryList(rows=items).render()


#: A KPI's status for the quarter (``senda.performance.status_rule``) → tag (text, colour);
#: "off" is what ``senda.improvement.suggest`` counts as off trajectory.
KPI_STATUSES = {key: (label, tags.colour(tags.KPI, key)) for key, label in STATUS_LABELS.items()}
KPI_STATUSES["unknown"] = ("Status not known yet", tags.colour(tags.KPI, "unknown"))


def _overdue(count: int) -> SafeString:
    return tag(str(count), tags.colour(tags.MILESTONE, "overdue")) if count else SafeString("0")


def sign_off_table(sign_offs: Iterable[Any]) -> SafeString:
    head = ["Partner", "Signed by", "Date"]
    rows = [
        [{"text": s.partner.name}, {"text": s.signed_by}, {"text": day(s.signed_on)}]
        for s in sign_offs
    ]
    return table("Signed off by", head, rows)


def update_table(updates: Iterable[Any]) -> SafeString:
    """Newest first (the model's order)."""
    head = ["Date", "By", "Update"]
    rows = [
        [
            {"text": day(u.on)},
            {"text": display_name(u.author, u.author_name or NOT_RECORDED)},
            {"text": u.text},
        ]
        for u in updates
    ]
    return table("Updates", head, rows)


def kpi_list(kpis: Iterable[Any]) -> SafeString:
    items = format_html_join(
        "",
        "<li>{} {}</li>",
        ((k.title, tag(*KPI_STATUSES.get(k.status, KPI_STATUSES["unknown"]))) for k in kpis),
    )
    return format_html('<ul class="govuk-list">{}</ul>', items)


def suggestion_inset(suggestion: Any, suggested: Any) -> SafeString:
    """Senda's suggested rating and every reason for it, as inset text."""
    label = suggested.label if suggested is not None else suggestion.value
    reasons = format_html_join("", "<li>{}</li>", ((reason,) for reason in suggestion.reasons))
    html = format_html(
        '<p class="govuk-body">Senda suggests <strong>{}</strong> because:</p>'
        '<ul class="govuk-list govuk-list--bullet">{}</ul>'
        '<p class="govuk-body">Confirm it, or choose another rating and say why.</p>',
        label,
        reasons,
    )
    return GovUKInsetText(html=html).render()
