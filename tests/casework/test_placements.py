"""Placements, the settings a plan names and the plan's SEN2 flags: recorded by casework
staff of the case's area only, checked, audited, corrected by superseding, never deleted."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework.actions.placements import (
    Where,
    correct_placement,
    end_placement,
    name_settings,
    record_placement,
    set_plan_flags,
)
from senda.casework.models import NamedSetting, Placement, Plan
from senda.kernel import ActionError
from tests.casework.flows import with_plan
from tests.factories import make_la, make_setting, make_user

TODAY = date(2026, 3, 20)
SEPT = date(2025, 9, 3)


def place(personas, *, by=None, where=None, rank=1, entered_on=SEPT, **more) -> Placement:
    return record_placement(
        case=personas.case,
        where=where or Where(setting=personas.setting),
        rank=rank,
        entered_on=entered_on,
        by=by or personas.case_officer,
        today=TODAY,
        **more,
    )


def refusal(call, field: str) -> str:
    with pytest.raises(ActionError) as caught:
        call()
    assert caught.value.field == field, caught.value.message
    return caught.value.message


@pytest.fixture
def plan(personas) -> Plan:
    return with_plan(personas.case, personas.case_officer).plans.get()


def test_it_records_a_placement_and_audits_it(personas) -> None:
    placement = place(personas, residential="b", work_based=True)
    placement.refresh_from_db()
    assert (placement.setting, placement.setting_code, placement.rank) == (personas.setting, "", 1)
    assert (placement.entered_on, placement.left_on, placement.recorded_on) == (SEPT, None, TODAY)
    assert (placement.residential, placement.work_based) == ("B", True)
    entry = AuditEntry.objects.get(summary__contains=f"placement {placement.pk} recorded")
    assert entry.verb == "write" and entry.child_id == personas.child.pk


def test_it_records_a_code_with_its_other_text(personas) -> None:
    where = Where(code="oth", other="  Hospital   school ", sen_unit=True)
    placement = place(personas, where=where)
    assert (placement.setting_id, placement.setting_code) == (None, "OTH")
    assert (placement.setting_other, placement.sen_unit) == ("Hospital school", True)


@pytest.mark.parametrize(
    ("where", "field"),
    [
        (Where(), "setting"),
        (Where(code="OLA", setting="x"), "setting_code"),  # both
        (Where(code="ZZZ"), "setting_code"),
        (Where(code="OTH"), "setting_other"),
        (Where(code="OTH", other="   "), "setting_other"),
        (Where(code="OLA", other="Tuition"), "setting_other"),
        (Where(code="OTH", other="x" * 101), "setting_other"),
        (Where(code="=cmd|' /C calc'!A0" * 3), "setting_code"),
    ],
)
def test_it_refuses_a_bad_where(personas, where, field) -> None:
    if where.setting == "x":
        where = Where(setting=personas.setting, code=where.code)
    refusal(lambda: place(personas, where=where), field)
    assert not Placement.objects.exists()


def test_it_refuses_another_areas_setting(personas) -> None:
    elsewhere = make_setting(make_la())
    refusal(lambda: place(personas, where=Where(setting=elsewhere)), "setting")


@pytest.mark.parametrize("rank", [0, -1, 10, 2**63, True, "1"])
def test_it_refuses_a_rank_out_of_range(personas, rank) -> None:
    refusal(lambda: place(personas, rank=rank), "rank")


@pytest.mark.parametrize(
    ("more", "field"),
    [
        ({"entered_on": date(2026, 3, 21)}, "entered_on"),  # tomorrow
        ({"entered_on": date(1, 1, 1)}, "entered_on"),  # before the child was born
        ({"entered_on": None}, "entered_on"),
        ({"left_on": date(2026, 3, 21)}, "left_on"),
        ({"left_on": date(2025, 9, 2)}, "left_on"),  # before the start
    ],
)
def test_it_refuses_bad_dates(personas, more, field) -> None:
    arguments = {"entered_on": SEPT} | more
    refusal(lambda: place(personas, **arguments), field)


def test_a_leaving_day_may_be_the_start_day(personas) -> None:
    place(personas, entered_on=SEPT, left_on=SEPT)
    assert Placement.objects.get().left_on == SEPT


def test_one_current_placement_a_rank_at_a_time(personas) -> None:
    first = place(personas, entered_on=date(2024, 9, 4), left_on=date(2025, 7, 22))
    place(personas, entered_on=date(2025, 7, 22))  # the day the first ended: no overlap
    message = refusal(lambda: place(personas, entered_on=date(2025, 1, 6)), "rank")
    assert "ranked 1" in message
    refusal(lambda: place(personas, entered_on=date(2023, 1, 1)), "rank")  # open: to now
    place(personas, rank=2, entered_on=date(2025, 1, 6))  # a dual placement
    correct_placement(
        placement=first,
        where=Where(code="EHE"),
        rank=3,
        entered_on=date(2024, 9, 4),
        left_on=date(2025, 7, 22),
        by=personas.case_officer,
        today=TODAY,
    )
    place(personas, entered_on=date(2024, 9, 4), left_on=date(2025, 7, 1))  # rank 1 freed


def test_it_ends_a_placement(personas) -> None:
    placement = place(personas)
    end_placement(placement=placement, left_on=TODAY, by=personas.team_manager, today=TODAY)
    placement.refresh_from_db()
    assert placement.left_on == TODAY and placement.superseded_on is None
    assert AuditEntry.objects.filter(summary__contains=f"placement {placement.pk} ended").exists()
    later = lambda: end_placement(  # noqa: E731
        placement=placement, left_on=TODAY, by=personas.case_officer, today=TODAY
    )
    refusal(later, "left_on")  # ended already: correct it instead


@pytest.mark.parametrize(
    "left_on", [date(2025, 9, 2), date(2026, 3, 21), None, date(1, 1, 1), date(9999, 12, 31)]
)
def test_it_refuses_a_bad_leaving_date(personas, left_on) -> None:
    placement = place(personas)
    end = lambda: end_placement(  # noqa: E731
        placement=placement, left_on=left_on, by=personas.case_officer, today=TODAY
    )
    refusal(end, "left_on")
    placement.refresh_from_db()
    assert placement.left_on is None


def test_a_correction_supersedes_and_keeps_the_old(personas) -> None:
    old = place(personas)
    new = correct_placement(
        placement=old,
        where=Where(code="OTH", other="=cmd|' /C calc'!A0"),
        rank=1,
        entered_on=date(2025, 9, 4),
        left_on=None,
        by=personas.service_manager,
        today=TODAY,
    )
    old.refresh_from_db()
    assert old.superseded_on == TODAY and old.setting == personas.setting
    assert (new.setting_code, new.setting_other, new.entered_on) == (
        "OTH",
        "=cmd|' /C calc'!A0",  # kept as typed: exports neutralise formulas
        date(2025, 9, 4),
    )
    assert list(Placement.objects.current()) == [new]
    assert Placement.objects.count() == 2
    assert AuditEntry.objects.filter(summary__contains=f"corrects placement {old.pk}").exists()
    again = lambda: correct_placement(  # noqa: E731
        placement=old,
        where=Where(code="EHE"),
        rank=1,
        entered_on=SEPT,
        by=personas.case_officer,
        today=TODAY,
    )
    refusal(again, "__all__")  # correct the newest


def test_a_correction_must_change_something(personas) -> None:
    old = place(personas, residential="A")
    same = lambda: correct_placement(  # noqa: E731
        placement=old,
        where=Where(setting=personas.setting),
        rank=1,
        entered_on=SEPT,
        residential="a",
        by=personas.case_officer,
        today=TODAY,
    )
    refusal(same, "__all__")
    assert Placement.objects.count() == 1


@pytest.mark.parametrize("who", ["qa_auditor", "senco", "parent", "board_member", "advice_giver"])
def test_only_casework_staff_record_placements(personas, who) -> None:
    refusal(lambda: place(personas, by=getattr(personas, who)), "__all__")
    assert not Placement.objects.exists()


def test_staff_of_another_area_cannot_touch_a_placement(personas, plan) -> None:
    placement = place(personas)
    outsider = personas.other_la_officer
    refusal(lambda: place(personas, by=outsider), "__all__")
    refusal(
        lambda: end_placement(placement=placement, left_on=TODAY, by=outsider, today=TODAY),
        "__all__",
    )
    refusal(lambda: name_settings(plan=plan, settings=[Where(code="EHE")], by=outsider), "__all__")
    flags = {
        "residential": "",
        "work_based": True,
        "personal_budget": None,
        "organised_arrangements": None,
        "direct_payments": None,
    }
    refusal(lambda: set_plan_flags(plan=plan, by=outsider, **flags), "__all__")
    assert Placement.objects.get().left_on is None
    assert not NamedSetting.objects.exists()


def test_it_names_settings_in_rank_order_and_supersedes(personas, plan) -> None:
    second = make_setting(personas.la, name="Second School")
    by = personas.case_officer
    name_settings(plan=plan, settings=[Where(setting=personas.setting)], by=by, today=SEPT)
    written = name_settings(
        plan=plan,
        settings=[Where(setting=second, resourced_provision=True), Where(code="EYP")],
        by=by,
        today=TODAY,
    )
    assert [(n.rank, n.setting, n.setting_code) for n in written] == [
        (1, second, ""),
        (2, None, "EYP"),
    ]
    assert written[0].resourced_provision is True
    old = NamedSetting.objects.get(superseded_on=TODAY)
    assert old.setting == personas.setting and old.recorded_on == SEPT
    assert AuditEntry.objects.filter(summary__contains=f"plan {plan.pk} names 2 settings").exists()
    name_settings(plan=plan, settings=[], by=by, today=TODAY)  # none: cleared, kept
    assert not plan.named_settings.filter(superseded_on__isnull=True).exists()
    assert NamedSetting.objects.count() == 3


def test_it_refuses_bad_named_settings(personas, plan) -> None:
    by = personas.case_officer
    twice = [Where(code="EHE"), Where(code="EHE")]
    refusal(lambda: name_settings(plan=plan, settings=twice, by=by), "settings")
    many = [Where(code="OTH", other=str(n)) for n in range(10)]
    refusal(lambda: name_settings(plan=plan, settings=many, by=by), "settings")
    bad = [Where(code="EHE"), Where(code="OTH")]
    refusal(lambda: name_settings(plan=plan, settings=bad, by=by), "named2_setting_other")
    assert not NamedSetting.objects.exists()


def test_it_sets_the_plans_flags(personas, plan) -> None:
    set_plan_flags(
        plan=plan,
        residential="a",
        work_based=False,
        personal_budget=True,
        organised_arrangements=True,
        direct_payments=None,
        by=personas.case_officer,
        today=TODAY,
    )
    plan.refresh_from_db()
    assert (plan.residential, plan.work_based, plan.personal_budget) == ("A", False, True)
    assert (plan.organised_arrangements, plan.direct_payments) == (True, None)
    entry = AuditEntry.objects.get(summary__contains=f"plan {plan.pk} SEN2 flags set")
    assert "personal_budget" in entry.summary


@pytest.mark.parametrize(
    ("flags", "field"),
    [
        ({"residential": "C"}, "residential"),
        ({"residential": "=1+1"}, "residential"),
        ({"work_based": "yes"}, "work_based"),
        ({"direct_payments": True}, "direct_payments"),  # without a personal budget
        ({"personal_budget": False, "organised_arrangements": True}, "organised_arrangements"),
        ({}, "__all__"),  # nothing changed
    ],
)
def test_it_refuses_bad_flags(personas, plan, flags, field) -> None:
    arguments = {
        "residential": "",
        "work_based": None,
        "personal_budget": None,
        "organised_arrangements": None,
        "direct_payments": None,
    } | flags
    refusal(lambda: set_plan_flags(plan=plan, by=personas.case_officer, **arguments), field)


def test_a_new_officer_of_the_area_may_record(personas) -> None:
    officer = make_user("case_officer", personas.la)
    assert place(personas, by=officer).pk


def test_a_closed_cases_placements_can_still_be_recorded(personas) -> None:
    type(personas.case).objects.filter(pk=personas.case.pk).update(status="closed")
    personas.case.refresh_from_db()
    assert not personas.case.is_open
    assert place(personas, left_on=date(2026, 1, 9)).left_on == date(2026, 1, 9)
