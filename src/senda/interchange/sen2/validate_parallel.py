"""A large SEN2 file checked in several processes, with the very report one process gives
(``validate.validate_file`` decides; ADR 0022 records why).

This process reads the file in parts of about ``PART_BYTES``, each ending just after a
``</Person>``, and hands them to a pool of worker processes; each worker reads its part
with ``xml_read.read_part`` (the same parser, settings and reading as the whole file, the
part inside ``<Message><Persons>`` as in the file), applies ``validate.check_person`` and
sends back its findings and its persons' UPNs. This process applies rule 1520 (a UPN used
twice) in the file's order and puts the findings in the order one process puts them.

Why the report is the same. The path is taken only for a plain file: UTF-8 (declared so, or
not declared), no namespace declaration before the persons, no ``<!`` (DOCTYPE, comment,
CDATA) and no ``<?`` (processing instruction) anywhere but the XML declaration, so every
``<`` starts a tag; the header and everything before the first ``<Persons>`` read as a
file of its own (``head + </Persons></Message>``) without a problem and with no person in
it; after the first ``</Persons>`` only ``</Message>`` and white space. Then the
``<Persons>`` is the root's last child and its content is the parts end to end. A part
that reads without error, gives as many persons as it has ``</Person>`` tags and no
finding outside a person (no stray element, no second header) is well-formed content,
and the persons in it are read exactly as one process reads them at those positions.
Anything else (a part that fails, a worker that dies, anything unusual) raises ``Serial``
and ``validate_file`` reads the whole file again in one process, so unusual files, broken
ones and hostile ones get today's findings and today's messages.
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

_Result = tuple[list[Finding], list[str]] | None


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
    head, rest = _head(stream)
    header, file_findings = _read_head(head)
    try:
        validate.expected(header, expect_la, expect_year)
    except Unreadable:
        raise Serial from None  # one process says so, after any problem it finds first
    report = Report(header=header, processes=workers)
    report.findings.extend(validate.header_findings(header))
    seen: dict[str, int] = {}
    pending: deque[tuple[int, Future[_Result]]] = deque()
    pool = ProcessPoolExecutor(workers, mp_context=_context())
    try:
        after = 0
        for part, count in _parts(stream, rest):
            pending.append((after, pool.submit(_check_part, part, after, count, header, today)))
            after += count
            if len(pending) >= 2 * workers:  # bounded: a few parts in memory at a time
                _collect(*pending.popleft(), seen, report.findings)
        while pending:
            _collect(*pending.popleft(), seen, report.findings)
    except BrokenProcessPool:
        raise Serial from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    report.persons = after
    report.findings[:0] = file_findings
    return report


def _context() -> multiprocessing.context.BaseContext:
    """Fork (quick: the workers start with this module loaded) when this process runs one
    thread, as the command does; else spawn, since forking a process with threads (a web
    server's) can copy a lock another thread holds."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


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
    """The header and the findings outside persons, reading the head as a file of its own."""
    try:
        reading = xml_read.read(io.BytesIO(head + xml_read.PART_AFTER))
        for _person in reading.persons():
            raise Serial
    except Unreadable:
        raise Serial from None
    return reading.header, reading.file_findings


def _parts(stream: BinaryIO, buffer: bytes) -> Iterator[tuple[bytes, int]]:
    """The content of ``<Persons>`` in parts ending after a ``</Person>``, each with how many
    ``</Person>`` it holds; then checks that the file ends as a SEN2 file ends."""
    while True:
        end = buffer.find(_PERSONS_END)
        cut = buffer.find(_PERSON_END, PART_BYTES, end if end >= 0 else len(buffer))
        if cut >= 0:
            cut += len(_PERSON_END)
            yield _part(buffer[:cut])
            buffer = buffer[cut:]
        elif end >= 0:
            break
        else:
            block = stream.read(READ_BYTES)
            if not block or len(buffer) > MAX_BUFFER:
                raise Serial
            buffer += block
    if end:
        yield _part(buffer[:end])
    tail = buffer[end:]
    while block := stream.read(READ_BYTES):
        tail += block
        if len(tail) > HEAD_BYTES:
            raise Serial
    if not _TAIL.fullmatch(tail):
        raise Serial


def _part(data: bytes) -> tuple[bytes, int]:
    if b"<!" in data or b"<?" in data:
        raise Serial
    return data, data.count(_PERSON_END)


def _check_part(part: bytes, after: int, count: int, header: Header, today: date) -> _Result:
    """In a worker: the findings of the persons in ``part`` (positions after ``after``) and
    their UPNs; None when the part is not ``count`` persons read without a problem."""
    findings: list[Finding] = []
    upns: list[str] = []
    try:
        reading = xml_read.read_part(part, header)
        for person, schema in reading.persons(after=after):
            findings.extend(schema)
            findings.extend(validate.check_person(person, header=header, today=today))
            upns.append(person.upn)
    except Exception:  # whatever it is, one process reads the file and says what it is
        return None
    if reading.file_findings or len(upns) != count:
        return None
    return findings, upns


def _collect(
    after: int, future: Future[_Result], seen: dict[str, int], findings: list[Finding]
) -> None:
    """A part's findings into ``findings``, with rule 1520 after each person's own."""
    result = future.result()
    if result is None:
        raise Serial
    found, upns = result
    given = 0
    for position, upn in enumerate(upns, start=after + 1):
        if upn:
            first = seen.setdefault(upn, position)
            if first != position:
                while given < len(found) and found[given].position <= position:
                    findings.append(found[given])
                    given += 1
                findings.append(validate.duplicate_upn(upn, position, first))
    findings.extend(found[given:])
