"""Reading a CSV or XLSX file into sheets of cells, each row with its spreadsheet number,
and how an all-or-nothing import names what is wrong (:class:`Problem`, :class:`ImportFailed`).
Every importer of spreadsheets uses it: improvement plans, the High Needs ledger.

Cells come back as text (numbers without a spurious ".0" and with every digit Python keeps,
so money reads back exactly; line endings as "\\n", trailing spaces gone) or as a ``date``
when the workbook stored a date.

Files come from people and may be hostile; whatever arrives, the answer is the sheets or
:class:`ImportFailed` with a plain reason, never an exception from a parser:

- a CSV must be UTF-8 (with or without a byte order mark): an undecodable byte is refused
  with its line and byte, never guessed at; a NUL character is refused (not a text file);
- an XLSX is a zip: before openpyxl opens it, its members' sizes are added up, and a
  workbook that would inflate past ``MAX_INFLATED`` (or holds more than ``MAX_MEMBERS``
  parts) is refused; anything openpyxl cannot read, while opening *or* while reading rows
  (malformed or hostile XML, a bad shared-string index, an impossible date), is "not a
  readable spreadsheet";
- every sheet is read up to ``MAX_ROWS`` rows and ``MAX_COLUMNS`` columns: a value in the
  row or column just past them refuses the file, and no more than that is ever read, so a
  row numbered 1,000,000 or a cell in column XFD costs nothing; a cell longer than Excel
  allows (32,767 characters) and a file of more than ``MAX_TEXT`` characters are refused.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

__all__ = [
    "Cell",
    "ImportFailed",
    "Problem",
    "Sheet",
    "column_letter",
    "columns_by_heading",
    "plain_words",
    "read_sheets",
]

Cell = str | date
MAX_BYTES = 20 * 1024 * 1024
#: What an XLSX may inflate to (all its parts, uncompressed): a real plan is under 5 MB.
MAX_INFLATED = 50 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_ROWS = 10_000
MAX_COLUMNS = 200
#: Excel's own limit on the characters in a cell, and on all the text of a file.
MAX_CELL = 32_767
MAX_TEXT = 20_000_000
NOT_UTF8 = (
    "The file is not UTF-8 text: line {line}, byte {byte} is 0x{value:02X}. In Excel, save it "
    "as \u2018CSV UTF-8 (Comma delimited)\u2019 and try again."
)
NOT_READABLE = (
    "The file is not a readable spreadsheet: it could not be read as an Excel workbook "
    "(.xlsx). Open it in Excel and save it as .xlsx or CSV UTF-8."
)

#: Month names and their common short forms, as people write them in dates and periods
#: ("Sept", "sep", "September"), lower case, to the month's number.
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a file cannot be imported, and where: ``row`` as a person sees it in the
    spreadsheet (1-based, the header row included; None for the whole file), ``column`` its
    letter ("" for a whole row), ``header`` the column's heading, ``sheet`` the sheet's name
    (blank for CSV)."""

    row: int | None
    column: str
    message: str
    header: str = ""
    sheet: str = ""

    @property
    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}" + (f" ({self.header})" if self.header else ""))
        return ", ".join(parts) or "file"

    def __str__(self) -> str:
        return f"{self.where[:1].upper()}{self.where[1:]}: {self.message}"


class ImportFailed(Exception):
    """The file was not imported (nothing was written); ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s): " + "; ".join(map(str, problems)))


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str  # blank for a CSV file
    rows: list[tuple[int, list[Cell]]]  # (row number as a person sees it, cells)


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def read_sheets(data: bytes, filename: str, max_rows: int | None = None) -> list[Sheet]:
    """The file's sheets; ImportFailed if it is empty, too big or not CSV or XLSX.
    ``max_rows``: a larger limit for an extract known to be long (a council's monthly
    participation extract); the bytes and text limits hold whatever it is."""
    max_rows = MAX_ROWS if max_rows is None else max_rows
    suffix = PurePath(filename).suffix.lower()
    if not data or not data.strip():
        raise ImportFailed([Problem(None, "", "The file is empty.")])
    if len(data) > MAX_BYTES:
        raise ImportFailed([Problem(None, "", "The file is larger than 20 MB.")])
    if suffix == ".csv":
        sheets = [_read_csv(data, max_rows)]
    elif suffix in {".xlsx", ".xlsm"}:
        sheets = _read_xlsx(data, max_rows)
    elif suffix == ".xls":
        raise ImportFailed(
            [Problem(None, "", "This is an old Excel file (.xls): save it as .xlsx or CSV.")]
        )
    else:
        raise ImportFailed(
            [Problem(None, "", f"{filename!r} is not a CSV or XLSX file: save it as one.")]
        )
    if not any(any(cell != "" for cell in cells) for sheet in sheets for _, cells in sheet.rows):
        raise ImportFailed([Problem(None, "", "The file has no data in it.")])
    return sheets


def _failed(
    message: str, row: int | None = None, column: str = "", sheet: str = ""
) -> ImportFailed:
    return ImportFailed([Problem(row, column, message, sheet=sheet)])


def _line_and_byte(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and byte within that line of ``data[offset]``."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _decode_csv(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _failed(
            "The file is UTF-16 text: in Excel, save it as \u2018CSV UTF-8 (Comma delimited)\u2019."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, byte = _line_and_byte(data, error.start)
        raise _failed(NOT_UTF8.format(line=line, byte=byte, value=data[error.start])) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        line, byte = _line_and_byte(data, nul)
        raise _failed(
            f"The file has a NUL character at line {line}, byte {byte}: it is not a text file."
        )
    return text


def _read_csv(data: bytes, max_rows: int) -> Sheet:
    text = _decode_csv(data)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, list[Cell]]] = []
    try:
        for cells in reader:
            # csv counts lines; a quoted cell may span several, so number rows ourselves.
            number = len(rows) + 1
            rows.append((number, _checked_row(number, cells, "", max_rows)))
    except csv.Error as error:
        raise _failed(f"The CSV file could not be read: {error}.", len(rows) + 1) from error
    return Sheet("", rows)


def _checked_row(number: int, values: Sequence[object], sheet: str, max_rows: int) -> list[Cell]:
    """The row's cells, refusing a row or column past the limits and an over-long cell."""
    cells = [cell_text(_short(value, number, index, sheet)) for index, value in enumerate(values)]
    while cells and cells[-1] == "":
        cells.pop()
    if cells and number > max_rows:
        raise _failed(f"The sheet has more than {max_rows:,} rows.", number, sheet=sheet)
    if len(cells) > MAX_COLUMNS:
        column = column_letter(MAX_COLUMNS)
        raise _failed(
            f"The sheet has more than {MAX_COLUMNS} columns.", number, column, sheet=sheet
        )
    return cells


