"""The plan itself in Senda: an officer records a version (typed, or read from a Word
document and checked before saving), sees its prompts and what changed; an outside auditor
of an open audit reads it and opens its document; others get 404."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.actions.plan_text import record_plan_version
from senda.casework.models import PlanOutcome, PlanVersion
from senda.portal.plan_documents import attach_plan_document
from tests.factories import make_user
from tests.quality.factories import make_audit, make_live_plan
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 11, 2)
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


@pytest.fixture
def plan(personas):
    return make_live_plan(personas.case, issued_on=date(2025, 6, 2))


def page_text(response) -> str:
    return " ".join(text_of(audit_page(response)).split())


def form_data(**sections) -> dict:
    return {
        "kind": "new",
        "issued_on-day": "2",
        "issued_on-month": "6",
        "issued_on-year": "2025",
        "source": "typed",
        **sections,
    }


def a_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Section A: Views, interests and aspirations", 1)
    document.add_paragraph("Sam likes trains.")
    document.add_heading("Section E", 1)
    document.add_paragraph("Sam will improve his communication skills.")
    handle = io.BytesIO()
    document.save(handle)
    return handle.getvalue()


def test_an_officer_types_a_version_and_sees_its_prompts(client, personas, plan):
    client.force_login(personas.case_officer)
    address = reverse("web:case-plan-version-new", args=[personas.case.pk])
    assert client.get(address).status_code == 200
    response = client.post(
        address,
        form_data(
            A="Sam likes trains.",
            E="1. Sam will improve his communication skills.\n2. Staff will manage his anxiety.",
            F="Access to speech and language therapy as required.",
            document=SimpleUploadedFile("plan.pdf", PDF),
        ),
    )
    version = PlanVersion.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "web:plan-version", args=[version.pk]
    )
    assert version.source == "typed" and version.documents.get().name == "plan.pdf"
    assert list(PlanOutcome.objects.values_list("text", flat=True)) == [
        "Sam will improve his communication skills.",
        "Staff will manage his anxiety.",
    ]
    text = page_text(client.get(response.url))
    assert "they are not a grade" in text
    assert "Say by when: a date, a term, a year group or the end of a key stage." in text
    assert "Write it about the child" in text
    assert '"access to" is vague' in text
    assert "The plan has 2 outcomes; most have 3 to 10." in text
    assert "Section E: Outcomes" in text
    assert AuditEntry.objects.filter(verb="read", object_type="casework.PlanVersion").exists()


def test_a_docx_is_read_then_checked_before_saving(client, personas, plan):
    client.force_login(personas.case_officer)
    address = reverse("web:case-plan-version-new", args=[personas.case.pk])
    upload = SimpleUploadedFile("plan.docx", a_docx())
    response = client.post(address, {"read": "1", "file": upload})
    text = page_text(response)
    assert "were read from the Word document" in text
    assert not PlanVersion.objects.exists()
    assert "Sam likes trains." in response.content.decode()
    assert 'name="source" value="docx"' in response.content.decode()
    response = client.post(
        address, {"read": "1", "file": SimpleUploadedFile("x.docx", b"not a zip")}
    )
    assert "There is a problem" in page_text(response)
    assert "must be a Word document (DOCX)" in page_text(response)
    response = client.post(address, form_data(source="docx", A="Sam likes trains."))
    assert response.status_code == 302
    assert PlanVersion.objects.get().source == "docx"


def test_bad_input_is_a_form_error(client, personas, plan):
    client.force_login(personas.case_officer)
    address = reverse("web:case-plan-version-new", args=[personas.case.pk])
    for data, message in [
        (form_data(), "Enter the text of at least one section"),
        (form_data(A="x") | {"issued_on-year": "2027"}, "must be today or in the past"),
        (form_data(A="x") | {"issued_on-year": "99999999999"}, "Year must include 4 numbers"),
        (form_data(B="x" * 50_001), "Section B must be 50,000 characters or fewer"),
        (form_data(A="x") | {"kind": "nonsense"}, "Choose what was issued"),
    ]:
        response = client.post(address, data)
        assert response.status_code == 200
        assert message in page_text(response)
    assert not PlanVersion.objects.exists()


def test_the_versions_list_and_what_changed(client, personas, plan):
    officer = personas.case_officer
    first = record_plan_version(
        plan=plan, kind="new", issued_on=date(2025, 6, 2), sections={"A": "Trains."}, by=officer
    )
    second = record_plan_version(
        plan=plan,
        kind="amended",
        issued_on=date(2026, 6, 2),
        sections={"A": "Trains and buses.", "F": "SALT weekly"},
        by=officer,
    )
    client.force_login(personas.qa_auditor)
    text = page_text(client.get(reverse("web:case-plan-versions", args=[personas.case.pk])))
    assert "New plan" in text and "Amended plan" in text
    assert "Record a version of the plan" not in text  # a QA auditor reads only
    response = client.get(reverse("web:plan-version-changes", args=[second.pk]))
    html = response.content.decode()
    assert '<del><span class="govuk-visually-hidden">Removed: </span>Trains.</del>' in html
    assert '<ins><span class="govuk-visually-hidden">Added: </span>Trains and buses.</ins>' in html
    assert f"version {first.pk}" in page_text(response)
    detail = client.get(reverse("web:case-detail", args=[personas.case.pk])).content.decode()
    assert reverse("web:case-plan-versions", args=[personas.case.pk]) in detail


def test_an_outside_auditor_reads_the_plan_they_audit_and_its_document(client, personas, plan):
    officer = personas.case_officer
    version = record_plan_version(
        plan=plan, kind="new", issued_on=date(2025, 6, 2), sections={"A": "Trains."}, by=officer
    )
    upload = attach_plan_document(
        version=version, file=SimpleUploadedFile("plan.pdf", PDF), by=officer
    )
    nurse = make_user("advice_giver", personas.la, username="nurse")
    client.force_login(nurse)
    assert client.get(reverse("web:plan-version", args=[version.pk])).status_code == 404
    assert client.get(reverse("web:file", args=[upload.pk])).status_code == 404
    audit = make_audit(
        personas.la, lead=personas.qa_auditor, case=personas.case, auditors=((nurse, "health"),)
    )
    assert client.get(reverse("web:plan-version", args=[version.pk])).status_code == 200
    response = client.get(reverse("web:file", args=[upload.pk]))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(user=nurse, verb="read", object_type="portal.Upload").exists()
    audit.submitted_on = TODAY
    audit.save()
    assert client.get(reverse("web:file", args=[upload.pk])).status_code == 404
    assert client.get(reverse("web:plan-version", args=[version.pk])).status_code == 404


def test_an_officer_corrects_a_version_and_adds_its_document(client, personas, plan):
    officer = personas.case_officer
    version = record_plan_version(
        plan=plan, kind="new", issued_on=date(2025, 6, 2), sections={"A": "Trians."}, by=officer
    )
    client.force_login(officer)
    address = reverse("web:plan-version-correct", args=[version.pk])
    assert "Trians." in client.get(address).content.decode()
    response = client.post(address, {"A": "Trains.", "reason": ""})
    assert "Enter why the plan's text is corrected" in page_text(response)
    response = client.post(address, {"A": "Trains.", "reason": "Typing error in A"})
    fixed = PlanVersion.objects.get(supersedes=version)
    assert response.url == reverse("web:plan-version", args=[fixed.pk])
    text = page_text(client.get(response.url))
    assert "Typing error in A" in text and "Corrections" in text
    assert client.get(address).status_code == 302  # corrected already: to the newest
    page = reverse("web:plan-version", args=[fixed.pk])
    response = client.post(page, {})
    assert "Select the plan's document" in page_text(response)
    response = client.post(
        page, {"document": SimpleUploadedFile("plan.png", b"\x89PNG\r\n\x1a\n00")}
    )
    assert response.status_code == 302 and not fixed.documents.exists()
    response = client.post(page, {"document": SimpleUploadedFile("plan.pdf", PDF)})
    assert fixed.documents.get().name == "plan.pdf"
    client.force_login(personas.qa_auditor)
    assert client.get(address).status_code == 403
    assert client.post(page, {"document": SimpleUploadedFile("p.pdf", PDF)}).status_code == 403


def test_a_file_past_the_limit_is_a_form_error(client, personas, plan, settings):
    settings.SENDA_UPLOAD_MAX_MB = 1
    client.force_login(personas.case_officer)
    address = reverse("web:case-plan-version-new", args=[personas.case.pk])
    big = SimpleUploadedFile("plan.docx", b"PK\x03\x04" + b"0" * (1024 * 1024 + 10))
    response = client.post(address, {"read": "1", "file": big})
    assert response.status_code == 200
    assert "The selected file must be smaller than 1MB" in page_text(response)
    big.seek(0)
    response = client.post(address, form_data(A="Trains.", document=big))
    assert "The selected file must be smaller than 1MB" in page_text(response)
    assert not PlanVersion.objects.exists()
