"""The High Needs ledger's import: mapped columns, all or nothing, every problem placed."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from senda.audit.models import AuditEntry
from senda.sheets import ImportFailed
from senda.sufficiency import ledger_parse
from senda.sufficiency.ledger import import_ledger, save_mapping
from senda.sufficiency.models import Actual, Budget, BudgetLine, LedgerImport, LedgerMapping
from tests.factories import make_la, make_user

pytestmark = pytest.mark.django_db


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def finance():
    la = make_la()
    return la, make_user("finance_officer", la)


def problems(data: bytes, la, by, filename: str = "actuals.csv", **kw) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        import_ledger(data, filename=filename, kind=kw.pop("kind", "actuals"), la=la, by=by, **kw)
    return [str(p) for p in caught.value.problems]


ACTUALS = [
    ["Cost centre", "Period", "Actual", "Description", "Category"],
    ["HN01", "2025-04", "£1,200.50", "Special school top-ups", "top_up_special"],
    ["HN01", "May 2025", "(100.00)", "", ""],
    ["HN02", "01/06/2025", "300", "Tribunal and legal", "Tribunal and legal costs"],
]


def test_it_imports_actuals_creating_lines_from_name_and_category(finance) -> None:
    la, officer = finance
    result = import_ledger(csv_bytes(ACTUALS), filename="a.csv", kind="actuals", la=la, by=officer)
    assert result.rows == 3 and result.total == Decimal("1400.50")
    assert result.created_lines == ["HN01", "HN02"]
    line = BudgetLine.objects.get(la=la, code="HN01")
    assert (line.category, line.s251) == ("top_up_special", "1.2.1")
    assert BudgetLine.objects.get(code="HN02").s251 == ""
    assert dict(Actual.objects.filter(line=line).values_list("month", "amount")) == {
        date(2025, 4, 1): Decimal("1200.50"),
        date(2025, 5, 1): Decimal("-100.00"),
    }
    assert LedgerImport.objects.get().rows == 3
    assert AuditEntry.objects.filter(verb="write", la=la).exists()


def test_it_replaces_rows_when_the_same_file_comes_again(finance) -> None:
    la, officer = finance
    for _ in range(2):
        import_ledger(csv_bytes(ACTUALS), filename="a.csv", kind="actuals", la=la, by=officer)
    assert Actual.objects.count() == 3


def test_it_imports_budgets_from_xlsx_with_a_mapping(finance) -> None:
    la, officer = finance
    BudgetLine.objects.create(la=la, code="HN01", name="Top-ups", category="top_up_special")
    data = xlsx_bytes([["Code", "FY", "Budget £"], ["HN01", "2025-26", 1234567.89]])
    import_ledger(
        data,
        filename="b.xlsx",
        kind="budgets",
        la=la,
        by=officer,
        mapping={"line": "Code", "year": "FY", "amount": "Budget £"},
    )
    assert Budget.objects.get().amount == Decimal("1234567.89")
    assert Budget.objects.get().year == 2025


def test_it_lists_every_problem_with_row_and_column_and_writes_nothing(finance) -> None:
    la, officer = finance
    rows = [
        ["Line", "Month", "Amount"],
        ["HN09", "2025-04", "10"],
        ["", "Smarch 2025", "=SUM(A1:A9)"],
        ["HN09", "2025-13", "1e20"],
    ]
    found = problems(csv_bytes(rows), la, officer)
    assert "Row 2, column A (Line): No budget line is coded 'HN09'" in found[0]
    assert any(p.startswith("Row 3, column A (Line): has no line code") for p in found)
    assert any("Row 3, column B (Month): 'Smarch 2025' is not a month" in p for p in found)
    assert any("Row 3, column C (Amount): The amount is a formula" in p for p in found)
    assert any("Row 4, column B (Month)" in p for p in found)
    assert any("Row 4, column C (Amount): The amount is too large" in p for p in found)
    assert not Actual.objects.exists() and not BudgetLine.objects.exists()
    assert not LedgerImport.objects.exists()


def test_it_names_a_missing_column_and_a_mapped_heading_the_file_lacks(finance) -> None:
    la, officer = finance
    found = problems(csv_bytes([["Code", "When"], ["HN01", "2025-04"]]), la, officer)
    assert "No column for Month" in found[0] or "No column for Month" in found[1]
    found = problems(csv_bytes(ACTUALS), la, officer, mapping={"amount": "Net"})
    assert found == [
        "Row 1: No column is headed 'Net' (chosen for Amount).",
        "Row 1: Columns not recognised: 'Actual'. Type the heading of each column missing above.",
    ]


def test_a_file_missing_headings_lists_every_one_at_once_and_still_checks_its_rows(
    finance,
) -> None:
    """All or nothing: every missing column, the headings not recognised, an unknown field
    mapped and the rows' own problems, in one list (not only the first)."""
    la, officer = finance
    rows = [["Cost code", "When", "Net", "Line name"], ["HN01", "Smarch 2025", "10", "x"]]
    found = problems(csv_bytes(rows), la, officer, mapping={"month": "When", "colour": "Red"})
    assert found == [
        "File: No field called 'colour' (the fields of actuals: line, month, amount, name, "
        "category).",
        "Row 1: No column for Line code: choose which column holds it.",
        "Row 1: No column for Amount: choose which column holds it.",
        "Row 1: Columns not recognised: 'Cost code', 'Net'. Type the heading of each column "
        "missing above.",
        "Row 2, column B (When): 'Smarch 2025' is not a month: write it as 2025-04 or Apr 2025",
    ]
    assert not Actual.objects.exists() and not BudgetLine.objects.exists()


