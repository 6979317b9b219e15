"""The upload pages and the file view: uploads through the browser's form, the real scan,
who may see and add files (404 for anyone else, also when guessing a file's id), the
audit, and uploads that do not arrive whole (a form error or a 400, never a 500, and no
file left behind)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.portal.models import Upload
from tests.factories import make_advice_team, make_la, make_setting, make_user
from tests.portal import upload_helpers
from tests.portal.upload_helpers import (
    docx,
    files_in,
    infected_pdf,
    make_advice_request,
    make_report,
    make_upload,
    pdf,
    png,
)

media = upload_helpers.media
clamscan = upload_helpers.clamscan

pytestmark = pytest.mark.django_db


def report_url(report):
    return reverse("web:portal-report-files", kwargs={"report_id": report.pk})


def advice_url(request):
    return reverse("web:portal-advice-files", kwargs={"request_id": request.pk})


def file_url(upload):
    return reverse("web:file", kwargs={"upload_id": upload.pk})


def post_file(client, url, data, name="views.pdf", purpose="child_views"):
    form = {"file": SimpleUploadedFile(name, data)}
    if purpose:
        form["purpose"] = purpose
    return client.post(url, form)


def nothing_left(media):
    assert not Upload.objects.exists()
    assert files_in(media) == []
    assert files_in(media.parent / "uploading") == []


def test_it_lists_a_reports_files_and_audits_the_read(client, personas, media):
    upload = make_upload(personas)
    client.force_login(personas.senco)
    response = client.get(report_url(upload.report))
    assert response.status_code == 200
    assert file_url(upload) in response.text
    assert "Upload file" in response.text
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.object_type, entry.object_id) == (
        "read",
        "portal.ReviewReport",
        str(upload.report.pk),
    )
    assert entry.child_id == personas.child.pk


def test_a_senco_uploads_a_clean_file_and_opens_it(client, personas, clamscan, media):
    report = make_report(personas)
    client.force_login(personas.senco)
    response = post_file(client, report_url(report), pdf(), name="views.pdf")
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert (upload.scan, upload.purpose, upload.report) == ("clean", "child_views", report)
    page = client.get(report_url(report))
    assert "views.pdf has been uploaded" in page.text
    assert "Checked" in page.text
    response = client.get(file_url(upload))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="views.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    read = AuditEntry.objects.filter(verb="read", object_type="portal.Upload").get()
    assert (read.object_id, read.user, read.child_id) == (
        str(upload.pk),
        personas.senco,
        personas.child.pk,
    )
    assert AuditEntry.objects.filter(verb="write", object_id=str(upload.pk)).exists()


@pytest.mark.parametrize(
    ("data", "content_type"),
    [(docx(), "wordprocessingml"), (png(), "image/png")],
    ids=["docx", "png"],
)
def test_council_staff_open_a_clean_docx_and_png(
    client, personas, clamscan, media, data, content_type
):
    report = make_report(personas)
    client.force_login(personas.senco)
    assert post_file(client, report_url(report), data, name="advice.bin").status_code == 302
    upload = Upload.objects.get()
    for who in ("case_officer", "team_manager", "qa_auditor", "service_manager"):
        client.force_login(getattr(personas, who))
        response = client.get(file_url(upload))
        assert response.status_code == 200, who
        assert content_type in response["Content-Type"]
        assert response["Content-Disposition"].startswith('attachment; filename="advice.bin.')


def test_the_test_virus_is_refused_by_a_real_scan(client, personas, clamscan, media):
    report = make_report(personas)
    client.force_login(personas.senco)
    response = post_file(client, report_url(report), infected_pdf())
    assert response.status_code == 200
    assert "The selected file contains a virus" in response.text
    assert response.text.count("The selected file contains a virus") == 2  # summary, field
    nothing_left(media)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "views.pdf", "The selected file is empty"),
        (
            b"just words",
            "views.pdf",
            "The selected file must be a PDF, Word document (DOCX), JPG or PNG",
        ),
        (pdf(trailer=b"/Encrypt 2 0 R "), "views.pdf", "The selected file is password protected"),
    ],
    ids=["empty", "wrong-type", "password"],
)
def test_bad_files_get_their_message_and_leave_nothing(
    client, personas, media, data, name, message
):
    report = make_report(personas)
    client.force_login(personas.senco)
    response = post_file(client, report_url(report), data, name=name)
    assert response.status_code == 200
    assert message in response.text
    assert "<title>Error: " in response.text
    nothing_left(media)


def test_no_file_chosen_says_select_a_file(client, personas, media):
    report = make_report(personas)
    client.force_login(personas.senco)
    response = client.post(report_url(report), {"purpose": "other"})
    assert "Select a file" in response.text
    response = client.post(report_url(report), {"file": "not a file"})  # not multipart
    assert "Select what the file is" in response.text
    nothing_left(media)


def test_an_oversize_file_is_refused_while_it_arrives(client, personas, media, settings):
    settings.SENDA_UPLOAD_MAX_MB = 1
    report = make_report(personas)
    client.force_login(personas.senco)
    response = post_file(client, report_url(report), upload_helpers.big_pdf(int(1.5 * 2**20)))
    assert response.status_code == 400
    assert "The selected file must be smaller than 1MB" in response.text
    nothing_left(media)


class CountingStream(io.BytesIO):
    """The request body, counting what the server reads of it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.taken = 0

    def read(self, size: int = -1) -> bytes:
        chunk = super().read(size)
        self.taken += len(chunk)
        return chunk


