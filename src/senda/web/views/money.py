"""The High Needs money pages (``senda.sufficiency``: the ledger, the deficit projection).

- ``/money/`` (``web:money``): spend against budget by financial year, and by line for one
  year (``?year=2025``), with the variance;
- ``/money/import/`` (``web:money-import``): a finance officer imports actuals or budgets
  from the finance system's CSV or XLSX; the upload is virus-scanned first, as the
  portal's are; all or nothing, every problem listed by row and column;
- ``/money/lines/<id>/`` (``web:money-line``): a finance officer changes a line's name,
  category or section 251 line;
- ``/money/deficit/`` (``web:money-deficit``): the DSG deficit projection, its scenario
  a GET form, with a demand scenario's savings against the baseline forecast if chosen;
- ``/money/allocations/`` (``web:money-allocations``): the DSG High Needs allocation of
  each financial year, which a finance officer records.

Finance officers, service managers and board members see them (money only, no child);
only finance officers import; everyone else gets 403. The area is always the user's own.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse

from senda import kernel
from senda.interchange.sen2.export import census_day
from senda.kernel import ActionError
from senda.performance.status_shown import threshold
from senda.portal.scanner import NOT_CONFIGURED, scan, scanner_name
from senda.sheets import ImportFailed, Problem
from senda.sufficiency import deficit, spend
from senda.sufficiency.allocations import record_allocation
from senda.sufficiency.ledger import LEDGER_ROLES, import_ledger, save_mapping, update_line
from senda.sufficiency.ledger_parse import FIELDS
from senda.sufficiency.models import (
    Allocation,
    BudgetLine,
    ForecastRun,
    LedgerImport,
    LedgerMapping,
)
from senda.sufficiency.outturn import outturn
from senda.sufficiency.s251 import financial_year, fy_label
from senda.sufficiency.unit_costs import unit_costs
from senda.web.access import membership_for, require_ledger_editor, require_money
from senda.web.charts.money import deficit_chart
from senda.web.forms.errors import saved
from senda.web.forms.money import (
    AllocationForm,
    DeficitForm,
    LedgerImportForm,
    LineForm,
    asked_year,
)
from senda.web.tables import money as tables
from senda.web.tables.problems import problems_table

SCAN_REFUSED = {
    "infected": "The selected file contains a virus",
    "failed": "The selected file could not be checked for viruses – try again",
}


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    membership = require_money(request.user)
    la = membership.la
    years = spend.by_year(la.pk)
    shown = _year(request, [y.year for y in years])
    this = next((y for y in years if y.year == shown), None)
    context = {
        "la": la,
        "years": tables.years_table(years, current=shown),
        "year_links": [(y.year, y.label) for y in years],
        "shown": shown,
        "shown_label": fy_label(shown),
        "lines": tables.lines_table(
            spend.by_line(la.pk, shown),
            fy_label(shown),
            editable=membership.role in LEDGER_ROLES,
            part=tables.part_year(this) if this else "",
        ),
        "part_note": tables.part_year_note(this) if this else "",
        **_outturn(la, shown, this),
        "unit_costs": _unit_costs(la, shown),
        "threshold": threshold(),
        "can_edit": membership.role in LEDGER_ROLES,
        "imports": LedgerImport.objects.filter(la=la)[:5],
    }
    return render(request, "web/money/overview.html", context)


def _outturn(la: Any, year: int, this: spend.Year | None) -> dict[str, Any]:
    """A year still running's forecast outturn (``sufficiency.outturn``), once the ledger
    holds any of its months; nothing for a complete year or one not begun."""
    today = kernel.today()
    if this is None or not this.part or year != financial_year(today) or not this.months:
        return {}
    found = outturn(la.pk, year, today)
    return {
        "outturn": found,
        "outturn_table": tables.outturn_table(found),
        "outturn_variance": tables.variance(found.variance),
        "outturn_total": tables.pounds(found.outturn),
        "outturn_budget": tables.pounds(found.budget),
        "months_left": 12 - found.months,
        "outturn_deficit": tables.pounds(found.deficit),
    }


def _unit_costs(la: Any, year: int) -> str:
    """The year's unit costs table, once its January census has happened."""
    if census_day(year + 1) > kernel.today():
        return ""
    return tables.unit_costs_table(unit_costs(la, year), fy_label(year), threshold())


