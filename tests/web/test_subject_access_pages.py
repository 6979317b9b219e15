"""The subject access pages: a service manager logs a request (its due date shown), sees the
third-party information to review, downloads the archive (audited), extends the request and
records its answer. Who may open them is the role matrix's (service managers only)."""

from __future__ import annotations

import html
import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.disclosure.models import Request
from tests.retention.factories import make_adult

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(date(2026, 12, 4))


def page(response) -> str:
    return html.unescape(" ".join(response.content.decode().split()))


def test_a_service_manager_answers_a_subject_access_request(client):
    adult = make_adult()
    client.force_login(adult.manager)
    url = reverse("web:subject-access-new")
    wrong = client.post(url, {"subject": "young_person", "record": "abc", "requester": ""})
    assert "Error: " in page(wrong) and "Record number must be a number" in page(wrong)
    huge = client.post(url, {"subject": "parent", "record": "9" * 30, "requester": "A"})
    assert "Enter the number of a record of this area" in page(huge)
    elsewhere = client.post(
        url,
        {
            "subject": "young_person",
            "record": "999999",
            "requester": "The young person",
            "received_on-day": "4",
            "received_on-month": "11",
            "received_on-year": "2026",
        },
    )
    assert "Enter the number of a child of this area" in page(elsewhere)
    response = client.post(
        url,
        {
            "subject": "young_person",
            "record": str(adult.child.pk),
            "requester": "The young person, by email",
            "received_on-day": "4",
            "received_on-month": "11",
            "received_on-year": "2026",
        },
    )
    made = Request.objects.get()
    assert response.url == reverse("web:subject-access-request", args=[made.pk])
    shown = page(client.get(response.url))
    assert "4 December 2026" in shown and "Third-party information to review" in shown
    assert "another family member's details" in shown
    assert adult.child.family_name not in page(client.get(reverse("web:subject-access")))

    archive = client.get(reverse("web:subject-access-archive", args=[made.pk]))
    assert archive["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zipped:
        assert "index.html" in zipped.namelist()
    assert AuditEntry.objects.filter(verb="export", object_id=str(made.pk)).exists()

    extend = reverse("web:subject-access-extend", args=[made.pk])
    assert client.post(extend, {"reason": "Many records"}).status_code == 302
    answered = reverse("web:subject-access-answered", args=[made.pk])
    data = {"on-day": "4", "on-month": "12", "on-year": "2026"}
    assert client.post(answered, data).status_code == 302
    made.refresh_from_db()
    assert (made.extended_to, made.answered_on) == (date(2027, 2, 4), date(2026, 12, 4))
    assert "Answered" in page(client.get(reverse("web:subject-access")))
