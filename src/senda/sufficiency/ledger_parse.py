"""Reading a ledger file's rows: which column holds each field, and each cell checked.

A file of actuals has a row per line and month; a file of budgets a row per line and
financial year. The columns are found by their headings: the mapping given (field → the
file's heading, from the page's form, a saved mapping or ``--map``), else the usual names
in :data:`HEADINGS`. Every problem is collected with its row, column and heading — every
missing column at once, with the headings not recognised, and the rows still checked by
the columns found; a caller writes nothing unless there are none. Pure Python
(``senda.sheets`` reads the file).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from senda.sheets import MONTHS, Cell, Problem, Sheet, column_letter
from senda.sufficiency.s251 import CATEGORIES

__all__ = ["FIELDS", "HEADINGS", "REQUIRED", "Row", "parse_amount", "parse_rows"]

#: The fields of each kind of import, in the order a form asks for them.
FIELDS: dict[str, tuple[str, ...]] = {
    "actuals": ("line", "month", "amount", "name", "category"),
    "budgets": ("line", "year", "amount", "name", "category"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "actuals": ("line", "month", "amount"),
    "budgets": ("line", "year", "amount"),
}
#: Headings looked for when a field is not mapped (compared without case or spaces).
HEADINGS: dict[str, tuple[str, ...]] = {
    "line": ("line", "line code", "code", "budget line", "cost centre", "cost center"),
    "month": ("month", "period", "date"),
    "year": ("year", "financial year", "fy"),
    "amount": ("amount", "actual", "actuals", "budget", "value", "spend"),
    "name": ("name", "line name", "description"),
    "category": ("category",),
}
LABELS = {
    "line": "Line code",
    "month": "Month",
    "year": "Financial year",
    "amount": "Amount",
    "name": "Line name",
    "category": "Category",
}
#: Amounts of a trillion pounds or more are not a High Needs line (and do not fit).
LIMIT = Decimal("1000000000000")
PENNY = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the file, read: ``period`` is a month's first day or a financial year."""

    number: int
    line: str
    period: date | int
    amount: Decimal
    name: str = ""
    category: str = ""


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def find_columns(
    kind: str, header: list[Cell], mapping: Mapping[str, str], number: int, sheet: str
) -> tuple[dict[str, int], list[Problem]]:
    """Each field's column index, from ``mapping`` or the usual headings; problems for a
    mapped heading the file lacks and a required field with no column."""
    found: dict[str, int] = {}
    problems: list[Problem] = []
    index = {_key(str(cell)): i for i, cell in reversed(list(enumerate(header))) if str(cell)}
    for field in FIELDS[kind]:
        wanted = mapping.get(field, "").strip()
        if wanted:
            if _key(wanted) in index:
                found[field] = index[_key(wanted)]
            else:
                problems.append(
                    Problem(
                        number,
                        "",
                        f"No column is headed {wanted!r} (chosen for {LABELS[field]}).",
                        sheet=sheet,
                    )
                )
            continue
        match = next((index[h] for h in HEADINGS[field] if h in index), None)
        if match is not None:
            found[field] = match
        elif field in REQUIRED[kind]:
            problems.append(
                Problem(
                    number,
                    "",
                    f"No column for {LABELS[field]}: choose which column holds it.",
                    sheet=sheet,
                )
            )
    used = set(found.values())
    unknown = [str(cell) for i, cell in enumerate(header) if str(cell).strip() and i not in used]
    if problems and unknown:
        listed = ", ".join(repr(heading[:40]) for heading in unknown[:20])
        problems.append(
            Problem(
                number,
                "",
                f"Columns not recognised: {listed}. Type the heading of each column missing above.",
                sheet=sheet,
            )
        )
    return found, problems


def parse_amount(cell: Cell) -> Decimal:
    """Pounds from a cell: "£1,234.50", "(1,234.50)" (negative), "-12"; rounded to the
    penny. ValueError with the reason for anything else (a formula, a date, text, too big)."""
    if isinstance(cell, date):
        raise ValueError("is a date, not an amount")
    text = cell.strip()
    if not text:
        raise ValueError("is empty: give an amount (0 for none)")
    if text.startswith(("=", "+", "@")):
        raise ValueError("is a formula or starts like one: export values, not formulas")
    negative = text.startswith("(") and text.endswith(")")
    plain = text.strip("()").replace("£", "").replace(",", "").replace(" ", "")
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", plain):
        raise ValueError(f"{text[:40]!r} is not an amount in pounds")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        raise ValueError(f"{text[:40]!r} is not an amount in pounds") from None
    if not value.is_finite() or abs(value) >= LIMIT:
        raise ValueError("is too large: a line's amount must be under £1 trillion")
    value = value.quantize(PENNY, rounding=ROUND_HALF_UP)
    return -value if negative else value


def parse_month(cell: Cell) -> date:
    """A month's first day from a date cell or "2025-04", "2025-04-01", "04/2025",
    "01/04/2025", "Apr 2025", "April-25"; ValueError otherwise."""
    if isinstance(cell, date):
        return cell.replace(day=1)
    text = cell.strip().lower()
    patterns: list[tuple[str, tuple[int, int]]] = [
        (r"(\d{4})-(\d{1,2})(-\d{1,2})?", (1, 2)),
        (r"(\d{1,2})/(\d{4})", (2, 1)),
        (r"\d{1,2}/(\d{1,2})/(\d{4})", (2, 1)),
    ]
    for pattern, (y, m) in patterns:
        found = re.fullmatch(pattern, text)
        if found:
            return _month(int(found.group(y)), int(found.group(m)), cell)
    named = re.fullmatch(r"([a-z]+)[\s\-/]*(\d{2}|\d{4})", text)
    if named and named.group(1) in MONTHS:
        year = int(named.group(2))
        return _month(year + 2000 if year < 100 else year, MONTHS[named.group(1)], cell)
    raise ValueError(f"{str(cell)[:40]!r} is not a month: write it as 2025-04 or Apr 2025")