def _year(request: HttpRequest, years: list[int]) -> int:
    """The year asked for (``?year=2025``) if the ledger has it, else its latest, else this."""
    asked = asked_year(request.GET.get("year", ""), years)
    if asked is not None:
        return asked
    return years[-1] if years else financial_year(kernel.today())


@login_required
def ledger_import(request: HttpRequest) -> HttpResponse:
    membership = require_ledger_editor(request.user)
    la = membership.la
    mappings = LedgerMapping.objects.filter(la=la)
    choices = [(str(m.pk), f"{m.name} ({m.get_kind_display().lower()})") for m in mappings]
    form = LedgerImportForm(request.POST or None, request.FILES or None, mappings=choices)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = _import(request, form, la, {str(m.pk): m for m in mappings})
        except ImportFailed as failed:
            problems = failed.problems
            form.add_problems(problems)
        except (ActionError, _Refused) as refused:
            form.add_error("file" if isinstance(refused, _Refused) else "save_as", str(refused))
        else:
            messages.success(request, result)
            return redirect("web:money")
    context = {
        "la": la,
        "form": form,
        "problems": problems_table(problems) if problems else "",
        "not_configured": "" if scanner_name() else NOT_CONFIGURED,
    }
    return render(request, "web/money/import.html", context)


class _Refused(Exception):
    """The upload's virus scan refused it."""


def _import(
    request: HttpRequest, form: LedgerImportForm, la: Any, saved: dict[str, LedgerMapping]
) -> str:
    upload = form.cleaned_data["file"]
    data = upload.read()
    verdict = scan(data).verdict
    if verdict in SCAN_REFUSED:
        raise _Refused(SCAN_REFUSED[verdict])
    kind = form.cleaned_data["kind"]
    mapping = dict(saved[form.cleaned_data["saved"]].columns) if form.cleaned_data["saved"] else {}
    mapping.update(form.mapping())
    mapping = {f: h for f, h in mapping.items() if f in FIELDS[kind]}
    result = import_ledger(
        data, filename=upload.name, kind=kind, la=la, by=request.user, mapping=mapping, scan=verdict
    )
    if form.cleaned_data["save_as"].strip():
        name = form.cleaned_data["save_as"]
        save_mapping(la=la, kind=kind, name=name, columns=mapping, by=request.user)
        return f"{result.summary} Column headings saved as {name.strip()!r}."
    return result.summary


@login_required
def line_edit(request: HttpRequest, line_id: int) -> HttpResponse:
    """A finance officer changes a line's name, category or section 251 line: 404 for a
    line of another area (whoever asks), then 403 for any other role."""
    membership = membership_for(request.user)
    if membership is None:
        raise Http404("No such budget line.")
    line = get_object_or_404(BudgetLine.objects.of_area(membership.la_id), pk=line_id)
    require_ledger_editor(request.user)
    initial = {"name": line.name, "category": line.category, "s251": line.s251}
    form = LineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(form, lambda: update_line(line=line, by=request.user, **data)):
            messages.success(request, f"Budget line {line.code} saved.")
            return redirect("web:money")
    return render(request, "web/money/line.html", {"la": membership.la, "line": line, "form": form})


@login_required
def allocations(request: HttpRequest) -> HttpResponse:
    """The area's DSG High Needs allocations by year; a finance officer records one (403 for
    anyone else's POST)."""
    membership = require_money(request.user)
    la, editor = membership.la, membership.role in LEDGER_ROLES
    this = financial_year(kernel.today())
    form = AllocationForm(request.POST or None, years=list(range(this + 1, this - 11, -1)))
    if request.method == "POST":
        require_ledger_editor(request.user)
        if form.is_valid() and saved(
            form, lambda: record_allocation(la=la, by=request.user, **form.cleaned_data)
        ):
            label = fy_label(form.cleaned_data["year"])
            messages.success(request, f"High Needs allocation for {label} saved.")
            return redirect("web:money-allocations")
    context = {
        "la": la,
        "form": form if editor else None,
        "table": tables.allocations_table(
            list(Allocation.objects.of_area(la.pk).order_by("-year"))
        ),
    }
    return render(request, "web/money/allocations.html", context)


