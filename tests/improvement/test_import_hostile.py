"""Importing a hostile or broken file: a plain problem, never a traceback or a huge read."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from senda import sheets as reader
from senda.improvement.importer import ImportFailed
from senda.improvement.models import ImprovementPlan
from senda.sheets import read_sheets
from tests.improvement.test_import import csv_bytes, run

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ROWS = [["Area", "What", "Timescale", "Who"], ["1 Early help", "Train staff", "Dec 26", "SEND"]]


def workbook(rows: list[list[object]] = ROWS) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_sheet_xml(xml: bytes, base: bytes | None = None) -> bytes:
    """A copy of a real workbook whose first sheet's XML is ``xml``."""
    source = zipfile.ZipFile(io.BytesIO(base or workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, data)
    return out.getvalue()


def sheet_xml(rows: str) -> bytes:
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def problem(data: bytes, filename: str) -> str:
    with pytest.raises(ImportFailed) as caught:
        read_sheets(data, filename)
    (found,) = caught.value.problems
    return str(found)


# --- XLSX -----------------------------------------------------------------------------------


def test_it_refuses_a_workbook_that_would_inflate_past_the_cap(monkeypatch):
    monkeypatch.setattr(reader, "MAX_INFLATED", 1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (2 * 1024 * 1024))
    assert len(out.getvalue()) < 20_000
    assert "would take more than 1 MB once opened" in problem(out.getvalue(), "plan.xlsx")


def test_it_checks_the_declared_sizes_before_openpyxl_opens_the_file(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl was asked to open a workbook over the cap")

    monkeypatch.setattr("openpyxl.load_workbook", refuse)
    monkeypatch.setattr(reader, "MAX_INFLATED", 100)
    assert "once opened" in problem(workbook(), "plan.xlsx")


@pytest.mark.parametrize(
    "xml",
    [
        b"<worksheet><sheetData><row r='1'><c r='A1'",  # cut off
        sheet_xml('<row r="1"><c r="A1" t="s"><v>9999</v></c></row>'),  # no such string
        sheet_xml('<row r="x"><c r="A1"><v>1</v></c></row>'),  # a row that is not a number
        sheet_xml('<row r="1"><c r="A1" t="d"><v>not a date</v></c></row>'),
    ],
    ids=["truncated", "shared string", "row number", "date"],
)
def test_it_calls_malformed_sheet_xml_not_a_readable_spreadsheet(xml):
    assert "not a readable spreadsheet" in problem(with_sheet_xml(xml), "plan.xlsx")


def test_it_refuses_a_sheet_of_nested_entities():
    xml = (
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><worksheet>&c;</worksheet>'
    )
    problem(with_sheet_xml(xml), "plan.xlsx")


def test_it_refuses_a_value_past_the_last_row_read(monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 5)
    rows = ROWS + [["1 Early help", f"Action {n}", "Dec 26", "SEND"] for n in range(10)]
    assert problem(workbook(rows), "plan.xlsx").startswith("Sheet 'Sheet', row 6: ")
    assert "more than 5 rows" in problem(workbook(rows), "plan.xlsx")


def test_it_reads_a_sheet_whose_empty_rows_run_on():
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>Area</t></is></c></row>'
    rows += '<row r="1048576"/>'
    sheets = read_sheets(with_sheet_xml(sheet_xml(rows)), "plan.xlsx")
    assert sheets[0].rows[0] == (1, ["Area"])


def test_it_does_not_read_past_the_limits_for_a_far_away_cell():
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>Area</t></is></c></row>'
    rows += '<row r="900000000"><c r="ZZZ900000000" t="inlineStr"><is><t>x</t></is></c></row>'
    sheets = read_sheets(with_sheet_xml(sheet_xml(rows)), "plan.xlsx")
    assert sum(len(cells) for _, cells in sheets[0].rows) == 1


def test_it_refuses_a_value_past_the_last_column_read(monkeypatch):
    monkeypatch.setattr(reader, "MAX_COLUMNS", 3)
    found = problem(workbook(ROWS), "plan.xlsx")
    assert "more than 3 columns" in found and "column D" in found


def test_it_refuses_a_cell_longer_than_excel_allows():
    rows = f'<row r="1"><c r="B1" t="inlineStr"><is><t>{"x" * 40_000}</t></is></c></row>'
    found = problem(with_sheet_xml(sheet_xml(rows)), "plan.xlsx")
    assert "row 1, column B" in found and "more than 32,767 characters" in found


def test_it_refuses_more_text_than_a_plan_could_hold(monkeypatch):
    monkeypatch.setattr(reader, "MAX_TEXT", 100)
    rows = [*ROWS, ["1 Early help", "x" * 200, "Dec 26", "SEND"]]
    assert "more than 100 characters of text" in problem(workbook(rows), "plan.xlsx")


# --- CSV ------------------------------------------------------------------------------------


def test_it_refuses_a_csv_that_is_not_utf8_with_its_line_and_byte():
    data = b"Area,What\n1 Early help,Caf" + b"\xe9 for parents\n"
    found = problem(data, "plan.csv")
    assert "not UTF-8 text: line 2, byte 17 is 0xE9" in found
    assert "CSV UTF-8" in found


def test_it_still_reads_utf8_with_a_byte_order_mark():
    data = "\ufeffArea,What\n1 Early help,Café for parents\n".encode()
    assert read_sheets(data, "plan.csv")[0].rows[1] == (2, ["1 Early help", "Café for parents"])


def test_it_refuses_nul_bytes():
    data = b"Area,What\n1 Early help,Train\x00 staff\n"
    assert "NUL character at line 2, byte 19" in problem(data, "plan.csv")


def test_it_refuses_utf16_text():
    data = "Area,What\n1 Early help,Train\n".encode("utf-16")
    assert "UTF-16" in problem(data, "plan.csv")


def test_it_refuses_a_csv_row_past_the_limit(monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 2)
    data = csv_bytes([*ROWS, ["1 Early help", "Again", "Dec 26", "SEND"]])
    assert problem(data, "plan.csv") == "Row 3: The sheet has more than 2 rows."


def test_it_writes_nothing_when_the_file_is_refused(personas):
    with pytest.raises(ImportFailed):
        run(personas, b"Area,What\n1 x,caf\xe9\n", "plan.csv")
    assert not ImprovementPlan.objects.exists()


# --- properties: whatever arrives, sheets or a plain problem ----------------------------------


def assert_read_or_refused(data: bytes, filename: str) -> None:
    try:
        sheets = read_sheets(data, filename)
    except ImportFailed as failed:
        assert failed.problems and all(str(p) for p in failed.problems)
        return
    assert all(len(sheet.rows) <= reader.MAX_ROWS for sheet in sheets)


@FUZZ
@given(data=st.binary(max_size=400))
def test_it_reads_or_refuses_any_bytes_as_csv(data):
    assert_read_or_refused(data, "plan.csv")


@FUZZ
@given(text=st.text(max_size=300))
def test_it_reads_or_refuses_any_text_as_csv(text):
    assert_read_or_refused(text.encode("utf-8", "surrogatepass"), "plan.csv")


BASE = workbook()


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(BASE)), junk=st.binary(max_size=40))
def test_it_reads_or_refuses_a_damaged_workbook(cut, junk):
    assert_read_or_refused(BASE[:cut] + junk + BASE[cut + len(junk) :], "plan.xlsx")


