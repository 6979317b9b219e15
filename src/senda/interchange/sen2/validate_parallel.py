"""A large SEN2 file checked in several processes, with the very report one process gives
(``validate.validate_file`` decides; ADR 0022 records why).

This process reads the file in parts of about ``PART_BYTES``, each but the last ending just
after a ``</Person>``, and hands them to a pool of worker processes; each worker reads its
part with ``xml_read.read_part`` (the same parser, settings and reading as the whole file,
the part inside ``<Message><Persons>`` as in the file), applies ``validate.check_person``
and sends back its findings and its persons' UPNs. This process makes the positions the
file's, applies rule 1520 (a UPN used twice) in the file's order and puts the findings in
the order one process puts them. At most two parts per worker are in memory at a time.

Why the report is the same. The path is taken only for a plain file: UTF-8 (declared so,
or not declared), no namespace declaration before the persons, no ``<!`` (DOCTYPE, comment,
CDATA) and no ``<?`` (processing instruction) anywhere but the XML declaration; the header
and everything before the first ``<Persons>`` read as a file of its own (``head +
</Persons></Message>``) without a problem and with no person in it, so that ``<Persons>``
is a child of the root; after the last ``</Persons>`` only ``</Message>`` and white space.
A part that reads without error and with no finding outside a person (no stray element
between persons, no second header) holds only persons directly inside a ``<Persons>``, and
they are read exactly as one process reads them, in the same order (a part holding
``</Persons><Persons>`` is read as one process reads a second ``<Persons>``). Anything else
(a part that fails, a worker that dies, anything unusual) raises ``Serial`` and
``validate_file`` reads the whole file again in one process, so unusual, broken and
hostile files get today's findings and today's messages.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import re
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from typing import BinaryIO

from senda.interchange.sen2 import validate, xml_read
from senda.interchange.sen2.findings import Finding, Report, Unreadable
from senda.interchange.sen2.records import Header

#: Files smaller than this (about 12,000 persons) are read in one process: starting the
#: workers would cost more than it saves.
FROM_BYTES = 16_000_000
#: About how many bytes of persons a worker is given at a time (about 3,000 persons).
PART_BYTES = 4_000_000
#: How much is read from the file at a time.
READ_BYTES = 4_000_000
#: The most of the file held at a time before a ``</Person>`` is found.
MAX_BUFFER = 64_000_000
#: How much of the end of the file is read for its last ``</Persons>``.
TAIL_BYTES = 65_536
#: Where ``<Persons>`` must have started by (a header is a few hundred bytes).
HEAD_BYTES = 1_000_000
#: Workers when not told: one per core, at most this many.
MAX_WORKERS = 4

_PERSON_END = b"</Person>"
_PERSONS_START = b"<Persons>"
_PERSONS_END = b"</Persons>"
_DECLARATION = re.compile(rb"(?:\xef\xbb\xbf)?<\?xml\b[^<>]*?\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_TAIL = re.compile(rb"</Persons>[ \t\r\n]*</Message>[ \t\r\n]*")

_Result = tuple[list[Finding], list[str]] | None  # a part's findings and UPNs


class Serial(Exception):
    """The file is not one this path can show it reads as one process does: read it in one."""


def default_workers() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


def worth_it(stream: BinaryIO, workers: int | None) -> bool:
    """Whether to try the parallel path: workers to spare and a large, seekable file."""
    if (workers if workers is not None else default_workers()) < 2:
        return False
    seekable = getattr(stream, "seekable", None)
    if seekable is None or not seekable():
        return False
    start = stream.tell()
    size = stream.seek(0, io.SEEK_END)
    stream.seek(start)
    return size - start >= FROM_BYTES


def report(
    stream: BinaryIO,
    *,
    today: date,
    expect_la: str | None,
    expect_year: int | None,
    workers: int,
) -> Report:
    """``validate_file``'s report, the persons checked in ``workers`` processes. Raises
    ``Serial`` when the file must be read in one process."""
    start = stream.tell()
    body_end = _body_end(stream, start)
    stream.seek(start)
    head, rest = _head(stream)
    header, file_findings = _read_head(head)
    try:
        validate.expected(header, expect_la, expect_year)
    except Unreadable:
        raise Serial from None  # one process says so, after any problem it finds first
    report = Report(header=header, processes=workers)
    seen: dict[str, int] = {}
    pending: deque[Future[_Result]] = deque()
    findings = report.findings
    findings.extend(validate.header_findings(header))
    pool = ProcessPoolExecutor(workers, mp_context=_context())
    try:
        for part in _parts(stream, rest, body_end - start - len(head)):
            pending.append(pool.submit(_check_part, part, header, today))
            if len(pending) >= 2 * workers:  # bounded: a few parts in memory at a time
                report.persons = _collect(pending.popleft(), report.persons, seen, findings)
        while pending:
            report.persons = _collect(pending.popleft(), report.persons, seen, findings)
    except BrokenProcessPool:
        raise Serial from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    findings[:0] = file_findings
    return report


def _context() -> multiprocessing.context.BaseContext:
    """Fork (quick: the workers start with this module loaded) when this process runs one
    thread, as the command does; else spawn, since forking a process with threads (a web
    server's) can copy a lock another thread holds."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _body_end(stream: BinaryIO, start: int) -> int:
    """Where the last ``</Persons>`` starts, checking that only ``</Message>`` and white space
    follow it."""
    end = stream.seek(0, io.SEEK_END)
    at = stream.seek(max(start, end - TAIL_BYTES))
    tail = stream.read()
    found = tail.rfind(_PERSONS_END)
    if found < 0 or not _TAIL.fullmatch(tail, found):
        raise Serial
    return at + found


def _head(stream: BinaryIO) -> tuple[bytes, bytes]:
    """The bytes up to the end of the first ``<Persons>``, and those read after them."""
    buffer = b""
    while (start := buffer.find(_PERSONS_START)) < 0:
        block = stream.read(READ_BYTES)
        if not block or len(buffer) > HEAD_BYTES:
            raise Serial
        buffer += block
    end = start + len(_PERSONS_START)
    head = buffer[:end]
    declaration = _DECLARATION.match(head)
    body = head[declaration.end() :] if declaration else head
    if declaration:
        encoding = _ENCODING.search(declaration.group(0))
        if encoding and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
            raise Serial
    if b"<!" in body or b"<?" in body or b"xmlns" in body:
        raise Serial
    return head, buffer[end:]


def _read_head(head: bytes) -> tuple[Header, list[Finding]]:
    """The header and the findings outside persons (``xml_read.read_head``)."""
    try:
        return xml_read.read_head(head)
    except (Unreadable, ValueError):
        raise Serial from None


def _parts(stream: BinaryIO, buffer: bytes, left: int) -> Iterator[bytes]:
    """The ``left`` bytes of ``<Persons>``'s content (``buffer`` read already) in parts of
    about ``PART_BYTES``, each but the last ending just after a ``</Person>``."""
    if left < 0:
        raise Serial
    while True:
        if len(buffer) >= left:
            buffer = buffer[:left]
        cut = buffer.find(_PERSON_END, PART_BYTES)
        if cut >= 0:
            cut += len(_PERSON_END)
            yield buffer[:cut]
            buffer = buffer[cut:]
            left -= cut
        elif len(buffer) == left:
            break
        else:
            block = stream.read(READ_BYTES)
            if not block or len(buffer) > MAX_BUFFER:
                raise Serial
            buffer += block
    if buffer:
        yield buffer


def _plain(data: bytes) -> bool:
    """No ``<!`` (comment, CDATA, DOCTYPE) and no ``<?`` (processing instruction) in a part:
    looked for from the rare ``!`` and ``?`` (``<`` starts every tag)."""
    for mark in (b"!", b"?"):
        at = data.find(mark, 1)
        for _ in range(1_000):
            if at < 0:
                break
            if data[at - 1] == 0x3C:  # <
                return False
            at = data.find(mark, at + 1)
        else:
            return b"<" + mark not in data
    return True


def _check_part(part: bytes, header: Header, today: date) -> _Result:
    """In a worker: the findings of the persons in ``part``, positions counted from the
    part's first person, and their UPNs; None when the part is not persons read as the
    whole file would read them (anything outside a person, or a problem)."""
    findings: list[Finding] = []
    upns: list[str] = []
    if not _plain(part):
        return None
    try:
        reading = xml_read.read_part(part, header)
        for person, schema in reading.persons():
            findings.extend(schema)
            findings.extend(validate.check_person(person, header=header, today=today))
            upns.append(person.upn)
    except Exception:  # whatever it is, one process reads the file and says what it is
        return None
    if reading.file_findings:
        return None
    return findings, upns


def _collect(
    future: Future[_Result], after: int, seen: dict[str, int], findings: list[Finding]
) -> int:
    """A part's findings into ``findings`` (``validate.merge_part``); returns the persons
    counted so far."""
    result = future.result()
    if result is None:
        raise Serial
    found, upns = result
    return validate.merge_part(found, upns, after, seen, findings)
