"""The quarterly report as an XLSX workbook: a row per KPI, figures as numbers.

Sheets: *Report* (a header row, then one row per KPI grouped by improvement area: baseline,
target, this quarter, last quarter, a year ago with numerator and denominator, status,
analysis and mitigations), *Trend* (each KPI's figure for the eight quarters the charts
draw), *Complaints, mediation, appeals* (the section for scrutiny: a row per figure),
*Priorities* (a row per priority of the partnership: its "I" and "We" statements, areas of
action, rating and narrative for the quarter, the KPIs it serves with their figures and
statuses) and *Key actions* (a row per key action for the coming quarter), when the report
carries the priorities, and *About* (area, quarter, as-of day, what the columns and ``[c]``
mean). A per cent is the number 41.3 shown as ``41.3%``; money is pounds. A suppressed
figure is the text ``[c]`` (as in DfE's releases), and its numerator and denominator are
left empty. Text (commentary, a status reason) that a spreadsheet could run as a formula
stays text (``senda.exports``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from senda import exports
from senda.performance.report.content import Report, ReportFigure, Section

SUPPRESSED = "[c]"
SCRUTINY_SHEET = "Complaints, mediation, appeals"
PRIORITIES_SHEET = "Priorities"
KEY_ACTIONS_SHEET = "Key actions"

#: Number formats by unit, so a cell holds the number and shows it as people write it.
FORMATS = {
    "percent": '0.0"%"',
    "pounds": '"£"#,##0;-"£"#,##0',
    "count": "#,##0",
    "days": '0.0" days"',
    "weeks": '0.0" weeks"',
    "number": "#,##0.0",
}
DATE_FORMAT = "d mmm yyyy"
WIDE = 60


def number(value: Decimal | None) -> int | float | None:
    """A Decimal as a plain number cell (an int when it is whole)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def figure_cells(found: ReportFigure) -> list[Any]:
    """Value, numerator, denominator; ``[c]`` and blanks when suppressed."""
    if found.suppressed:
        return [SUPPRESSED, None, None]
    return [number(found.value), found.numerator, found.denominator]


def target_cells(section: Section) -> list[Any]:
    target = section.target
    if target is None:
        return [None, None, None]
    return [number(target.low), number(target.high), target.on]


def commentary_text(section: Section) -> str:
    return section.commentary.text if section.commentary else ""


#: (header, cells of a section, kind) — kind says how to format: value, date, text, int.
Column = tuple[str, Callable[[Section], Any], str]


def columns(report: Report) -> list[Column]:
    quarter = report.quarter
    columns: list[Column] = [
        ("Improvement area", lambda s: s.entry.area, "text"),
        ("KPI id", lambda s: s.entry.id, "text"),
        ("KPI", lambda s: s.entry.name, "text"),
        ("Descriptor", lambda s: s.entry.definition, "wide"),
        ("Unit", lambda s: s.entry.unit, "text"),
        ("Higher is better", lambda s: "Yes" if s.entry.higher_is_better else "No", "text"),
        ("Baseline", lambda s: number(s.baseline_value), "value"),
        ("Baseline date", lambda s: s.baseline_on, "date"),
        ("Baseline note", lambda s: s.baseline_note, "text"),
        ("Target", lambda s: target_cells(s)[0], "value"),
        ("Target (top of range)", lambda s: target_cells(s)[1], "value"),
        ("Target date", lambda s: target_cells(s)[2], "date"),
    ]
    for title, attr, period in (
        ("This quarter", "this", quarter),
        ("Last quarter", "last", quarter.previous()),
        ("A year ago", "year_ago", quarter.year_ago()),
    ):
        heading = f"{title} ({period.label})"
        columns += [
            (heading, _cell(attr, 0), "value"),
            (f"{heading} numerator", _cell(attr, 1), "int"),
            (f"{heading} denominator", _cell(attr, 2), "int"),
        ]
    columns += [
        ("Published measure (DfE)", lambda s: s.published.measure if s.published else "", "text"),
        ("Published year", lambda s: s.published.year if s.published else "", "text"),
        ("England (published)", _published("england"), "value"),
        ("Region (published)", _published("region"), "value"),
        ("This area (published)", _published("own"), "value"),
        ("Status", lambda s: s.status_label, "text"),
        ("Why", lambda s: s.status_reason, "wide"),
        ("Status set by a person", lambda s: "Yes" if s.overridden else "No", "text"),
        ("Analysis and mitigations", commentary_text, "wide"),
        ("Owner", lambda s: s.entry.owner, "text"),
        ("Source", lambda s: s.entry.source, "text"),
    ]
    return columns


