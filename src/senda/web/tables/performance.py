"""The performance board's tables: the KPIs of an area with their sparklines, their trends,
a KPI's breakdowns and the statuses people set."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.people.names import display_name
from senda.performance.board import AreaGroup, Breakdown, Row, number
from senda.performance.catalogue.entry import Entry
from senda.performance.kpi_figures import KpiFigure
from senda.performance.models import StatusOverride
from senda.performance.periods import Period, containing
from senda.performance.status_rule import LABELS
from senda.web import tags
from senda.web.charts.render import sparkline_svg
from senda.web.components import table, tag
from senda.web.formats import day
from senda.web.phone_tables import stacked_table

SUPPRESSED = "Suppressed"


def kpi_status_tag(status: str, label: str) -> SafeString:
    """A KPI's status as a GOV.UK tag in its colour (``tags.KPI``)."""
    return tag(label, tags.colour(tags.KPI, status))


def figure(row: Row, name: str = "this", counts: bool = False) -> str:
    """A row's figure (``this``, ``last``, ``year_ago``, or ``with_exceptions``: this
    quarter's including exception cases) as text: ``41.3%`` (with ``counts``,
    ``41.3% (31 of 75)``), ``Suppressed`` or ``No figure``."""
    if name == "with_exceptions":
        if row.hidden("this") or row.hidden("this-with-exceptions"):
            return SUPPRESSED
        beside = row.this.with_exceptions if row.this is not None else None
        return value_text(beside, row.entry.unit, counts)
    if row.hidden(name):
        return SUPPRESSED
    value: KpiFigure | None = getattr(row, name)
    return value_text(value, row.entry.unit, counts)


def value_text(value: KpiFigure | None, unit: str, counts: bool = False) -> str:
    if value is None or value.value is None:
        return "No figure"
    text = number(value.value, unit)
    if (
        counts
        and unit not in ("pounds", "weeks")
        and value.denominator is not None
        and value.numerator is not None
    ):
        text += f" ({value.numerator:,} of {value.denominator:,})"
    return text


def board_table(group: AreaGroup, query: str = "") -> SafeString:
    """One row per KPI of an area: its name (linking to the KPI page), this quarter's figure,
    the target, the status and the trend sparkline."""
    rows = [_board_row(row, query) for row in group.rows]
    return stacked_table(
        caption=group.area.name,
        captionClasses="govuk-visually-hidden",
        head=BOARD_HEAD,  # type: ignore[arg-type]
        rows=rows,  # type: ignore[arg-type]
    ).render()


#: The board table's columns, the same widths in every area's table.
BOARD_HEAD = [
    {"text": "KPI", "classes": "govuk-!-width-one-third"},
    {"text": "This quarter", "format": "numeric"},
    {"text": "Target"},
    {"text": "Status"},
    {"text": "Last 8 quarters"},
]


def _board_row(row: Row, query: str) -> list[dict[str, Any]]:
    href = reverse("web:kpi", args=[row.entry.id]) + query
    status = row.status
    trend = sparkline_svg(row.trend, row.entry.unit, row.entry.name, f"trend-{row.entry.id}")
    return [
        {"html": _name(href, row)},
        {"text": figure(row, "this"), "format": "numeric"},
        {"text": row.target or "Not set"},
        {"html": kpi_status_tag(status.status, status.label)},
        {"html": trend},
    ]


def _name(href: str, row: Row) -> SafeString:
    """The KPI's name, linking to its page; a KPI the partnership defined itself says so."""
    link = format_html('<a class="govuk-link" href="{}">{}</a>', href, row.entry.name)
    if not row.entry.local:
        return link
    return format_html('{}<br><span class="govuk-hint govuk-!-margin-0">{}</span>', link, LOCAL)


#: What the board says under a KPI the partnership defined itself.
LOCAL = "The partnership's own KPI"


def board_trend_table(group: AreaGroup) -> SafeString:
    """The figures the area's sparklines draw, a column per quarter ("Suppressed" where a
    figure is hidden)."""
    rows = group.rows
    if not rows:
        return SafeString("")
    head = ["KPI", *(p.label for p, _ in rows[0].trend)]
    body = [
        [
            {"text": row.entry.name},
            *({"text": _trend_text(row, p, v), "format": "numeric"} for p, v in row.trend),
        ]
        for row in rows
    ]
    return table(f"{group.area.name}: last 8 quarters", head, body, "govuk-table__caption--s")


def _trend_text(row: Row, period: Period, value: Decimal | None) -> str:
    return SUPPRESSED if row.hidden(period.key) else number(value, row.entry.unit)


def breakdown_table(part_of: Breakdown, entry: Entry) -> SafeString:
    """A KPI's figure by one dimension; hidden figures say so."""
    head = [part_of.name, "Figure"]
    rows = [
        [
            {"text": part.label},
            {
                "text": SUPPRESSED if part.hidden else value_text(part.value, entry.unit, True),
                "format": "numeric",
            },
        ]
        for part in part_of.parts
    ]
    caption = f"By {part_of.name[0].lower()}{part_of.name[1:]}"
    return table(caption, head, rows, "govuk-table__caption--s")


def quarter_label(on: date) -> str:
    """The financial quarter a day falls in: ``Q3 2026-27``."""
    return containing(on, "quarter").label


def override_table(overrides: Sequence[StatusOverride]) -> SafeString:
    """Every status a person set over the derived one, newest quarter first."""
    head = ["Quarter", "Status set", "Derived status", "Reason", "Set by"]
    rows = [
        [
            {"text": quarter_label(o.period_start)},
            {"text": "Withdrawn: back to the derived status" if o.withdrawn else LABELS[o.status]},
            {"text": LABELS.get(o.derived_status, o.derived_status)},
            {"text": o.reason},
            {"text": f"{display_name(o.by)}, {day(o.at.date())}"},
        ]
        for o in overrides
    ]
    return table("Statuses set by people", head, rows, "govuk-table__caption--s")
