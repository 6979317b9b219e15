"""The High Needs money pages: spend against budget, the ledger's import (virus scan, all or
nothing), the deficit projection's scenario form and the public summary. Every page is
audited (tests/web/page_audit.py)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.portal.scanner import ScanResult
from senda.sufficiency.models import Actual, Allocation, BudgetLine, LedgerImport, LedgerMapping
from tests.factories import make_la
from tests.sufficiency.ledger_factories import make_ledger
from tests.web.page_audit import audit_page, text_of

pytestmark = pytest.mark.django_db


def upload(rows: list[str], name: str = "actuals.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join(rows) + "\n").encode(), "text/csv")


def test_it_shows_spend_against_budget_by_year_and_line(client, personas) -> None:
    make_ledger(personas.la)
    make_ledger(make_la(), scale=7)
    client.force_login(personas.finance_officer)
    page = client.get(reverse("web:money"), {"year": "2024"}).content.decode()
    assert "2024-25 (shown below)" in page
    assert "£1,320,000" in page  # 12 × £110,000 spent on special school top-ups
    assert "£120,000 over" in page  # against £1,200,000
    assert "£9,240,000" not in page  # another area's
    assert "Import actuals or budgets" in page
    assert "Unit costs by placement type, 2024-25" in page


def test_a_part_year_says_so_and_is_not_called_under_budget(client, personas) -> None:
    """2025-26 has three months of actuals (to June 2025): its spend is the year to date,
    shown as a share of its budget, never "under"."""
    make_ledger(personas.la)
    client.force_login(personas.finance_officer)
    page = text_of(audit_page(client.get(reverse("web:money"), {"year": "2025"})))
    assert "2025-26 (part year: actuals to June 2025) (shown below)" in page
    assert (
        "2025-26 is a part year: the ledger has actuals for 3 of its 12 months, to June 2025"
        in page
    )
    assert "not called over or under the year's budget" in page
    assert "£330,000 28% of the budget spent" in page  # 3 × £110,000 of £1,200,000
    assert "Spend against budget by line, 2025-26 (part year: actuals to June 2025)" in page
    assert not re.search(r"£[\d,]+ under", page)
    whole = text_of(audit_page(client.get(reverse("web:money"), {"year": "2024"})))
    assert "is a part year" not in whole and "£120,000 over" in whole


def test_board_members_see_money_but_may_not_import(client, personas) -> None:
    make_ledger(personas.la)
    client.force_login(personas.board_member)
    page = client.get(reverse("web:money")).content.decode()
    assert "Spend against budget by line, 2025-26" in page
    assert "Import actuals or budgets" not in page
    assert client.get(reverse("web:money-import")).status_code == 403


def test_a_finance_officer_imports_actuals_scanned_first(client, personas, monkeypatch) -> None:
    scanned: list[bytes] = []
    monkeypatch.setattr(
        "senda.web.views.money.scan", lambda data: scanned.append(data) or ScanResult("clean")
    )
    client.force_login(personas.finance_officer)
    file = upload(["Line,Month,Amount,Name,Category", "HN01,2025-04,100,Top-ups,top_up_special"])
    response = client.post(
        reverse("web:money-import"), {"kind": "actuals", "file": file, "saved": ""}
    )
    assert response.status_code == 302
    assert Actual.objects.get().amount == Decimal(100)
    assert LedgerImport.objects.get().scan == "clean" and scanned


def test_it_refuses_a_file_with_a_virus(client, personas, monkeypatch) -> None:
    monkeypatch.setattr("senda.web.views.money.scan", lambda data: ScanResult("infected"))
    client.force_login(personas.finance_officer)
    file = upload(["Line,Month,Amount,Name,Category", "HN01,2025-04,100,Top-ups,top_up_special"])
    response = client.post(reverse("web:money-import"), {"kind": "actuals", "file": file})
    assert "The selected file contains a virus" in response.content.decode()
    assert not Actual.objects.exists() and not LedgerImport.objects.exists()


def test_it_lists_every_problem_and_imports_nothing(client, personas) -> None:
    client.force_login(personas.finance_officer)
    file = upload(["Line,Month,Amount", "HN01,Smarch,=1+1", "HN02,2025-04,12"])
    response = client.post(reverse("web:money-import"), {"kind": "actuals", "file": file})
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page
    assert "4 problems in the file" in page
    assert "Row 2, column B (Month):" in page and "Smarch" in page and "is not a month" in page
    assert not Actual.objects.exists()


def test_it_saves_a_mapping_and_uses_it_next_time(client, personas) -> None:
    client.force_login(personas.finance_officer)
    rows = ["Cost centre,Period,Net,Desc,Cat", "HN01,2025-04,100,Top-ups,top_up_special"]
    client.post(
        reverse("web:money-import"),
        {
            "kind": "actuals",
            "file": upload(rows),
            "col_line": "Cost centre",
            "col_amount": "Net",
            "col_name": "Desc",
            "col_category": "Cat",
            "save_as": "Agresso",
        },
    )
    mapping = LedgerMapping.objects.get(name="Agresso")
    assert mapping.columns["amount"] == "Net"
    rows[1] = "HN01,2025-05,50,,"
    response = client.post(
        reverse("web:money-import"),
        {"kind": "actuals", "file": upload(rows), "saved": str(mapping.pk)},
    )
    assert response.status_code == 302
    assert Actual.objects.get(month=date(2025, 5, 1)).amount == Decimal(50)


def test_the_deficit_page_projects_from_the_ledger(client, personas) -> None:
    make_ledger(personas.la)
    client.force_login(personas.service_manager)
    page = client.get(
        reverse("web:money-deficit"),
        {
            "allocation_growth": "7",
            "spend_growth": "10",
            "write_off": "yes",
            "write_off_share": "90",
            "opening_deficit": "500000",
            "years": "5",
        },
    ).content.decode()
    assert "2024-25" in page and "2029-30 (projected)" in page
    assert "falls on the general fund" in page and "at the end of 2028-29" in page


def test_a_deficit_link_naming_one_field_takes_the_defaults_for_the_rest(client, personas):
    """A link or bookmark with part of the form (the years only) projects with the
    defaults for the rest, as the page does with none, not "This field is required"."""
    make_ledger(personas.la)
    client.force_login(personas.service_manager)
    page = text_of(audit_page(client.get(reverse("web:money-deficit"), {"years": "3"})))
    assert "required" not in page and "There is a problem" not in page
    assert "(projected)" in page


def test_the_deficit_form_refuses_hostile_values(client, personas) -> None:
    make_ledger(personas.la)
    client.force_login(personas.finance_officer)
    response = client.get(
        reverse("web:money-deficit"),
        {"allocation_growth": "1e400", "spend_growth": "abc", "years": "99", "write_off": "x"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page
    assert "Spend growth a year must be a number" in page


def test_the_public_summary_needs_no_sign_in_and_names_no_child(client, personas) -> None:
    make_ledger(personas.la)
    page = client.get(reverse("web:money-public", args=[personas.la.code])).content.decode()
    assert "High Needs spending in" in page
    assert "Tribunal and legal costs" in page and "£72,000" in page  # 12 × £6,000
    assert personas.child.family_name not in page
    assert client.get(reverse("web:money-public", args=["nope"])).status_code == 404


def test_the_public_summary_downloads_as_a_pdf(client, personas) -> None:
    make_ledger(personas.la)
    response = client.get(reverse("web:money-public-pdf", args=[personas.la.code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "high-needs-spending-" in response["Content-Disposition"]


@pytest.mark.parametrize("year", ["²⁰²⁴", "9" * 5000, "-1", "2024.0"])
def test_a_hostile_year_shows_the_latest(client, personas, year) -> None:
    make_ledger(personas.la)
    client.force_login(personas.board_member)
    assert client.get(reverse("web:money"), {"year": year}).status_code == 200
    public = client.get(reverse("web:money-public", args=[personas.la.code]), {"year": year})
    assert public.status_code == 200


def test_a_finance_officer_changes_a_lines_mapping(client, personas) -> None:
    make_ledger(personas.la)
    line = BudgetLine.objects.get(la=personas.la, code="HN90")
    client.force_login(personas.finance_officer)
    url = reverse("web:money-line", args=[line.pk])
    assert client.get(url).status_code == 200
    data = {"name": "Legal", "category": "tribunal_legal", "s251": "1.2.5"}
    assert client.post(url, data).status_code == 302
    line.refresh_from_db()
    assert (line.name, line.s251) == ("Legal", "1.2.5")
    assert AuditEntry.objects.filter(object_type="sufficiency.BudgetLine").exists()
    page = client.post(url, {**data, "s251": "9.9.9"}).content.decode()
    assert "<title>Error: " in page and "Select a section 251 line" in page


def test_another_areas_line_is_404_even_to_its_finance_officer(client, personas) -> None:
    other = make_la()
    make_ledger(other)
    line = BudgetLine.objects.get(la=other, code="HN01")
    client.force_login(personas.finance_officer)
    url = reverse("web:money-line", args=[line.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "x", "category": "other"}).status_code == 404
    line.refresh_from_db()
    assert line.name == "Special school top-ups"


def test_the_deficit_page_offers_the_forecasts_cost_growth_as_spend_growth(client, personas):
    from dataclasses import asdict

    from senda.sufficiency.summary import ALL_PRICED, COST
    from tests.sufficiency.runs import figure, make_forecast_run

    make_ledger(personas.la)
    client.force_login(personas.service_manager)
    assert "Use it as spend growth" not in client.get(reverse("web:money-deficit")).content.decode()
    run = make_forecast_run(personas.la)
    run.figures = [
        *run.figures,
        asdict(figure(2027, COST, ALL_PRICED, 10_000_000, 1)),
        asdict(figure(2029, COST, ALL_PRICED, 12_100_000, 1)),
    ]
    run.save()
    page = client.get(reverse("web:money-deficit"), {"years": "3"}).content.decode()
    assert "grows by 10.0% a year" in page
    assert "spend_growth=10.0" in page and "years=3" in page


def costed_run(la, scenario: str, cost: list[tuple[int, float]]):
    """A done forecast under ``scenario`` whose placements cost ``(year, median)``."""
    from dataclasses import asdict

    from senda.sufficiency.summary import ALL_PRICED, COST
    from tests.sufficiency.runs import figure, make_forecast_run

    run = make_forecast_run(la, scenario)
    run.figures = [*run.figures, *(asdict(figure(y, COST, ALL_PRICED, m, 1)) for y, m in cost)]
    run.save()
    return run


SAVINGS = {"allocation_growth": "0", "spend_growth": "10", "write_off": "no",
           "write_off_share": "90", "opening_deficit": "0", "years": "2"}  # fmt: skip


def test_the_deficit_page_shows_a_demand_scenarios_savings(client, personas) -> None:
    make_ledger(personas.la)  # 2024-25: £1,392,000 spent of £1,260,000 budgeted
    costed_run(personas.la, "baseline", [(2027, 10_000_000), (2029, 12_100_000)])  # 10% a year
    other = costed_run(personas.la, "fewer-independent", [(2027, 10_000_000), (2029, 11_025_000)])
    client.force_login(personas.finance_officer)
    page = client.get(
        reverse("web:money-deficit"), {**SAVINGS, "demand": "fewer-independent"}
    ).content.decode()
    assert f"Savings from {other.title}" in page and "grows by 5.00% a year against" in page
    # Baseline: 1,531,200 then 1,684,320; at 5%: 1,461,600 then 1,534,680.
    for figure in ["£1,531,200", "£1,461,600", "£69,600", "£149,640", "£219,240"]:
        assert figure in page
    # The deficit: 132,000 after 2024-25, then 827,520 (baseline) and 608,280 (scenario).
    assert "£827,520" in page and "£608,280" in page


def test_the_savings_baseline_is_the_projections_own_spend(client, personas) -> None:
    """One figure for a year's baseline spend: with spend growing 7% (not the baseline
    forecast's 10%), the savings table's baseline is the main table's."""
    make_ledger(personas.la)  # 2024-25: £1,392,000 spent
    costed_run(personas.la, "baseline", [(2027, 10_000_000), (2029, 12_100_000)])  # 10% a year
    costed_run(personas.la, "fewer-independent", [(2027, 10_000_000), (2029, 11_025_000)])
    client.force_login(personas.finance_officer)
    query = {**SAVINGS, "spend_growth": "7", "demand": "fewer-independent"}
    page = text_of(audit_page(client.get(reverse("web:money-deficit"), query)))
    main, saved = page.split("Savings from", 1)
    # 1,392,000 × 1.07 = 1,489,440, then 1,593,700.80: in both tables.
    assert "2025-26 (projected) £1,260,000 £1,489,440" in main
    assert "2025-26 £1,489,440" in saved and "2026-27 £1,593,701" in saved
    assert "The baseline is the projection above" in saved