def _published(kind: str) -> Callable[[Section], Any]:
    return lambda section: number(section.published.value(kind)) if section.published else None


def _cell(attr: str, index: int) -> Callable[[Section], Any]:
    return lambda section: figure_cells(getattr(section, attr))[index]


def write(report: Report) -> bytes:
    """The report as XLSX bytes."""
    book = exports.workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Report"
    _report_sheet(sheet, report)
    _trend_sheet(book.create_sheet("Trend"), report)
    if report.scrutiny is not None:
        _scrutiny_sheet(book.create_sheet(SCRUTINY_SHEET), report)
    if report.priorities is not None:
        _priorities_sheet(book.create_sheet(PRIORITIES_SHEET), report)
        _key_actions_sheet(book.create_sheet(KEY_ACTIONS_SHEET), report)
    _about_sheet(book.create_sheet("About"), report)
    return exports.xlsx(book)


def _report_sheet(sheet: Worksheet, report: Report) -> None:
    cols = columns(report)
    areas = {group.area.id: group.area.name for group in report.groups}
    _header(sheet, [header for header, _, _ in cols])
    for section in report.sections:
        values = [cell(section) for _, cell, _ in cols]
        values[0] = areas.get(values[0], values[0])
        sheet.append(values)
        row = sheet.max_row
        for index, (_, _, kind) in enumerate(cols, start=1):
            _format(sheet.cell(row=row, column=index), kind, section.entry.unit)
    for index, (_, _, kind) in enumerate(cols, start=1):
        width = WIDE if kind == "wide" else 18
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.column_dimensions["C"].width = 40


def _trend_sheet(sheet: Worksheet, report: Report) -> None:
    periods = [period for period, _ in report.sections[0].trend] if report.sections else []
    _header(sheet, ["KPI id", "KPI", "Unit", *(p.label for p in periods)])
    for section in report.sections:
        sheet.append(
            [
                section.entry.id,
                section.entry.name,
                section.entry.unit,
                *(
                    SUPPRESSED if period.key in section.trend_hidden else number(value)
                    for period, value in section.trend
                ),
            ]
        )
        row = sheet.max_row
        for column in range(4, 4 + len(periods)):
            _format(sheet.cell(row=row, column=column), "value", section.entry.unit)
    sheet.column_dimensions["B"].width = 40


def _scrutiny_sheet(sheet: Worksheet, report: Report) -> None:
    """The section for scrutiny: a row per figure of each table, ``[c]`` when suppressed."""
    found = report.scrutiny
    assert found is not None
    _header(sheet, ["Table", "Figure", "Value", "Numerator", "Denominator", "Unit", "Note"])
    sheet.freeze_panes = "C2"
    for table in found.tables:
        for line in table.lines:
            value = SUPPRESSED if line.suppressed else number(line.value)
            sheet.append(
                [
                    table.title,
                    line.label,
                    value,
                    line.numerator if line.unit in ("percent", "number") else None,
                    line.denominator,
                    line.unit,
                    table.note,
                ]
            )
            _format(sheet.cell(row=sheet.max_row, column=3), "value", line.unit)
    for column, width in zip("ABCDEFG", (34, 50, 14, 12, 12, 10, WIDE), strict=True):
        sheet.column_dimensions[column].width = width


