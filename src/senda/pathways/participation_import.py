"""Importing the council's monthly participation extract (CSV or XLSX): all or nothing.

    result = import_participation(data, filename="ccis-2026-10.csv", la=la, by=user,
                                  month=date(2026, 10, 1))

Rows of young people without SEND are read and not kept. Each kept row is matched to a
child of the area: by UPN (the child's birth date must agree: a UPN that matches a child
born on another day is a problem, never a guess), else by given name, family name and
date of birth (exactly one child, and not one recorded with another UPN). A young person
with an EHC plan must match a child in Senda; one on SEN support may not be known to
Senda and is kept with the council's reference alone.

Re-importing a month is safe: a young person already recorded for the month with the same
activity, SEND status and match is left as it is; one whose activity (or status) differs
gets a record that supersedes the old one (kept); one in Senda but not in the file is left
as it is (a shorter file withdraws nothing). Every problem is listed with its row and
column (:class:`senda.sheets.ImportFailed`) and nothing is written; one audit entry
records the import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from senda import audit, kernel
from senda.pathways import activities
from senda.pathways.access import may_import
from senda.pathways.models import Participation, ParticipationImport
from senda.pathways.participation import FIELDS, Row, find_columns, parse_rows
from senda.people.models import Child, LocalAuthority
from senda.rows import insert_rows, unsaved
from senda.sheets import ImportFailed, Problem, Sheet, column_letter, read_sheets

__all__ = ["MAX_ROWS", "ImportedParticipation", "import_participation"]

#: A large council's extract of every 16–25-year-old it tracks fits well within this.
MAX_ROWS = 200_000


@dataclass(frozen=True)
class ImportedParticipation:
    record: ParticipationImport
    rows: int
    kept: int
    added: int
    changed: int

    @property
    def summary(self) -> str:
        month = f"{self.record.month:%B %Y}"
        return (
            f"Imported the participation extract for {month}: {self.rows:,} rows, "
            f"{self.kept:,} young people with SEND ({self.added:,} new to the month, "
            f"{self.changed:,} with a changed activity)."
        )


def _sheet(sheets: list[Sheet]) -> Sheet:
    return next(s for s in sheets if any(any(c != "" for c in cells) for _, cells in s.rows))


def import_participation(
    data: bytes,
    *,
    filename: str,
    la: LocalAuthority,
    by: Any,
    month: date,
    mapping: Mapping[str, str] | None = None,
    today: date | None = None,
) -> ImportedParticipation:
    """Import the extract in ``data`` for ``month``. PermissionDenied unless ``by`` is a
    team or service manager of ``la``; ImportFailed, with nothing written, if anything is
    wrong."""
    today = today or kernel.today()
    if not may_import(by, la):
        raise PermissionDenied("Only a team or service manager of the area may import it.")
    month = month.replace(day=1)
    if month > today:
        raise ImportFailed([Problem(None, "", f"{month:%B %Y} has not started yet.")])
    unknown = sorted(set(mapping or {}) - set(FIELDS))
    if unknown:
        raise ImportFailed([Problem(None, "", f"No field called {f!r}.") for f in unknown])
    sheet = _sheet(read_sheets(data, filename, max_rows=MAX_ROWS))
    rows, count, problems = parse_rows(sheet, mapping or {}, month, today)
    header = next(cells for _, cells in sheet.rows if any(c != "" for c in cells))
    found, _ = find_columns(header, mapping or {}, 1, "")
    column = {name: (column_letter(i), str(header[i])) for name, i in found.items()}
    matched = _match(la, rows, sheet.name, column, problems)
    if problems:
        raise ImportFailed(sorted(problems, key=lambda p: (p.row or 0, p.column)))
    with transaction.atomic():
        record, added, changed = _write(la, month, matched, count, filename, data, by)
        audit.record(
            user=by,
            verb="write",
            obj=record,
            summary=(
                f"participation import {record.pk} month={month:%Y-%m} rows={count} "
                f"kept={len(rows)} new={added} changed={changed}"
            ),
        )
    return ImportedParticipation(record, count, len(rows), added, changed)


def _match(
    la: LocalAuthority,
    rows: list[Row],
    sheet: str,
    column: dict[str, tuple[str, str]],
    problems: list[Problem],
) -> list[tuple[Row, int | None]]:
    """Each row with its child's id (None: a young person on SEN support Senda does not
    know); a problem for a row that matches wrongly or, with a plan, not at all."""

    def problem(row: Row, name: str, message: str) -> None:
        letter, heading = column.get(name, ("", ""))
        problems.append(Problem(row.number, letter, message, heading, sheet))

    by_upn: dict[str, tuple[int, date | None]] = {}
    by_name: dict[tuple[str, str, date], list[tuple[int, str]]] = {}
    for pk, upn, born, given, family in Child.objects.filter(la=la).values_list(
        "pk", "upn", "date_of_birth", "given_name", "family_name"
    ):
        if upn:
            by_upn[upn] = (pk, born)
        if born is not None:
            by_name.setdefault((given.lower(), family.lower(), born), []).append((pk, upn))
    found: list[tuple[Row, int | None]] = []
    for row in rows:
        child: int | None = None
        if row.upn and row.upn in by_upn:
            child, born = by_upn[row.upn]
            if born != row.date_of_birth:
                problem(
                    row,
                    "date_of_birth",
                    "The child with this UPN has another date of birth in Senda: "
                    "check both before importing.",
                )
                continue
        elif row.given_name and row.family_name:
            key = (row.given_name.lower(), row.family_name.lower(), row.date_of_birth)
            matches = by_name.get(key, [])
            if len(matches) > 1:
                problem(row, "family_name", "More than one child has this name and birth date.")
                continue
            if matches:
                child, upn = matches[0]
                if upn and row.upn and upn != row.upn:
                    problem(row, "upn", "The child with this name and birth date has another UPN.")
                    continue
        if child is None and row.send == "ehcp":
            where = "upn" if row.upn else "family_name"
            problem(
                row,
                where,
                "No child of the area with this UPN (or name and date of birth) is in Senda: "
                "a young person with a plan must match their record.",
            )
            continue
        found.append((row, child))
    return found


def _write(
    la: LocalAuthority,
    month: date,
    matched: list[tuple[Row, int | None]],
    count: int,
    filename: str,
    data: bytes,
    by: Any,
) -> tuple[ParticipationImport, int, int]:
    existing = {
        ref: (pk, (child, send, activity, started))
        for pk, ref, child, send, activity, started in Participation.objects.current()
        .filter(la=la, month=month)
        .values_list("pk", "person_ref", "child_id", "send", "activity", "activity_start")
    }
    record = ParticipationImport.objects.create(
        la=la,
        month=month,
        filename=filename[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        rows=count,
        kept=len(matched),
        added=0,
        changed=0,
        by=by,
    )
    new: list[Participation] = []
    added = changed = 0
    for row, child in matched:
        before = existing.get(row.person_ref)
        replaces = None
        if before is not None:
            if before[1] == (child, row.send, row.activity, row.activity_start):
                continue
            replaces = before[0]
            changed += 1
        else:
            added += 1
        new.append(
            unsaved(
                Participation,
                la_id=la.pk,
                month=month,
                person_ref=row.person_ref,
                child_id=child,
                date_of_birth=row.date_of_birth,
                cohort=activities.cohort(row.date_of_birth),
                send=row.send,
                activity=row.activity,
                activity_start=row.activity_start,
                replaces_id=replaces,
                source_id=record.pk,
            )
        )
    insert_rows(new)
    record.added, record.changed = added, changed
    record.save(update_fields=["added", "changed"])
    return record, added, changed
