"""The forecast from the register: who is in each census and in which state, and
``senda forecast`` (docs/forecast.md)."""

from __future__ import annotations

import csv
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from senda.casework.models import Placement, Plan
from senda.people.models import LocalAuthority, Setting
from senda.sufficiency import localities
from senda.sufficiency.census import censuses, read
from senda.sufficiency.management.commands.forecast import BACKTEST_COLUMNS
from senda.sufficiency.space import Space
from senda.sufficiency.summary import Figure, within_spread
from tests.factories import make_case, make_child, make_la, make_setting

pytestmark = pytest.mark.django_db
SPACE = Space()


def _plan(la: LocalAuthority, born: date, need: str = "ASD", **plan: object) -> Plan:
    case = make_case(make_child(la, date_of_birth=born, primary_need=need))
    return Plan.objects.create(case=case, **plan)


def _place(plan: Plan, setting: Setting | None, entered: date, **fields: object) -> None:
    Placement.objects.create(
        case=plan.case, setting=setting, entered_on=entered, recorded_on=entered, **fields
    )


def test_it_reads_each_census_as_states() -> None:
    la = make_la()
    special = make_setting(la, type=Setting.Type.SPECIAL, phase=Setting.Phase.SPECIAL)
    school = make_setting(la)
    held = _plan(la, date(2015, 6, 1), "SEMH", issued_on=date(2022, 3, 1))
    _place(held, school, date(2021, 9, 1), left_on=date(2023, 7, 20))
    _place(held, special, date(2023, 9, 4))
    ceased = _plan(la, date(2012, 1, 10), issued_on=date(2020, 5, 1), ceased_on=date(2023, 1, 1))
    moved_in = _plan(la, date(2010, 2, 2), "SLCN", transferred_in_on=date(2023, 11, 1))
    _place(moved_in, None, date(2023, 11, 1), setting_code="EHE")
    _plan(la, date(2019, 1, 1), issued_on=date(2026, 1, 2), ceased_on=date(2026, 1, 3))
    _plan(make_la(), date(2015, 6, 1), issued_on=date(2020, 1, 1))  # another area's
    found = censuses(la, range(2023, 2025), SPACE)
    assert found[2023] == {held.case.child_id: SPACE.index(3, "SEMH", "mainstream")}
    assert found[2024] == {
        held.case.child_id: SPACE.index(4, "SEMH", "special"),
        moved_in.case.child_id: SPACE.index(9, "SLCN", "ehe"),
    }
    assert ceased.case.child_id not in found[2023]


def test_a_plan_without_a_placement_is_other_and_a_unit_is_a_specialist_base() -> None:
    la = make_la()
    nowhere = _plan(la, date(2014, 3, 3), "", issued_on=date(2020, 1, 1))
    unit = _plan(la, date(2014, 3, 3), issued_on=date(2020, 1, 1))
    _place(unit, make_setting(la), date(2020, 1, 1), sen_unit=True)
    found = censuses(la, [2024], SPACE)[2024]
    assert found[nowhere.case.child_id] == SPACE.index(5, "NONE", "other")
    assert found[unit.case.child_id] == SPACE.index(5, "ASD", "specialist_base")


def test_each_child_in_a_census_has_their_placements_locality() -> None:
    la = make_la()
    north = make_setting(la, locality="North")
    blank = make_setting(la)
    away = make_setting(make_la(), locality="Elsewhere")
    children = []
    for setting, code in ((north, ""), (blank, ""), (away, ""), (None, "EHE")):
        plan = _plan(la, date(2014, 3, 3), issued_on=date(2020, 1, 1))
        _place(plan, setting, date(2020, 1, 1), setting_code=code)
        children.append(plan.case.child_id)
    nowhere = _plan(la, date(2014, 3, 3), issued_on=date(2020, 1, 1)).case.child_id
    states, where = read(la, [2024], SPACE)
    assert set(states[2024]) == set(where[2024]) == {*children, nowhere}
    assert [where[2024][child] for child in [*children, nowhere]] == [
        "North",
        localities.NO_LOCALITY,
        localities.OUT_OF_AREA,
        localities.NOT_PLACED,
        localities.NOT_PLACED,
    ]


def _area_with_history() -> LocalAuthority:
    la = make_la()
    school = make_setting(la)
    for n in range(60):
        plan = _plan(la, date(2008 + n % 10, 1 + n % 12, 1), issued_on=date(2020 + n % 6, 2, 1))
        _place(plan, school, date(2020 + n % 6, 2, 1))
    return la


