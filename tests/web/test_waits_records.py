"""Recording on the ND waiting list through its pages (docs/pathways.md): a referral, its
steps and their corrections, support while waiting, and the NHS extract's upload with the
area's column headings saved. Each page is a GOV.UK form that works without JavaScript; who
may open them is the role matrix's (tests/web/test_role_matrix.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senda.pathways.extract_import import saved_mapping
from senda.pathways.models import Referral, ReferralStep, Support
from senda.portal.scanner import ScanResult
from tests.factories import make_child, make_la, make_user
from tests.pathways.factories import EXAMPLE, example_children
from tests.web.page_audit import audit_page, text_of

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("senda.kernel.today", lambda: TODAY)


def boxes(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


def test_an_officer_refers_records_each_step_corrects_and_records_support(client):
    la = make_la()
    officer = make_user("case_officer", la)
    child = make_child(la)
    client.force_login(officer)
    new = reverse("web:nd-referral-new", args=[child.pk])
    audit_page(client.get(new))
    answer = {"pathway": "autism", "source": "school", **boxes("referred_on", date(2025, 9, 1))}
    assert client.post(new, answer).status_code == 302
    referral = Referral.objects.get(child=child)
    page = reverse("web:nd-referral", args=[referral.pk])

    step = reverse("web:nd-step-new", args=[referral.pk])
    refused = client.post(step + "?step=triage", {"decision": "rejected", **boxes("on", TODAY)})
    assert "Select why it was rejected" in text_of(audit_page(refused))
    early = client.post(
        step + "?step=triage", {"decision": "accepted", **boxes("on", date(2025, 8, 1))}
    )
    assert "on or after" in text_of(audit_page(early))  # the action's refusal, on the form
    client.post(step + "?step=triage", {"decision": "accepted", **boxes("on", date(2025, 9, 15))})
    referral.refresh_from_db()
    assert (referral.status, referral.accepted_on) == ("waiting", date(2025, 9, 15))

    accepted = referral.steps.get(type="accepted")
    fix = reverse("web:nd-step-correct", args=[accepted.pk])
    audit_page(client.get(fix))
    client.post(
        fix, {"what": "correct", "why": "Typed the wrong day", **boxes("on", date(2025, 9, 16))}
    )
    referral.refresh_from_db()
    assert referral.accepted_on == date(2025, 9, 16)
    assert ReferralStep.objects.filter(referral=referral, type="accepted").count() == 2
    current = ReferralStep.objects.current().get(referral=referral, type="accepted")
    withdraw = reverse("web:nd-step-correct", args=[current.pk])
    assert "Say why" in text_of(audit_page(client.post(withdraw, {"what": "withdraw"})))
    client.post(withdraw, {"what": "withdraw", "why": "Triage is next week"})
    referral.refresh_from_db()
    assert (referral.status, referral.accepted_on) == ("triage", None)

    support = reverse("web:nd-support-new", args=[referral.pk])
    audit_page(client.get(support))
    client.post(
        support,
        {
            "kind": "parent_programme",
            "provider_kind": "voluntary",
            "provider": "Parents Together",
            **boxes("starts_on", date(2026, 1, 5)),
        },
    )
    made = Support.objects.get(child=child)
    shown = text_of(audit_page(client.get(page)))
    assert "Parent or carer programme" in shown and "Parents Together" in shown
    correct = reverse("web:nd-support-correct", args=[made.pk])
    audit_page(client.get(correct))
    client.post(
        correct,
        {
            "what": "correct",
            "kind": "parent_programme",
            "provider_kind": "voluntary",
            "provider": "Parents Together",
            "why": "The course ended",
            **boxes("starts_on", date(2026, 1, 5)),
            **boxes("ends_on", date(2026, 2, 27)),
        },
    )
    current = Support.objects.current().get(child=child)
    assert (current.ends_on, current.replaces_id) == (date(2026, 2, 27), made.pk)


def test_a_manager_uploads_the_extract_all_or_nothing_and_the_headings_are_saved(
    client, monkeypatch
):
    la = make_la()
    example_children(la)
    manager = make_user("team_manager", la)
    client.force_login(manager)
    monkeypatch.setattr("senda.web.views.waits_records.scan", lambda data: ScanResult("clean"))
    url = reverse("web:nd-upload")
    text = EXAMPLE.read_text().replace("NHS Number", "NHS No (patient)")
    bad = text.replace("14/03/2016", "31/02/2016", 1)
    failed = client.post(url, {"file": SimpleUploadedFile("x.csv", bad.encode(), "text/csv")})
    shown = text_of(audit_page(failed))
    assert "No column for NHS number" in shown
    mapped = {"col_nhs_number": "NHS No (patient)"}
    failed = client.post(
        url, {"file": SimpleUploadedFile("x.csv", bad.encode(), "text/csv"), **mapped}
    )
    assert "Row 2, column C" in text_of(audit_page(failed))
    assert not Referral.objects.exists() and not saved_mapping(la)
    answer = {
        "file": SimpleUploadedFile("x.csv", text.encode(), "text/csv"),
        "col_nhs_number": "NHS No (patient)",
    }
    assert client.post(url, answer).status_code == 302
    assert Referral.objects.filter(la=la).exists()
    assert saved_mapping(la) == {"nhs_number": "NHS No (patient)"}
    again = audit_page(client.get(url))
    field = again.find(".//{*}input[@name='col_nhs_number']")
    assert field is not None and field.get("value") == "NHS No (patient)"
