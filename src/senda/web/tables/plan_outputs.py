"""GOV.UK tables for a plan's timeline and board pack, and the timeline's SVG."""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.improvement import gantt
from senda.improvement.boardpack import AreaSummary, KpiLine, RatingChange, Slipped
from senda.improvement.exceptions import Exception_
from senda.improvement.models.scales import Scale, Value
from senda.web import tags
from senda.web.components import table, tag
from senda.web.formats import day
from senda.web.tables.performance import kpi_status_tag


def rating_tag(value: Value | None, scale: Scale) -> SafeString:
    """A rating on ``scale`` as a GOV.UK tag in its colour (``web.tags.RATING``)."""
    if value is None:
        return SafeString("")
    return tag(value.label, tags.rating_colour(scale.code, value.code))


def gantt_svg(chart: gantt.Chart, plan: Any) -> SafeString:
    context = {
        "chart": chart,
        "plan": plan,
        "month_width": gantt.MONTH_WIDTH,
        "bar_height": gantt.BAR_HEIGHT,
    }
    return SafeString(render_to_string("web/plans/_gantt.svg", context))


def gantt_table(chart: gantt.Chart) -> SafeString:
    """The timeline's text equivalent: every drawn action with its dates and milestones."""
    rows = []
    for group in chart.groups:
        for bar in group.bars:
            start, end = gantt.span(bar.row) or (None, None)
            milestones = "; ".join(f"{title} ({day(on)})" for title, on in bar.row.milestones)
            rows.append(
                [
                    {"text": group.area},
                    {"text": f"{bar.row.reference} {bar.row.what}"},
                    {"text": day(start)},
                    {"text": day(end)},
                    {"text": milestones or "None"},
                ]
            )
    head = ["Area", "Action", "Start", "End", "Milestones"]
    return table("Actions and milestones by date", head, rows)


def unplaced_table(rows: Iterable[gantt.Row]) -> SafeString:
    body = [
        [{"text": r.area}, {"text": f"{r.reference} {r.what}"}, {"text": r.timescale or "None"}]
        for r in rows
    ]
    head = ["Area", "Action", "Timescale as written"]
    return table("Actions without dates", head, body, caption_classes="govuk-visually-hidden")


def changes_table(changes: Sequence[RatingChange], scale: Scale) -> SafeString:
    """Ratings given since the last pack, on the plan's ``scale``."""
    rows = [
        [
            {"text": f"{c.reference} {c.what}"},
            {"html": rating_tag(c.before, scale) if c.before else "First rating"},
            {"html": rating_tag(c.after, scale)},
            {"text": day(c.rated_on)},
            {"text": c.author},
            {"text": c.rationale},
        ]
        for c in changes
    ]
    head = ["Action", "From", "To", "Date", "By", "Rationale"]
    return table("Ratings changed", head, rows, caption_classes="govuk-visually-hidden")


def slipped_table(slipped: Sequence[Slipped]) -> SafeString:
    rows = [
        [
            {"text": s.reference},
            {"text": s.title},
            {"text": day(s.due_on)},
            {"text": f"{s.days_late} day{'s' if s.days_late != 1 else ''}"},
        ]
        for s in slipped
    ]
    head = ["Action", "Milestone", "Due", "Late by"]
    return table("Milestones that slipped", head, rows, caption_classes="govuk-visually-hidden")


def risk_table(
    risks: Sequence[Any], caption: str = "Risks", change: bool | Container[int] = False
) -> SafeString:
    """The risk register; ``change`` (True, or the ids of the risks the reader may change)
    adds a link to those risks' update forms."""
    head = ["Risk", "Raised", "Owner", "Before", "After mitigation", "Mitigation", "Progress"]
    head += ["Status", *(["Change"] if change else [])]
    return table(
        caption,
        head,
        [_risk_row(risk, change) for risk in risks],
        caption_classes="govuk-visually-hidden",
    )