def _short(value: object, row: int, index: int, sheet: str) -> object:
    if isinstance(value, str) and len(value) > MAX_CELL:
        raise _failed(
            f"The cell holds more than {MAX_CELL:,} characters, more than Excel allows.",
            row,
            column_letter(index),
            sheet=sheet,
        )
    return value


def _check_zip(data: bytes) -> None:
    """Refuse a workbook whose parts would inflate past ``MAX_INFLATED`` (zipfile holds each
    part to its declared size while reading, so the declared sizes are the bound)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    # RuntimeError covers NotImplementedError ("zip file version 6.4": a damaged header)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        raise _failed(NOT_READABLE) from None
    inflated = sum(member.file_size for member in members)
    if len(members) > MAX_MEMBERS or inflated > MAX_INFLATED:
        raise _failed(
            f"The workbook would take more than {MAX_INFLATED // (1024 * 1024)} MB once "
            "opened: remove what the plan does not need (images, other sheets) and try again."
        )


def _read_xlsx(data: bytes, max_rows: int) -> list[Sheet]:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a hostile file
        raise _failed(NOT_READABLE) from None
    try:
        return [_read_worksheet(worksheet, max_rows) for worksheet in workbook.worksheets]
    except ImportFailed:
        raise
    except Exception:  # reading rows parses XML too: as many kinds
        raise _failed(NOT_READABLE) from None
    finally:
        workbook.close()


def _read_worksheet(worksheet: Any, max_rows: int) -> Sheet:
    """Rows up to one past the limits (so a value there is seen and refused, and nothing
    beyond is read); the running total of text is held under ``MAX_TEXT``."""
    name = str(worksheet.title)
    worksheet.reset_dimensions()  # some writers record wrong dimensions
    rows: list[tuple[int, list[Cell]]] = []
    text = 0
    values_by_row = worksheet.iter_rows(
        max_row=max_rows + 1, max_col=MAX_COLUMNS + 1, values_only=True
    )
    for number, values in enumerate(values_by_row, start=1):
        cells = _checked_row(number, values, name, max_rows)
        if number > max_rows:
            break  # the row one past the limit is empty (a full one was refused): stop
        text += sum(len(cell) for cell in cells if isinstance(cell, str))
        if text > MAX_TEXT:
            raise _failed(f"The file holds more than {MAX_TEXT:,} characters of text.")
        rows.append((number, cells))
    return Sheet(name, rows)


def plain_words(text: str) -> str:
    """``text`` lower-cased, punctuation dropped, words single-spaced: how a code list's
    words are compared ("SEN-support" and "sen support" are one)."""
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split())


def _heading(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def columns_by_heading(
    header: list[Cell],
    mapping: Mapping[str, str],
    number: int,
    sheet: str,
    *,
    fields: Sequence[str],
    headings: Mapping[str, Sequence[str]],
    labels: Mapping[str, str],
    required: Sequence[str],
) -> tuple[dict[str, int], list[Problem]]:
    """Each field's column in ``header`` (row ``number`` of ``sheet``): the one ``mapping``
    names (``--map FIELD=HEADING`` or a saved mapping), else the first of its usual
    ``headings`` the file has; compared without case or repeated spaces. A named heading
    the file lacks, and a ``required`` field with no column, are problems."""
    found: dict[str, int] = {}
    problems: list[Problem] = []
    index = {_heading(str(cell)): i for i, cell in reversed(list(enumerate(header))) if str(cell)}
    for name in fields:
        wanted = mapping.get(name, "").strip()
        if wanted:
            if _heading(wanted) in index:
                found[name] = index[_heading(wanted)]
            else:
                message = f"No column is headed {wanted!r} (chosen for {labels[name]})."
                problems.append(Problem(number, "", message, sheet=sheet))
            continue
        match = next((index[h] for h in headings[name] if h in index), None)
        if match is not None:
            found[name] = match
        elif name in required:
            message = f"No column for {labels[name]}: name it with --map {name}=HEADING."
            problems.append(Problem(number, "", message, sheet=sheet))
    return found, problems
