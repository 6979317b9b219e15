"""store_upload: each refusal with its words and nothing kept, the real scan, who may add a
file, and what is recorded and audited."""

from __future__ import annotations

import hashlib

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.portal.models import Upload
from senda.portal.uploads import store_upload
from tests.factories import make_advice_team, make_case, make_setting, make_user
from tests.portal import upload_helpers
from tests.portal.upload_helpers import (
    big_pdf,
    docx,
    encrypted_word,
    files_in,
    infected_pdf,
    jpeg,
    make_advice_request,
    make_report,
    many_entries,
    pdf,
    png,
    upload_file,
    zip_bomb,
    zipped,
)

media = upload_helpers.media
clamscan = upload_helpers.clamscan

pytestmark = pytest.mark.django_db


def store(p, data, name="views.pdf", by=None, **kwargs):
    kwargs.setdefault("report", make_report(p))
    return store_upload(
        case=p.case,
        file=None if data is None else upload_file(data, name),
        purpose=kwargs.pop("purpose", "child_views"),
        by=by or p.senco,
        **kwargs,
    )


REFUSALS = [
    pytest.param(None, "Select a file", id="no-file"),
    pytest.param(b"", "The selected file is empty", id="empty"),
    pytest.param(
        big_pdf(2 * 2**20 + 1), "The selected file must be smaller than 2MB", id="too-large"
    ),
    pytest.param(
        b"Hello, this is text",
        "The selected file must be a PDF, Word document (DOCX), JPG or PNG",
        id="text",
    ),
    pytest.param(
        b"<html><script>alert(1)</script></html>",
        "The selected file must be a PDF, Word document (DOCX), JPG or PNG",
        id="html",
    ),
    pytest.param(
        zipped({"notes.txt": b"hello"}),
        "The selected file must be a PDF, Word document (DOCX), JPG or PNG",
        id="zip-not-docx",
    ),
    pytest.param(
        b"PK\x03\x04 not really a zip",
        "The selected file must be a PDF, Word document (DOCX), JPG or PNG",
        id="broken-zip",
    ),
    pytest.param(
        zip_bomb(),
        "The selected file must be a PDF, Word document (DOCX), JPG or PNG",
        id="zip-bomb",
    ),
    pytest.param(
        many_entries(),
        "The selected file must be a PDF, Word document (DOCX), JPG or PNG",
        id="zip-many-entries",
    ),
    pytest.param(
        pdf(trailer=b"/Encrypt 5 0 R "),
        "The selected file is password protected",
        id="encrypted-pdf",
    ),
    pytest.param(encrypted_word(), "The selected file is password protected", id="encrypted-docx"),
]


@pytest.mark.parametrize(("data", "message"), REFUSALS)
def test_it_refuses_a_bad_file_and_keeps_nothing(personas, media, settings, data, message):
    settings.SENDA_UPLOAD_MAX_MB = 2
    with pytest.raises(ActionError) as refused:
        store(personas, data, name="views.pdf")
    assert (refused.value.field, refused.value.message) == ("file", message)
    assert not Upload.objects.exists()
    assert files_in(media) == []
    assert not AuditEntry.objects.exists()


def test_it_takes_the_type_from_the_content_not_the_name(personas, media):
    upload = store(personas, png(), name="photo.pdf")
    assert upload.content_type == "image/png"
    assert upload.file.name.endswith(".png")
    with pytest.raises(ActionError, match="must be a PDF"):
        store(personas, b"MZ\x90\x00 an executable", name="report.pdf")


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (pdf(), "application/pdf"),
        (docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (png(), "image/png"),
        (jpeg(), "image/jpeg"),
    ],
    ids=["pdf", "docx", "png", "jpg"],
)
def test_it_keeps_a_clean_file_after_a_real_scan(personas, clamscan, media, data, content_type):
    upload = store(personas, data, name="../../My child's views.bin")
    upload.refresh_from_db()
    assert (upload.scan, upload.scanner, upload.content_type) == ("clean", "clamscan", content_type)
    assert upload.scanned_at is not None
    assert upload.size == len(data)
    assert upload.sha256 == hashlib.sha256(data).hexdigest()
    assert upload.name == "My child's views.bin"
    assert "views" not in upload.file.name and "child" not in upload.file.name
    assert upload.file.name.startswith("portal/")
    assert [p.read_bytes() for p in files_in(media)] == [data]
    assert upload.can_open


