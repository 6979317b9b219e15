"""The Annex A page: each list's row count and Senda's checks for the user's own area,
children by id and never by name, an audited read; the XLSX download in the published
layout, audited as an export."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from senda.audit.models import AuditEntry
from senda.casework.models import Plan
from senda.interchange.annex_a import LIST_1_COLUMNS, LIST_2_COLUMNS
from tests.factories import make_case, make_child
from tests.web.page_audit import audit_page, text_of

TODAY = date(2026, 12, 3)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


@pytest.fixture
def listed(personas):
    """The personas' child with a plan, a second child whose UPN is mistyped, and a child
    of another area with a plan (never shown)."""
    Plan.objects.create(case=personas.case, issued_on=date(2024, 1, 8))
    mistyped = make_case(make_child(personas.la, given_name="Wilhelmina", ethnicity="=A1", sex="F"))
    mistyped.child.upn = "H926123456788"  # wrong check letter (the model's save keeps it)
    mistyped.child.save()
    Plan.objects.create(case=mistyped, issued_on=date(2025, 5, 5))
    elsewhere = make_case(make_child(personas.other_la, given_name="Elsewhere"))
    Plan.objects.create(case=elsewhere, issued_on=date(2025, 5, 5))
    return mistyped


def test_the_page_shows_counts_and_findings_by_id_only(client, personas, listed):
    client.force_login(personas.service_manager)
    before = AuditEntry.objects.count()
    response = client.get(reverse("web:annex-a"))
    assert response.status_code == 200
    html = response.content.decode()
    text = " ".join(text_of(audit_page(response)).split())
    assert "List 1 Children and young people with an EHC plan 2" in text
    assert "List 2 Children and young people receiving SEN support 0" in text
    assert "The UPN's check letter does not match" in text
    assert "Ethnicity is not one of the published values." in text
    assert f">{listed.child_id}<" in html
    assert "Wilhelmina" not in html and personas.child.given_name not in html
    assert "Elsewhere" not in html
    assert reverse("web:annex-a-xlsx") in html
    entry = AuditEntry.objects.order_by("pk").last()
    assert AuditEntry.objects.count() == before + 1
    assert entry.verb == "read" and entry.user == personas.service_manager
    assert entry.la_id == personas.la.pk and entry.summary.startswith("annex a")


def test_the_data_quality_page_links_to_it(client, personas):
    client.force_login(personas.team_manager)
    response = client.get(reverse("web:data-quality"))
    assert reverse("web:annex-a") in response.content.decode()


def test_the_download_is_the_published_layout_and_is_audited(client, personas, listed):
    client.force_login(personas.qa_auditor)
    before = AuditEntry.objects.count()
    response = client.get(reverse("web:annex-a-xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"annex-a-{personas.la.code}-2026-12-03.xlsx" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["List 1", "List 2", "Checks"]
    assert [c.value for c in book["List 1"][1]] == [c.name for c in LIST_1_COLUMNS]
    assert [c.value for c in book["List 2"][1]] == [c.name for c in LIST_2_COLUMNS]
    rows = list(book["List 1"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [str(personas.child.pk), str(listed.child_id)]
    hostile = book["List 1"]["F3"]
    assert hostile.value == "=A1" and hostile.data_type == "s" and hostile.quotePrefix
    names = {personas.child.given_name, personas.child.family_name, "Wilhelmina"}
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not names & {str(value) for value in row}
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("pk").last()
    assert entry.verb == "export" and entry.user == personas.qa_auditor
    assert entry.la_id == personas.la.pk
    assert entry.summary.startswith("annex a xlsx: list1=2 list2=0 findings=")


@pytest.mark.parametrize("name", ["web:annex-a", "web:annex-a-xlsx"])
def test_officers_and_other_roles_are_refused(client, personas, name):
    for user in (personas.case_officer, personas.senco, personas.parent):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 403