def _risk_row(risk: Any, change: bool | Container[int]) -> list[dict[str, Any]]:
    row: list[dict[str, Any]] = [
        {"text": risk.description},
        {"text": day(risk.raised_on)},
        {"text": risk.owner},
        {"text": risk.get_severity_before_display()},
        {"text": risk.get_severity_after_display()},
        {"text": risk.mitigation},
        {"text": risk.progress},
        {"text": risk.get_status_display()},
    ]
    if change and change is not True and risk.pk not in change:  # type: ignore[operator]
        row.append({"text": ""})
    elif change:
        href = reverse("web:plan-risk", args=[risk.plan_id, risk.pk])
        link = format_html(
            '<a class="govuk-link" href="{}">Change<span class="govuk-visually-hidden"> risk: {}'
            "</span></a>",
            href,
            risk.description[:60],
        )
        row.append({"html": link})
    return row


def sign_off_table(sign_offs: Sequence[Any]) -> SafeString:
    rows = [
        [{"text": s.partner.name}, {"text": s.signed_by}, {"text": day(s.signed_on)}]
        for s in sign_offs
    ]
    return table(
        "Sign-off", ["Partner", "Signed by", "Date"], rows, caption_classes="govuk-visually-hidden"
    )


def kpi_table(lines: Sequence[KpiLine]) -> SafeString:
    """Every KPI the plan's actions name: this quarter's figure and last, the target, the
    trajectory status (a tag, with its reason), the direction and the actions it serves."""
    rows = [
        [
            {"text": line.title},
            {"text": line.value},
            {"text": line.last if line.row else ""},
            {"text": line.target or ("Not set" if line.row else "")},
            {"html": _kpi_status(line)},
            {"text": line.trend if line.row else ""},
            {"text": ", ".join(line.references)},
        ]
        for line in lines
    ]
    head = ["KPI", "This quarter", "Last quarter", "Target", "Status", "Trend", "Actions"]
    return table("Key performance indicators", head, rows, caption_classes="govuk-visually-hidden")


def _kpi_status(line: KpiLine) -> SafeString:
    if line.row is None:
        return format_html("{}", line.status_label)
    shown = kpi_status_tag(line.status, line.status_label)
    return format_html('{}<p class="govuk-body-s govuk-!-margin-top-1">{}</p>', shown, line.reason)


def feedback_table(entries: Sequence[Any], caption: str = "You said, we did") -> SafeString:
    rows = [
        [
            {"text": f.theme},
            {"text": f"{f.source}, {day(f.received_on)}"},
            {"text": f.you_said},
            {"text": f.we_did or "Not yet"},
            {"text": day(f.changed_on) or "Not yet"},
            {"text": day(f.published_on) or "Not yet"},
        ]
        for f in entries
    ]
    head = ["Theme", "Source", "You said", "We did", "Changed", "Published back"]
    return table(caption, head, rows, caption_classes="govuk-visually-hidden")


def summary_table(summary: Sequence[AreaSummary]) -> SafeString:
    labels = [label for label, _ in summary[0].counts] if summary else []
    rows = [
        [
            {"text": s.area},
            *({"text": str(n), "format": "numeric"} for _, n in s.counts),
            {"text": str(s.total), "format": "numeric"},
        ]
        for s in summary
    ]
    head = ["Area", *labels, "Actions"]
    return table("Actions by rating", head, rows, caption_classes="govuk-visually-hidden")


def exceptions_table(items: Sequence[Exception_], propose_for: Any = None) -> SafeString:
    """The exception report: what needs the board's attention, why, who owns it and what
    they propose; ``propose_for`` (a plan) adds a link to write each proposal."""
    head = ["Needs attention", "About", "Why", "Owner", "Proposal"]
    head += ["Change"] if propose_for is not None else []
    rows = []
    for item in items:
        proposal = f"{item.proposal} ({item.proposed_by})" if item.proposal else "None yet"
        row: list[dict[str, Any]] = [
            {"text": item.kind_label},
            {"text": item.what},
            {"text": item.why},
            {"text": item.owner},
            {"text": proposal},
        ]
        if propose_for is not None:
            href = reverse("web:plan-exception-proposal", args=[propose_for.pk])
            link = format_html(
                '<a class="govuk-link" href="{}?subject={}">Write a proposal'
                '<span class="govuk-visually-hidden"> for {}</span></a>',
                href,
                item.subject,
                item.what[:60],
            )
            row.append({"html": link})
        rows.append(row)
    return table("Exceptions", head, rows, caption_classes="govuk-visually-hidden")
