"""The sufficiency room's computed KPIs on small hand-built data with known answers: the
cumulative deficit, where plans in force are placed, new specialist places, the
forecast error and specialist places against forecast demand."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from senda.people.models import Setting
from senda.performance import catalogue, kpi_figures, records, tick
from senda.performance.periods import parse
from senda.sufficiency.backtest import Score
from senda.sufficiency.measures import deficit_to
from senda.sufficiency.models import Actual, Allocation, Budget, BudgetLine, CapitalProject
from senda.sufficiency.s251 import fy_months
from senda.sufficiency.unit_costs import unit_costs
from tests.factories import make_la, make_setting, make_user
from tests.sufficiency.places_factories import (
    make_places,
    make_plan_case,
    make_project,
    place,
    special_school,
)
from tests.sufficiency.runs import figure, make_forecast_run

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)
Q3 = parse("2026-27-q3")  # October to December 2026: judged today while it runs


def count(name: str, la, day: date = TODAY):
    return records.count(name, la, Q3.start, Q3.end, day)


def test_the_deficit_adds_each_months_spend_less_a_twelfth_of_its_allocation() -> None:
    la = make_la()
    line = BudgetLine.objects.create(la=la, code="HN1", name="Top-ups", category="top_up_special")
    Allocation.objects.create(la=la, year=2024, amount=1200, source="DfE", recorded_on=TODAY)
    Budget.objects.create(line=line, year=2025, amount=2400)  # no allocation: the budget
    Budget.objects.create(line=line, year=2024, amount=9999)  # the allocation wins
    for month in fy_months(2024):
        Actual.objects.create(line=line, month=month, amount=110)
    for month in fy_months(2025)[:3]:
        Actual.objects.create(line=line, month=month, amount=250)
    assert deficit_to(la, date(2025, 3, 31)) == Decimal(120)  # 1,320 spent of 1,200
    assert deficit_to(la, date(2025, 5, 15)) == Decimal(220)  # + 500 less 2 × 200
    assert deficit_to(la, date(2026, 1, 1)) == Decimal(270)  # the ledger ends in June
    assert deficit_to(make_la(), TODAY) == 0


def test_tick_writes_the_cumulative_deficit_in_pounds() -> None:
    la = make_la()
    line = BudgetLine.objects.create(la=la, code="HN1", name="Top-ups", category="top_up_special")
    Allocation.objects.create(la=la, year=2025, amount=12_000, source="DfE", recorded_on=TODAY)
    for month in fy_months(2025):
        Actual.objects.create(line=line, month=month, amount=Decimal("1100.40"))
    assert count("hnb-deficit-cumulative", la).numerator == 1205  # 13,204.80 − 12,000
    tick.run(la, [TODAY], today=TODAY)
    figure = kpi_figures.value(la, "hnb-deficit-cumulative", Q3)
    assert figure is not None and figure.value == 1205


def test_the_placement_shares_count_plans_in_force_and_list_their_cases() -> None:
    la, elsewhere = make_la(), make_la()
    independent = make_setting(la, type=Setting.Type.INDEPENDENT_SPECIAL, name="Oak Lodge")
    away_independent = make_setting(elsewhere, type=Setting.Type.INDEPENDENT_SPECIAL)
    home, away = make_setting(la), make_setting(elsewhere)
    placed = {}
    for name, setting in [("oak", independent), ("far", away_independent), ("home", home),
                          ("away", away)]:  # fmt: skip
        plan = make_plan_case(la)
        place(plan, setting, date(2024, 9, 1))
        placed[name] = plan.case_id
    ceased = make_plan_case(la, ceased_on=date(2025, 7, 31))  # not in force: not counted
    place(ceased, independent, date(2024, 9, 1))
    make_plan_case(la)  # in force, no placement: in the denominator only
    left = make_plan_case(la)
    place(left, away, date(2024, 9, 1), left_on=date(2025, 7, 20))
    found = count("placements-independent", la)
    assert found.counted == tuple(sorted([placed["oak"], placed["far"]]))
    assert (found.numerator, found.denominator) == (2, 6)
    found = count("placements-out-of-area", la)
    assert found.counted == tuple(sorted([placed["far"], placed["away"]]))
    assert (found.numerator, found.denominator) == (2, 6)
    assert catalogue.get("placements-independent").unit == "percent"


def test_spend_per_plan_by_placement_type_is_the_money_pages_unit_cost() -> None:
    la = make_la()
    school = special_school(la)
    plans = [make_plan_case(la) for _ in range(3)]
    for plan in plans:
        place(plan, school, date(2024, 9, 1))
    line = BudgetLine.objects.create(la=la, code="S", name="Special", category="top_up_special")
    for month in fy_months(2025):  # 2025-26: census January 2026
        Actual.objects.create(line=line, month=month, amount=Decimal(1000))
    Actual.objects.create(line=line, month=date(2026, 4, 1), amount=Decimal(9000))  # 2026-27
    shown = {cost.placement: cost.per_child for cost in unit_costs(la, 2025)}
    with records.records_unchanged():
        found = count("hnb-spend-per-plan-special", la)  # judged 22 November 2026
        early = count("hnb-spend-per-plan-special", la, date(2026, 2, 10))  # Apr–Feb begun
    assert found.numerator == shown["special"] == 4000
    # It rests on the three children placed (their cases), so their small number is
    # suppressed where the figure leaves the service, as /money/ hides it.
    assert (found.counted, found.denominator) == (tuple(sorted(p.case_id for p in plans)), 3)
    assert early.numerator == 3667  # 11,000 over 3
    assert count("hnb-spend-per-plan-independent", la).numerator == 0  # nobody placed
    assert (
        catalogue.get("hnb-spend-per-plan-special").owner
        == catalogue.get("hnb-spend-per-plan").owner
    )


def test_new_places_are_those_delivered_by_projects_open_by_the_day() -> None:
    la = make_la()
    by = make_user("service_manager", la)
    base = make_project(la, by, places_delivered=12, opens_on=date(2025, 9, 1))
    opened = {"opens_on": date(2026, 9, 1), "status": CapitalProject.Status.OPEN}
    special = make_project(la, by, provision="special", places_delivered=30, **opened)
    make_project(la, by, places_delivered=8, opens_on=date(2027, 9, 1))  # not open yet
    make_project(la, by, provision="ap", places_delivered=6, opens_on=date(2025, 1, 1))
    make_project(la, by, places_delivered=5, opens_on=date(2025, 1, 1),
                 status=CapitalProject.Status.CANCELLED)  # fmt: skip
    dsp = count("dsp-places-new", la)
    assert (dsp.numerator, dsp.denominator, dsp.counted) == (12, None, (base.pk,))
    found = count("specialist-places-new", la)
    assert (found.numerator, found.counted) == (42, (base.pk, special.pk))
    # As of 31 August (before the special school opened), and for a quarter that ended then.
    assert count("specialist-places-new", la, date(2026, 8, 31)).numerator == 12
    early = records.count("specialist-places-new", la, date(2026, 4, 1), date(2026, 6, 30), TODAY)
    assert early.numerator == 12


def test_the_forecast_error_is_the_latest_backtests_mean_absolute_percentage_error() -> None:
    la = make_la()
    assert (count("forecast-error", la).numerator, count("forecast-error", la).denominator) == (
        0,
        0,
    )
    old = make_forecast_run(la, finished_at=datetime(2026, 1, 5, tzinfo=UTC))
    run = make_forecast_run(la, finished_at=datetime(2026, 10, 5, tzinfo=UTC))
    make_forecast_run(la, "fewer-independent", finished_at=datetime(2026, 11, 1, tzinfo=UTC))
    later = make_forecast_run(la, finished_at=datetime(2026, 12, 1, tzinfo=UTC))
    scores = [Score(2023, 2025, 2, 100, 90.0, 80.0, 110.0, 95.0, 0.1, 0.1, 1, 1),
              Score(2024, 2025, 1, 100, 104.0, 95.0, 110.0, 99.0, 0.1, 0.1, 1, 1),
              Score(2024, 2026, 2, 200, 211.0, 190.0, 220.0, 99.0, 0.1, 0.1, 1, 1)]  # fmt: skip
    run.store(history=run.history, figures=[], actuals=[], backtest=scores)
    run.save()
    found = count("forecast-error", la)  # (10% + 4% + 5.5%) / 3 = 6.5%
    assert (found.numerator, found.denominator, found.counted) == (65, 1000, (run.pk,))
    assert old.pk != run.pk and later.pk not in found.counted  # finished after the day
    tick.run(la, [TODAY], today=TODAY)
    figure = kpi_figures.value(la, "forecast-error", Q3)
    assert figure is not None and figure.value == Decimal("6.5")


def provision_run(la, finished: datetime, year: int, medians: dict[str, float]):
    """A baseline forecast finished on ``finished`` with plans by provision in ``year``."""
    run = make_forecast_run(la, finished_at=finished)
    run.figures = [
        *run.figures,
        *(asdict(figure(year, "provision", k, m)) for k, m in medians.items()),
    ]
    run.save()
    return run


def test_places_vs_forecast_is_next_septembers_specialist_places_of_forecast_demand() -> None:
    la = make_la()
    by = make_user("service_manager", la)
    make_places(special_school(la), by, 40, year=2026)
    make_places(make_setting(la), by, 8, year=2026, provision="specialist_base")
    make_places(make_setting(la, name="Bridge"), by, 5, year=2026, provision="ap")  # not counted
    make_project(la, by, places_planned=12, opens_on=date(2027, 9, 1))  # open by 30 September
    make_project(la, by, provision="special", places_planned=30, opens_on=date(2027, 10, 1))
    old = provision_run(la, datetime(2026, 1, 5, tzinfo=UTC), 2027,
                        {"special": 30, "specialist_base": 18})  # fmt: skip
    run = provision_run(la, datetime(2026, 10, 5, tzinfo=UTC), 2028,
                        {"special": 50.4, "specialist_base": 25.3, "ap": 9,
                         "post16_specialist": 4.4})  # fmt: skip
    # Judged on 22 November 2026: September 2027, the January 2028 census. Places 40 + 8 and
    # 12 to come; demand 50.4 + 25.3 + 4.4 = 80.1, 80 plans (AP is not specialist here).
    found = count("places-vs-forecast", la)
    assert (found.numerator, found.denominator, found.counted) == (60, 80, (run.pk,))
    # April to June 2026, judged on 30 June (the later forecast not yet made): September
    # 2026, the January 2027 census; the project opens a year later. 48 places of 48 plans.
    early = records.count(
        "places-vs-forecast", la, date(2026, 4, 1), date(2026, 6, 30), date(2026, 8, 31)
    )
    assert (early.numerator, early.denominator, early.counted) == (48, 48, (old.pk,))
    # Before any forecast, or with none for the year: no figure.
    assert (count("places-vs-forecast", la, date(2025, 12, 1)).denominator) == 0
    assert count("places-vs-forecast", make_la()).denominator == 0
    tick.run(la, [TODAY], today=TODAY)
    figure_ = kpi_figures.value(la, "places-vs-forecast", Q3)
    assert figure_ is not None and figure_.value == 75
