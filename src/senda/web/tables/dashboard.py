"""Tables, charts and paging for the service dashboard (GOV.UK components via the package)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from senda.people.names import display_name
from senda.performance.catalogue import Entry as Kpi
from senda.performance.weekly.dashboard import Figure, Group, Series, Week, WeekFigure
from senda.web.components import status_tag, table
from senda.web.formats import day

CHART_HEIGHT, LABEL_ROOM = 100, 14
BAR_WIDTH, BAR_GAP = 20, 8
SPARK_HEIGHT, SPARK_BAR, SPARK_GAP = 24, 6, 2


def figure_text(figure: Figure | None) -> str:
    """``7 of 12 (58%)``; a count with what it counts, ``12 deadlines`` (every casework KPI
    counts deadline rows, not cases); ``none`` for an empty rate. As-is, never rounded or
    suppressed: this is an internal operational view."""
    if figure is None:
        return "not kept"
    if figure.denominator is None:
        return f"{figure.numerator} deadline{'' if figure.numerator == 1 else 's'}"
    if not figure.denominator:
        return "none"
    return f"{figure.numerator} of {figure.denominator} ({figure.percent}%)"


def week_dates(week: Week) -> str:
    """``Monday 16 November to Sunday 22 November 2026``."""
    return f"{date_format(week.start, 'l j F')} to {date_format(week.end, 'l j F Y')}"


def definition_html(text: str) -> SafeString:
    """A KPI's weekly text as GOV.UK body paragraphs, `rule-ids` as code."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        pieces = " ".join(paragraph.split()).split("`")
        html = format_html_join("", "{}", ((_code(n, piece),) for n, piece in enumerate(pieces)))
        paragraphs.append(format_html('<p class="govuk-body">{}</p>', html))
    return SafeString("".join(paragraphs))


def _code(n: int, piece: str) -> SafeString:
    return format_html("<code>{}</code>", piece) if n % 2 else format_html("{}", piece)


def week_label(week: Week) -> str:
    """``w/c 16 Nov 2026`` (week commencing Monday)."""
    return f"w/c {date_format(week.start, 'j M Y')}"


def cases_url(kpi: Kpi, week: Week) -> str:
    url = reverse("web:dashboard-kpi", args=[kpi.id])
    return f"{url}?week={week.start:%Y-%m-%d}"


def kpi_cases_url(kpi: Kpi, week: Week) -> str:
    return cases_url(kpi, week)


def summary_table(all_series: list[Series]) -> SafeString:
    """One row per KPI: this week, last week and a 12-week sparkline."""
    head = ["KPI", "This week", "Last week", "Last 12 weeks"]
    rows = [_summary_row(s) for s in all_series]
    return table("Summary", head, rows, caption_classes="govuk-visually-hidden")


def _summary_row(series: Series) -> list[dict[str, Any]]:
    kpi = series.kpi
    title = format_html('<a class="govuk-link" href="#{}">{}</a>', kpi.id, kpi.title)
    return [
        {"html": title},
        {"html": _figure_link(kpi, series.this_week)},
        {"html": _figure_link(kpi, series.last_week)},
        {"html": sparkline(series)},
    ]


def _figure_link(kpi: Kpi, week_figure: WeekFigure) -> SafeString:
    if week_figure.figure is None:
        return format_html("{}", figure_text(None))
    return format_html(
        '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> – {} behind it, {}'
        "</span></a>",
        cases_url(kpi, week_figure.week),
        figure_text(week_figure.figure),
        "officers" if kpi.kind == "now" else "cases",
        week_label(week_figure.week),
    )


def trend_table(series: Series) -> SafeString:
    """Every week of the trend, newest first, with breakdowns and a link to its cases."""
    has_exceptions = series.this_week.with_exceptions is not None
    head = ["Week", "Figure"]
    head += ["Including exception cases"] if has_exceptions else []
    head += series.breakdown_labels
    labels = series.breakdown_labels
    rows = [_trend_row(series.kpi, w, has_exceptions, labels) for w in reversed(series.figures)]
    return table(f"{series.kpi.title}: last {len(series.figures)} weeks", head, rows)


def _breakdown_text(week_figure: WeekFigure, label: str) -> str:
    figure = week_figure.breakdown.get(label)
    return figure_text(figure) if figure is not None else "–"


def _trend_row(
    kpi: Kpi, week_figure: WeekFigure, has_exceptions: bool, labels: list[str]
) -> list[dict[str, Any]]:
    row = [{"text": week_label(week_figure.week)}, {"html": _figure_link(kpi, week_figure)}]
    if has_exceptions:
        row.append({"text": figure_text(week_figure.with_exceptions)})
    row += [{"text": _breakdown_text(week_figure, label)} for label in labels]
    return row


