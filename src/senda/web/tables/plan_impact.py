"""An action's stage and impact rating (ADR 0034) as GOV.UK tags and tables: on the
action's pages, the area's list of actions and the board pack's "Delivery and impact"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.improvement.boardpack import ImpactLine
from senda.improvement.models import ImpactRating, Stage
from senda.people.names import display_name
from senda.web import tags
from senda.web.components import table, tag
from senda.web.formats import day

NOT_RECORDED = "Not recorded"


def impact_tag(code: str | None) -> SafeString:
    """``{% impact_tag code %}``: an impact rating as a tag ("Not recorded", grey, for none)."""
    label = str(ImpactRating(code).label) if code in ImpactRating.values else NOT_RECORDED
    return tag(label, tags.colour(tags.IMPACT, code))


def stage_label(code: str | None) -> str:
    """``{% stage_label code %}``: a stage's words, or "Not recorded"."""
    return str(Stage(code).label) if code in Stage.values else NOT_RECORDED


def stage_and_impact(action: Any) -> SafeString:
    """An action annotated ``with_impact``: its stage, then its impact rating as a tag."""
    if not getattr(action, "impact_stage", None):
        return format_html("{}", NOT_RECORDED)
    return format_html("{} {}", stage_label(action.impact_stage), impact_tag(action.impact_rating))


def impact_history_table(history: Sequence[Any], kpi_names: Mapping[str, str]) -> SafeString:
    """Every record of an action's stage and impact, newest first, corrected ones marked."""
    head = ["Date", "Stage", "Impact", "Evidence", "By", "Note"]
    return table("Stage and impact history", head, [_row(r, kpi_names) for r in history])


def _row(record: Any, kpi_names: Mapping[str, str]) -> list[dict[str, Any]]:
    cited = ", ".join(kpi_names.get(k, k) for k in record.kpi_ids or ())
    evidence = record.evidence or "None given"
    if cited:
        evidence = f"{evidence} (KPIs: {cited})"
    notes = [record.reason] if record.reason else []
    correction = getattr(record, "correction", None)
    if correction is not None:
        notes.append(f"Corrected on {day(correction.recorded_on)}: no longer counts.")
    return [
        {"text": day(record.recorded_on)},
        {"text": stage_label(record.stage)},
        {"html": impact_tag(record.impact)},
        {"text": evidence},
        {"text": display_name(record.author)},
        {"text": " ".join(notes)},
    ]


def stage_count_table(counts: Sequence[tuple[str, int]]) -> SafeString:
    """The board pack: how many actions stand at each stage."""
    rows = [[{"text": label}, {"text": str(n), "format": "numeric"}] for label, n in counts]
    return table("Actions by stage", ["Stage", "Actions"], rows)


def delivery_impact_table(lines: Sequence[ImpactLine], scale: Any) -> SafeString:
    """The board pack: each action's delivery rating beside its stage and impact rating."""
    rows = [
        [
            {"text": f"{line.reference} {_short(line.what)}"},
            {"html": _delivery(line, scale)},
            {"text": line.stage_label},
            {"html": impact_tag(line.impact or None)},
            {"text": _short(line.evidence, 200) or "None recorded"},
        ]
        for line in lines
    ]
    head = ["Action", "Delivery", "Stage", "Impact", "Evidence"]
    return table("Each action's delivery and impact", head, rows)


def _delivery(line: ImpactLine, scale: Any) -> SafeString:
    if line.delivery is None:
        return tag("Not rated", tags.GREY)
    return tag(line.delivery.label, tags.rating_colour(scale.code, line.delivery.code))


def _short(text: str, most: int = 80) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= most else f"{line[: most - 1].rstrip()}…"