@pytest.mark.once
def test_the_deficit_page_says_when_a_scenario_has_no_costed_forecast(client, personas) -> None:
    make_ledger(personas.la)
    client.force_login(personas.service_manager)
    url = reverse("web:money-deficit")
    assert (
        "No forecast has been made under a demand scenario yet" in client.get(url).content.decode()
    )
    costed_run(personas.la, "baseline", [(2027, 10_000_000), (2029, 12_100_000)])
    other = costed_run(personas.la, "fewer-independent", [])
    page = client.get(url, {**SAVINGS, "demand": "fewer-independent"}).content.decode()
    assert (
        f"no forecast with a cost of placements (over two forecast years or more) for {other.title}"
        in page
    )
    response = client.get(url, {**SAVINGS, "demand": "no-such-scenario"})
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page
    assert "Select a demand scenario with a forecast" in page


def test_a_finance_officer_records_an_allocation_the_projection_uses(client, personas) -> None:
    make_ledger(personas.la)
    client.force_login(personas.finance_officer)
    url = reverse("web:money-allocations")
    data = {"year": "2024", "amount": "1000000", "source": "DfE DSG allocations 2024-25"}
    assert client.post(url, data).status_code == 302
    assert Allocation.objects.get(la=personas.la, year=2024).amount == Decimal(1_000_000)
    assert "DfE DSG allocations 2024-25" in client.get(url).content.decode()
    page = client.get(reverse("web:money-deficit")).content.decode()
    assert "£1,000,000" in page and "No allocation is recorded" not in page
    assert "£392,000" in page  # 2024-25's overspend: £1,392,000 spent