def _month(year: int, month: int, cell: Cell) -> date:
    if not (1 <= month <= 12 and 2000 <= year <= 2099):
        raise ValueError(f"{str(cell)[:40]!r} is not a month between 2000 and 2099")
    return date(year, month, 1)


def parse_year(cell: Cell) -> int:
    """A financial year by the year it starts, from "2025-26", "2025/26", "FY2025-26" or
    "2025"; ValueError otherwise."""
    text = str(cell).strip().lower().removeprefix("fy").strip()
    found = re.fullmatch(r"(\d{4})(?:\s*[-/]\s*(\d{2}|\d{4}))?", text)
    if not found:
        raise ValueError(f"{text[:40]!r} is not a financial year: write it as 2025-26")
    start = int(found.group(1))
    if found.group(2) and int(found.group(2)) % 100 != (start + 1) % 100:
        raise ValueError(f"{text!r} is not a financial year: its two years are not consecutive")
    if not 2000 <= start <= 2099:
        raise ValueError(f"{text!r} is not a financial year between 2000-01 and 2099-00")
    return start


def data_sheet(sheets: list[Sheet]) -> Sheet:
    """The first sheet with anything in it (a ledger is one table)."""
    return next(s for s in sheets if any(any(c != "" for c in cells) for _, cells in s.rows))


def parse_rows(
    kind: str, sheet: Sheet, mapping: Mapping[str, str], known_lines: set[str]
) -> tuple[list[Row], list[Problem]]:
    """Every data row of ``sheet`` read, and every problem found (both, always)."""
    rows_in = [(n, cells) for n, cells in sheet.rows if any(c != "" for c in cells)]
    header_number, header = rows_in[0]
    columns, problems = find_columns(kind, header, mapping, header_number, sheet.name)
    missing = bool(problems)  # the rows are still checked, by the columns found
    rows: list[Row] = []
    seen: dict[tuple[str, date | int], int] = {}
    known = known_lines | _defined(rows_in[1:], columns)
    for number, cells in rows_in[1:]:
        row, found = _row(kind, number, cells, columns, header, sheet.name, known)
        problems += found
        if row is None:
            continue
        first = seen.setdefault((row.line, row.period), number)
        if first != number:
            problems.append(
                _problem(number, columns["line"], header, sheet.name, f"repeats row {first}")
            )
        rows.append(row)
    if len(rows_in) == 1:
        problems.append(Problem(None, "", "The file has a heading row but no data.", sheet=""))
    return ([] if missing else rows), problems


def _defined(rows: list[tuple[int, list[Cell]]], columns: dict[str, int]) -> set[str]:
    """The line codes the file itself defines: on a row with a line name and a category."""
    if "name" not in columns or "category" not in columns:
        return set()
    need = max(columns["line"], columns["name"], columns["category"])
    return {
        str(cells[columns["line"]]).strip()
        for _, cells in rows
        if len(cells) > need
        and str(cells[columns["name"]]).strip()
        and _category(str(cells[columns["category"]]))
    }


def _problem(number: int, index: int, header: list[Cell], sheet: str, message: str) -> Problem:
    heading = str(header[index]) if index < len(header) else ""
    return Problem(number, column_letter(index), message, header=heading, sheet=sheet)


def _row(
    kind: str,
    number: int,
    cells: list[Cell],
    columns: dict[str, int],
    header: list[Cell],
    sheet: str,
    known_lines: set[str],
) -> tuple[Row | None, list[Problem]]:
    def cell(field: str) -> Cell:
        index = columns.get(field)
        return cells[index] if index is not None and index < len(cells) else ""

    problems: list[Problem] = []

    def fail(field: str, message: str) -> None:
        problems.append(_problem(number, columns[field], header, sheet, message))

    # A field with no column (the heading row's problem) is not checked row by row.
    line = str(cell("line")).strip()
    if "line" not in columns:
        pass
    elif not line:
        fail("line", "has no line code")
    elif len(line) > 30:
        fail("line", "is longer than 30 characters: not a line code")
    period: date | int | None = None
    field = "month" if kind == "actuals" else "year"
    try:
        if field in columns:
            period = parse_month(cell(field)) if kind == "actuals" else parse_year(cell(field))
    except ValueError as error:
        fail(field, str(error))
    amount: Decimal | None = None
    try:
        if "amount" in columns:
            amount = parse_amount(cell("amount"))
    except ValueError as error:
        fail("amount", f"The amount {error}")
    name, category = str(cell("name")).strip()[:200], _category(str(cell("category")))
    if "category" in columns and str(cell("category")).strip() and category is None:
        fail("category", f"{str(cell('category'))[:40]!r} is not a category of the ledger")
    elif "line" in columns and line and line not in known_lines and not (name and category):
        fail(
            "line",
            f"No budget line is coded {line!r}: add it, or give the row a line name and category",
        )
    if problems or period is None or amount is None:
        return None, sorted(problems, key=lambda p: (len(p.column), p.column))
    return Row(number, line, period, amount, name, category or ""), []


def _category(text: str) -> str | None:
    """A category from its id or its label (any case); None if it is neither."""
    key = _key(text)
    for ident, category in CATEGORIES.items():
        if key in (ident, _key(category.label)):
            return ident
    return None
