"""Scenarios a service manager defines: every field checked by the action, every write
audited, and a forecast asked for under one keeps a frozen copy of its levers, which a
later change to the scenario leaves alone (docs/forecast.md, "Scenarios")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.sufficiency import actions
from senda.sufficiency.models import ScenarioChange, StoredScenario
from senda.sufficiency.rates import Lever
from senda.sufficiency.scenario_actions import (
    Change,
    add_change,
    define_scenario,
    forecast_years,
    remove_change,
)
from senda.sufficiency.scenarios import Capacity
from senda.sufficiency.tasks import run_forecast
from tests.factories import make_la, make_user

TODAY = date(2026, 12, 3)  # the last census was January 2026: changes from 2027 to 2031
pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return make_user("service_manager", make_la())


def _scenario(manager) -> StoredScenario:
    return define_scenario(la=manager.membership.la, title="Two new bases", by=manager)


def _add(scenario, manager, **fields) -> ScenarioChange:
    change = Change(**({"what": "joiners", "from_year": 2028, "percent": Decimal(90)} | fields))
    return add_change(scenario=scenario, change=change, by=manager, today=TODAY)


def test_it_offers_the_next_forecasts_five_years() -> None:
    assert forecast_years(TODAY) == [2027, 2028, 2029, 2030, 2031]


def test_it_defines_a_scenario_adds_and_removes_changes_and_audits_each(manager) -> None:
    scenario = _scenario(manager)
    moved = _add(
        scenario,
        manager,
        what="placements",
        percent=Decimal(50),
        provision="independent",
        transfer_to="specialist_base",
    )
    places = _add(scenario, manager, what="capacity", provision="special", places=-12, percent=None)
    spec = StoredScenario.objects.get(pk=scenario.pk).spec()
    assert spec.name == f"scenario-{scenario.pk}" and spec.title == "Two new bases"
    assert spec.levers == (
        Lever(
            "placements",
            0.5,
            provision="independent",
            transfer_to="specialist_base",
            from_year=2028,
        ),
    )
    assert spec.capacity == (Capacity("special", -12, 2028),)
    summaries = list(
        AuditEntry.objects.filter(verb="write", la_id=scenario.la_id)
        .order_by("pk")
        .values_list("summary", flat=True)
    )
    assert summaries == [
        f"scenario {scenario.pk} defined",
        f"scenario {scenario.pk}: change {moved.pk} added: "
        "placements independent 50% to specialist_base from 2028",
        f"scenario {scenario.pk}: change {places.pk} added: capacity special -12 from 2028",
    ]
    gone = places.pk
    remove_change(change=places, by=manager)
    assert not ScenarioChange.objects.filter(pk=gone).exists()
    assert AuditEntry.objects.filter(summary__contains=f"change {gone} removed").exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"percent": Decimal(-10)}, "percent"),
        ({"percent": Decimal("1e9")}, "percent"),
        ({"percent": Decimal("NaN")}, "percent"),
        ({"percent": Decimal("12.5")}, "percent"),
        ({"percent": None}, "percent"),
        ({"from_year": 2026}, "from_year"),
        ({"from_year": 2032}, "from_year"),
        ({"need": "XYZ"}, "need"),
        ({"what": "teachers"}, "what"),
        ({"what": "placements"}, "provision"),
        ({"what": "placements", "provision": "special", "transfer_to": "special"}, "transfer_to"),
        ({"transfer_to": "special"}, "transfer_to"),
        ({"what": "capacity", "provision": "special", "places": 0}, "places"),
        ({"what": "capacity", "provision": "special", "places": 10**12}, "places"),
        ({"what": "capacity", "provision": "mainstream", "places": 5}, "provision"),
    ],
)
def test_it_refuses_a_change_it_cannot_make_naming_the_field(manager, fields, field) -> None:
    scenario = _scenario(manager)
    with pytest.raises(ActionError) as refused:
        _add(scenario, manager, **fields)
    assert refused.value.field == field
    assert not scenario.changes.exists()


def test_only_the_areas_service_managers_define_or_change_scenarios(manager) -> None:
    scenario = _scenario(manager)
    la = manager.membership.la
    for who in (make_user("board_member", la), make_user("service_manager", make_la())):
        with pytest.raises(ActionError, match="Only a service manager"):
            define_scenario(la=la, title="Mine", by=who)
        with pytest.raises(ActionError, match="Only a service manager"):
            _add(scenario, who)
    with pytest.raises(ActionError, match="exists already"):
        define_scenario(la=la, title="two new  BASES", by=manager)
    with pytest.raises(ActionError, match="Enter a title"):
        define_scenario(la=la, title="   ", by=manager)


def test_a_forecast_keeps_a_frozen_copy_of_its_scenario(manager, monkeypatch) -> None:
    la = manager.membership.la
    scenario = _scenario(manager)
    with pytest.raises(ActionError, match="no changes yet"):
        actions.request_forecast(la=la, scenario=scenario.name, by=manager)
    change = _add(scenario, manager, what="leavers", percent=Decimal(80), from_year=2029)
    run = actions.request_forecast(la=la, scenario=scenario.name, by=manager)
    assert (run.stored_scenario, run.title) == (scenario, "Two new bases")
    remove_change(change=change, by=manager)
    _add(scenario, manager, percent=Decimal(10))
    run.refresh_from_db()
    assert run.spec().levers == (Lever("leavers", 0.8, from_year=2029),)
    made = []
    monkeypatch.setattr(
        "senda.sufficiency.forecast.make", lambda *a, **kw: made.append(kw["scenario"]) or 1 / 0
    )
    run_forecast.call(run.pk)
    assert made == [run.spec()]
    other = StoredScenario.objects.create(la=make_la(), title="Theirs", created_by=manager)
    with pytest.raises(ActionError) as theirs:
        actions.request_forecast(la=la, scenario=other.name, by=manager)
    assert theirs.value.field == "scenario"


def test_a_rate_changes_for_some_year_groups_only(manager) -> None:
    from senda.web.tables.scenarios import describe_lever

    scenario = _scenario(manager)
    for fields, field in [
        ({"ncy_from": 7}, "ncy_to"),
        ({"ncy_from": 7, "ncy_to": 21}, "ncy_to"),
        ({"ncy_from": 11, "ncy_to": 7}, "ncy_to"),
        ({"what": "capacity", "provision": "special", "places": 5, "ncy_from": 1}, "ncy_from"),
    ]:
        with pytest.raises(ActionError) as refused:
            _add(scenario, manager, **fields)
        assert refused.value.field == field
    row = _add(scenario, manager, ncy_from=7, ncy_to=11)
    lever = scenario.spec().levers[0]
    assert lever.ncy == (7, 11) and row.lever() == lever
    assert "(Year 7 to Year 11)" in describe_lever(lever)
    assert _add(scenario, manager).lever().ncy is None  # all year groups
    entry = AuditEntry.objects.filter(summary__contains=f"change {row.pk} added").get()
    assert "ncy 7..11" in entry.summary