@login_required
def deficit_projection(request: HttpRequest) -> HttpResponse:
    membership = require_money(request.user)
    la = membership.la
    heavy = ("history", "figures", "actuals", "backtest")  # read for the two used only
    forecasts = ForecastRun.objects.defer(*heavy).latest_done_by_scenario(la.pk)
    demand = [(name, run.title) for name, run in forecasts.items() if name != "baseline"]
    form = DeficitForm.from_query(request.GET, demand=sorted(demand, key=lambda c: c[1]))
    known = spend.known_years(la.pk)
    rows: list[deficit.Row] = []
    savings: dict[str, Any] = {}
    if (not form.is_bound or form.is_valid()) and known:
        ahead = spend.allocations_ahead(la.pk, known)
        rows = deficit.project(known, _scenario(form.values()), allocations=ahead)
        if form.values()["demand"]:
            savings = _savings(forecasts, form.values(), known, ahead)
    context = {
        "la": la,
        "form": form,
        "known": known,
        "budgeted": [fy_label(k.year) for k in known if k.budgeted],
        "table": tables.deficit_table(rows) if rows else "",
        "chart": deficit_chart(rows) if rows else "",
        "override_year": fy_label(deficit.OVERRIDE_LAST_YEAR),
        "general_fund": _general_fund(rows),
        "no_demand_scenario": not demand,
        **savings,
        **_forecast_growth(la.pk, request),
    }
    return render(request, "web/money/deficit.html", context)


def _forecast_growth(la_id: int, request: HttpRequest) -> dict[str, Any]:
    """The baseline forecast's cost growth a year, and this page with it as spend growth."""
    run = ForecastRun.objects.latest_done(la_id, "baseline")
    growth = run.cost_growth() if run is not None else None
    if growth is None:
        return {}
    query = request.GET.copy()
    query["spend_growth"] = f"{growth * 100:.1f}"
    return {
        "forecast_growth": f"{growth:.1%}",
        "forecast_growth_url": f"{reverse('web:money-deficit')}?{query.urlencode()}",
    }


def _growth(run: ForecastRun | None) -> Decimal | None:
    """A forecast's cost growth a year as a share to 0.01%, None without a cost."""
    growth = run.cost_growth() if run is not None else None
    return None if growth is None else Decimal(f"{growth:.4f}")


def _savings(
    forecasts: dict[str, ForecastRun],
    values: dict[str, Any],
    known: list[deficit.Known],
    ahead: dict[int, Decimal],
) -> dict[str, Any]:
    """The demand scenario's savings against the baseline forecast, or why there are none."""
    run = forecasts[values["demand"]]
    base, other = _growth(forecasts.get("baseline")), _growth(run)
    found: dict[str, Any] = {"demand_title": run.title}
    if base is None or other is None:
        missing = [name for name, g in [("the baseline", base), (run.title, other)] if g is None]
        return found | {"uncosted": missing}
    found["savings"] = deficit.savings(known, _scenario(values), base, other, allocations=ahead)
    return found | {
        "baseline_growth": f"{base:.2%}",
        "demand_growth": f"{other:.2%}",
        "savings_table": tables.savings_table(found["savings"], run.title),
        "saved_in_all": tables.pounds(sum((s.saving for s in found["savings"]), Decimal(0))),
    }


def _general_fund(rows: list[deficit.Row]) -> str:
    """The deficit on the general fund at the end of the first year after the override."""
    after = next((r for r in rows if r.year > deficit.OVERRIDE_LAST_YEAR), None)
    if after is None or after.on_general_fund <= 0:
        return ""
    return f"{tables.pounds(after.on_general_fund)} at the end of {fy_label(after.year)}"


def _scenario(values: dict[str, Any]) -> deficit.Scenario:
    def share(name: str) -> Decimal:
        return Decimal(values[name]) / 100

    return deficit.Scenario(
        allocation_growth=share("allocation_growth"),
        spend_growth=share("spend_growth"),
        write_off=values["write_off"] == "yes",
        write_off_share=share("write_off_share"),
        opening_deficit=Decimal(values["opening_deficit"]),
        years=int(values["years"]),
    )


urlpatterns: list[URLPattern] = [
    path("money/", overview, name="money"),
    path("money/import/", ledger_import, name="money-import"),
    path("money/lines/<id:line_id>/", line_edit, name="money-line"),
    path("money/deficit/", deficit_projection, name="money-deficit"),
    path("money/allocations/", allocations, name="money-allocations"),
]
