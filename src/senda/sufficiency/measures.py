"""The sufficiency room's KPIs, computed by ``senda tick`` from its records and the register
(``catalogue/partnership.py``), shaped as ``senda.casework.scrutiny``'s measures. The
catalogue holds each definition; these are the code it names.

    from senda.sufficiency import measures
    found = measures.count("hnb-spend-per-plan", la, start, end, as_of)
    found.numerator  # whole pounds

- ``hnb-spend-per-plan``: the ledger's spend in the twelve months up to the day judged
  (the months that began on or before it) over the EHC plans maintained that day. No
  cases listed: money over a count of plans in the hundreds.
- ``hnb-deficit-cumulative``: spend less allocation, month by month, from the ledger's
  first year to its latest month begun by the day judged (``deficit_to``).
- ``hnb-variance-<group>``, ``hnb-deficit-in-year``: the forecast outturn of the financial
  year of the day judged (``outturn``: actuals to date and each line's run rate for the
  months left), less the group's budget, or less the year's allocation.
- ``placements-independent``, ``placements-out-of-area``: of the plans in force on the
  day judged, the share whose child's main placement is at an independent or
  non-maintained special school, or at a setting of another area; the cases are listed.
- ``dsp-places-new``, ``specialist-places-new``: places the capital programme has
  delivered, of projects open by the day judged; the projects are listed.
- ``forecast-error``: the latest baseline forecast's backtest, finished by the day judged:
  the mean absolute percentage error of the total.
- ``places-vs-forecast``: specialist places for the next September (commissioned and in
  the pipeline, as ``capacity.gaps`` counts them) of the latest baseline forecast's median
  demand for them that academic year; the forecast is listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet, Sum

from senda.casework.models import Case, Placement, Plan
from senda.casework.scrutiny import Found, judged, plans_maintained, pounds
from senda.people.models import LocalAuthority
from senda.sufficiency import capacity, outturn, placed, unit_costs
from senda.sufficiency.models import Actual, Allocation, Budget, CapitalProject, ForecastRun
from senda.sufficiency.s251 import financial_year, fy_months


@dataclass(frozen=True)
class Measured:
    """A figure that is not a number of the records behind it: places delivered (a count,
    ``denominator`` None, the projects in ``counted``), or the forecast error (a rate in
    thousandths: 35 of 1,000 is 3.5%; 0 of 0 is no figure; the run in ``counted``)."""

    numerator: int
    denominator: int | None
    counted: tuple[int, ...] = ()
    of: str = "forecast"
    missed: tuple[int, ...] = ()
    open: tuple[int, ...] = ()

    @property
    def rate(self) -> bool:
        return self.denominator is not None


Measure = Callable[[LocalAuthority, date, date, date], "Found | Measured"]


def spend_in_year_to(la: LocalAuthority, day: date) -> Decimal:
    """The ledger's spend in the twelve months whose first day is on or before ``day``."""
    last = day.replace(day=1)
    first = last.replace(year=last.year - 1, month=last.month % 12 + 1)
    if last.month == 12:
        first = last.replace(month=1)
    total = (
        Actual.objects.of_area(la.pk)
        .filter(month__gte=first, month__lte=last)
        .aggregate(total=Sum("amount"))["total"]
    )
    return total or Decimal(0)


