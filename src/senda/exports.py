"""Every CSV and XLSX file Senda writes goes through here, so that no cell of one can run as a
spreadsheet formula (CSV or formula injection: a child's name, a setting's name or an action's
text starting ``=HYPERLINK(…)``), and a CSV opens in Excel as UTF-8.

    from senda import exports
    exports.write_csv(response, [head, *rows])   # a BOM, then every row made safe
    book = exports.workbook()                    # build sheets as openpyxl allows …
    data = exports.xlsx(book)                    # … every text cell made safe, as bytes

Text starting with one of :data:`FORMULA_STARTS` is *formula-like*. In a CSV it is written
with a leading ``'`` (spreadsheets show it as text). In an XLSX it stays as written, stored as
a text cell with Excel's quote prefix, so it is shown as text, cannot become a formula when the
cell is edited, and reads back in (an exported plan imports again) unchanged. Numbers, dates
and empty cells are left alone: a negative number is a number, not text. See
``docs/security.md`` ("Exports").

No module but this one may call ``csv.writer`` or create an openpyxl ``Workbook``
(``tests/test_exports.py`` checks).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from io import BytesIO
from typing import Any, Protocol

from openpyxl import Workbook

#: A spreadsheet may run a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The byte order mark that tells Excel a CSV is UTF-8 (without it Excel reads cp1252).
BOM = "\ufeff"


class Writable(Protocol):
    """Somewhere to write text: a file opened for text, or a Django ``HttpResponse``."""

    def write(self, text: str, /) -> Any: ...


#: The content type of an XLSX download.
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def formula_like(value: object) -> bool:
    """Whether ``value`` is text a spreadsheet could run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value: Any) -> Any:
    """A CSV cell: formula-like text prefixed with ``'`` so it stays text; anything else
    (other text, numbers, dates, None) unchanged."""
    return f"'{value}" if formula_like(value) else value


def write_csv(stream: Writable, rows: Iterable[Iterable[Any]]) -> None:
    """Write a BOM, then ``rows`` (the header first) as CSV to ``stream`` (a file opened
    for text, or a Django ``HttpResponse``), every cell through :func:`safe_cell`."""
    stream.write(BOM)
    writer = csv.writer(stream)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)


def workbook() -> Workbook:
    """A new, empty openpyxl workbook (one sheet) to fill and pass to :func:`xlsx`."""
    return Workbook()


def xlsx(book: Workbook) -> bytes:
    """``book`` as XLSX bytes, every formula-like text cell of every sheet stored as text
    with the quote prefix (openpyxl would otherwise write text starting ``=`` as a live
    formula)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    out = BytesIO()
    book.save(out)
    return out.getvalue()
