"""The quarterly performance report: the page, the PDF and the XLSX; who may read them."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from senda.audit.models import AuditEntry
from senda.performance import catalogue
from tests.performance.test_disagreement_kpis import Area
from tests.performance.test_report import Q2, TODAY, publish, sample
from tests.performance.test_report_scrutiny import records


@pytest.fixture(autouse=True)
def _today(today_is) -> None:
    today_is(TODAY)


@pytest.fixture
def figures(personas) -> None:
    sample(personas.la, personas.service_manager)


def test_it_opens_on_the_latest_complete_quarter(client, personas, figures):
    client.force_login(personas.service_manager)
    response = client.get(reverse("web:report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Performance report for Q2 2026-27</h1>' in html
    assert 'value="2026-27-q2" selected' in html
    assert reverse("web:report-pdf", args=["2026-27-q2"]) in html
    assert reverse("web:report-xlsx", args=["2026-27-q2"]) in html
    assert "still under way" not in html
    assert f'href="{reverse("web:performance")}?quarter=2026-27-q2"' in html  # back link
    kpi = reverse("web:kpi", args=["annual-review-on-time"])
    assert f'href="{kpi}?quarter=2026-27-q2"' in html


def test_it_shows_every_kpi_grouped_by_area(client, personas, figures):
    client.force_login(personas.board_member)
    html = client.get(reverse("web:report")).content.decode()
    for area in catalogue.AREAS.values():
        assert area.name in html
    for entry in catalogue.CATALOGUE.values():
        assert f'id="kpi-{entry.id}-heading">{escape(entry.name)}</h3>' in html


def escape(text: str) -> str:
    from django.utils.html import escape as django_escape

    return django_escape(text)


def test_it_shows_baseline_target_figures_status_and_analysis(client, personas, figures):
    client.force_login(personas.board_member)
    html = client.get(reverse("web:report")).content.decode()
    section = html.split('id="kpi-annual-review-on-time"')[1].split("</section>")[0]
    assert "25% (calendar 2024)" in section
    assert "95–100% by 30 Sep 2028" in section
    assert "30% (30 of 100)" in section  # this quarter
    assert "20% (20 of 100)" in section  # last quarter
    assert "45% (45 of 100)" in section  # a year ago
    assert "Currently off trajectory" in section
    assert "Two more officers from October." in section
    assert "First draft" not in section


def test_it_gives_each_chart_a_data_table(client, personas, figures):
    client.force_login(personas.service_manager)
    html = client.get(reverse("web:report")).content.decode()
    section = html.split('id="kpi-annual-review-on-time"')[1].split("</section>")[0]
    assert '<svg class="senda-chart senda-chart--trajectory"' in section
    assert 'aria-labelledby="chart-annual-review-on-time-title' in section
    table = section.split("<table")[1].split("</table>")[0]
    assert "<caption" in table and "Annual reviews" in table
    assert "Baseline" in table and "Target" in table and "Actual, Q2 2026-27" in table


def test_it_shows_the_latest_published_national_figures(client, personas, figures):
    publish(personas.la)
    client.force_login(personas.board_member)
    html = client.get(reverse("web:report")).content.decode()
    section = html.split('id="kpi-final-plan-20w"')[1].split("</section>")[0]
    assert "Published national figures" in section
    assert "England" in section and "46.4" in section and "East Midlands" in section
    assert "50.3" not in section  # an earlier year


def test_it_suppresses_small_numbers(client, personas, figures):
    client.force_login(personas.board_member)
    html = client.get(reverse("web:report")).content.decode()
    section = html.split('id="kpi-overdue-reviews"')[1].split("</section>")[0]
    assert "Suppressed (a small number)" in section
    assert not re.search(r">\s*3\s*<", section)  # Q2's count of 3 appears nowhere
    assert "Actual, Q2 2026-27" in section and "no figure" in section


def test_it_reports_a_quarter_under_way_as_in_progress(client, personas, figures):
    client.force_login(personas.service_manager)
    response = client.get(reverse("web:report") + "?quarter=2026-27-q3")
    assert response.status_code == 200
    assert "still under way" in response.content.decode()


@pytest.mark.parametrize("key", ["2026-27-q4", "2026-11", "nonsense"])
def test_it_has_no_report_for_a_quarter_not_started_or_not_a_quarter(client, personas, key):
    client.force_login(personas.service_manager)
    assert client.get(reverse("web:report") + f"?quarter={key}").status_code == 404
    assert client.get(reverse("web:report-pdf", args=[key])).status_code == 404
    assert client.get(reverse("web:report-xlsx", args=[key])).status_code == 404


@pytest.mark.parametrize("persona", ["senco", "parent"])
def test_it_refuses_schools_and_families(client, personas, persona):
    client.force_login(getattr(personas, persona))
    for name, args in (("report", []), ("report-pdf", [Q2.key]), ("report-xlsx", [Q2.key])):
        assert client.get(reverse(f"web:{name}", args=args)).status_code == 403
    assert not AuditEntry.objects.filter(verb="export").exists()


def test_it_shows_another_area_only_its_own_figures(client, personas, figures):
    client.force_login(personas.other_la_officer)
    html = client.get(reverse("web:report")).content.decode()
    assert personas.other_la.name in html
    assert "Two more officers from October." not in html


# --- PDF --------------------------------------------------------------------------------


# The PDF is drawn from the page's figures, which other tests read on both databases; it is
# long (WeasyPrint), so the PostgreSQL run has it when there is one (tests/run-suites.sh).
@pytest.mark.once
@pytest.mark.balance
def test_it_downloads_the_pdf_with_every_kpi_and_audits_it(client, personas, figures):
    """With the complaints, mediation and appeals section too (the records of
    tests/performance/test_report_scrutiny.py): one PDF drawn for both, ~10 s each. Every
    KPI is found by its heading in the PDF's outline (WeasyPrint makes one bookmark a
    heading); the text is read only from the pages the other checks need (pypdf took
    ~10 s to read all of the ~70 pages)."""
    area = Area()
    area.la = personas.la
    records(area)
    client.force_login(personas.board_member)
    response = client.get(reverse("web:report-pdf", args=[Q2.key]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = 'attachment; filename="performance-report-2026-27-q2.pdf"'
    assert response["Content-Disposition"] == disposition
    pdf = PdfReader(BytesIO(response.content))
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "en"  # tagged, for screen readers
    entries = list(catalogue.CATALOGUE.values())
    assert 3 <= len(pdf.pages) <= len(entries)
    pages = bookmarks(pdf)
    for entry in entries:
        assert entry.name in pages, entry.name
    assert "Complaints, mediation and appeals" in pages
    assert squeeze("Performance report for Q2 2026-27") in text(pdf, [0])
    # The service manager's narrative, on its KPI's pages.
    on_time = pages[catalogue.CATALOGUE["annual-review-on-time"].name]
    assert squeeze("Two more officers from October.") in text(pdf, [on_time, on_time + 1])
    scrutiny = pages["Complaints, mediation and appeals"]
    found = text(pdf, range(scrutiny, len(pdf.pages)))
    assert squeeze("Appeals registered") in found
    assert squeeze("Tribunal spend, by cost line") in found
    entry = AuditEntry.objects.get(verb="export")
    assert (entry.user, entry.la_id) == (personas.board_member, personas.la.pk)
    assert entry.summary == "performance report 2026-27-q2 pdf"


def squeeze(text: str) -> str:
    """Text without any white space: a PDF breaks long headings over lines."""
    return re.sub(r"\s+", "", text)


def bookmarks(pdf: PdfReader) -> dict[str, int]:
    """Each bookmark's title (the PDF's outline, at every level) and its page's index."""
    found: dict[str, int] = {}

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.setdefault(item.title, pdf.get_destination_page_number(item))

    walk(pdf.outline)
    return found