# Page content: the same on any database.
@pytest.mark.once
def test_the_allocation_form_shows_every_problem(client, personas) -> None:
    client.force_login(personas.finance_officer)
    data = {"year": "1999", "amount": "lots", "source": ""}
    page = client.post(reverse("web:money-allocations"), data).content.decode()
    assert "<title>Error: " in page
    assert "Select the financial year" in page
    assert "The allocation must be an amount in pounds" in page
    assert "Enter where the figure comes from" in page
    assert not Allocation.objects.exists()


# Page content: the same on any database.
@pytest.mark.once
def test_board_members_see_allocations_but_may_not_record_one(client, personas) -> None:
    client.force_login(personas.board_member)
    url = reverse("web:money-allocations")
    page = client.get(url).content.decode()
    assert "High Needs block allocations" in page and "Save allocation" not in page
    data = {"year": "2024", "amount": "1000", "source": "DfE"}
    assert client.post(url, data).status_code == 403
    assert not Allocation.objects.exists()


@pytest.mark.once
def test_the_deficit_chart_draws_the_projection_in_the_table(client, personas) -> None:
    from senda.sufficiency import deficit, spend
    from senda.sufficiency.s251 import fy_label
    from tests.web.svg_charts import SVG, charts_of, drawn_values

    make_ledger(personas.la)
    client.force_login(personas.finance_officer)
    asked = {"allocation_growth": "7", "spend_growth": "10", "write_off": "yes",
             "write_off_share": "90", "opening_deficit": "500000", "years": "3"}  # fmt: skip
    (chart,) = charts_of(client.get(reverse("web:money-deficit"), asked)).values()
    assert chart.findtext(f"{SVG}title").startswith("High Needs allocation, spend and the")
    scenario = deficit.Scenario(opening_deficit=Decimal(500000), years=3)
    rows = deficit.project(spend.known_years(personas.la.pk), scenario)
    lines = {p.get("data-name"): p.get("points") for p in chart.iter(f"{SVG}polyline")}
    drawn = drawn_values(chart, lines["Cumulative deficit"])
    assert [year for year, _ in drawn] == [fy_label(r.year) for r in rows]
    assert [v for _, v in drawn] == pytest.approx(
        [float(r.cumulative) for r in rows], abs=float(max(r.spend for r in rows)) / 500
    )


