"""The places register, children waiting for a place and the capital programme: the
actions that write them and the reads that count them (docs/places.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.people.models import Setting
from senda.sufficiency import capacity, localities, placed
from senda.sufficiency.models import CapitalPhase, CapitalProject, CommissionedPlaces
from senda.sufficiency.places_actions import (
    Phase,
    Project,
    change_phase,
    change_project,
    record_phase,
    record_places,
    record_project,
)
from senda.sufficiency.scenarios import Capacity, Scenario
from tests.factories import make_la, make_setting, make_user
from tests.sufficiency.places_factories import (
    make_places,
    make_plan_case,
    make_project,
    place,
    special_school,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture
def la():
    return make_la()


@pytest.fixture
def manager(la):
    return make_user("service_manager", la)


def test_it_records_places_and_a_change_supersedes_them(la, manager) -> None:
    school = special_school(la)
    first = record_places(
        setting=school, year=2025, provision="special", places=40, by=manager, today=TODAY
    )
    second = record_places(
        setting=school, year=2025, provision="special", places=45, by=manager, today=TODAY
    )
    first.refresh_from_db()
    assert first.superseded_on == TODAY and second.superseded_on is None
    assert CommissionedPlaces.objects.current().get().places == 45
    entries = AuditEntry.objects.filter(verb="write", la_id=la.pk)
    assert entries.count() == 2
    assert f"was 40, row {first.pk}" in entries.latest("pk").summary


def test_it_refuses_places_the_setting_cannot_have_or_nobody_may_record(la, manager) -> None:
    school = special_school(la)
    mainstream = make_setting(la)
    with pytest.raises(ActionError) as refused:
        record_places(setting=mainstream, year=2025, provision="special", places=4, by=manager)
    assert refused.value.field == "provision"
    with pytest.raises(ActionError) as refused:
        record_places(setting=school, year=2025, provision="special", places=-1, by=manager)
    assert refused.value.field == "places"
    officer = make_user("case_officer", la)
    with pytest.raises(ActionError):
        record_places(setting=school, year=2025, provision="special", places=4, by=officer)
    other = make_user("service_manager", make_la())
    with pytest.raises(ActionError):
        record_places(setting=school, year=2025, provision="special", places=4, by=other)
    record_places(setting=school, year=2025, provision="special", places=4, by=manager)
    with pytest.raises(ActionError) as refused:
        record_places(setting=school, year=2025, provision="special", places=4, by=manager)
    assert refused.value.field == "places"
    assert CommissionedPlaces.objects.count() == 1


def test_it_counts_children_placed_and_vacancies_from_placements(la, manager) -> None:
    school = special_school(la)
    unit = make_setting(la, name="Bay Primary School")
    make_places(school, manager, 10)
    make_places(unit, manager, 8, provision="specialist_base")
    for _ in range(3):
        place(make_plan_case(la), school, date(2025, 9, 3))
    place(make_plan_case(la), school, date(2025, 9, 3), left_on=date(2026, 1, 1))  # left
    place(make_plan_case(la), school, date(2026, 3, 3))  # not yet started
    place(make_plan_case(la), unit, date(2025, 9, 3), sen_unit=True)
    place(make_plan_case(la), unit, date(2025, 9, 3))  # mainstream, not the unit
    superseded = place(make_plan_case(la), school, date(2025, 9, 3))
    superseded.superseded_on = TODAY
    superseded.save()
    lines, day = capacity.register(la, 2025, TODAY)
    assert day == TODAY
    shown = {(line.setting.name, line.provision): (line.places, line.placed) for line in lines}
    assert shown == {
        ("Harbour Special School", "special"): (10, 3),
        ("Bay Primary School", "specialist_base"): (8, 1),
    }
    assert capacity.by_provision(lines)["special"].vacancies == 7


def test_places_carry_on_to_later_years_until_a_new_figure(la, manager) -> None:
    school = special_school(la)
    make_places(school, manager, 10, year=2024)
    make_places(school, manager, 12, year=2026)
    assert [r.places for r in capacity.commissioned(la, 2025).values()] == [10]
    assert [r.places for r in capacity.commissioned(la, 2027).values()] == [12]
    assert capacity.commissioned(la, 2023) == {}


def test_it_counts_placements_out_of_area_and_in_independent_schools(la) -> None:
    elsewhere = make_la()
    away = special_school(elsewhere, name="Far Special School")
    independent = make_setting(
        la, type=Setting.Type.INDEPENDENT_SPECIAL, phase=Setting.Phase.SPECIAL
    )
    place(make_plan_case(la), away, date(2025, 9, 3))
    place(make_plan_case(la), independent, date(2025, 9, 3))
    place(make_plan_case(la, born=date(2007, 3, 1)), independent, date(2025, 9, 3))
    found = placed.placed_elsewhere(la, TODAY)
    assert found.out_of_area == {"special": 1}
    assert found.independent == {"independent": 1, "post16_specialist": 1}


def test_it_lists_children_waiting_with_a_plan_in_force_longest_first(la) -> None:
    first = make_plan_case(la)
    place(first, None, date(2025, 11, 1), setting_code="NIEO")
    second = make_plan_case(la)
    place(second, None, date(2025, 6, 1), setting_code="NIEC")
    ceased = make_plan_case(la, ceased_on=date(2026, 2, 1))
    place(ceased, None, date(2025, 6, 1), setting_code="NIEO")
    home = make_plan_case(la)
    place(home, None, date(2025, 6, 1), setting_code="EHE")
    found = placed.waiting(la, TODAY)
    assert [(w.case_id, w.code, w.days) for w in found] == [
        (second.case_id, "NIEC", 274),
        (first.case_id, "NIEO", 121),
    ]
    assert placed.waiting(make_la(), TODAY) == []


def test_it_records_and_changes_a_project_and_its_phases(la, manager) -> None:
    wanted = Project(
        name="Bay Primary specialist base",
        provision="specialist_base",
        places_planned=16,
        funding_source="hnpca",
        opens_on=date(2026, 9, 1),
        needs=("ASD", "SLCN"),
        cost=Decimal(850000),
    )
    project = record_project(la=la, project=wanted, by=manager, today=TODAY)
    assert project.needs == ["ASD", "SLCN"] and project.places_to_come == 0  # proposed
    changed = change_project(
        project=project,
        changes=Project(**{**wanted.__dict__, "status": "approved", "places_planned": 20}),
        by=manager,
    )
    assert changed.places_to_come == 20
    phase = record_phase(
        project=project,
        phase=Phase("Design", date(2025, 10, 1), date(2026, 1, 31)),
        by=manager,
        today=TODAY,
    )
    change_phase(
        phase=phase,
        changes=Phase("Design", date(2025, 10, 1), date(2026, 1, 31), date(2025, 10, 6),
                      date(2026, 2, 6), "done"),
        by=manager,
        today=TODAY,
    )  # fmt: skip
    assert CapitalPhase.objects.get().status == "done"
    summaries = list(AuditEntry.objects.order_by("pk").values_list("summary", flat=True))
    assert summaries[1] == f"capital project {project.pk} changed: places_planned status"
    assert len(summaries) == 4


def test_it_refuses_a_project_that_does_not_add_up(la, manager) -> None:
    base = Project("X", "special", 10, "hnpca", date(2026, 9, 1))
    for changes, field in (
        ({"places_delivered": 11}, "places_delivered"),
        ({"needs": ("ASD", "NOPE")}, "needs"),
        ({"name": " "}, "name"),
        ({"opens_on": None}, "opens_on"),
        ({"setting": special_school(make_la())}, "setting"),
    ):
        with pytest.raises(ActionError) as refused:
            record_project(la=la, project=Project(**{**base.__dict__, **changes}), by=manager)
        assert refused.value.field == field
    record_project(la=la, project=base, by=manager)
    with pytest.raises(ActionError) as refused:
        record_project(la=la, project=base, by=manager)
    assert refused.value.field == "name"
    with pytest.raises(ActionError):
        record_project(la=la, project=base, by=make_user("board_member", la))
    assert CapitalProject.objects.count() == 1


def test_a_phase_done_needs_its_end_and_no_date_in_the_future(la, manager) -> None:
    project = make_project(la, manager)
    for phase, field in (
        (Phase("Build", date(2026, 4, 1), date(2026, 3, 1)), "planned_end"),
        (Phase("Build", date(2026, 1, 1), date(2026, 3, 1), status="done"), "actual_end"),
        (Phase("Build", date(2026, 1, 1), date(2026, 3, 1), date(2026, 4, 1)), "actual_start"),
    ):
        with pytest.raises(ActionError) as refused:
            record_phase(project=project, phase=phase, by=manager, today=TODAY)
        assert refused.value.field == field


def test_demand_against_capacity_counts_places_and_the_pipeline_by_september(la, manager):
    school = special_school(la)
    make_places(school, manager, 30, year=2025)
    make_places(make_setting(la), manager, 10, year=2025, provision="specialist_base")
    make_project(la, manager, places_planned=20, places_delivered=5, opens_on=date(2026, 9, 1))
    make_project(la, manager, places_planned=50, status="proposed", opens_on=date(2026, 9, 1))
    demand = {
        2026: {"special": (32.0, 28.0, 37.0), "specialist_base": (12.0, 9.0, 15.0)},
        2027: {"special": (35.0, 30.0, 41.0), "specialist_base": (14.0, 10.0, 19.0)},
    }
    shown = {(g.year, g.provision): (g.places, g.pipeline, g.shortfall, g.shortfall_high)
             for g in capacity.gaps(la, demand)}  # fmt: skip
    assert shown == {
        (2026, "special"): (30, 0, 2.0, 7.0),
        (2026, "specialist_base"): (10, 0, 2.0, 5.0),
        (2027, "special"): (30, 0, 5.0, 11.0),
        (2027, "specialist_base"): (10, 15, -11.0, -6.0),
    }


def test_a_scenarios_places_count_area_wide_and_as_a_new_setting_by_locality(la, manager):
    make_places(special_school(la, locality="Northshore"), manager, 30, year=2026)
    make_project(la, manager, provision="special", places_planned=6, opens_on=date(2027, 9, 1))
    adds = Scenario("own", "Two new bases", (), (Capacity("special", 20, 2028),))
    demand = {2027: {"special": (32.0, 28.0, 37.0)}, 2028: {"special": (40.0, 35.0, 46.0)}}
    shown = {(g.year, g.provision): (g.places, g.pipeline, g.scenario, g.shortfall)
             for g in capacity.gaps(la, demand, adds)}  # fmt: skip
    assert shown == {(2027, "special"): (30, 0, 0, 2.0), (2028, "special"): (30, 6, 20, -16.0)}
    north = {year: {("Northshore", kind): n for kind, n in by.items()}
             for year, by in demand.items()}  # fmt: skip
    local = capacity.gaps_by_locality(la, north, adds)
    assert [(g.locality, g.year, g.places, g.pipeline, g.scenario, g.shortfall) for g in local] == [
        ("Northshore", 2027, 30, 0, 0, 2.0),
        ("Northshore", 2028, 30, 0, 0, 10.0),
        (localities.NEW_SETTING, 2028, 0, 6, 20, -26.0),  # a new school's and the scenario's
    ]
    # The localities' capacity adds up to the area's.
    assert sum(g.capacity for g in local if g.year == 2028) == 30 + 6 + 20
