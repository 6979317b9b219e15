"""Tables of the High Needs money pages: spend against budget by year and by line, the
deficit projection, and spend by category (the public summary)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda.kernel import long_date
from senda.sufficiency.deficit import Row, Saving
from senda.sufficiency.outturn import Outturn
from senda.sufficiency.s251 import S251_LINES, fy_label
from senda.sufficiency.spend import LineYear, Year
from senda.sufficiency.unit_costs import UnitCost
from senda.web.components import table

NUMERIC = "govuk-table__cell--numeric"


def pounds(value: Decimal | None) -> str:
    """Whole pounds, a minus sign for a negative amount: ``−£1,200``; "–" for None."""
    if value is None:
        return "–"
    rounded = value.quantize(Decimal(1))
    return f"−£{-rounded:,}" if rounded < 0 else f"£{rounded:,}"


def variance(value: Decimal | None) -> str:
    """``£1,200 over`` or ``£300 under`` budget; "on budget"; "–" without a budget."""
    if value is None:
        return "–"
    rounded = value.quantize(Decimal(1))
    if rounded == 0:
        return "on budget"
    return f"£{abs(rounded):,} {'over' if rounded > 0 else 'under'}"


def _num(text: str) -> dict[str, Any]:
    return {"text": text, "format": "numeric"}


def part_year(year: Year) -> str:
    """``part year: actuals to November 2026``; "" for a year with twelve months."""
    if not year.part:
        return ""
    if year.last_month is None:
        return "part year: no actuals yet"
    return f"part year: actuals to {year.last_month:%B %Y}"


def share_spent(spent: Decimal, budget: Decimal | None) -> str:
    """``73% of the budget spent`` (a part year's, not called over or under); "–"
    without a budget."""
    if not budget:
        return "–"
    return f"{spent / budget:.0%} of the budget spent"


def part_year_note(year: Year) -> str:
    """What a part year's figures are, in words; "" for a year with twelve months."""
    if not year.part or year.last_month is None:
        return ""
    note = (
        f"{year.label} is a part year: the ledger has actuals for {year.months} of its 12 "
        f"months, to {year.last_month:%B %Y}. Its spend is the year to date, so it is not "
        "called over or under the year's budget: the share of each budget spent so far is "
        "shown instead"
    )
    if year.share_spent is not None:
        months = f"{year.months / 12:.0%} of the year's months in"
        note += f" ({year.share_spent:.0%} of the whole budget, with {months})"
    return note + "."


def years_table(years: list[Year], current: int) -> SafeString:
    """Each year's budget, spend and variance; a part year (fewer than twelve months of
    actuals) says so and shows the share of its budget spent, not over or under."""
    rows = [
        [
            {
                "text": y.label
                + (f" ({part_year(y)})" if y.part else "")
                + (" (shown below)" if y.year == current else "")
            },
            _num(pounds(y.budget)),
            _num(pounds(y.spent)),
            _num(share_spent(y.spent, y.budget) if y.part else variance(y.variance)),
            _num(str(y.months)),
        ]
        for y in years
    ]
    head = ["Financial year", "Budget", "Spent", "Variance", "Months of actuals"]
    return table("Spend against budget by year", head, rows)


def _line_cell(line: Any, editable: bool) -> dict[str, Any]:
    text = f"{line.code} {line.name}"
    if not editable:
        return {"text": text}
    href = reverse("web:money-line", args=[line.pk])
    return {"html": format_html('<a class="govuk-link" href="{}">{}</a>', href, text)}


def lines_table(
    lines: list[LineYear], label: str, editable: bool = False, part: str = ""
) -> SafeString:
    """Each line's budget, spend and variance in a year; in a part year (``part``: its
    words, from :func:`part_year`) the share of each budget spent instead."""

    def against(spent: Decimal, budget: Decimal | None) -> str:
        return (
            share_spent(spent, budget)
            if part
            else variance(spent - budget if budget is not None else None)
        )

    rows = [
        [
            _line_cell(item.line, editable),
            {"text": item.line.category_label},
            {"text": item.line.s251 or "–"},
            _num(pounds(item.budget)),
            _num(pounds(item.spent)),
            _num(against(item.spent, item.budget)),
        ]
        for item in lines
    ]
    budget = sum((i.budget or Decimal(0) for i in lines), Decimal(0))
    spent = sum((i.spent for i in lines), Decimal(0))
    rows.append(
        [
            {"text": "Total"},
            {"text": ""},
            {"text": ""},
            _num(pounds(budget)),
            _num(pounds(spent)),
            _num(against(spent, budget)),
        ]
    )
    head = [
        "Line",
        "Category",
        "Section 251",
        "Budget",
        "Spent",
        "Share spent" if part else "Variance",
    ]
    caption = f"Spend against budget by line, {label}" + (f" ({part})" if part else "")
    return table(caption, head, rows)


def deficit_table(rows: list[Row]) -> SafeString:
    body = [
        [
            {"text": fy_label(r.year) + (" (projected)" if r.projected else "")},
            _num(pounds(r.allocation)),
            _num(pounds(r.spend)),
            _num(pounds(r.in_year)),
            _num(pounds(r.written_off) if r.written_off else "–"),
            _num(pounds(r.cumulative)),
            _num(pounds(r.on_general_fund) if r.on_general_fund else "–"),
        ]
        for r in rows
    ]
    head = [
        "Financial year",
        "Allocation",
        "Spend",
        "In-year overspend",
        "Written off",
        "Cumulative deficit",
        "On the general fund",
    ]
    return table("High Needs allocation, spend and the DSG deficit", head, body)


def savings_table(savings: list[Saving], title: str) -> SafeString:
    """Spend and the cumulative deficit under the baseline forecast's cost growth and under
    a demand scenario's, and the saving (negative: the scenario costs more)."""
    rows = [
        [
            {"text": fy_label(s.year)},
            _num(pounds(s.baseline.spend)),
            _num(pounds(s.scenario.spend)),
            _num(pounds(s.saving)),
            _num(pounds(s.baseline.cumulative)),
            _num(pounds(s.scenario.cumulative)),
        ]
        for s in savings
    ]
    head = [
        "Financial year",
        "Spend, baseline",
        "Spend, scenario",
        "Saving",
        "Cumulative deficit, baseline",
        "Cumulative deficit, scenario",
    ]
    return table(f"Spend and the cumulative deficit: the baseline and {title}", head, rows)


def categories_table(spend: list[tuple[str, str, Decimal]], label: str) -> SafeString:
    total = sum((amount for _, _, amount in spend), Decimal(0))
    rows = [
        [
            {"text": name},
            _num(pounds(amount)),
            _num(f"{amount / total:.1%}" if total else "–"),
        ]
        for _, name, amount in spend
    ]
    rows.append([{"text": "Total"}, _num(pounds(total)), _num("100%" if total else "–")])
    return table(f"High Needs spending by category, {label}", ["Category", "Spent", "Share"], rows)


def s251_name(code: str) -> str:
    return S251_LINES[code][0] if code in S251_LINES else "Not a section 251 high-needs line"


def unit_costs_table(costs: list[UnitCost], label: str, threshold: int) -> SafeString:
    """Spend per child placed; a count from 1 to ``threshold`` − 1 and its unit cost are
    hidden (small-number suppression, docs/suppression.md)."""
    rows = []
    for cost in costs:
        hidden = 0 < cost.children < threshold
        rows.append(
            [
                {"text": cost.label},
                _num(pounds(cost.spent)),
                _num(f"fewer than {threshold}" if hidden else f"{cost.children:,}"),
                _num("–" if hidden else pounds(cost.per_child)),
            ]
        )
    head = ["Placement type", "Spent", "Children placed", "Per child"]
    return table(f"Unit costs by placement type, {label}", head, rows)


def allocations_table(allocations: list[Any]) -> SafeString:
    """Each recorded DSG High Needs allocation, latest year first."""
    rows = [
        [
            {"text": a.label},
            _num(pounds(a.amount)),
            {"text": a.source},
            {"text": long_date(a.recorded_on)},
        ]
        for a in allocations
    ]
    head = ["Financial year", "Allocation", "Source", "Recorded"]
    return table("High Needs block allocations", head, rows)


def outturn_table(year: Outturn) -> SafeString:
    """A part year's forecast outturn by line: budget, spent to date, the months left at
    the line's run rate, the outturn and its variance; the total, then the allocation and
    the in-year deficit."""
    rows = [
        [
            {"text": item.line.name},
            _num(pounds(item.budget)),
            _num(pounds(item.spent)),
            _num(pounds(item.projected)),
            _num(pounds(item.outturn)),
            _num(variance(item.variance)),
        ]
        for item in year.lines
    ]
    rows.append(
        [
            {"text": "Total"},
            _num(pounds(year.budget)),
            _num(pounds(year.spent)),
            _num(pounds(year.outturn - year.spent)),
            _num(pounds(year.outturn)),
            _num(variance(year.variance)),
        ]
    )
    head = ["Line", "Budget", "Spent to date", "Months left", "Forecast outturn", "Variance"]
    caption = f"Forecast outturn by line, {fy_label(year.year)}"
    return table(caption, head, rows)
