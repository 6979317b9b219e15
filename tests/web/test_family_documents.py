"""Documents shared with the family: an officer shares one from the case page, the family
is emailed (or a letter is noted when they asked for letters), lists it and opens it
through the audited file view, which gives a family that document and nothing else."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.people.models import FamilyContact
from senda.portal.messages import render
from senda.portal.models import Message, SharedDocument, Upload
from tests.factories import make_case, make_child, make_personas, make_user
from tests.portal import upload_helpers
from tests.portal.upload_helpers import make_upload, pdf

media = upload_helpers.media

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def p(media, today_is):
    today_is(TODAY)
    personas = make_personas()
    FamilyContact.objects.filter(user=personas.parent).update(email="parent@example.org")
    return personas


def share_url(case):
    return reverse("web:case-share", kwargs={"case_id": case.pk})


def documents_url(case):
    return reverse("web:family-documents", kwargs={"case_id": case.pk})


def file_url(upload_id):
    return reverse("web:file", kwargs={"upload_id": upload_id})


def share(client, case, *, title="Decision about an assessment", kind="decision", data=None):
    form = {"title": title, "kind": kind, "file": SimpleUploadedFile("letter.pdf", data or pdf())}
    return client.post(share_url(case), form)


def test_an_officer_shares_a_document_and_the_family_is_emailed(client, p):
    p.child.given_name, p.child.family_name = "Ottoline", "Quayle"
    p.child.save()
    client.force_login(p.case_officer)
    response = share(client, p.case)
    assert response.status_code == 302
    document = SharedDocument.objects.get()
    assert (document.case, document.kind, document.shared_on) == (p.case, "decision", TODAY)
    assert document.upload.purpose == "shared" and document.upload.case == p.case
    message = Message.objects.get(template="family_document")
    assert message.to == "parent@example.org" and message.case == p.case
    subject, body = render(message.template, message.personalisation)
    for said in (subject, body, str(message.personalisation)):
        assert "Ottoline" not in said and "Quayle" not in said
    assert "Decision letter" in body and f"R-{p.case.pk}" in body
    assert documents_url(p.case) in body
    assert AuditEntry.objects.filter(verb="write", summary__startswith="shared document").exists()
    page = client.get(share_url(p.case)).content.decode()
    assert "We emailed 1 person" in page and "Decision about an assessment" in page


def test_a_family_who_asked_for_letters_is_not_emailed(client, p):
    FamilyContact.objects.filter(user=p.parent).update(contact_by="letter")
    client.force_login(p.case_officer)
    response = share(client, p.case)
    assert response.status_code == 302
    assert not Message.objects.exists()
    document = SharedDocument.objects.get()
    contact = FamilyContact.objects.get(user=p.parent)
    assert AuditEntry.objects.filter(
        summary=f"letter needed: contact {contact.pk}, shared document {document.pk}"
    ).exists()
    page = client.get(share_url(p.case)).content.decode()
    assert "a copy by post" in page


def test_the_family_lists_and_opens_a_shared_document(client, p):
    client.force_login(p.case_officer)
    share(client, p.case, title="Your child's draft plan", kind="draft")
    document = SharedDocument.objects.get()
    client.force_login(p.parent)
    page = client.get(documents_url(p.case))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Your child&#x27;s draft plan" in html and "Draft EHC plan" in html
    assert file_url(document.upload_id) in html
    opened = client.get(file_url(document.upload_id))
    assert opened.status_code == 200
    assert opened["Content-Disposition"].startswith("attachment")
    assert AuditEntry.objects.filter(
        user=p.parent, verb="read", summary=f"file {document.upload_id} opened"
    ).exists()


def test_another_family_cannot_open_it_by_guessing_its_id(client, p):
    client.force_login(p.case_officer)
    share(client, p.case)
    upload_id = SharedDocument.objects.get().upload_id
    other_child = make_child(p.la)
    make_case(other_child)
    other_parent = make_user("parent", p.la, child=other_child)
    client.force_login(other_parent)
    assert client.get(file_url(upload_id)).status_code == 404
    assert client.get(documents_url(p.case)).status_code == 404


def test_a_family_cannot_open_the_cases_other_files(client, p):
    """A review report's file on their own child's case is not shared with them."""
    report_file = make_upload(p)
    client.force_login(p.parent)
    assert client.get(file_url(report_file.pk)).status_code == 404
    client.force_login(p.senco)
    assert client.get(file_url(report_file.pk)).status_code == 200


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"title": "", "kind": "decision"}, "Enter a title for the document"),
        ({"title": "x" * 201, "kind": "decision"}, "The title must be 200 characters or fewer"),
        ({"title": "Letter", "kind": "nonsense"}, "Select what the document is"),
        ({"title": "Letter"}, "Select what the document is"),
    ],
)
def test_a_bad_form_is_an_error_not_a_share(client, p, form, message):
    client.force_login(p.case_officer)
    response = client.post(share_url(p.case), form | {"file": SimpleUploadedFile("a.pdf", pdf())})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SharedDocument.objects.exists()


def test_a_file_of_the_wrong_kind_is_refused(client, p):
    client.force_login(p.case_officer)
    response = share(client, p.case, data=b"#!/bin/sh\necho hello\n")
    assert response.status_code == 200
    assert "must be a PDF" in response.content.decode()
    assert not SharedDocument.objects.exists() and not Upload.objects.exists()


def test_a_role_that_cannot_record_cannot_share(client, p):
    client.force_login(p.qa_auditor)
    assert client.get(share_url(p.case)).status_code == 403
    response = share(client, p.case)
    assert response.status_code == 403
    assert not SharedDocument.objects.exists()