def _priorities_sheet(sheet: Worksheet, report: Report) -> None:
    """A row per priority; its KPIs as ``name: figure (status)``, one a line."""
    quarter = report.quarter
    _header(
        sheet,
        [
            "Priority",
            "Title",
            "Lead",
            "I statement",
            "We statement",
            "Areas of action",
            f"Rating ({quarter.label})",
            "Narrative",
            "Rated on",
            "Rated by",
            f"Rating ({quarter.previous().label})",
            "KPIs served",
        ],
    )
    sheet.freeze_panes = "C2"
    for page in report.priority_pages:
        p = page.priority
        kpis = [f"{s.entry.name}: {_shown(s.this)} ({s.status_label})" for s in page.kpis]
        kpis += [f"{kpi}: not in the KPI catalogue" for kpi in page.unknown]
        sheet.append(
            [
                p.number,
                p.title,
                p.lead,
                p.i_statement,
                p.we_statement,
                "\n".join(p.areas_of_action),
                p.rating.label if p.rating else "Not rated",
                p.rating.narrative if p.rating else "",
                p.rating.rated_on if p.rating else None,
                p.rating.by if p.rating else "",
                p.previous.label if p.previous else "Not rated",
                "\n".join(kpis),
            ]
        )
        for column in range(1, 13):
            cell = sheet.cell(row=sheet.max_row, column=column)
            _format(cell, "date" if column == 9 else "wide", "")
    for column, width in zip(
        "ABCDEFGHIJKL", (9, 34, 24, 50, 50, 50, 14, WIDE, 12, 20, 14, WIDE), strict=True
    ):
        sheet.column_dimensions[column].width = width


def _shown(found: ReportFigure) -> str:
    if found.suppressed:
        return SUPPRESSED
    if found.value is None:
        return "no figure"
    return str(number(found.value))


def _key_actions_sheet(sheet: Worksheet, report: Report) -> None:
    """A row per key action for the coming quarter, under its priority."""
    found = report.priorities
    assert found is not None
    _header(sheet, ["Priority", "Title", "Key action", "Due", "Action", "Lead", "List"])
    sheet.freeze_panes = "C2"
    for page in report.priority_pages:
        for key in page.priority.key_actions:
            sheet.append(
                [
                    page.priority.number,
                    page.priority.title,
                    key.text,
                    key.due_on,
                    key.reference,
                    key.lead,
                    found.state_label,
                ]
            )
            _format(sheet.cell(row=sheet.max_row, column=4), "date", "")
            sheet.cell(row=sheet.max_row, column=3).alignment = Alignment(
                wrap_text=True, vertical="top"
            )
    for column, width in zip("ABCDEFG", (9, 34, WIDE, 12, 10, 30, 30), strict=True):
        sheet.column_dimensions[column].width = width


def _about_sheet(sheet: Worksheet, report: Report) -> None:
    state = "in progress: figures to date" if report.in_progress else "complete"
    rows: list[list[Any]] = [
        ["Local area", report.la.name],
        ["Quarter", report.quarter.long_label],
        ["Quarter is", state],
        ["Figures as of", report.as_of],
        ["Written", report.today],
        [
            "[c]",
            "Suppressed: a small number that could identify a child, or a figure from "
            "which one could be worked out",
        ],
        ["Numbers", "A per cent is a number from 0 to 100 (41.3 is 41.3%); money is pounds"],
        ["Status", "Derived from the figure and the KPI's trajectory unless a person set it"],
    ]
    if report.priorities is not None:
        rows += [
            ["Priorities", f"From {report.priorities.plan_title}; rated red, amber, green or blue"],
            ["Key actions", f"For {report.coming.long_label}: {report.priorities.state_label}"],
        ]
    licences = {s.published.licence for s in report.sections if s.published}
    rows += [["Published figures", licence] for licence in sorted(licences)]
    for values in rows:
        sheet.append(values)
        if isinstance(values[1], date):
            sheet.cell(row=sheet.max_row, column=2).number_format = DATE_FORMAT
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 90


def _header(sheet: Worksheet, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "D2"


def _format(cell: Any, kind: str, unit: str) -> None:
    if kind == "value" and isinstance(cell.value, int | float):
        cell.number_format = FORMATS.get(unit, "General")
    elif kind == "date" and cell.value is not None:
        cell.number_format = DATE_FORMAT
    cell.alignment = Alignment(wrap_text=kind == "wide", vertical="top")
