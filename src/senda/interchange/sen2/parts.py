"""The return's persons written in parts, by worker processes when asked (ADR 0023).

    made = parts.write_persons(la, census, today=today, out=out, header=header, workers=4)
    made.persons, made.counts, made.rules, made.findings

The candidates (``export.candidates``) are cut into runs of ``PART`` children in order;
each worker forked from this process reads its runs through its own database connection
(``export.persons_for(ids=...)``), writes their ``<Person>`` elements to a temporary part
file, counts them (``aggregates.count``, additive over persons) and checks them as they are
written (``validate.check_written``: the findings ``validate_file`` would give each, ADR
0039). The parts are copied into ``out`` in order as they are done and deleted, and their
findings merged in order with rule 1520 across them (``validate.merge_part``): the bytes
and the report are those one process would make, and no part is held in memory.

One process (``workers=1``, the default of ``runs.write_return``) for the web and the
demo: forking a web server's process is unsafe. One process also when there are fewer than
``PARALLEL_FROM`` candidates (forking costs more than it saves) or inside a transaction
(a worker's own connection would not see what it has not committed).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from django.db import connection, connections

from senda.interchange.sen2 import aggregates, export, validate, xml_write
from senda.interchange.sen2.findings import Finding
from senda.interchange.sen2.records import Header, Person
from senda.people.models import LocalAuthority

#: Children a worker reads and writes at a time (one part file). Small enough that the
#: last part, which one worker writes while the others have finished, is short.
PART = 10_000
#: Fewer candidates than this: one process.
PARALLEL_FROM = 40_000
#: Allocations between collections of the youngest objects while writing (Python's: 700).
GC_THRESHOLD = 50_000
#: Workers at most (each holds a database connection and ~80 MB).
MAX_WORKERS = 8


def default_workers() -> int:
    """The processors this process may run on, up to ``MAX_WORKERS``."""
    return max(1, min(MAX_WORKERS, len(os.sched_getaffinity(0))))


@dataclass
class Made:
    """What was written: how many persons, the return's figures, the inclusion rules met,
    and the persons' findings (``findings``: a part's own, positions from its first person,
    with their ``upns``; once ``add``-ed, the file's, with rule 1520 applied)."""

    persons: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(aggregates.KEYS, 0))
    rules: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    upns: list[str] = field(default_factory=list)
    #: False when a person could not be checked as written: read the file instead.
    checked: bool = True
    seen: dict[str, int] = field(default_factory=dict)

    def add(self, other: Made) -> None:
        """``other`` (the next part, in order) added to what is made so far."""
        self.checked = self.checked and other.checked and len(other.upns) == other.persons
        if self.checked:
            validate.merge_part(other.findings, other.upns, self.persons, self.seen, self.findings)
        else:
            self.findings.clear()
            self.seen.clear()
        self.persons += other.persons
        for key, value in other.counts.items():
            self.counts[key] += value
        self.rules.update(other.rules)


def write_persons(
    la: LocalAuthority,
    census: date,
    *,
    today: date,
    out: BinaryIO,
    header: Header,
    workers: int = 1,
) -> Made:
    """Write the return's ``<Person>`` elements to ``out``, in ``workers`` processes, and
    check them against ``header`` (the file's, as read back)."""
    ids = export.candidates(la, census)
    made = Made()
    if workers <= 1 or len(ids) < PARALLEL_FROM or connection.in_atomic_block:
        made.add(_write(la, census, today, ids, out, header))
        return made
    runs = [ids[start : start + PART] for start in range(0, len(ids), PART)]
    with tempfile.TemporaryDirectory(prefix="sen2-") as folder:
        tasks = [
            (la, census, today, run, os.path.join(folder, f"{n}.xml"), header)
            for n, run in enumerate(runs)
        ]
        connections.close_all()  # a forked worker must not share this process's connection
        pool = multiprocessing.get_context("fork").Pool(min(workers, len(runs)))
        try:
            for path, part in pool.imap(_part, tasks):
                with open(path, "rb") as written:
                    shutil.copyfileobj(written, out)
                os.unlink(path)
                made.add(part)
            pool.close()
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.join()
    return made


def _part(
    task: tuple[LocalAuthority, date, date, list[int], str, Header],
) -> tuple[str, Made]:
    """In a worker: one run of candidates written to its part file."""
    la, census, today, ids, path, header = task
    try:
        with open(path, "wb") as out:
            return path, _write(la, census, today, ids, out, header)
    finally:
        connections.close_all()


def _write(
    la: LocalAuthority, census: date, today: date, ids: list[int], out: BinaryIO, header: Header
) -> Made:
    made = Made()
    persons = export.persons_for(la, census, today=today, rules=made.rules, ids=ids)
    persons = _checked(_counted(persons, census, made.counts), header, today, made)
    with _fewer_collections():
        made.persons = xml_write.write_persons(persons, out)
    return made


def _checked(
    persons: Iterable[Person], header: Header, today: date, made: Made
) -> Iterator[Person]:
    """``persons`` as they pass, each checked as written into ``made.findings`` (positions
    from the first) and its UPN into ``made.upns``. A person that cannot be checked so
    (never seen) stops the checking: ``made.checked`` is False and the file is read."""
    findings, upns = made.findings, made.upns
    for position, person in enumerate(persons, start=1):
        if made.checked:
            try:
                found, upn = validate.check_written(person, position, header=header, today=today)
            except Exception:  # whatever it is, the caller reads the file the usual way
                made.checked = False
            else:
                findings.extend(found)
                upns.append(upn)
        yield person


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector run less often: the export makes millions of small
    objects (rows, records) that reference counting frees, and the collections they set
    off took a fifth of its time (ADR 0023). Only how often: it still runs."""
    before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _counted(persons: Iterable[Person], census: date, counts: dict[str, int]) -> Iterator[Person]:
    """``persons`` as they pass, counted into ``counts`` a thousand at a time."""
    batch: list[Person] = []
    for person in persons:
        batch.append(person)
        yield person
        if len(batch) >= 1000:
            _add(counts, batch, census)
            batch = []
    _add(counts, batch, census)


def _add(counts: dict[str, int], batch: list[Person], census: date) -> None:
    for key, value in aggregates.count(batch, census=census).items():
        counts[key] += value