def test_it_refuses_a_repeated_line_and_month(finance) -> None:
    la, officer = finance
    rows = [*ACTUALS, ["HN01", "2025-04", "5", "x", "other"]]
    assert problems(csv_bytes(rows), la, officer)[-1] == (
        "Row 5, column A (Cost centre): repeats row 2"
    )


def test_it_refuses_hostile_files_plainly(finance) -> None:
    la, officer = finance
    assert (
        "not UTF-8"
        in problems("Line,Month,Amount\nHN01,2025-04,\xa31".encode("latin-1"), la, officer)[0]
    )
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"0" * (60 * 1024 * 1024))
    found = problems(bomb.getvalue(), la, officer, filename="bomb.xlsx")
    assert "would take more than 50 MB" in found[0]
    assert "not a readable spreadsheet" in problems(b"PK\x03\x04junk", la, officer, "x.xlsx")[0]


def test_only_the_areas_finance_officer_may_import(finance) -> None:
    la, _ = finance
    for user in (make_user("service_manager", la), make_user("finance_officer", make_la())):
        with pytest.raises(PermissionDenied):
            import_ledger(csv_bytes(ACTUALS), filename="a.csv", kind="actuals", la=la, by=user)
    assert not Actual.objects.exists()


def test_it_saves_a_mapping_of_known_fields(finance) -> None:
    la, officer = finance
    mapping = save_mapping(
        la=la, kind="actuals", name="Agresso", columns={"line": "Cost centre", "x": "y"}, by=officer
    )
    assert LedgerMapping.objects.get().columns == {"line": "Cost centre"} == mapping.columns


@pytest.mark.parametrize(
    ("text", "pounds"),
    [("£1,234.565", "1234.57"), ("(12)", "-12.00"), ("-0.5", "-0.50"), ("1e3", "1000.00")],
)
def test_parse_amount_reads_pounds(text: str, pounds: str) -> None:
    assert ledger_parse.parse_amount(text) == Decimal(pounds)


@pytest.mark.parametrize("text", ["", "=1+1", "+1", "@SUM", "12 pounds", "NaN", "Infinity"])
def test_parse_amount_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        ledger_parse.parse_amount(text)


def test_parse_year_reads_financial_years() -> None:
    assert [ledger_parse.parse_year(t) for t in ("2025-26", "FY2025/26", "2025")] == [2025] * 3
    with pytest.raises(ValueError, match="not consecutive"):
        ledger_parse.parse_year("2025-27")


def test_the_command_imports_as_the_areas_finance_officer(finance, tmp_path) -> None:
    from django.core.management import call_command

    la, _ = finance
    path = tmp_path / "actuals.csv"
    path.write_bytes(csv_bytes(ACTUALS))
    out = io.StringIO()
    call_command("ledger", "import", str(path), "--la", la.code, stdout=out)
    assert "Imported 3 monthly actuals totalling £1,400.50" in out.getvalue()
    assert Actual.objects.count() == 3


def test_the_command_lists_problems_and_exits_1(finance, tmp_path) -> None:
    from django.core.management import CommandError, call_command

    la, officer = finance
    path = tmp_path / "actuals.csv"
    path.write_bytes(csv_bytes([["Line", "Month", "Amount"], ["X", "nope", "1"]]))
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "ledger", "import", str(path), "--la", la.code, "--as", officer.username, stderr=err
        )
    assert caught.value.returncode == 1
    assert "Row 2, column B (Month): 'nope' is not a month" in err.getvalue()


EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_the_sample_ledger_files_in_the_docs_import_as_they_are(finance) -> None:
    """docs/examples' synthetic ledger (linked from docs/money.md) imports with no mapping."""
    la, officer = finance
    path = EXAMPLES / "high-needs-budgets.csv"
    budgets = import_ledger(
        path.read_bytes(), filename=path.name, kind="budgets", la=la, by=officer
    )
    assert budgets.rows == 7 and len(budgets.created_lines) == 7
    path = EXAMPLES / "high-needs-actuals.csv"
    actuals = import_ledger(
        path.read_bytes(), filename=path.name, kind="actuals", la=la, by=officer
    )
    assert actuals.rows == 21 and not actuals.created_lines
    assert set(Actual.objects.values_list("month", flat=True)) == {
        date(2026, 4, 1),
        date(2026, 5, 1),
        date(2026, 6, 1),
    }
    assert "high-needs-actuals.csv" in (EXAMPLES.parent / "money.md").read_text()
