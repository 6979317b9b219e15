"""The SEN2 return's tables: its counts, its findings by rule and one by one (each linked
to the record where it is fixed), the consistency of its counts with Senda's KPIs and
DfE's published figures, and the history of returns made. People are named by their
position in the file and their UPN, never by name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.interchange import fix_links
from senda.interchange.models import Sen2Run
from senda.people.names import display_name
from senda.web.components import tag
from senda.web.formats import day, humanise, when
from senda.web.phone_tables import captioned_table

#: A level's tag: errors stop the return, queries must be explained.
LEVELS = {"error": ("Error", "govuk-tag--red"), "query": ("Query", "govuk-tag--yellow")}


def level_tag(level: str) -> SafeString:
    text, classes = LEVELS.get(level, (humanise(level), "govuk-tag--grey"))
    return tag(text, classes)


def number(value: Any) -> str:
    """A figure as a page shows it: ``1,234``, ``41.5``; "No figure" for None."""
    if value is None:
        return "No figure"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal | float):
        return f"{value:,.1f}".removesuffix(".0")
    shown = getattr(value, "value", value)  # a KpiFigure
    return number(shown) if shown is not value else str(value)


def counts_table(counts: Mapping[str, int], labels: Mapping[str, str]) -> SafeString:
    """Each aggregate of the return, in the order it was counted, with its label."""
    rows = [
        [{"text": labels.get(key, humanise(key))}, {"text": number(value), "format": "numeric"}]
        for key, value in counts.items()
    ]
    return _table("The return's counts", ["Count", "Number"], rows)


def by_rule(findings: Iterable[Mapping[str, Any]]) -> list[tuple[str, str, int, str]]:
    """(rule, level, how many, the first message) for each rule found, errors first, most
    frequent first."""
    counted: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], str] = {}
    for finding in findings:
        key = (str(finding.get("rule", "")), str(finding.get("level", "")))
        counted[key] += 1
        first.setdefault(key, str(finding.get("message", "")))
    ordered = sorted(counted.items(), key=lambda item: (item[0][1] != "error", -item[1], item[0]))
    return [(rule, level, n, first[(rule, level)]) for (rule, level), n in ordered]


def rules_table(findings: Iterable[Mapping[str, Any]]) -> SafeString:
    rows = [
        [
            {"text": rule},
            {"html": level_tag(level)},
            {"text": number(n), "format": "numeric"},
            {"text": message},
        ]
        for rule, level, n, message in by_rule(findings)
    ]
    return _table("Findings by rule", ["Rule", "Error or query", "How many", "For example"], rows)


def findings_table(
    findings: Sequence[Mapping[str, Any]],
    children: Mapping[str, int],
    *,
    fix_elsewhere: str,
    cases: Mapping[int, int] | None = None,
) -> SafeString:
    """One row per finding. ``children`` maps a UPN (capitals) to the child it names in the
    area; a person without one is sent to ``fix_elsewhere`` (the data-quality page, which
    lists the cases with no UPN)."""
    rows = []
    for finding in findings:
        position = int(finding.get("position") or 0)
        upn = str(finding.get("upn") or "")
        rows.append(
            [
                {"text": str(finding.get("rule", ""))},
                {"html": level_tag(str(finding.get("level", "")))},
                {"text": f"Person {position}" if position else "Header"},
                {"text": upn or "No UPN"},
                {"text": str(finding.get("element", ""))},
                {"text": str(finding.get("message", ""))},
                {
                    "html": _where(
                        position,
                        upn,
                        children,
                        fix_elsewhere,
                        element=str(finding.get("element", "")),
                        cases=cases or {},
                    )
                },
            ]
        )
    head = ["Rule", "Error or query", "Person", "UPN", "Element", "How to fix", "Where"]
    return _table("Each finding", head, rows)


def _where(
    position: int,
    upn: str,
    children: Mapping[str, int],
    elsewhere: str,
    *,
    element: str = "",
    cases: Mapping[int, int] | None = None,
) -> SafeString:
    child_id = children.get(upn.strip().upper()) if upn else None
    if child_id is not None:
        page = fix_links.fix_page(element)
        case_id = (cases or {}).get(child_id)
        if page != "child-details" and case_id is not None:
            label = {"placements": "Placements", "plan-settings": "Plan's settings"}.get(
                page, "Case"
            )
            return format_html(
                '<a class="govuk-link" href="{}">{}'
                '<span class="govuk-visually-hidden"> of person {}</span></a>',
                reverse(f"web:{page}", args=[case_id]),
                label,
                position,
            )
        return format_html(
            '<a class="govuk-link" href="{}">Child\'s details'
            '<span class="govuk-visually-hidden"> of person {}</span></a>',
            reverse("web:child-details", args=[child_id]),
            position,
        )
    if position == 0:
        return SafeString("")
    return format_html(
        '<a class="govuk-link" href="{}">Data quality'
        '<span class="govuk-visually-hidden"> (person {} has no matching UPN)</span></a>',
        elsewhere,
        position,
    )


def consistency_table(rows: Sequence[Any]) -> SafeString:
    """The return's counts beside Senda's KPI and DfE's published figures, by year, and why
    they differ (``senda.performance.sen2_consistency.Row``)."""
    body = []
    for row in rows:
        kpi = SafeString("No KPI")
        if row.kpi_id:
            kpi = format_html(
                '{} <a class="govuk-link" href="{}">'
                '<span class="govuk-visually-hidden">{} </span>KPI</a>',
                number(row.kpi_value),
                reverse("web:kpi", args=[row.kpi_id]),
                row.label,
            )
        dfe = "; ".join(
            f"{year}: {number(value) if value is not None else 'not published'}"
            for year, value in sorted(row.dfe.items(), reverse=True)
        )
        body.append(
            [
                {"text": row.label},
                {"text": number(row.return_value), "format": "numeric"},
                {"html": kpi},
                {"text": dfe or "Not published"},
                {"text": row.explanation},
            ]
        )
    head = ["Measure", "This return", "Senda's KPI", "DfE published, by year", "Why they differ"]
    return _table("The return beside the KPIs and DfE's figures", head, body)


def history_table(runs: Iterable[Sen2Run]) -> SafeString:
    rows = [
        [
            {
                "html": format_html(
                    '<a class="govuk-link" href="{}">{}</a>',
                    reverse("web:sen2-run", args=[run.pk]),
                    when(run.made_at),
                )
            },
            {"text": run.get_kind_display()},
            {"text": day(run.census_date)},
            {"text": display_name(run.made_by, "A command")},
            {"text": number(run.persons), "format": "numeric"},
            {"text": number(run.errors), "format": "numeric"},
            {"text": number(run.queries), "format": "numeric"},
        ]
        for run in runs
    ]
    head = ["When", "What", "Census date", "Who", "Persons", "Errors", "Queries"]
    return _table("Returns made, newest first", head, rows)


def _table(caption: str, head: list[str], rows: list[list[dict[str, Any]]]) -> SafeString:
    return captioned_table(caption, head, rows)