def test_it_refuses_the_test_virus_found_by_a_real_scan(personas, clamscan, media):
    report = make_report(personas)
    with pytest.raises(ActionError) as refused:
        store(personas, infected_pdf(), report=report)
    assert refused.value.message == "The selected file contains a virus"
    assert not Upload.objects.exists()
    assert files_in(media) == []
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.object_type, entry.object_id, entry.child_id) == (
        "write",
        "portal.Upload",
        "",
        None,
    )
    assert entry.la_id == personas.la.pk
    assert entry.summary == (
        f"upload refused: virus Senda.Test.Virus.UNOFFICIAL case={personas.case.pk} "
        f"report={report.pk}"
    )


def test_it_refuses_a_file_the_scanner_could_not_check(personas, media, settings, tmp_path):
    settings.SENDA_CLAMSCAN = str(tmp_path / "missing-clamscan")
    with pytest.raises(ActionError) as refused:
        store(personas, pdf())
    assert refused.value.message == "The selected file could not be uploaded – try again"
    assert not Upload.objects.exists()
    assert files_in(media) == []
    assert AuditEntry.objects.get().summary.startswith("upload refused: scan failed")


def test_it_holds_a_file_unscanned_where_no_scanner_is_configured(personas, media):
    upload = store(personas, pdf())
    assert (upload.scan, upload.scanner, upload.scanned_at) == ("unscanned", "", None)
    assert upload.can_open


def test_it_audits_the_write_by_ids(personas, media):
    report = make_report(personas)
    upload = store(personas, pdf(), report=report)
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.object_type, entry.object_id) == (
        "write",
        "portal.Upload",
        str(upload.pk),
    )
    assert entry.child_id == personas.child.pk
    assert entry.user == personas.senco
    assert entry.summary == f"upload {upload.pk} pdf unscanned report={report.pk}"


def test_it_keeps_nothing_when_the_row_cannot_be_written(personas, media, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Upload.objects, "create", broken)
    with pytest.raises(RuntimeError):
        store(personas, pdf())
    assert files_in(media) == []


def test_the_advice_team_asked_may_add_advice(personas, media):
    request = make_advice_request(personas)
    upload = store(personas, docx(), by=personas.advice_giver, report=None, advice_request=request)
    assert (upload.advice_request, upload.report) == (request, None)


def test_council_casework_staff_of_the_area_may_add_files(personas, media):
    for who in (personas.case_officer, personas.team_manager, personas.service_manager):
        assert store(personas, pdf(), by=who).uploaded_by == who


@pytest.mark.parametrize(
    "who", ["parent", "qa_auditor", "board_member", "advice_giver", "other_la_officer"]
)
def test_others_may_not_add_files_to_a_report(personas, media, who):
    with pytest.raises(ActionError, match="You cannot add files to this record"):
        store(personas, pdf(), by=getattr(personas, who))
    assert not Upload.objects.exists()
    assert files_in(media) == []


def test_another_schools_senco_may_not_add_files(personas, media):
    other = make_user("senco", personas.la, setting=make_setting(personas.la))
    with pytest.raises(ActionError):
        store(personas, pdf(), by=other)


def test_a_team_not_asked_may_not_add_advice(personas, media):
    request = make_advice_request(personas)
    outsider = make_user("advice_giver", personas.la)
    make_advice_team(personas.la).members.add(outsider)
    with pytest.raises(ActionError):
        store(personas, pdf(), by=outsider, report=None, advice_request=request)
    with pytest.raises(ActionError):  # a SENCo may not add to a team's request either
        store(personas, pdf(), by=personas.senco, report=None, advice_request=request)


def test_a_report_of_another_case_is_refused(personas, media):
    report = make_report(personas)
    with pytest.raises(ActionError):
        store_upload(
            case=make_case(la=personas.la),
            file=upload_file(pdf()),
            purpose="other",
            by=personas.case_officer,
            report=report,
        )
    assert not Upload.objects.exists()


def test_it_refuses_an_unknown_purpose(personas, media):
    with pytest.raises(ActionError) as refused:
        store(personas, pdf(), purpose="anything")
    assert refused.value.field == "purpose"
