"""The quarterly report's "Complaints, mediation and appeals" section: figures from the
records, small numbers suppressed, in the XLSX workbook, on the page and in the PDF (drawn
once, in tests/web/test_performance_report.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from senda.performance import report
from senda.performance.periods import parse
from senda.performance.report import scrutiny
from senda.performance.report.scrutiny import Line
from tests.performance.test_disagreement_kpis import Area

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
Q2 = parse("2026-27-q2")  # July to September 2026


def records(area: Area) -> None:
    """In Q2: 6 appeals registered (5 about section I, 1 refusal to assess) of 300 plans;
    5 dismissed and 1 conceded before the response; 6 mediations held, 5 with agreement;
    costs on 5 appeals (legal) and 1 (counsel); 7 complaints (6 about reviews), one with an
    Ombudsman decision upheld with a £250 payment."""
    area.plans(300)
    for n in range(6):
        grounds = ["refusal_to_assess"] if n == 0 else ["section_i"]
        appeal = area.appeal(registered_on="2026-07-10", grounds=grounds)
        if n < 5:
            appeal.outcome, appeal.decided_on = "dismissed", date(2026, 9, 1)
        else:
            appeal.outcome, appeal.concession = "conceded", "before_response"
            appeal.decided_on = date(2026, 8, 1)
        appeal.save()
        area.cost(appeal, "1000.40", "2026-08-01")
        if n == 0:
            area.cost(appeal, "2500", "2026-08-02", line="counsel")
        area.mediation(meeting_on="2026-08-05", outcome="none" if n == 0 else "full")
    for n in range(7):
        area.complaint(
            "2026-07-06",
            category="review_timeliness" if n < 6 else "communication",
            stage1_responded_on="2026-07-15",
        )
    area.complaint(
        "2026-05-01",
        ombudsman_on="2026-06-01",
        ombudsman_decided_on="2026-09-01",
        ombudsman_decision="upheld",
        ombudsman_payment=Decimal("250.00"),
    )


def table(found: scrutiny.Scrutiny, table_id: str) -> dict[str, Line]:
    return {line.label: line for line in next(t for t in found.tables if t.id == table_id).lines}


def test_the_section_shows_the_quarters_figures_with_small_ones_suppressed() -> None:
    area = Area()
    records(area)
    found = report.build(area.la, Q2, TODAY).scrutiny
    assert (
        found is not None
        and found.title == "Complaints, mediation and appeals: figures for scrutiny"
    )

    appeals = table(found, "appeals")
    assert appeals["Appeals registered"].value == 6
    per = appeals["Appeals registered per 1,000 EHC plans"]
    assert (per.value, per.numerator, per.denominator) == (Decimal("20.0"), 6, 300)

    grounds = table(found, "appeal-grounds")
    assert grounds["School or placement named (section I)"].value == 5
    assert grounds["Refusal to assess"].suppressed  # 1 appeal
    assert grounds["Refusal to assess"].value is None

    outcomes = table(found, "appeal-outcomes")
    assert outcomes["Appeals concluded"].value == 6
    assert outcomes["Conceded by the council"].suppressed
    # 5 dismissed would give away the 1 conceded: hidden too (secondary suppression).
    assert outcomes["Dismissed (council's decision stands)"].suppressed
    assert outcomes["Allowed"].value == 0  # zero is shown
    assert outcomes["Conceded before a hearing"].suppressed

    mediation = table(found, "mediation")
    assert mediation["Mediations held"].value == 6
    assert mediation["Mediations reaching agreement on some or every issue"].suppressed  # 1 not

    spend = table(found, "spend")
    assert spend["Total spend"].value == Decimal(8502)
    assert spend["Counsel"].suppressed  # spent on 1 appeal
    assert spend["Legal (solicitors)"].suppressed  # else counsel = total − legal

    complaints = table(found, "complaints-stage")
    assert complaints["Stage 1 complaints received"].value == 7
    stage1 = complaints["Stage 1 answered on time"]
    assert (stage1.value, stage1.numerator, stage1.denominator) == (Decimal(100), 7, 7)
    subjects = table(found, "complaints-subject")
    assert subjects["Annual reviews not on time"].suppressed  # else communication's 1 shows
    assert subjects["Communication"].suppressed

    ombudsman = table(found, "ombudsman")
    assert ombudsman["Upheld (fault found)"].suppressed
    assert ombudsman["Payments the Ombudsman asked for"].suppressed


def test_the_total_spend_is_the_sum_of_the_cost_lines_in_whole_pounds() -> None:
    area = Area()
    records(area)
    found = report.build(area.la, Q2, TODAY).scrutiny
    assert found is not None
    # 6 legal costs of £1,000.40 and one of counsel at £2,500: £8,502.40, £8,502.
    assert table(found, "spend")["Total spend"].value == Decimal(8502)


def test_without_a_threshold_every_figure_is_shown() -> None:
    area = Area()
    records(area)
    found = scrutiny.build(area.la, Q2, TODAY, 0)
    assert not any(line.suppressed for t in found.tables for line in t.lines)
    assert table(found, "ombudsman")["Payments the Ombudsman asked for"].value == 250
    assert table(found, "appeal-outcomes")["Conceded by the council"].value == 1


def test_it_asks_a_fixed_number_of_queries() -> None:
    empty, full = Area(), Area()
    records(full)
    asked = []
    for area in (empty, full):
        with CaptureQueriesContext(connection) as queries:
            scrutiny.build(area.la, Q2, TODAY, 5)
        asked.append(len(queries))
    assert asked[0] <= asked[1] <= 20  # with no mediations, no query for their appeals


def test_the_workbook_has_the_section_with_suppressed_cells() -> None:
    area = Area()
    records(area)
    content = report.build(area.la, Q2, TODAY)
    book = load_workbook(BytesIO(report.xlsx.write(content)))
    assert report.xlsx.SCRUTINY_SHEET in book.sheetnames
    rows = list(book[report.xlsx.SCRUTINY_SHEET].iter_rows(values_only=True))
    assert rows[0][:5] == ("Table", "Figure", "Value", "Numerator", "Denominator")
    by_label = {(row[0], row[1]): row for row in rows[1:]}
    registered = by_label[("Appeals to the SEND Tribunal", "Appeals registered")]
    assert registered[2] == 6
    per = by_label[("Appeals to the SEND Tribunal", "Appeals registered per 1,000 EHC plans")]
    assert per[2:5] == (20, 6, 300)
    assert by_label[("Tribunal spend, by cost line", "Counsel")][2] == "[c]"


# --- the page (the PDF: tests/web/test_performance_report.py) ---------------------------


@pytest.fixture
def _today(today_is) -> None:
    today_is(TODAY)


# What the page says is the same on any database; the section's figures are read on both.
@pytest.mark.once
def test_the_page_shows_the_section(client, personas, _today) -> None:
    """The PDF shows it too: tests/web/test_performance_report.py draws the report's PDF
    once, with these records and every KPI's figures."""
    area = Area()
    area.la = personas.la
    records(area)
    client.force_login(personas.board_member)
    html = client.get(reverse("web:report")).content.decode()
    assert 'href="#scrutiny"' in html
    section = html.split('id="scrutiny"')[1]
    assert "Complaints, mediation and appeals" in section
    assert "Appeals registered per 1,000 EHC plans" in section
    assert "20 (6 appeals, 300 plans)" in section
    assert "Suppressed (a small number)" in section