def multipart(data: bytes, purpose: str = "other") -> bytes:
    return encode_multipart(
        BOUNDARY, {"purpose": purpose, "file": SimpleUploadedFile("big.pdf", data)}
    )


def test_a_body_far_above_the_limit_is_refused_before_its_file_is_read(
    client, personas, media, settings
):
    settings.SENDA_UPLOAD_MAX_MB = 1
    report = make_report(personas)
    client.force_login(personas.senco)
    body = multipart(upload_helpers.big_pdf(20 * 2**20))
    stream = CountingStream(body)
    response = client.generic(
        "POST",
        report_url(report),
        data=b"x",
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(len(body)),
        **{"wsgi.input": stream},
    )
    assert response.status_code == 400
    assert "The selected file must be smaller than 1MB" in response.text
    assert stream.taken < 2**20  # the 20 MB file was not read
    nothing_left(media)


def test_a_truncated_upload_gets_try_again(client, personas, media):
    report = make_report(personas)
    client.force_login(personas.senco)
    body = multipart(upload_helpers.big_pdf(4 * 2**20))  # past the in-memory size: on disk
    cut = body[: len(body) // 2]
    response = client.generic("POST", report_url(report), data=cut, content_type=MULTIPART_CONTENT)
    assert response.status_code == 400
    assert "The selected file could not be uploaded – try again" in response.text
    nothing_left(media)


class BrokenStream(io.BytesIO):
    """A body whose sender goes away after ``after`` bytes."""

    def __init__(self, data: bytes, after: int) -> None:
        super().__init__(data)
        self.after = after

    def read(self, size: int = -1) -> bytes:
        if self.tell() >= self.after:
            raise OSError("connection reset by peer")
        return super().read(size)


def test_a_client_that_goes_away_mid_upload_leaves_nothing(client, personas, media):
    report = make_report(personas)
    client.force_login(personas.senco)
    body = multipart(upload_helpers.big_pdf(6 * 2**20))
    response = client.generic(
        "POST",
        report_url(report),
        data=b"x",
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(len(body)),
        **{"wsgi.input": BrokenStream(body, after=4 * 2**20)},
    )
    assert response.status_code == 400
    assert "The selected file could not be uploaded – try again" in response.text
    nothing_left(media)


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"--x\r\nnonsense", "multipart/form-data", 400),  # no boundary
        (b"--x\r\nnonsense", "multipart/form-data; boundary=\xff", 400),  # a bad boundary
        (
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
            b"Content-Transfer-Encoding: base64\r\n\r\n%%%not base64%%%\r\n--b--\r\n",
            "multipart/form-data; boundary=b",
            400,
        ),
        # An unknown charset: Django reads the body as UTF-8; no file arrived.
        (b"--b\r\n\xff\xfe\x00garbage", "multipart/form-data; boundary=b; charset=no-such", 200),
    ],
    ids=["no-boundary", "bad-boundary", "bad-base64", "bad-charset"],
)
def test_a_form_in_the_wrong_encoding_is_a_400_not_a_500(
    client, personas, media, body, content_type, status
):
    report = make_report(personas)
    client.force_login(personas.senco)
    response = client.generic("POST", report_url(report), data=body, content_type=content_type)
    assert response.status_code == status
    assert "<title>Error: " in response.text
    if status == 400:
        assert "The selected file could not be uploaded – try again" in response.text
    nothing_left(media)


