"""The termly QA report pages: a QA lead starts, publishes and follows up a report; the
page passes the page audit; hostile input is a form error; the PDF (pypdf reads it) and
the XLSX (openpyxl reads it, formulas neutralised) download and are audited; a board
member reads only published reports."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from senda.audit.models import AuditEntry
from senda.quality.models import QARecommendation, QAReport
from tests.quality.factories import make_audit
from tests.web.page_audit import audit_page, text_of

TODAY = date(2027, 1, 20)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


@pytest.fixture
def lead(client, personas):
    client.force_login(personas.qa_auditor)
    return client


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def start_autumn(client) -> QAReport:
    response = client.post(reverse("web:qa-reports"), {"term_start": "2026-09-01"})
    assert response.status_code == 302
    return QAReport.objects.get(term="Autumn 2026")


def test_a_lead_starts_publishes_and_follows_up_a_report(lead, personas):
    listing = page_text(lead.get(reverse("web:qa-reports")))
    assert "Autumn 2026" in listing and "Spring 2027" in listing
    for _ in range(6):
        make_audit(personas.la, submitted_on=date(2026, 10, 5), computed_grade=3, outcome_grade=3)
    made = start_autumn(lead)
    assert (made.due_on, made.published_on) == (date(2027, 1, 30), None)
    address = reverse("web:qa-report", args=[made.pk])
    text = page_text(lead.get(address))
    assert "QA report for Autumn 2026" in text
    assert "Plan audits submitted6" in text
    assert "Audited plans rated Good or Outstanding6 of 6 (100.0%)" in text

    due = {"add-due_on-day": "1", "add-due_on-month": "3", "add-due_on-year": "2027"}
    response = lead.post(address, {"form": "add", "add-text": "x" * 600, "add-owner": "QA", **due})
    assert "Recommendation must be 500 characters or fewer" in page_text(response)
    bad = {"add-due_on-day": "99", "add-due_on-month": "3", "add-due_on-year": "99999"}
    response = lead.post(address, {"form": "add", "add-text": "Train", "add-owner": "QA", **bad})
    assert "There is a problem" in page_text(response)
    assert not QARecommendation.objects.exists()
    data = {"form": "add", "add-text": "Train officers on outcomes", "add-owner": "QA lead", **due}
    assert lead.post(address, data).status_code == 302
    rec = QARecommendation.objects.get()

    response = lead.post(address, {"form": "publish", "publish-summary": " "})
    assert "There is a problem" in page_text(response) and "Write the summary" in page_text(
        response
    )
    response = lead.post(address, {"form": "publish", "publish-summary": "Grades held up."})
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.published_on, made.summary) == (TODAY, "Grades held up.")
    # a published report's recommendations are fixed: no form, and a post is refused
    text = page_text(lead.get(address))
    assert "Add a recommendation" not in text and "Mark a recommendation implemented" in text
    data = {"form": "add", "add-text": "Late", "add-owner": "QA lead", **due}
    assert lead.post(address, data).status_code == 403
    assert QARecommendation.objects.count() == 1

    response = lead.post(
        address, {"form": "done", "done-recommendation": "999999", "done-note": "x"}
    )
    assert "Choose the recommendation from the list" in page_text(response)
    data = {"form": "done", "done-recommendation": str(rec.pk), "done-note": "Two sessions held"}
    assert lead.post(address, data).status_code == 302
    rec.refresh_from_db()
    assert rec.implemented_on == TODAY
    assert "Yes, on 20 January 2027: Two sessions held" in page_text(lead.get(address))


def test_the_list_refuses_a_term_offered_twice_or_not_offered(lead):
    start_autumn(lead)
    response = lead.post(reverse("web:qa-reports"), {"term_start": "2026-09-01"})
    assert "Choose the term from the list" in page_text(response)
    response = lead.post(reverse("web:qa-reports"), {"term_start": "9999-99-99"})
    assert response.status_code == 200
    assert QAReport.objects.count() == 1


def test_a_case_officer_reads_but_cannot_write(client, personas):
    report = QAReport.objects.create(
        la=personas.la,
        term="Autumn 2026",
        period_start=date(2026, 9, 1),
        period_end=date(2026, 12, 31),
        due_on=date(2027, 1, 30),
    )
    client.force_login(personas.case_officer)
    address = reverse("web:qa-report", args=[report.pk])
    assert "Publish the report" not in page_text(client.get(address))
    assert client.post(address, {"form": "publish", "publish-summary": "x"}).status_code == 403
    assert client.post(reverse("web:qa-reports"), {"term_start": "2026-09-01"}).status_code == 403


def test_a_board_member_reads_published_reports_only(client, personas):
    report = QAReport.objects.create(
        la=personas.la,
        term="Autumn 2026",
        period_start=date(2026, 9, 1),
        period_end=date(2026, 12, 31),
        due_on=date(2027, 1, 30),
    )
    client.force_login(personas.board_member)
    address = reverse("web:qa-report", args=[report.pk])
    assert "Autumn 2026" not in page_text(client.get(reverse("web:qa-reports")))
    assert client.get(address).status_code == 404
    QAReport.objects.filter(pk=report.pk).update(published_on=date(2027, 1, 10))
    assert "Autumn 2026" in page_text(client.get(reverse("web:qa-reports")))
    assert "Publish the report" not in page_text(client.get(address))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_pdf_and_the_workbook_download_and_are_audited(lead, personas):
    made = start_autumn(lead)
    QARecommendation.objects.create(
        report=made, text="=1+1", owner="@SUM(A1)", due_on=date(2027, 3, 1)
    )
    response = lead.get(reverse("web:qa-report-pdf", args=[made.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="qa-report-2026-09.pdf"'
    pdf = PdfReader(BytesIO(response.content))
    text = squeeze(" ".join(page.extract_text() or "" for page in pdf.pages))
    assert squeeze("QA report for Autumn 2026") in text
    assert squeeze("Audits done against planned") in text
    response = lead.get(reverse("web:qa-report-xlsx", args=[made.pk]))
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    recs = book["Recommendations"]
    assert recs["A2"].value == "=1+1" and recs["A2"].data_type == "s"
    assert recs["B2"].value == "@SUM(A1)" and recs["B2"].data_type == "s"
    exports = AuditEntry.objects.filter(verb="export").order_by("pk")
    assert [e.summary for e in exports] == [f"QA report {made.pk} pdf", f"QA report {made.pk} xlsx"]
    assert all(e.user == personas.qa_auditor for e in exports)


def test_the_kpi_page_links_the_reports_behind_the_figure(lead, personas):
    made = start_autumn(lead)  # due 30 January 2027: in Q4 2026-27
    response = lead.get(reverse("web:kpi", args=["qa-reports-on-time"]) + "?quarter=2026-27-q4")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("web:qa-report", args=[made.pk])}"' in html
    assert f"QA report {made.pk}" in html


def test_a_summary_describing_a_hidden_figure_is_refused(lead, personas):
    """Walk 13: the summary may not judge a figure the report shows as [c]."""
    make_audit(personas.la, submitted_on=date(2026, 10, 5), computed_grade=3)
    made = start_autumn(lead)
    address = reverse("web:qa-report", args=[made.pk])
    summary = "Most plans were Good or Outstanding, close to the 75% target."
    response = lead.post(address, {"form": "publish", "publish-summary": summary})
    text = page_text(response)
    assert "There is a problem" in text
    assert "The summary describes audited plans rated good or outstanding, shown as [c]" in text
    made.refresh_from_db()
    assert made.published_on is None
    assert "Audited plans rated Good or Outstanding: [c] (not shown" in text