@time_machine.travel(date(2026, 3, 1), tick=False)
def test_senda_forecast_prints_the_forecast_and_backtest_and_writes_every_breakdown(
    tmp_path: Path,
) -> None:
    la = _area_with_history()
    out = StringIO()
    target = tmp_path / "forecast.csv"
    call_command(
        "forecast", "--la", la.code, "--simulations", "40", "--out", str(target), stdout=out
    )
    text = out.getvalue()
    assert "from the January 2026 census" in text
    assert "2027" in text and "2031" in text
    assert "Backtest" in text and "from 2023 to 2024" in text
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert {row["kind"] for row in rows} == {"census", "forecast"}
    census_2026 = next(
        row
        for row in rows
        if row["kind"] == "census" and row["year"] == "2026" and row["breakdown"] == "total"
    )
    assert float(census_2026["median"]) == len(censuses(la, [2026], SPACE)[2026])
    assert {row["breakdown"] for row in rows} >= {
        "total", "need", "provision", "age band", "locality", "locality and provision",
    }  # fmt: skip


def test_senda_forecast_refuses_an_unknown_area_and_impossible_options() -> None:
    with pytest.raises(CommandError, match="No local authority") as unknown:
        call_command("forecast", "--la", "000")
    assert unknown.value.returncode == 2
    la = make_la()
    for years in ("50", "0"):
        with pytest.raises(CommandError, match="1 to 10 years") as refused:
            call_command("forecast", "--la", la.code, "--years", years)
        assert refused.value.returncode == 2


@time_machine.travel(date(2026, 3, 1), tick=False)
def test_senda_forecast_backtest_writes_each_origin_and_year_as_csv(tmp_path: Path) -> None:
    la = _area_with_history()
    out = StringIO()
    call_command("forecast", "backtest", "--la", la.code, "--simulations", "30", stdout=out)
    rows = list(csv.reader(StringIO(out.getvalue().removeprefix("\ufeff"))))
    assert rows[0] == BACKTEST_COLUMNS
    # Censuses 2022-2026: origins 2023, 2024 and 2025, each forecasting the years after it.
    assert [(row[0], row[1]) for row in rows[1:]] == [
        ("2023", "2024"), ("2023", "2025"), ("2023", "2026"),
        ("2024", "2025"), ("2024", "2026"), ("2025", "2026"),
    ]  # fmt: skip
    scored = dict(zip(BACKTEST_COLUMNS, rows[-1], strict=True))
    assert int(scored["actual"]) == len(censuses(la, [2026], SPACE)[2026])
    assert scored["interval_held"] in {"yes", "no"}
    target = tmp_path / "backtest.csv"
    printed = StringIO()
    call_command(
        "forecast", "backtest", "--la", la.code, "--simulations", "30", "--out", str(target),
        stdout=printed,
    )  # fmt: skip
    assert list(csv.reader(target.open(encoding="utf-8-sig"))) == rows
    assert "from 2023 to 2024" in printed.getvalue() and "Wrote 6 rows" in printed.getvalue()


@time_machine.travel(date(2026, 3, 1), tick=False)
def test_senda_forecast_backtest_refuses_a_bad_area_and_says_when_history_is_short() -> None:
    with pytest.raises(CommandError, match="No local authority") as unknown:
        call_command("forecast", "backtest", "--la", "000")
    assert unknown.value.returncode == 2
    la = make_la()
    with pytest.raises(CommandError, match="takes no --scenario") as scenario:
        call_command("forecast", "backtest", "--la", la.code, "--scenario", "early-help")
    assert scenario.value.returncode == 2
    # Plans from 2025 only: the censuses before are not history, and two are too few.
    for n in range(5):
        _plan(la, date(2012, 1 + n, 1), issued_on=date(2024, 6, 1))
    out, err = StringIO(), StringIO()
    call_command("forecast", "backtest", "--la", la.code, stdout=out, stderr=err)
    assert out.getvalue().removeprefix("\ufeff").splitlines() == [",".join(BACKTEST_COLUMNS)]
    assert "Too little history" in err.getvalue() and "has 2 in Senda" in err.getvalue()


def test_a_difference_is_within_the_spread_when_either_median_is_inside_the_others_interval():
    def cell(median: float, low: float, high: float) -> Figure:
        return Figure(2028, "total", "All plans", median, low, high, median)

    assert within_spread(cell(4737, 4339, 5262), cell(4761, 4412, 5255))  # the demo's 2028
    assert within_spread(cell(100, 90, 110), cell(108, 104, 130))  # each inside the other's
    assert within_spread(cell(100, 99, 101), cell(103, 95, 110))  # one way round is enough
    assert not within_spread(cell(140, 135, 145), cell(130, 125, 134))
    assert not within_spread(cell(100, 99, 101), cell(103, 102, 104))
