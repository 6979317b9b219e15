"""Storing an uploaded file: who may, which files, and the virus scan before anyone can
open it (``store_upload``). What the file is, is read from its bytes, never its name.

The checks, in order, each an ``ActionError("file", …)`` with the GOV.UK Design System's
words: a file was chosen; it is not empty; it is under ``SENDA_UPLOAD_MAX_MB``; it is a PDF,
a Word document (DOCX), a JPG or a PNG; it is not password protected; ClamAV finds no
virus (``senda.portal.scanner``). A clean file, or one held unscanned where no scanner is
configured, is saved through Django's storage API under a random name; a file with a virus,
or one the scanner could not check, is not kept at all, and the refusal is audited.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import zipfile
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from senda import audit, kernel
from senda.casework.models import Case
from senda.kernel import ActionError
from senda.people.families import may_act
from senda.portal.access import advice_requests_for, council_membership, reports_for
from senda.portal.models import AdviceRequest, ReviewReport, Upload
from senda.portal.scanner import ScanResult, scan

__all__ = [
    "MESSAGES",
    "PURPOSES",
    "Kind",
    "detect",
    "max_bytes",
    "may_upload",
    "store_upload",
]

#: What a file is for (``Upload.purpose``), as the upload pages offer it.
PURPOSES = {
    "child_views": "The child's or young person's views",
    "parent_views": "The parents' or carers' views",
    "advice": "Advice or a report",
    "other": "Something else",
}
#: Purposes set by an action, never chosen on an upload form: a document the council
#: shares with the family (``senda.portal.family_documents``).
ACTION_PURPOSES = {"shared": "Shared with the family", "plan": "The issued plan"}

MESSAGES = {
    "missing": "Select a file",
    "empty": "The selected file is empty",
    "too_large": "The selected file must be smaller than {mb}MB",
    "wrong_type": "The selected file must be a PDF, Word document (DOCX), JPG or PNG",
    "password": "The selected file is password protected",
    "virus": "The selected file contains a virus",
    "failed": "The selected file could not be uploaded – try again",
}

#: A DOCX is a ZIP: refuse one with more entries, or more bytes once unpacked, than a real
#: document has (a zip bomb), before reading any of it.
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNPACKED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 200

HEAD = 8192
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Kind:
    content_type: str
    suffix: str


PDF = Kind("application/pdf", "pdf")
DOCX = Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
PNG = Kind("image/png", "png")
JPEG = Kind("image/jpeg", "jpg")

#: An encrypted Office file is an OLE2 compound file holding this stream (UTF-16 names).
OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
PDF_ENCRYPT = re.compile(rb"/Encrypt\b")


def max_bytes() -> int:
    return int(getattr(settings, "SENDA_UPLOAD_MAX_MB", 20)) * 1024 * 1024


def refused(key: str) -> ActionError:
    mb = getattr(settings, "SENDA_UPLOAD_MAX_MB", 20)
    return ActionError("file", MESSAGES[key].format(mb=mb))


def detect(handle: BinaryIO) -> Kind:
    """The file's kind from its bytes, or ``ActionError`` (wrong type, password protected)."""
    handle.seek(0)
    head = handle.read(HEAD)
    if head.startswith(b"%PDF-"):
        if _pdf_encrypted(handle):
            raise refused("password")
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _docx(handle)
    if head.startswith(OLE2) and _contains(handle, ENCRYPTED_PACKAGE):
        raise refused("password")  # a password-protected Word document
    raise refused("wrong_type")


def _pdf_encrypted(handle: BinaryIO) -> bool:
    """An encrypted PDF names its ``/Encrypt`` dictionary in its trailer."""
    return _contains(handle, PDF_ENCRYPT)


def _contains(handle: BinaryIO, needle: bytes | re.Pattern[bytes]) -> bool:
    """Whether the bytes hold ``needle``, read in chunks that overlap by a little."""
    handle.seek(0)
    tail = b""
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        window = tail + chunk
        found = needle.search(window) if isinstance(needle, re.Pattern) else needle in window
        if found:
            return True
        tail = window[-64:]
    return False


def _docx(handle: BinaryIO) -> Kind:
    """A Word document: a ZIP with ``[Content_Types].xml`` and ``word/document.xml``, read
    from its directory only (sizes as the directory states them, nothing unpacked)."""
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
            if len(entries) > ZIP_MAX_ENTRIES:
                raise refused("wrong_type")
            unpacked = sum(entry.file_size for entry in entries)
            packed = sum(entry.compress_size for entry in entries) or 1
            if unpacked > ZIP_MAX_UNPACKED or unpacked / packed > ZIP_MAX_RATIO:
                raise refused("wrong_type")
            names = {entry.filename for entry in entries}
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise refused("password")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise refused("wrong_type") from None
    if {"[Content_Types].xml", "word/document.xml"} <= names:
        return DOCX
    raise refused("wrong_type")