SHEET = zipfile.ZipFile(io.BytesIO(BASE)).read("xl/worksheets/sheet1.xml").decode()
NODES = st.sampled_from(
    [
        "<row>",
        "</row>",
        '<row r="99999999">',
        '<c r="XFD1" t="s"><v>7</v></c>',
        '<c t="n"><v>1e999</v></c>',
        '<c t="d"><v>9999-99-99</v></c>',
        '<c s="4"><v>99999999999</v></c>',
        '<c t="b"><v>2</v></c>',
        "&amp;",
        "<x/>",
        '<c r="A1" t="inlineStr"><is><t>' + "x" * 100 + "</t></is></c>",
    ]
)


@FUZZ
@given(at=st.integers(min_value=0, max_value=len(SHEET)), nodes=st.lists(NODES, max_size=4))
def test_it_reads_or_refuses_hostile_sheet_xml(at, nodes):
    xml = (SHEET[:at] + "".join(nodes) + SHEET[at:]).encode()
    assert_read_or_refused(with_sheet_xml(xml, BASE), "plan.xlsx")


@FUZZ
@given(
    cells=st.lists(
        st.lists(st.text(max_size=12) | st.sampled_from(["01/03/1990 - x", "Dec 99"]), max_size=5),
        max_size=5,
    )
)
def test_it_imports_or_lists_problems_for_any_table(personas, cells):
    try:
        run(personas, csv_bytes([ROWS[0], *cells]), "plan.csv")
    except ImportFailed as failed:
        assert all(re.match(r"(Row \d+|File|Sheet)", str(p)) for p in failed.problems)


def test_it_reads_no_more_rows_than_the_limit_when_a_row_number_jumps() -> None:
    """An empty ``<row r="99999999">`` makes openpyxl yield blank rows up to it: the reader
    stops at the limit (found by the property above)."""
    sheet_xml = SHEET.replace("</sheetData>", '<row r="99999999"></row></sheetData>')
    sheets = read_sheets(with_sheet_xml(sheet_xml.encode(), BASE), "plan.xlsx")
    assert all(len(sheet.rows) <= reader.MAX_ROWS for sheet in sheets)


def test_it_refuses_a_workbook_whose_zip_header_asks_for_an_unknown_version():
    """Hypothesis found it: a damaged central directory asking for zip version 6.4 made
    zipfile raise NotImplementedError, which escaped the reader."""
    import struct

    data = bytearray(BASE)
    at = data.rfind(b"PK\x01\x02")
    data[at + 6 : at + 8] = struct.pack("<H", 64)
    with pytest.raises(ImportFailed, match="not a readable spreadsheet"):
        read_sheets(bytes(data), "plan.xlsx")