def spend_per_plan(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    plans = plans_maintained(la, day)
    amount = pounds(spend_in_year_to(la, day) / plans) if plans else 0
    return Found((), rate=False, amount=amount)


# --- spend per plan by placement type ---------------------------------------------------------


def unit_year(day: date) -> int:
    """The financial year a figure judged on ``day`` uses: the one holding the latest
    January census on or before ``day`` (2025-26, census January 2026, for any day of
    2026)."""
    return day.year - 1


def _unit(la: LocalAuthority, year: int) -> _Unit:
    """Financial year ``year``'s spend by month and placement type, and the children placed
    at its January census (kept while records are unchanged)."""
    kept = _UNIT.get()
    found = None if kept is None else kept.get((la.pk, year))
    if found is None:
        found = (unit_costs.spend_by_month(la, year), unit_costs.placed_children(la, year + 1))
        if kept is not None:
            kept[(la.pk, year)] = found
    return found


def spend_per_placement(la: LocalAuthority, day: date, placement: str) -> int:
    """Spend on ``placement``'s budget lines in the financial year :func:`unit_year` gives,
    in its months begun by ``day``, per child placed there at its January census, to the
    pound (0 with nobody placed): from April, /money/'s unit cost of that year."""
    return _spend_and_children(la, day, placement)[0]


def _spend_and_children(
    la: LocalAuthority, day: date, placement: str
) -> tuple[int, tuple[int, ...]]:
    year = unit_year(day)
    months, children = _unit(la, year)
    spent = sum(
        (by_type.get(placement, Decimal(0)) for month, by_type in months.items() if month <= day),
        Decimal(0),
    )
    placed = children.get(placement, ())
    cost = unit_costs.UnitCost(placement, "", spent, len(placed)).per_child
    return (int(cost) if cost is not None else 0), placed


def _per_placement(placement: str) -> Measure:
    def measure(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
        """The cost per child placed, resting on the cases of those children: a figure of
        fewer children than the suppression threshold is hidden where it leaves the
        service (as /money/ hides their count), and staff see the cases behind it."""
        amount, children = _spend_and_children(la, judged(end, as_of), placement)
        cases = Case.objects.for_area(la).latest_of_children(children)
        return Found(tuple(sorted(set(cases.values()))), rate=False, amount=amount)

    return measure


#: KPI id suffix by placement type (``hnb-spend-per-plan-<suffix>``).
PER_PLACEMENT = {key: key.replace("_", "") for key in unit_costs.PLACEMENTS}


# --- the cumulative deficit -------------------------------------------------------------------


def allocation_by_year(la: LocalAuthority) -> dict[int, Decimal]:
    """Each financial year's recorded allocation, else its total budget (as the deficit
    projection's known years take it)."""
    found: dict[int, Decimal] = {}
    for year, amount in Budget.objects.filter(line__la=la).values_list("year", "amount"):
        found[year] = found.get(year, Decimal(0)) + amount
    return found | Allocation.objects.of_area(la.pk).by_year()


def deficit_to(la: LocalAuthority, day: date) -> Decimal:
    """Spend less allocation from the first month of the first year with an allocation (or
    budget) to the ledger's latest month begun by ``day``: each month's actuals less a
    twelfth of its year's allocation; a year with neither counts nothing. A complete year
    adds its spend less its allocation. Positive: a deficit."""
    actuals = Actual.objects.of_area(la.pk).filter(month__lte=day)
    last = actuals.last_month()
    allocated = allocation_by_year(la)
    if last is None or not allocated:
        return Decimal(0)
    total = Decimal(0)
    for month, amount in actuals.values_list("month", "amount"):
        if financial_year(month) in allocated:
            total += amount
    for year, allocation in allocated.items():
        months = sum(1 for month in fy_months(year) if month <= last)
        total -= allocation * months / 12
    return total


def deficit_cumulative(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    return Found((), rate=False, amount=pounds(deficit_to(la, judged(end, as_of))))


# --- the year's forecast outturn ---------------------------------------------------------------


def _variance(group: str) -> Measure:
    def measure(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
        day = judged(end, as_of)
        year = outturn.outturn(la.pk, financial_year(day), day)
        return Found((), rate=False, amount=pounds(year.group_variance(group)))

    return measure


def deficit_in_year(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    year = outturn.outturn(la.pk, financial_year(day), day)
    return Found((), rate=False, amount=pounds(year.deficit))


# --- where the plans in force are placed ------------------------------------------------------


def placed_cases(la: LocalAuthority, day: date) -> list[tuple[int, int, str]]:
    """(case id, the setting's area, its type) of the main placement on ``day`` of each of
    ``la``'s cases with a plan in force that day, placed at a setting."""
    cases = Plan.objects.in_force(day).filter(case__la=la).values("case_id")
    return list(
        Placement.objects.filter(placed.in_force(day), case_id__in=cases, setting__isnull=False)
        .values_list("case_id", "setting__la_id", "setting__type")
        .distinct()
    )


#: While :func:`records_unchanged` runs: the placements and plans maintained read, by
#: (area, day).
_PLACED: ContextVar[dict[tuple[int, date], tuple[tuple[tuple[int, int, str], ...], int]] | None]
_PLACED = ContextVar("placed_cases", default=None)


_Unit = tuple[dict[date, dict[str, Decimal]], dict[str, tuple[int, ...]]]
#: While :func:`ledger_unchanged` runs: a financial year's spend by month and placement
#: type and the children placed at its January census, by (area, financial year).
_UNIT: ContextVar[dict[tuple[int, int], _Unit] | None] = ContextVar("unit_costs", default=None)


@contextmanager
def records_unchanged() -> Iterator[None]:
    """For a caller that counts several measures while the records stay as they are
    (``senda tick``'s day): the day's placements and plans maintained are read once for
    both placement KPIs (independent, out of area), not once each; a financial year's
    ledger and census once for every placement type's spend per plan (once for the whole
    block of :func:`ledger_unchanged` around it)."""
    token = _PLACED.set({})
    try:
        with ledger_unchanged():
            yield
    finally:
        _PLACED.reset(token)


@contextmanager
def ledger_unchanged() -> Iterator[None]:
    """A block in which the ledger, plans and placements stay as they are (``senda tick``'s
    run over its days): a financial year's spend and census, which do not depend on the
    day judged, are read once. Inside another, the outer one's are kept."""
    token = _UNIT.set({}) if _UNIT.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _UNIT.reset(token)


def _placed(la: LocalAuthority, day: date) -> tuple[tuple[tuple[int, int, str], ...], int]:
    """``placed_cases`` and ``plans_maintained`` on ``day`` (kept while records are
    unchanged)."""
    kept = _PLACED.get()
    found = None if kept is None else kept.get((la.pk, day))
    if found is None:
        found = (tuple(placed_cases(la, day)), plans_maintained(la, day))
        if kept is not None:
            kept[(la.pk, day)] = found
    return found


def independent(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    rows, base = _placed(la, day)
    cases = {case for case, _, kind in rows if kind == "independent_special"}
    return Found(tuple(sorted(cases)), base=base)


def out_of_area(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    rows, base = _placed(la, day)
    cases = {case for case, area, _ in rows if area != la.pk}
    return Found(tuple(sorted(cases)), base=base)


# --- new places ------------------------------------------------------------------------------

#: The kinds of place the "new specialist places" KPI counts: special schools, specialist
#: bases (SEN units and resourced provision) and specialist post-16 institutions.
SPECIALIST = ("special", "specialist_base", "post16_specialist")


def delivered(la: LocalAuthority, day: date, provisions: tuple[str, ...]) -> Measured:
    """Places delivered by ``la``'s capital projects of ``provisions`` whose places opened
    on or before ``day`` (not cancelled), the projects listed."""
    rows = (
        CapitalProject.objects.filter(
            la=la, provision__in=provisions, opens_on__lte=day, places_delivered__gt=0
        )
        .exclude(status=CapitalProject.Status.CANCELLED)
        .values_list("pk", "places_delivered")
    )
    projects = dict(rows)
    return Measured(sum(projects.values()), None, tuple(sorted(projects)), of="project")


def dsp_places(la: LocalAuthority, start: date, end: date, as_of: date) -> Measured:
    return delivered(la, judged(end, as_of), ("specialist_base",))


def specialist_places(la: LocalAuthority, start: date, end: date, as_of: date) -> Measured:
    return delivered(la, judged(end, as_of), SPECIALIST)


# --- forecast error --------------------------------------------------------------------------


def baseline_by(la: LocalAuthority, day: date) -> QuerySet[ForecastRun]:
    """The area's baseline forecasts finished by ``day``, newest first."""
    return ForecastRun.objects.of_area(la.pk).filter(
        scenario="baseline", status=ForecastRun.Status.DONE, finished_at__date__lte=day
    )


def latest_backtest(la: LocalAuthority, day: date) -> ForecastRun | None:
    """The area's newest baseline forecast finished by ``day`` with a backtest."""
    runs = baseline_by(la, day).defer("figures", "actuals")
    return next((run for run in runs if run.backtest), None)


def mape(run: ForecastRun) -> float | None:
    """The mean, over the backtest's scores, of the median total's error as a share of the
    actual total (scores with no actual left out)."""
    errors = [abs(score.error) for score in run.scores() if score.actual]
    return sum(errors) / len(errors) if errors else None


def forecast_error(la: LocalAuthority, start: date, end: date, as_of: date) -> Measured:
    run = latest_backtest(la, judged(end, as_of))
    error = mape(run) if run is not None else None
    if run is None or error is None:
        return Measured(0, 0)
    thousandths = int(Decimal(error * 1000).quantize(Decimal(1), ROUND_HALF_UP))
    return Measured(thousandths, 1000, (run.pk,))


# --- places against the forecast ------------------------------------------------------------


def next_september(day: date) -> int:
    """The year of the first 1 September after ``day``."""
    return day.year if day < date(day.year, 9, 1) else day.year + 1


def places_vs_forecast(la: LocalAuthority, start: date, end: date, as_of: date) -> Measured:
    """Specialist places (``SPECIALIST``) for the academic year beginning the next
    September, commissioned and to come from the capital programme by then, of the latest
    baseline forecast's median plans in them at the January census of that year; no
    figure (0 of 0) without such a forecast or with no demand for them."""
    day = judged(end, as_of)
    run = baseline_by(la, day).defer("actuals", "backtest").first()
    january = next_september(day) + 1
    demand = capacity.demand_of(run) if run is not None else {}
    found = [
        gap
        for gap in capacity.gaps(la, {january: demand[january]} if january in demand else {})
        if gap.provision in SPECIALIST
    ]
    wanted = round(sum(gap.median for gap in found))
    if run is None or not wanted:
        return Measured(0, 0)
    return Measured(sum(gap.capacity for gap in found), wanted, (run.pk,))


MEASURES: dict[str, Measure] = {
    "hnb-spend-per-plan": spend_per_plan,
    **{
        f"hnb-spend-per-plan-{suffix}": _per_placement(key) for key, suffix in PER_PLACEMENT.items()
    },
    "hnb-deficit-cumulative": deficit_cumulative,
    **{f"hnb-variance-{group}": _variance(group) for group in outturn.HNB_GROUPS},
    "hnb-deficit-in-year": deficit_in_year,
    "placements-independent": independent,
    "placements-out-of-area": out_of_area,
    "dsp-places-new": dsp_places,
    "specialist-places-new": specialist_places,
    "forecast-error": forecast_error,
    "places-vs-forecast": places_vs_forecast,
}
#: The measures that read the records as they stand on the day judged, not the period's
#: start (every one here): the same figure for every period judged on that day.
ON_THE_DAY = frozenset(MEASURES)


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found | Measured:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return MEASURES[name](la, start, end, as_of)
