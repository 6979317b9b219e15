"""Making an area's SEN2 return: the XML written, checked, counted, kept in the history of
returns (``Sen2Run``) and audited — from the command line or the web alike.

    with open(runs.file_name(la, census), "wb") as out:
        run, report = runs.write_return(la, census=census, out=out, user=None, today=today)

The file is written straight into ``out`` when it can be read back (a file opened ``w+b``,
a ``BytesIO``), else into a temporary file that is gone when the call returns (an exported
file is made on demand and not left on disk) and then copied to ``out``; it is hashed as
it is written. It is checked as it is written, with the report ``validate.validate_file`` gives
for the file (ADR 0039): the header as read back from its bytes, each person as
``validate.check_written`` finds it (the record when it reads back as itself, else its bytes
read back), rule 1520 across them. Should a person not be checkable so, the written file is
read with ``validate_file`` itself. The persons are counted (``aggregates.count``) as they
stream past; none is held beyond its chunk.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import tempfile
from collections import Counter
from datetime import date
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from senda import audit
from senda.interchange.models import Sen2Run
from senda.interchange.sen2 import export, parts, validate, xml_read, xml_write
from senda.interchange.sen2.findings import Report
from senda.people.models import LocalAuthority

#: Findings kept on the run (the page lists them; the command prints a summary).
KEPT_FINDINGS = 500


def file_name(la: LocalAuthority, census: date) -> str:
    """The return's file name: the LA number and the census day, nothing about a child."""
    return f"sen2-{la.code}-{census:%Y-%m-%d}.xml"


class _Hashing:
    """A binary file that hashes what is written to it."""

    def __init__(self, inner: IO[bytes]) -> None:
        self.inner = inner
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.inner.write(data)

    def flush(self) -> None:
        self.inner.flush()


def _readable(out: IO[bytes]) -> bool:
    """Whether ``out`` can be read back from where it is (a file opened ``w+b``, a
    ``BytesIO``): then the return is written straight into it."""
    try:
        return bool(out.readable() and out.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def write_return(
    la: LocalAuthority,
    *,
    census: date,
    out: IO[bytes],
    user: Any,
    today: date,
    rules: Counter[str] | None = None,
    workers: int = 1,
) -> tuple[Sen2Run, Report]:
    """Make ``la``'s return for ``census`` into ``out``; returns the run recorded and the
    validation report. ``user``: who made it (None: a command). ``rules``, if given, counts
    the inclusion rules met (``export.RULES``). ``workers``: processes writing the persons
    (``parts.write_persons``; more than one only from a command, never a web request)."""
    made_at = timezone.now()
    header = export.header_for(la, census, made_at=timezone.localtime(made_at))
    opening = xml_write.opening(header)
    # The header as the file gives it, read from its bytes as validate_file reads it.
    header_read, file_findings = xml_read.read_head(opening)
    validate.expected(header_read, la.code, census.year)
    direct = _readable(out)  # a file opened to read back: written in place, not copied
    with contextlib.nullcontext(out) if direct else tempfile.TemporaryFile() as spool:
        start = spool.tell()
        hashing = _Hashing(spool)
        hashing.write(opening)
        made = parts.write_persons(
            la,
            census,
            today=today,
            out=hashing,  # type: ignore[arg-type]
            header=header_read,
            workers=workers,
        )
        hashing.write(xml_write.CLOSING)
        written = made.persons
        if rules is not None:
            rules.update(made.rules)
        spool.flush()
        if made.checked:
            report = Report(header=header_read, persons=written, processes=workers)
            report.findings.extend(file_findings)
            report.findings.extend(validate.header_findings(header_read))
            report.findings.extend(made.findings)
        else:
            spool.seek(start)
            report = validate.validate_file(
                spool, today=today, expect_la=la.code, expect_year=census.year
            )
            spool.seek(0, io.SEEK_END)
        if not direct:
            spool.seek(0)
            shutil.copyfileobj(spool, out)
    counts = made.counts
    with transaction.atomic():
        run = Sen2Run.objects.create(
            la=la,
            kind=Sen2Run.Kind.EXPORT,
            census_date=census,
            made_by=user if getattr(user, "is_authenticated", False) else None,
            file_name=file_name(la, census),
            sha256=hashing.digest.hexdigest(),
            persons=written,
            errors=report.errors,
            queries=report.queries,
            counts=counts,
            findings=[f.as_dict() for f in report.findings[:KEPT_FINDINGS]],
        )
        audit.record(
            user=user,
            verb="export",
            obj=run,
            la_id=la.pk,
            summary=(
                f"sen2 return: census={census:%Y-%m-%d} persons={written} "
                f"errors={report.errors} queries={report.queries} run={run.pk}"
            ),
        )
    return run, report
