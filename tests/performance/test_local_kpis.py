"""KPIs the partnership defines itself (``senda.performance.local_kpis``), looked up with the
catalogue's through one lookup (``senda.performance.kpis``): added without a release,
recorded termly, shown on the board with a status, and named by an improvement action."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from senda.audit.models import AuditEntry
from senda.improvement import edits
from senda.improvement import queries as q
from senda.kernel import ActionError
from senda.performance import board, catalogue, kpi_figures, kpis, local_kpis, recorded
from senda.performance.models import LocalKpi, LocalKpiVersion
from senda.performance.periods import parse
from tests.factories import make_action, make_area, make_plan, make_user

TODAY = date(2027, 1, 20)  # in Q4 2026-27 and the spring term 2027
AUTUMN = parse("2026-27-autumn")

ATTENDANCE = local_kpis.Definition(
    name="Attendance of children with EHC plans",
    definition="Sessions attended by pupils with an EHC plan in the area's schools.",
    numerator="Sessions attended",
    denominator="Possible sessions",
    unit="percent",
    higher_is_better=True,
    period="term",
    owner="Head of inclusion",
    data_source="School census attendance return",
    area="families",
)


@pytest.fixture(autouse=True)
def _today(today_is):
    today_is(TODAY)


def add(personas, definition=ATTENDANCE, **more):
    arguments = {
        "baseline_value": Decimal("88.0"),
        "baseline_on": date(2026, 7, 31),
        "target_value": Decimal("93.0"),
        "target_on": date(2028, 7, 31),
    }
    return local_kpis.add_local_kpi(
        by=personas.service_manager, la=personas.la, definition=definition, **{**arguments, **more}
    )


def test_no_catalogue_id_could_be_taken_for_a_local_one() -> None:
    assert not [kpi for kpi in catalogue.CATALOGUE if kpis.is_local(kpi)]


def test_a_service_manager_adds_a_termly_kpi_records_it_and_the_board_shows_its_status(
    personas,
) -> None:
    kpi = add(personas)
    assert kpi.kpi == "local-attendance-of-children-with-ehc-plans"
    entry = kpis.get(personas.la, kpi.kpi)
    assert (entry.local, entry.source, entry.period, entry.version) == (True, "recorded", "term", 1)
    assert entry.name == ATTENDANCE.name
    with pytest.raises(KeyError):
        kpis.get(personas.other_la, kpi.kpi)  # another area's KPI is not this area's

    recorded.record_value(
        user=personas.service_manager,
        la=personas.la,
        kpi_id=kpi.kpi,
        period=AUTUMN,
        value=None,
        numerator=9_100,
        denominator=10_000,
        evidence="Autumn census attendance return",
        today=TODAY,
    )

    q3 = parse("2026-27-q3")  # October to December: the autumn term's figure
    figure = kpi_figures.value(personas.la, kpi.kpi, q3)
    assert figure is not None and figure.value == Decimal("91.0")
    assert figure.as_of == date(2026, 12, 31)
    [group] = board.board(personas.la, q3, TODAY, kpi_ids=[kpi.kpi])
    assert group.area.id == "families"
    row = group.rows[0]
    assert row.this is not None and row.this.value == Decimal("91.0")
    assert row.status.status == "on-target"  # 91% is ahead of the line from 88% to 93%
    assert row.target == "93% by 31 Jul 2028"

    every = [r.entry.id for g in board.board(personas.la, q3, TODAY) for r in g.rows]
    assert kpi.kpi in every and "final-plan-20w" in every  # computed and local together
    assert kpi.kpi not in [
        r.entry.id for g in board.board(personas.other_la, q3, TODAY) for r in g.rows
    ]


def test_it_refuses_a_value_for_a_month_of_a_termly_kpi(personas) -> None:
    kpi = add(personas)
    with pytest.raises(ActionError) as caught:
        recorded.record_value(
            user=personas.service_manager,
            la=personas.la,
            kpi_id=kpi.kpi,
            period=parse("2026-10"),
            value="90",
            evidence="x",
            today=TODAY,
        )
    assert caught.value.field == "period"
    assert "recorded for a school term" in caught.value.message


def test_a_kpi_still_being_established_says_so(personas) -> None:
    kpi = add(
        personas,
        definition=replace(
            ATTENDANCE,
            name="Children's voice in plans",
            unit="number",
            period="year",
            numerator="",
            denominator="",
            establishing=True,
        ),
        baseline_value=None,
        baseline_on=None,
        target_value=None,
        target_on=None,
    )
    q4 = parse("2026-27-q4")
    [group] = board.board(personas.la, q4, TODAY, kpi_ids=[kpi.kpi])
    status = group.rows[0].status
    assert status.label == "Working to establish definition and baseline"
    assert status.reason == "Its definition and baseline are still being agreed."


def test_unless_establishing_a_baseline_and_target_are_needed(personas) -> None:
    with pytest.raises(ActionError) as caught:
        add(personas, target_value=None)
    assert caught.value.field == "target_value"
    assert not LocalKpi.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "name"),
        ({"unit": "furlongs"}, "unit"),
        ({"period": "fortnight"}, "period"),
        ({"area": "nowhere"}, "area"),
        ({"numerator": ""}, "numerator"),
        ({"owner": "x" * 121}, "owner"),
    ],
)
def test_it_refuses_a_definition_naming_the_field(personas, change, field) -> None:
    with pytest.raises(ActionError) as caught:
        add(personas, definition=replace(ATTENDANCE, **change))
    assert caught.value.field == field
    assert not LocalKpi.objects.exists()


@pytest.mark.parametrize(
    "persona", ["case_officer", "board_member", "qa_auditor", "other_la_officer"]
)
def test_only_those_who_record_kpi_values_may_add_one(personas, persona) -> None:
    with pytest.raises(ActionError):
        local_kpis.add_local_kpi(
            by=getattr(personas, persona), la=personas.la, definition=ATTENDANCE
        )
    assert not LocalKpi.objects.exists()


def test_a_team_manager_may_add_one(personas) -> None:
    kpi = local_kpis.add_local_kpi(
        by=personas.team_manager,
        la=personas.la,
        definition=replace(ATTENDANCE, establishing=True),
    )
    assert kpis.get(personas.la, kpi.kpi).establishing


def test_an_edit_is_a_new_version_and_the_old_one_is_kept(personas) -> None:
    kpi = add(personas)
    local_kpis.edit_local_kpi(
        by=personas.service_manager,
        la=personas.la,
        kpi_id=kpi.kpi,
        definition=replace(ATTENDANCE, owner="Virtual school head"),
        change="The virtual school owns attendance now.",
    )
    entry = kpis.get(personas.la, kpi.kpi)
    assert (entry.owner, entry.version) == ("Virtual school head", 2)
    versions = local_kpis.history(personas.la, kpi.kpi)
    assert [(v.number, v.owner) for v in versions] == [
        (2, "Virtual school head"),
        (1, "Head of inclusion"),
    ]
    assert LocalKpiVersion.objects.count() == 2
    summaries = list(
        AuditEntry.objects.filter(object_type="performance.LocalKpi").values_list(
            "summary", flat=True
        )
    )
    assert sorted(summaries) == sorted(
        [f"kpi {kpi.kpi}: added (version 1)", f"kpi {kpi.kpi}: version 2"]
    )


def test_once_recorded_its_period_and_unit_stay(personas) -> None:
    kpi = add(personas)
    recorded.record_value(
        user=personas.service_manager,
        la=personas.la,
        kpi_id=kpi.kpi,
        period=AUTUMN,
        value="91",
        evidence="Census",
        today=TODAY,
    )
    with pytest.raises(ActionError) as caught:
        local_kpis.edit_local_kpi(
            by=personas.service_manager,
            la=personas.la,
            kpi_id=kpi.kpi,
            definition=replace(ATTENDANCE, period="quarter"),
            change="Quarterly now",
        )
    assert caught.value.field == "period"
    assert LocalKpiVersion.objects.count() == 1


def test_two_kpis_with_one_name_get_two_ids(personas) -> None:
    first, second = add(personas), add(personas)
    assert second.kpi == f"{first.kpi}-2"


def test_an_improvement_action_names_a_local_kpi(personas) -> None:
    kpi = add(personas)
    action = make_action(make_area(make_plan(personas.la)))
    edits.edit_action(
        action=action, by=personas.team_manager, what="Raise attendance", kpi_ids=[kpi.kpi]
    )
    action.refresh_from_db()
    assert action.kpi_ids == [kpi.kpi]
    status = q.kpi_status([kpi.kpi], personas.la.pk, TODAY)
    assert status == {kpi.kpi: "no-data"}  # nothing recorded for Q4 (the spring term) yet
    [ref] = q.kpi_refs([kpi.kpi], status, personas.la.pk)
    assert ref.title == ATTENDANCE.name


def test_another_areas_local_kpi_cannot_be_named(personas) -> None:
    kpi = add(personas)
    action = make_action(make_area(make_plan(personas.other_la)))
    manager = make_user("team_manager", personas.other_la)
    with pytest.raises(ActionError) as caught:
        edits.edit_action(action=action, by=manager, what="Borrow a KPI", kpi_ids=[kpi.kpi])
    assert caught.value.field == "kpi_ids"
    assert caught.value.message.startswith(f"{kpi.kpi} is not in the KPI catalogue")


def test_the_lookup_reads_local_kpis_in_one_query_and_the_catalogue_in_none(
    personas, django_assert_num_queries
) -> None:
    kpi = add(personas)
    with django_assert_num_queries(0):
        kpis.entries(personas.la, ["final-plan-20w", "neet"])
    with django_assert_num_queries(1):
        found = kpis.entries(personas.la, ["final-plan-20w", kpi.kpi])
    assert [e.id for e in found] == ["final-plan-20w", kpi.kpi]
    with pytest.raises(KeyError):
        kpis.entries(personas.la, ["local-nothing"])