def text(pdf: PdfReader, pages) -> str:
    """The text of some pages, without white space."""
    return squeeze(" ".join(pdf.pages[i].extract_text() or "" for i in pages))


# --- XLSX -------------------------------------------------------------------------------


def test_it_downloads_the_workbook_and_audits_it(client, personas, figures):
    client.force_login(personas.qa_auditor)
    response = client.get(reverse("web:report-xlsx", args=[Q2.key]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = 'attachment; filename="performance-report-2026-27-q2.xlsx"'
    assert response["Content-Disposition"] == disposition
    sheet = load_workbook(BytesIO(response.content))["Report"]
    ids = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == list(catalogue.CATALOGUE)
    entry = AuditEntry.objects.get(verb="export")
    assert (entry.user, entry.la_id) == (personas.qa_auditor, personas.la.pk)
    assert entry.summary == "performance report 2026-27-q2 xlsx"


def test_the_page_is_not_an_export(client, personas, figures):
    client.force_login(personas.service_manager)
    client.get(reverse("web:report"))
    assert not AuditEntry.objects.filter(verb="export").exists()
    assert date(2026, 11, 22) == TODAY


def test_it_suppresses_below_the_configured_threshold(client, personas, figures, settings):
    settings.SENDA_SUPPRESS_BELOW = 50
    client.force_login(personas.board_member)
    html = client.get(reverse("web:report")).content.decode()
    assert "fewer than 50 children" in html
    section = html.split('id="kpi-annual-review-on-time"')[1].split("</section>")[0]
    assert "30 of 100" not in section  # 30 on time: under 50
    assert "Suppressed (a small number)" in section
