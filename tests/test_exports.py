"""senda.exports: the one place CSV and XLSX files are written, with formulas neutralised."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from senda import exports

SRC = Path(exports.__file__).parent
#: What writes a CSV or creates a workbook: only senda.exports may.
WRITERS = re.compile(r"csv\.writer|csv\.DictWriter|\bWorkbook\(|openpyxl import[^\n]*\bWorkbook\b")


def test_it_is_the_only_module_that_writes_a_csv_or_creates_a_workbook() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if path != Path(exports.__file__) and WRITERS.search(path.read_text())
    ]
    assert offenders == []
    assert WRITERS.search(Path(exports.__file__).read_text())  # the pattern still matches


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44", "'+44"),
        ("-2", "'-2"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ann-Marie", "Ann-Marie"),
        ("", ""),
        (-2, -2),
        (None, None),
    ],
)
def test_it_prefixes_only_text_that_starts_like_a_formula(cell, safe) -> None:
    assert exports.safe_cell(cell) == safe


def test_it_writes_a_csv_with_a_bom_and_safe_cells() -> None:
    out = io.StringIO()
    exports.write_csv(out, [["Name", "Count"], ["=HYPERLINK(1)", -3], ["Jo", 4]])
    assert out.getvalue() == "\ufeffName,Count\r\n'=HYPERLINK(1),-3\r\nJo,4\r\n"


def test_it_stores_formula_like_text_in_a_workbook_as_text() -> None:
    book = exports.workbook()
    sheet = book.active
    sheet.append(['=HYPERLINK("http://bad.example")', "+44", "@SUM(1)", "-x", "ok", -5])
    sheet.append([date(2026, 1, 1), 1.5, None])
    read = load_workbook(io.BytesIO(exports.xlsx(book))).active
    first = list(read[1])
    assert [c.value for c in first[:4]] == [
        '=HYPERLINK("http://bad.example")',
        "+44",
        "@SUM(1)",
        "-x",
    ]
    assert all(c.data_type == "s" and c.quotePrefix for c in first[:4])
    assert (first[4].value, first[4].quotePrefix) == ("ok", False)
    assert (first[5].value, first[5].data_type) == (-5, "n")  # a negative number stays one
    assert read["A2"].value.date() == date(2026, 1, 1) and read["B2"].value == 1.5
