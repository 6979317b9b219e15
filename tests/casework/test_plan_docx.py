"""Reading a plan's sections from a Word document: headings in any of the usual forms,
tables included; hostile files refused before python-docx opens them."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from senda.casework import plan_docx
from senda.casework.plan_docx import read_sections
from senda.kernel import ActionError


def docx_bytes(build) -> io.BytesIO:
    document = docx.Document()
    build(document)
    handle = io.BytesIO()
    document.save(handle)
    handle.seek(0)
    return handle


def a_plan(document) -> None:
    document.add_heading("Education, Health and Care Plan", 0)
    document.add_paragraph("Plan for case 12")  # before any section: ignored
    document.add_heading("Section A: Views, interests and aspirations", 1)
    document.add_paragraph("Sam likes trains.")
    document.add_paragraph("Sam wants to work with animals.")
    document.add_heading("SECTION B – Special educational needs", 1)
    document.add_paragraph("Sam finds it hard to start conversations.")
    document.add_paragraph("E: By the end of Year 6, Sam will start a conversation.")
    document.add_heading("Section F", 1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Provision"
    table.cell(0, 1).text = "Who"
    table.cell(1, 0).text = "SALT 30 minutes a week"
    table.cell(1, 1).text = "Therapist"
    document.add_paragraph("Section H1")
    document.add_paragraph("Short breaks: one weekend a month.")


def test_it_reads_each_section_under_its_heading():
    assert read_sections(docx_bytes(a_plan)) == {
        "A": "Sam likes trains.\nSam wants to work with animals.",
        "B": "Sam finds it hard to start conversations.",
        "E": "By the end of Year 6, Sam will start a conversation.",
        "F": "Provision\nWho\nSALT 30 minutes a week\nTherapist",
        "H1": "Short breaks: one weekend a month.",
    }


def test_it_reads_an_uploaded_file_object():
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("plan.docx", docx_bytes(a_plan).read())
    assert set(read_sections(upload)) == {"A", "B", "E", "F", "H1"}


def test_a_document_with_no_sections_is_refused():
    with pytest.raises(ActionError) as error:
        read_sections(docx_bytes(lambda d: d.add_paragraph("Just a letter.")))
    assert error.value.field == "file"
    assert "No plan sections were found" in error.value.message


@pytest.mark.parametrize(
    "content", [b"%PDF-1.7 not a docx", b"plain text", b"PK\x03\x04 broken zip"]
)
def test_a_file_that_is_not_a_docx_is_refused(content):
    with pytest.raises(ActionError) as error:
        read_sections(io.BytesIO(content))
    assert error.value.message == "The selected file must be a Word document (DOCX)"


def test_a_zip_that_is_not_a_word_document_is_refused():
    handle = io.BytesIO()
    with zipfile.ZipFile(handle, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(ActionError, match="must be a Word document"):
        read_sections(handle)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    handle = io.BytesIO()
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (5 * 1024 * 1024))  # 5 MB of zeros
    assert len(handle.getvalue()) < 100 * 1024
    opened = []
    monkeypatch.setattr(docx, "Document", lambda *a: opened.append(a))
    with pytest.raises(ActionError) as error:
        read_sections(handle)
    assert error.value.message == "The selected file unpacks to too much to be a plan"
    assert opened == []


def test_too_many_entries_and_too_large_files_are_refused(monkeypatch):
    handle = io.BytesIO()
    with zipfile.ZipFile(handle, "w") as archive:
        for n in range(plan_docx.ZIP_MAX_ENTRIES + 1):
            archive.writestr(f"part{n}.xml", "")
    with pytest.raises(ActionError, match="too many parts"):
        read_sections(handle)
    monkeypatch.setattr(plan_docx, "MAX_BYTES", 10)
    with pytest.raises(ActionError, match="smaller than"):
        read_sections(docx_bytes(a_plan))
    with pytest.raises(ActionError, match="empty"):
        read_sections(io.BytesIO(b""))
