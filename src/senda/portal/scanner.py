"""The virus scan every upload passes before anyone can open it: ClamAV, through clamd's
socket (production: the signatures stay loaded) or the ``clamscan`` program (loads its
database each time; the tests use it with their own signatures).

Which one is chosen by settings, first match wins:

- ``SENDA_CLAMD_SOCKET`` (a unix socket) or ``SENDA_CLAMD_ADDRESS`` (``host:port``):
  clamd's ``INSTREAM`` command, so clamd needs no access to Senda's files;
- ``SENDA_CLAMSCAN`` (the program's path) with ``SENDA_CLAMAV_DATABASE`` (a signature
  directory, optional: clamscan's own default otherwise);
- nothing: files are held as ``unscanned``, and staff are told so.

A scan never raises: a scanner that cannot be reached, errs or takes longer than
``SENDA_SCAN_TIMEOUT`` seconds gives ``failed``.
"""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from django.conf import settings

__all__ = ["NOT_CONFIGURED", "ScanResult", "ping", "scan", "scanner_name"]

Verdict = Literal["clean", "infected", "failed", "unscanned"]

#: What staff are told where no scanner is configured.
NOT_CONFIGURED = "No virus scanner is configured: files are held as unscanned"

CHUNK = 64 * 1024


@dataclass(frozen=True)
class ScanResult:
    verdict: Verdict
    signature: str = ""
    scanner: str = ""
    detail: str = ""


Scannable = str | Path | bytes | BinaryIO


def scanner_name() -> str:
    """The configured scanner, as the upload row records it ("" if none)."""
    if _setting("SENDA_CLAMD_SOCKET"):
        return f"clamd {_setting('SENDA_CLAMD_SOCKET')}"
    if _setting("SENDA_CLAMD_ADDRESS"):
        return f"clamd {_setting('SENDA_CLAMD_ADDRESS')}"
    if _setting("SENDA_CLAMSCAN"):
        return "clamscan"
    return ""


def scan(data: Scannable) -> ScanResult:
    """Scan a file (a path, the bytes, or an open binary file read from where it is)."""
    timeout = float(getattr(settings, "SENDA_SCAN_TIMEOUT", 30))
    name = scanner_name()
    try:
        if _setting("SENDA_CLAMD_SOCKET"):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(timeout)
                sock.connect(_setting("SENDA_CLAMD_SOCKET"))
                return _instream(sock, data, name)
        if _setting("SENDA_CLAMD_ADDRESS"):
            host, _, port = _setting("SENDA_CLAMD_ADDRESS").rpartition(":")
            address = (host.strip("[]"), int(port))  # "[::1]:3310" too
            with socket.create_connection(address, timeout=timeout) as sock:
                return _instream(sock, data, name)
        if _setting("SENDA_CLAMSCAN"):
            return _clamscan(data, timeout, name)
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        return ScanResult("failed", scanner=name, detail=type(error).__name__)
    return ScanResult("unscanned", detail=NOT_CONFIGURED)


def ping(timeout: float) -> bool | None:
    """Whether the configured scanner answers (``/readyz/``): clamd's ``PING`` gets
    ``PONG``; ``clamscan`` is a program Senda may run and its signature folder is there.
    None where no scanner is configured (files are held as unscanned, by design)."""
    try:
        if _setting("SENDA_CLAMD_SOCKET"):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(timeout)
                sock.connect(_setting("SENDA_CLAMD_SOCKET"))
                return _pong(sock)
        if _setting("SENDA_CLAMD_ADDRESS"):
            host, _, port = _setting("SENDA_CLAMD_ADDRESS").rpartition(":")
            with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout) as sock:
                return _pong(sock)
    except (OSError, ValueError):
        return False
    if _setting("SENDA_CLAMSCAN"):
        database = _setting("SENDA_CLAMAV_DATABASE")
        runnable = os.access(_setting("SENDA_CLAMSCAN"), os.X_OK)
        return runnable and (not database or Path(database).is_dir())
    return None


def _pong(sock: socket.socket) -> bool:
    sock.sendall(b"zPING\0")
    return sock.recv(16).rstrip(b"\0").strip() == b"PONG"


def _setting(name: str) -> str:
    return str(getattr(settings, name, "") or "")


def _chunks(data: Scannable) -> Iterator[bytes]:
    if isinstance(data, bytes):
        for start in range(0, len(data), CHUNK):
            yield data[start : start + CHUNK]
        return
    if isinstance(data, str | Path):
        with open(data, "rb") as handle:
            yield from iter(lambda: handle.read(CHUNK), b"")
        return
    data.seek(0)
    yield from iter(lambda: data.read(CHUNK), b"")


def _instream(sock: socket.socket, data: Scannable, name: str) -> ScanResult:
    """clamd's INSTREAM: ``zINSTREAM\\0``, chunks each after its 4-byte big-endian length,
    a zero length to end; the reply is ``stream: OK`` or ``stream: <name> FOUND``."""
    sock.sendall(b"zINSTREAM\0")
    for chunk in _chunks(data):
        sock.sendall(struct.pack(">I", len(chunk)) + chunk)
    sock.sendall(struct.pack(">I", 0))
    reply = b""
    while not reply.endswith(b"\0"):
        part = sock.recv(4096)
        if not part:
            break
        reply += part
    text = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    if text.endswith(" OK"):
        return ScanResult("clean", scanner=name)
    if text.endswith(" FOUND"):
        signature = text.removeprefix("stream:").removesuffix("FOUND").strip()
        return ScanResult("infected", signature=signature, scanner=name)
    return ScanResult("failed", scanner=name, detail=text[:200])


def _clamscan(data: Scannable, timeout: float, name: str) -> ScanResult:
    """``clamscan --no-summary [-d DB] FILE``: exit 0 clean, 1 infected, 2 an error."""
    if isinstance(data, str | Path):
        return _run_clamscan(Path(data), timeout, name)
    with tempfile.NamedTemporaryFile(prefix="senda-scan-") as copy:
        for chunk in _chunks(data):
            copy.write(chunk)
        copy.flush()
        return _run_clamscan(Path(copy.name), timeout, name)


def _run_clamscan(path: Path, timeout: float, name: str) -> ScanResult:
    command = [_setting("SENDA_CLAMSCAN"), "--no-summary", "--stdout"]
    if _setting("SENDA_CLAMAV_DATABASE"):
        command += ["-d", _setting("SENDA_CLAMAV_DATABASE")]
    command += ["--", str(path)]
    done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    output = done.stdout.decode("utf-8", "replace").strip()
    if done.returncode == 0:
        return ScanResult("clean", scanner=name)
    if done.returncode == 1:
        found = output.splitlines()[-1] if output else ""
        signature = found.rpartition(": ")[2].removesuffix("FOUND").strip()
        return ScanResult("infected", signature=signature, scanner=name)
    return ScanResult("failed", scanner=name, detail=f"clamscan exit {done.returncode}")
