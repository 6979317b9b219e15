"""GOV.UK summary lists, status tags and charts for the quarterly performance report
(``senda.performance.report``), the same on the page and in the PDF."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from govuk_frontend_django.components.summary_list import GovUKSummaryList

from senda.performance.board import number
from senda.performance.report import ReportFigure, Section
from senda.performance.report.scrutiny import Line, Table
from senda.performance.status_rule import Point
from senda.web.charts.drawings import Mark, Trajectory, mark_text
from senda.web.charts.render import trajectory_svg
from senda.web.components import table
from senda.web.formats import day
from senda.web.tables.charts import trajectory_table
from senda.web.tables.performance import kpi_status_tag

SUPPRESSED = "Suppressed (a small number)"
NO_FIGURE = "No figure"


def figure_text(found: ReportFigure | None, unit: str) -> str:
    """``41.3% (31 of 75)``, ``12``, ``Suppressed (a small number)`` or ``No figure``."""
    if found is None or found.value is None:
        return SUPPRESSED if found is not None and found.suppressed else NO_FIGURE
    text = number(found.value, unit)
    if unit == "percent" and found.numerator is not None and found.denominator:
        text += f" ({found.numerator:,} of {found.denominator:,})"
    return text


def baseline_text(section: Section) -> str:
    if section.baseline_value is None:
        return "Not set"
    text = number(section.baseline_value, section.entry.unit)
    when = section.baseline_note or (day(section.baseline_on) if section.baseline_on else "")
    return f"{text} ({when})" if when else text


def target_text(point: Point | None, unit: str) -> str:
    if point is None:
        return "Not set"
    return f"{mark_text(Mark(point.on, point.low, point.high), unit)} by {day(point.on)}"


def status_tag(section: Section) -> SafeString:
    return kpi_status_tag(section.status, section.status_label)


def report_summary(section: Section) -> SafeString:
    """The KPI's descriptor, baseline, target, three quarters' figures and status."""
    unit = section.entry.unit
    rows: list[tuple[str, str | SafeString]] = [
        ("Descriptor", section.entry.definition),
        ("Baseline", baseline_text(section)),
        ("Target", target_text(section.target, unit)),
        (f"This quarter ({section.this.period.label})", figure_text(section.this, unit)),
    ]
    if section.this_with_exceptions is not None:
        figure = figure_text(section.this_with_exceptions, unit)
        rows.append(("This quarter, including exception cases", figure))
    rows += [
        (f"Last quarter ({section.last.period.label})", figure_text(section.last, unit)),
        (f"A year ago ({section.year_ago.period.label})", figure_text(section.year_ago, unit)),
        ("Status", _status(section)),
        ("Owner", section.entry.owner),
    ]
    items: list[dict[str, Any]] = [
        {
            "key": {"text": key},
            "value": {"html": value} if isinstance(value, SafeString) else {"text": value},
        }
        for key, value in rows
    ]
    return GovUKSummaryList(rows=items).render()  # type: ignore[arg-type]


def _status(section: Section) -> SafeString:
    who = "Set by the service" if section.overridden else "Worked out from the trajectory"
    return format_html(
        "{}<br>{}: {}", status_tag(section), who, section.status_reason or "no reason given"
    )


def chart(section: Section) -> Trajectory:
    """What the trajectory chart draws for a section: baseline, points and the trend from
    the first quarter with a figure (quarters before it would only add empty rows)."""
    trend = list(section.trend)
    while trend and trend[0][1] is None:
        trend.pop(0)
    return Trajectory.from_plan(
        section.entry.name,
        section.entry.unit,
        section.plan,
        trend,
        higher_is_better=section.entry.higher_is_better,
    )


def has_chart(section: Section) -> bool:
    """Whether there is anything to draw: a trajectory or at least one figure."""
    drawn = section.plan is not None and (section.plan.points or section.plan.baseline_value)
    return bool(drawn) or any(value is not None for _, value in section.trend)


def report_chart(section: Section, chart_id: str) -> SafeString:
    """The trajectory chart and, for anyone who cannot see it, its figures as a table."""
    if not has_chart(section):
        return SafeString('<p class="govuk-body">No trajectory or figures to chart yet.</p>')
    drawing = chart(section)
    return format_html(
        '<div class="senda-report-chart">{}</div>{}',
        trajectory_svg(drawing, chart_id),
        trajectory_table(drawing),
    )


def published_table(section: Section) -> SafeString:
    """DfE's latest published year of the KPI's benchmark measure, exactly as published."""
    found = section.published
    if found is None:
        return SafeString("")
    rows = [
        [{"text": label}, {"text": shown, "format": "numeric"}] for _, label, shown, _ in found.rows
    ]
    caption = f"Published national figures: {found.measure}, {found.year}"
    return format_html(
        '{}<p class="govuk-body-s">{}</p>',
        table(caption, ["Area", "Figure"], rows, "govuk-table__caption--s"),
        found.licence,
    )


def line_text(line: Line) -> str:
    """A scrutiny figure: ``12``, ``41.3% (31 of 75)``, ``4.2 (12 of 2,850 plans)``,
    ``£12,400``, ``Suppressed (a small number)`` or ``No figure``."""
    if line.suppressed:
        return SUPPRESSED
    if line.value is None:
        return NO_FIGURE
    text = number(line.value, line.unit)
    if line.unit == "percent" and line.numerator is not None and line.denominator:
        text += f" ({line.numerator:,} of {line.denominator:,})"
    if line.unit == "number" and line.numerator is not None and line.denominator:
        text += f" ({line.numerator:,} appeals, {line.denominator:,} plans)"
    return text


def scrutiny_table(found: Table) -> SafeString:
    """One table of the section for scrutiny (complaints, mediation and appeals)."""
    rows = [
        [{"text": line.label}, {"text": line_text(line), "format": "numeric"}]
        for line in found.lines
    ]
    shown = table(found.title, ["Figure", "This quarter"], rows, "govuk-table__caption--s")
    if not found.note:
        return shown
    return format_html('{}<p class="govuk-body-s">{}</p>', shown, found.note)


def this_quarter(section: Section) -> str:
    """``{% this_quarter section %}``: the KPI's figure for the report's quarter, as text."""
    return figure_text(section.this, section.entry.unit)
