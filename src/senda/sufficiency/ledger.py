"""Writing the High Needs ledger: importing budgets or actuals from a CSV or XLSX file (all
or nothing: :class:`senda.sheets.ImportFailed` lists every problem, nothing is written),
saving a column mapping, and who may.

    result = import_ledger(data, filename="actuals.xlsx", kind="actuals", la=la, by=user)

A row for a line and month (or year) already in the ledger replaces it, so importing the
same file twice changes nothing and a corrected file corrects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from senda import audit, kernel
from senda.people.models import LocalAuthority, Membership, Role
from senda.sheets import ImportFailed, Problem, read_sheets
from senda.sufficiency.ledger_parse import FIELDS, Row, data_sheet, parse_rows
from senda.sufficiency.models import Actual, Budget, BudgetLine, LedgerImport, LedgerMapping
from senda.sufficiency.s251 import CATEGORIES, S251_LINES

__all__ = [
    "LEDGER_ROLES",
    "MONEY_ROLES",
    "ImportedLedger",
    "import_ledger",
    "save_mapping",
    "update_line",
]

#: Who edits the ledger (imports, mappings): the area's finance officers.
LEDGER_ROLES = frozenset({Role.FINANCE_OFFICER})
#: Who sees the money pages (aggregates only): finance, service managers, board members.
MONEY_ROLES = LEDGER_ROLES | {Role.SERVICE_MANAGER, Role.BOARD_MEMBER}


@dataclass(frozen=True)
class ImportedLedger:
    record: LedgerImport
    rows: int
    total: Decimal
    created_lines: list[str]

    @property
    def summary(self) -> str:
        what = "monthly actuals" if self.record.kind == "actuals" else "annual budgets"
        text = f"Imported {self.rows:,} {what} totalling £{self.total:,.2f}"
        if self.created_lines:
            text += f"; new budget lines: {', '.join(self.created_lines)}"
        return text + "."


def may_edit_ledger(user: Any, la: LocalAuthority) -> bool:
    """Whether ``user`` is a finance officer of ``la``."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user_id=user.pk, la_id=la.pk, role__in=LEDGER_ROLES).exists()


def import_ledger(
    data: bytes,
    *,
    filename: str,
    kind: str,
    la: LocalAuthority,
    by: Any,
    mapping: Mapping[str, str] | None = None,
    scan: str = "",
) -> ImportedLedger:
    """Import ``kind`` ("actuals" or "budgets") for ``la`` from ``data``. PermissionDenied
    unless ``by`` is a finance officer of ``la``; ImportFailed, with nothing written, if the
    file has any problem. ``scan`` is the virus scan's verdict on an upload (the page scans
    it first)."""
    if kind not in FIELDS:
        raise ValueError(f"unknown kind {kind!r}: actuals or budgets")
    if not may_edit_ledger(by, la):
        raise PermissionDenied("Only a finance officer of the area may import its ledger.")
    fields = ", ".join(FIELDS[kind])
    unknown = [
        Problem(None, "", f"No field called {f!r} (the fields of {kind}: {fields}).")
        for f in sorted(set(mapping or {}) - set(FIELDS[kind]))
    ]
    known = {f: heading for f, heading in (mapping or {}).items() if f in FIELDS[kind]}
    sheet = data_sheet(read_sheets(data, filename))
    lines = dict(BudgetLine.objects.of_area(la.pk).values_list("code", "pk"))
    rows, problems = parse_rows(kind, sheet, known, set(lines))
    if unknown or problems:
        raise ImportFailed(unknown + problems)
    with transaction.atomic():
        created = _create_lines(la, rows, lines)
        _write(kind, rows, lines)
        record = LedgerImport.objects.create(
            la=la,
            kind=kind,
            filename=filename[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            rows=len(rows),
            total=sum((r.amount for r in rows), Decimal(0)),
            created_lines=len(created),
            scan=scan,
            by=by,
        )
        audit.record(
            user=by, verb="write", obj=record, summary=f"ledger import {kind} rows={len(rows)}"
        )
    return ImportedLedger(record, len(rows), record.total, created)


def _create_lines(la: LocalAuthority, rows: list[Row], lines: dict[str, int]) -> list[str]:
    new: dict[str, Row] = {}
    for row in rows:
        if row.line not in lines and row.name and row.category:
            new.setdefault(row.line, row)
    for code, row in new.items():
        lines[code] = BudgetLine.objects.create(
            la=la,
            code=code,
            name=row.name,
            category=row.category,
            s251=CATEGORIES[row.category].s251,
        ).pk
    return list(new)


def _write(kind: str, rows: list[Row], lines: dict[str, int]) -> None:
    model: type[Actual] | type[Budget] = Actual if kind == "actuals" else Budget
    field = "month" if kind == "actuals" else "year"
    by_line: dict[int, list[Any]] = {}
    for row in rows:
        by_line.setdefault(lines[row.line], []).append(row.period)
    for line_id, periods in by_line.items():
        model.objects.filter(line_id=line_id, **{f"{field}__in": periods}).delete()
    model.objects.bulk_create(
        [model(line_id=lines[r.line], amount=r.amount, **{field: r.period}) for r in rows]
    )


def save_mapping(
    *, la: LocalAuthority, kind: str, name: str, columns: Mapping[str, str], by: Any
) -> LedgerMapping:
    """Save (or replace) the area's mapping called ``name`` for imports of ``kind``."""
    if not may_edit_ledger(by, la):
        raise PermissionDenied("Only a finance officer of the area may save a mapping.")
    name = kernel.required_text(name, "mapping_name", "Give the mapping a name.")
    kept = {f: h.strip() for f, h in columns.items() if f in FIELDS[kind] and h.strip()}
    mapping, _ = LedgerMapping.objects.update_or_create(
        la=la, kind=kind, name=name[:100], defaults={"columns": kept}
    )
    audit.record(user=by, verb="write", obj=mapping, summary=f"ledger mapping {kind}")
    return mapping


def update_line(*, line: BudgetLine, name: str, category: str, s251: str, by: Any) -> BudgetLine:
    """Change a budget line's name, category and section 251 line (its code is the finance
    system's and stays). Finance officers of the line's area only; audited."""
    if not may_edit_ledger(by, line.la):
        raise PermissionDenied("Only a finance officer of the area may change its ledger.")
    name = kernel.required_text(name, "name", "Enter the line's name")
    kernel.check_choice(category, CATEGORIES, "category", "category")
    kernel.check_choice(s251, {"", *S251_LINES}, "s251", "section 251 line")
    with transaction.atomic():
        line.name, line.category, line.s251 = name[:200], category, s251
        line.save(update_fields=["name", "category", "s251"])
        audit.record(user=by, verb="write", obj=line, summary=f"budget line {line.pk}")
    return line