@pytest.mark.parametrize("written", ["£64,500,000", " 64 500 000 ", "64500000", "£ 64,500,000.00"])
def test_an_allocation_is_read_as_people_write_pounds(written) -> None:
    from senda.web.forms.money import AllocationForm

    form = AllocationForm({"year": "2024", "amount": written, "source": "DfE"}, years=[2024])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal(64_500_000)


@pytest.mark.parametrize("written", ["£", "£lots", "64,500,000£", "1e999999", "£-5"])
def test_an_allocation_that_is_not_pounds_is_refused(written) -> None:
    from senda.web.forms.money import AllocationForm

    form = AllocationForm({"year": "2024", "amount": written, "source": "DfE"}, years=[2024])
    assert not form.is_valid() and form.errors["amount"]


def test_a_running_year_shows_its_forecast_outturn(client, personas, today_is) -> None:
    """In July 2025 the ledger holds April to June: each line runs on at its rate."""
    make_ledger(personas.la)
    client.force_login(personas.finance_officer)
    today_is(date(2025, 7, 15))
    page = text_of(audit_page(client.get(reverse("web:money"), {"year": "2025"})))
    assert "Forecast outturn for 2025-26" in page
    assert "for the 3 months the ledger holds" in page and "for the 9 months left" in page
    assert "Forecast outturn £1,392,000 against a budget of £1,260,000: £132,000 over" in page
    assert "(none is recorded, so the total budget stands for it)" in page
    assert "the in-year deficit is £132,000" in page
    assert "Special school top-ups £1,200,000 £330,000 £990,000 £1,320,000 £120,000 over" in page
    # A complete year, or a year that is not this one, has none.
    assert "Forecast outturn" not in text_of(
        audit_page(client.get(reverse("web:money"), {"year": "2024"}))
    )
    today_is(date(2026, 7, 15))
    assert "Forecast outturn" not in text_of(
        audit_page(client.get(reverse("web:money"), {"year": "2025"}))
    )
