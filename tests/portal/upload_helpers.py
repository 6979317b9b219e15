"""What the upload tests share: sample files of each kind (and of the bad kinds), rows to
upload to (built directly: the helpers that create them through actions are other tests'),
a media folder of the test's own, and the real ClamAV with the suite's own signatures."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from senda.casework.models import Plan
from senda.people.models import AccessGrant, AdviceTeam
from senda.portal.models import AdviceRequest, ReviewReport, Upload
from tests.factories import Personas

SIGNATURES = Path(__file__).parent / "clamav"
#: The harmless marker the suite's signature ``Senda.Test.Virus`` finds.
MARKER = b"SENDA-TEST-VIRUS-7d1f0c5a"
#: The EICAR test string, put together here so no file of the repository holds it whole.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + rb"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


# --- Files ---------------------------------------------------------------------------


def pdf(body: bytes = b"", trailer: bytes = b"") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
        + body
        + b"\ntrailer\n<< /Root 1 0 R "
        + trailer
        + b">>\n%%EOF\n"
    )


def big_pdf(size: int) -> bytes:
    """A PDF of ``size`` bytes (a stream of padding inside)."""
    start = pdf()
    return start[:-6] + b"%" + b"x" * (size - len(start) - 2) + b"\n" + start[-6:]


def png() -> bytes:
    """A real one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def zipped(entries: dict[str, bytes], **options: Any) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, **options) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(text: str = "Advice for the review") -> bytes:
    return zipped(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/content-types"/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "word/document.xml": f'<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>'
            f"{text}</w:t></w:r></w:p></w:body></w:document>".encode(),
        }
    )


def zip_bomb() -> bytes:
    """A "DOCX" whose document unpacks to 50 MB of zeros from a few kilobytes."""
    return zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(50 * 2**20)})


def many_entries() -> bytes:
    entries = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}
    entries |= {f"word/media/{n}.xml": b"<x/>" for n in range(2001)}
    return zipped(entries)


def encrypted_word() -> bytes:
    """What Word saves with a password: an OLE2 file with an EncryptedPackage stream."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    return header + "EncryptedPackage".encode("utf-16-le") + bytes(512)


def infected_pdf() -> bytes:
    return pdf(b"% " + MARKER)


def upload_file(data: bytes, name: str = "views.pdf") -> Any:
    """A file as Django hands an upload over (name, size, read, seek)."""
    return ContentFile(data, name=name)


# --- Rows ----------------------------------------------------------------------------


def make_report(p: Personas, **fields: Any) -> ReviewReport:
    plan = Plan.objects.create(case=p.case, issued_on=date(2025, 3, 3))
    fields.setdefault("setting", p.setting)
    fields.setdefault("created_by", p.senco)
    return ReviewReport.objects.create(case=p.case, plan=plan, due_on=date(2026, 3, 3), **fields)


def make_advice_request(p: Personas, team: AdviceTeam | None = None) -> AdviceRequest:
    team = team or p.advice_team
    grant = AccessGrant.objects.create(
        child=p.child, team=team, reason="Asked for advice", starts_on=date(2026, 1, 5)
    )
    return AdviceRequest.objects.create(
        case=p.case,
        team=team,
        kind=AdviceRequest.Kind.REVIEW,
        question="What support is needed?",
        requested_on=date(2026, 1, 5),
        due_on=date(2026, 2, 16),
        grant=grant,
        requested_by=p.case_officer,
    )


def make_upload(p: Personas, report: ReviewReport | None = None, **fields: Any) -> Upload:
    """A clean file on a report, written straight to storage and the table (no audit)."""
    report = report if report is not None or "advice_request" in fields else make_report(p)
    data = fields.pop("data", pdf())
    stored = default_storage.save("portal/test/sample.pdf", ContentFile(data))
    values: dict[str, Any] = {
        "case": p.case,
        "report": report,
        "purpose": "other",
        "file": stored,
        "name": "sample.pdf",
        "content_type": "application/pdf",
        "size": len(data),
        "sha256": "0" * 64,
        "scan": Upload.Scan.CLEAN,
        "uploaded_by": p.senco,
    }
    return Upload.objects.create(**(values | fields))


def another_areas_personas() -> Personas:
    """Personas of a new area (for the role matrix: another area's report, request, file)."""
    from tests.factories import make_personas

    return make_personas()


def another_areas_report() -> int:
    return make_report(another_areas_personas()).pk


def another_areas_advice_request() -> int:
    return make_advice_request(another_areas_personas()).pk


def another_areas_upload() -> int:
    return make_upload(another_areas_personas()).pk


# --- Storage and scanners ------------------------------------------------------------


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """MEDIA_ROOT and Django's upload temporary folder of the test's own; no scanner."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploading")
    (tmp_path / "media").mkdir()
    (tmp_path / "uploading").mkdir()
    settings.SENDA_CLAMD_SOCKET = ""
    settings.SENDA_CLAMD_ADDRESS = ""
    settings.SENDA_CLAMSCAN = ""
    return tmp_path / "media"


def files_in(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def clamscan_path() -> str:
    found = shutil.which("clamscan")
    if found is None:
        pytest.skip("clamscan is missing: `make browsers` installs Debian's clamav")
    return found


@pytest.fixture
def clamscan(settings: Any, media: Path) -> str:
    """The real clamscan, with the suite's own signatures only."""
    settings.SENDA_CLAMSCAN = clamscan_path()
    settings.SENDA_CLAMAV_DATABASE = str(SIGNATURES)
    return settings.SENDA_CLAMSCAN


def clamd_path() -> str:
    found = shutil.which("clamd") or next(
        (p for p in ("/usr/sbin/clamd", "/usr/bin/clamd") if Path(p).exists()), None
    )
    if found is None:  # clamscan is there (the fixtures ask first), so this is a fault
        pytest.fail("clamd is missing beside clamscan: `make browsers` installs clamav-daemon")
    return found


def start_clamd(folder: Path) -> tuple[subprocess.Popen[bytes], Path]:
    """A real clamd in the foreground, on a socket in ``folder``, with our signatures."""
    socket_path = folder / "clamd.sock"
    config = folder / "clamd.conf"
    config.write_text(
        f"LocalSocket {socket_path}\n"
        f"DatabaseDirectory {SIGNATURES}\n"
        f"TemporaryDirectory {folder}\n"
        f"PidFile {folder / 'clamd.pid'}\n"
        "Foreground yes\n"
        "StreamMaxLength 50M\n"
    )
    process = subprocess.Popen(
        [clamd_path(), "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 30
    while not socket_path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            error = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"clamd did not start: {error[-500:]}")
        time.sleep(0.05)
    return process, socket_path


@pytest.fixture
def clamd(settings: Any, media: Path) -> Iterator[Path]:
    """A real clamd for this test (its socket's path is short: a folder under /tmp)."""
    clamscan_path()  # the skip reason names the package
    folder = Path(tempfile.mkdtemp(prefix="senda-clamd-"))
    process, socket_path = start_clamd(folder)
    settings.SENDA_CLAMD_SOCKET = str(socket_path)
    try:
        yield socket_path
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(folder, ignore_errors=True)
