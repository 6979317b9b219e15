"""The virus scanner: the real ClamAV (clamscan and clamd) with the suite's own signatures
(tests/portal/clamav), and what happens where none is configured or it fails."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from senda.portal.scanner import NOT_CONFIGURED, ScanResult, ping, scan, scanner_name
from tests.portal import upload_helpers
from tests.portal.upload_helpers import EICAR, infected_pdf, pdf, png

media = upload_helpers.media
clamscan = upload_helpers.clamscan
clamd = upload_helpers.clamd


def test_it_holds_files_unscanned_where_no_scanner_is_configured(media):
    result = scan(pdf())
    assert result == ScanResult("unscanned", detail=NOT_CONFIGURED)
    assert scanner_name() == ""


def test_it_finds_nothing_in_a_clean_file_with_clamscan(clamscan, tmp_path):
    path = tmp_path / "clean.pdf"
    path.write_bytes(pdf())
    assert scan(path) == ScanResult("clean", scanner="clamscan")
    assert scan(png()).verdict == "clean"


def test_it_finds_the_test_virus_with_clamscan(clamscan):
    result = scan(infected_pdf())
    assert result.verdict == "infected"
    assert result.signature == "Senda.Test.Virus.UNOFFICIAL"


def test_it_finds_the_eicar_test_string_with_clamscan(clamscan):
    assert scan(EICAR).signature == "Senda.Test.EICAR.UNOFFICIAL"


def test_it_fails_when_clamscan_cannot_read_its_database(clamscan, settings, tmp_path):
    settings.SENDA_CLAMAV_DATABASE = str(tmp_path / "nowhere")
    result = scan(pdf())
    assert result.verdict == "failed"
    assert result.detail == "clamscan exit 2"


def test_it_fails_when_clamscan_is_missing(media, settings, tmp_path):
    settings.SENDA_CLAMSCAN = str(tmp_path / "no-clamscan")
    assert scan(pdf()).verdict == "failed"


def test_it_fails_when_clamscan_takes_too_long(media, settings, tmp_path):
    slow = tmp_path / "slow-clamscan"
    slow.write_text("#!/bin/sh\nsleep 5\n")
    slow.chmod(0o755)
    settings.SENDA_CLAMSCAN = str(slow)
    settings.SENDA_SCAN_TIMEOUT = 0.2  # seconds: waiting is all it tests
    result = scan(pdf())
    assert result.verdict == "failed"
    assert result.detail == "TimeoutExpired"


def test_it_scans_through_a_real_clamd_socket(clamd):
    assert ping(2) is True  # /readyz/: clamd answers PING with PONG
    assert scan(pdf()) == ScanResult("clean", scanner=f"clamd {clamd}")
    infected = scan(infected_pdf())
    assert (infected.verdict, infected.signature) == ("infected", "Senda.Test.Virus.UNOFFICIAL")
    big = b"%PDF-1.4\n" + bytes(3 * 2**20) + infected_pdf()  # many chunks, marker at the end
    assert scan(big).verdict == "infected"


def test_it_fails_when_clamd_is_not_there(media, settings, tmp_path):
    settings.SENDA_CLAMD_SOCKET = str(tmp_path / "no.sock")
    result = scan(pdf())
    assert result.verdict == "failed"
    assert result.scanner == f"clamd {tmp_path / 'no.sock'}"
    assert ping(0.2) is False


def test_it_pings_only_a_configured_scanner(media, settings, tmp_path):
    assert ping(0.2) is None  # none configured: files held unscanned, by design
    settings.SENDA_CLAMSCAN = str(tmp_path / "no-clamscan")
    assert ping(0.2) is False
    settings.SENDA_CLAMSCAN = "/bin/true"
    assert ping(0.2) is True
    settings.SENDA_CLAMAV_DATABASE = str(tmp_path / "no-signatures")
    assert ping(0.2) is False


def fake_clamd(reply: bytes) -> tuple[str, threading.Thread, list[bytes]]:
    """A one-connection TCP stand-in that records what it was sent and answers ``reply``."""
    server = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            data = b""
            while not data.endswith(b"\0\0\0\0"):
                part = conn.recv(65536)
                if not part:
                    break
                data += part
            received.append(data)
            conn.sendall(reply)
        server.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return f"127.0.0.1:{server.getsockname()[1]}", thread, received


def test_it_speaks_clamds_instream_protocol_over_tcp(media, settings):
    address, thread, received = fake_clamd(b"stream: OK\0")
    settings.SENDA_CLAMD_ADDRESS = address
    assert scan(b"hello") == ScanResult("clean", scanner=f"clamd {address}")
    thread.join(5)
    assert received == [b"zINSTREAM\0" + b"\0\0\0\x05hello" + b"\0\0\0\0"]


@pytest.mark.parametrize(
    ("reply", "verdict"),
    [
        (b"stream: Eicar-Test-Signature FOUND\0", "infected"),
        (b"INSTREAM size limit exceeded. ERROR\0", "failed"),
        (b"", "failed"),
    ],
)
def test_it_reads_clamds_other_replies(media, settings, reply, verdict):
    address, thread, _ = fake_clamd(reply)
    settings.SENDA_CLAMD_ADDRESS = address
    result = scan(b"hello")
    thread.join(5)
    assert result.verdict == verdict
    if verdict == "infected":
        assert result.signature == "Eicar-Test-Signature"


def test_it_fails_when_clamd_does_not_answer_in_time(media, settings):
    server = socket.create_server(("127.0.0.1", 0))  # listens, never answers
    settings.SENDA_CLAMD_ADDRESS = f"127.0.0.1:{server.getsockname()[1]}"
    settings.SENDA_SCAN_TIMEOUT = 0.2  # seconds: waiting is all it tests
    try:
        result = scan(b"hello")
    finally:
        server.close()
    assert result.verdict == "failed"


def test_the_signatures_are_the_suites_own():
    folder = Path(__file__).parent / "clamav"
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "senda-test.ndb"]
    names = [line.split(":")[0] for line in (folder / "senda-test.ndb").read_text().splitlines()]
    assert names == ["Senda.Test.Virus", "Senda.Test.EICAR"]