def test_the_advice_team_asked_adds_and_opens_advice(client, personas, media):
    request = make_advice_request(personas)
    client.force_login(personas.advice_giver)
    task = client.get(reverse("web:portal-advice-request", kwargs={"request_id": request.pk}))
    assert advice_url(request) in task.text  # the request's page links to its files
    page = client.get(advice_url(request))
    assert page.status_code == 200
    assert f'href="/portal/advice/{request.pk}/"' in page.text  # and back
    response = post_file(client, advice_url(request), docx(), name="advice.docx", purpose="")
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert (upload.purpose, upload.advice_request, upload.scan) == ("advice", request, "unscanned")
    assert client.get(file_url(upload)).status_code == 200
    client.force_login(personas.senco)  # the setting does not see a team's advice files
    assert client.get(file_url(upload)).status_code == 404
    assert client.get(advice_url(request)).status_code == 404


def outsiders(personas):
    other_senco = make_user("senco", personas.la, setting=make_setting(personas.la))
    not_asked = make_user("advice_giver", personas.la)
    make_advice_team(personas.la).members.add(not_asked)
    return {
        "another school's SENCo": other_senco,
        "an advice-giver not asked": not_asked,
        "the parent": personas.parent,
        "another area's officer": personas.other_la_officer,
        "another area's service manager": make_user("service_manager", make_la()),
        "a board member": personas.board_member,
    }


def test_outsiders_get_404_for_files_and_cannot_upload(client, personas, media):
    upload = make_upload(personas)
    make_advice_request(personas)
    before = AuditEntry.objects.count()
    for label, user in outsiders(personas).items():
        client.force_login(user)
        assert client.get(file_url(upload)).status_code == 404, label
        assert client.get(report_url(upload.report)).status_code == 404, label
        response = post_file(client, report_url(upload.report), pdf())
        assert response.status_code == 404, label
    assert Upload.objects.count() == 1
    assert files_in(media) == [media / upload.file.name]
    assert AuditEntry.objects.count() == before


def test_a_qa_auditor_reads_files_but_may_not_add_one(client, personas, media):
    upload = make_upload(personas)
    client.force_login(personas.qa_auditor)
    page = client.get(report_url(upload.report))
    assert page.status_code == 200
    assert "Upload file" not in page.text
    assert post_file(client, report_url(upload.report), pdf()).status_code == 403
    assert Upload.objects.count() == 1


def test_guessing_file_ids_finds_nothing(client, personas, media):
    upload = make_upload(personas)
    infected = make_upload(personas, report=upload.report, scan="infected")
    failed = make_upload(personas, report=upload.report, scan="failed")
    gone = make_upload(personas, report=upload.report, file="")
    client.force_login(personas.case_officer)
    for upload_id in (infected.pk, failed.pk, gone.pk, upload.pk + 1000, 999999999999999999):
        response = client.get(reverse("web:file", kwargs={"upload_id": upload_id}))
        assert response.status_code == 404, upload_id
    assert client.get("/files/9999999999999999999999/").status_code == 404
    assert not AuditEntry.objects.filter(verb="read", object_type="portal.Upload").exists()


def test_a_file_missing_from_storage_is_a_404(client, personas, media):
    upload = make_upload(personas)
    (media / upload.file.name).unlink()
    client.force_login(personas.case_officer)
    assert client.get(file_url(upload)).status_code == 404


def test_everyone_is_told_when_no_scanner_is_configured(client, personas, media):
    """Staff and the setting alike: no page promises a check that is not made."""
    upload = make_upload(personas, scan="unscanned")
    message = "No virus scanner is configured: files are held as unscanned"
    client.force_login(personas.case_officer)
    page = client.get(report_url(upload.report))
    assert message in page.text
    assert "Not scanned" in page.text
    assert client.get(file_url(upload)).status_code == 200
    client.force_login(personas.senco)
    page = client.get(report_url(upload.report)).text
    assert message in page
    assert "Every file is checked for viruses" not in page


def test_staff_are_not_told_so_when_a_scanner_is_configured(client, personas, clamscan, media):
    upload = make_upload(personas)
    client.force_login(personas.case_officer)
    assert "No virus scanner" not in client.get(report_url(upload.report)).text
    client.force_login(personas.senco)
    assert "Every file is checked for viruses" in client.get(report_url(upload.report)).text


def test_a_file_is_saved_with_the_suffix_of_what_it_is(client, personas, media):
    upload = make_upload(personas, name="page.html")
    client.force_login(personas.senco)
    response = client.get(file_url(upload))
    assert response["Content-Disposition"] == 'attachment; filename="page.html.pdf"'