def may_upload(
    by: Any,
    case: Case,
    report: ReviewReport | None = None,
    advice_request: AdviceRequest | None = None,
) -> bool:
    """Council casework staff of the case's area; the staff of a report's setting who may
    open it; the members of a team who may open an advice request; a family member who may
    act for the child (their views, not a report's or a request's files)."""
    council = council_membership(by)
    if council is not None:  # a QA auditor may read the files, not add to them
        return council.can_write_casework(case.la_id)
    if report is None and advice_request is None:
        return may_act(by, case.child, kernel.today())
    if report is not None and reports_for(by).filter(pk=report.pk).exists():
        return True
    return (
        advice_request is not None and advice_requests_for(by).filter(pk=advice_request.pk).exists()
    )


def _sha256(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    handle.seek(0)
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _scan(file: Any) -> ScanResult:
    """Scan where the file is: a temporary file on disk by path, else its bytes."""
    path = getattr(file, "temporary_file_path", None)
    return scan(path() if callable(path) else file)


def _clean_name(name: str) -> str:
    """The user's file name as shown on the page (never used in the stored path)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:200] or "file"


def store_upload(
    *,
    case: Case,
    file: Any,
    purpose: str,
    by: Any,
    report: ReviewReport | None = None,
    advice_request: AdviceRequest | None = None,
) -> Upload:
    """Check, scan and keep one uploaded file (a Django ``UploadedFile`` or ``File``).

    Not one transaction around everything: a refusal for a virus or a failed scan is
    audited, and that entry must stay when the ``ActionError`` undoes the rest. The write
    itself (the stored file, its row and its audit entry) is all or nothing.
    """
    _check_target(case, report, advice_request, purpose)
    if not may_upload(by, case, report, advice_request):
        raise ActionError("file", "You cannot add files to this record")
    if file is None:
        raise refused("missing")
    size = int(getattr(file, "size", 0) or 0)
    if size == 0:
        raise refused("empty")
    if size > max_bytes():
        raise refused("too_large")
    kind = detect(file)
    sha256 = _sha256(file)
    result = _scan(file)
    if result.verdict in ("infected", "failed"):
        _audit_refusal(by, case, report, advice_request, result)
        raise refused("virus" if result.verdict == "infected" else "failed")
    return _keep(case, file, purpose, by, report, advice_request, kind, size, sha256, result)


def _check_target(
    case: Case,
    report: ReviewReport | None,
    advice_request: AdviceRequest | None,
    purpose: str,
) -> None:
    if purpose not in PURPOSES and purpose not in ACTION_PURPOSES:
        raise ActionError("purpose", "Select what the file is")
    for owner in (report, advice_request):
        if owner is not None and owner.case_id != case.pk:
            raise ActionError("file", "You cannot add files to this record")


def _audit_refusal(
    by: Any,
    case: Case,
    report: ReviewReport | None,
    advice_request: AdviceRequest | None,
    result: ScanResult,
) -> None:
    """A write of no file: what was refused and why, by ids (no child named)."""
    owner = f"report={report.pk}" if report else ""
    owner = f"advice_request={advice_request.pk}" if advice_request else owner
    why = f"virus {result.signature}" if result.verdict == "infected" else "scan failed"
    audit.record(
        user=by,
        verb="write",
        obj=Upload,
        la_id=case.la_id,
        summary=f"upload refused: {why} case={case.pk} {owner}".strip(),
    )


@transaction.atomic
def _keep(
    case: Case,
    file: Any,
    purpose: str,
    by: Any,
    report: ReviewReport | None,
    advice_request: AdviceRequest | None,
    kind: Kind,
    size: int,
    sha256: str,
    result: ScanResult,
) -> Upload:
    now = timezone.now()
    name = f"portal/{now:%Y/%m}/{secrets.token_hex(16)}.{kind.suffix}"
    file.seek(0)
    stored = default_storage.save(name, file)
    try:
        upload = Upload.objects.create(
            case=case,
            report=report,
            advice_request=advice_request,
            purpose=purpose,
            file=stored,
            name=_clean_name(getattr(file, "name", "")),
            content_type=kind.content_type,
            size=size,
            sha256=sha256,
            scan=result.verdict,
            scanner=result.scanner,
            scanned_at=now if result.verdict == "clean" else None,
            uploaded_by=by,
        )
        owner = f" report={report.pk}" if report else ""
        owner += f" advice_request={advice_request.pk}" if advice_request else ""
        audit.record(
            user=by,
            verb="write",
            obj=upload,
            child=case.child,
            summary=f"upload {upload.pk} {kind.suffix} {result.verdict}{owner}",
        )
    except BaseException:
        default_storage.delete(stored)
        raise
    return upload