def breakdown_table(series: Series) -> SafeString:
    """This week and last week by discipline or age band; empty when there is none."""
    if not series.breakdown_labels:
        return SafeString("")
    head = [series.kpi.breakdown or "Breakdown", "This week", "Last week"]
    this, last = series.this_week.breakdown, series.last_week.breakdown
    rows = [
        [{"text": label}, {"text": figure_text(this[label])}, {"text": figure_text(last[label])}]
        for label in series.breakdown_labels
    ]
    return table(f"{series.kpi.title} by {head[0].lower()}", head, rows, "govuk-table__caption--s")


def chart(series: Series) -> SafeString:
    """A bar chart of the trend as SVG, values above the bars; its text equivalent is the
    trend table beside it (and the chart's ``aria-label``)."""
    return _svg(series, CHART_HEIGHT, BAR_WIDTH, BAR_GAP, label_room=LABEL_ROOM)


def sparkline(series: Series) -> SafeString:
    return _svg(series, SPARK_HEIGHT, SPARK_BAR, SPARK_GAP, label_room=0)


def _svg(series: Series, height: int, width: int, gap: int, label_room: int) -> SafeString:
    values = [_value(p.figure) for p in series.figures]
    top = 100 if series.kpi.kind == "rate" else max([v or 0 for v in values] + [1])
    bars = []
    for n, value in enumerate(values):
        tall = round((value or 0) * height / top)
        y = label_room + height - tall
        x = n * (width + gap)
        bars.append(
            {"x": x, "y": y, "width": width, "height": tall, "value": value}
            | {"middle": x + width // 2, "label_y": y - 3}
        )
    context = {
        "bars": bars,
        "width": len(bars) * (width + gap) - gap,
        "full_height": height + label_room,
        "label": _chart_label(series),
        "spark": not label_room,
    }
    return SafeString(render_to_string("web/dashboard/_chart.svg", context))


def _value(figure: Figure | None) -> int | None:
    if figure is None:
        return None
    return figure.numerator if figure.denominator is None else figure.percent


def _chart_label(series: Series) -> str:
    unit = "%" if series.kpi.kind == "rate" else ""
    values = [_value(p.figure) for p in series.figures]
    listed = ", ".join("none" if v is None else f"{v}{unit}" for v in values)
    return f"{series.kpi.title}, last {len(values)} weeks, oldest first: {listed}"


def cases_table(group: Group, page: Page, kpi: Kpi, as_of: Any = None) -> SafeString:
    """The deadline rows of one part of a figure, each linking to its case."""
    advice = kpi.breakdown == "Discipline"
    head = ["Child", "Case officer", "Due", "Done", "Status"]
    head += ["Discipline"] if advice else []
    head += ["Days overdue"] if as_of is not None else []
    rows = [_case_row(row, advice, as_of) for row in page.object_list]
    caption = f"{group.label}, page {page.number} of {page.paginator.num_pages}"
    return table(caption, head, rows, caption_classes="govuk-visually-hidden")


def officer_table(group: Group, page: Page) -> SafeString:
    """Case officers and their caseloads against target (the caseload KPI)."""
    head = ["Case officer", "Open cases", "Target", "Over (+) or under (−) target"]
    rows = [
        [
            {"text": load.name},
            {"text": str(load.open_cases), "format": "numeric"},
            {"text": str(load.target), "format": "numeric"},
            {"text": f"{load.difference:+d}".replace("-", "−"), "format": "numeric"},
        ]
        for load in page.object_list
    ]
    caption = f"{group.label}, page {page.number} of {page.paginator.num_pages}"
    return table(caption, head, rows, caption_classes="govuk-visually-hidden")


def _case_row(row: Any, advice: bool, as_of: Any) -> list[dict[str, Any]]:
    case = row.case
    officer = display_name(case.officer, "Not assigned")
    href = reverse("web:case-detail", args=[case.pk])
    cells = [
        {"html": format_html('<a class="govuk-link" href="{}">{}</a>', href, case.child)},
        {"text": officer},
        {"text": day(row.due)},
        {"text": day(row.done) or "Not done"},
        {"html": status_tag(row.status)},
    ]
    if advice:
        cells.append({"text": row.discipline or "Not recorded"})
    if as_of is not None:
        cells.append({"text": str((as_of - row.due).days), "format": "numeric"})
    return cells
