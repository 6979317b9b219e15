"""Reading a CSV or XLSX file into sheets of cells, each row with its spreadsheet number.

Cells come back as text (numbers without a spurious ".0", line endings as "\\n", trailing
spaces gone) or as a ``date`` when the workbook stored a date.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath

from senda.improvement.importer.problems import ImportFailed, Problem

__all__ = ["Cell", "Sheet", "column_letter", "read_sheets"]

Cell = str | date
MAX_BYTES = 20 * 1024 * 1024


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
        return str(int(value)) if value.is_integer() else f"{value:g}"
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def read_sheets(data: bytes, filename: str) -> list[Sheet]:
    """The file's sheets; ImportFailed if it is empty, too big or not CSV or XLSX."""
    suffix = PurePath(filename).suffix.lower()
    if not data or not data.strip():
        raise ImportFailed([Problem(None, "", "The file is empty.")])
    if len(data) > MAX_BYTES:
        raise ImportFailed([Problem(None, "", "The file is larger than 20 MB.")])
    if suffix == ".csv":
        sheets = [_read_csv(data)]
    elif suffix in {".xlsx", ".xlsm"}:
        sheets = _read_xlsx(data)
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


def _read_csv(data: bytes) -> Sheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows = []
    try:
        for cells in reader:
            # csv counts lines; a quoted cell may span several, so number rows ourselves.
            rows.append((len(rows) + 1, [cell_text(cell) for cell in cells]))
    except csv.Error as error:
        raise ImportFailed(
            [Problem(len(rows) + 1, "", f"The CSV file could not be read: {error}.")]
        ) from error
    return Sheet("", rows)


def _read_xlsx(data: bytes) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFailed(
            [Problem(None, "", "The file could not be read as an Excel workbook (.xlsx).")]
        ) from error
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            worksheet.reset_dimensions()  # some writers record wrong dimensions
            rows = [
                (number, [cell_text(value) for value in values])
                for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1)
            ]
            sheets.append(Sheet(str(worksheet.title), rows))
        return sheets
    finally:
        workbook.close()
