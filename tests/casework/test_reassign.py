"""reassign_cases: a manager moves many cases in one go, all or none, audited per case."""

from __future__ import annotations

import pytest

from senda.audit.models import AuditEntry
from senda.casework.actions import reassign_cases
from senda.casework.models import Case
from senda.kernel import ActionError
from tests.factories import make_case, make_user


@pytest.fixture
def team(personas):
    """Three open cases held by the personas' case officer, and a second officer."""
    cases = [
        personas.case,
        *(make_case(la=personas.la, officer=personas.case_officer) for _ in "ab"),
    ]
    return cases, make_user("case_officer", personas.la)


def officers_of(cases):
    return {c.officer_id for c in Case.objects.filter(pk__in=[c.pk for c in cases])}


@pytest.mark.parametrize("manager", ["team_manager", "service_manager"])
def test_it_moves_every_case_and_audits_each(personas, team, manager):
    cases, receiver = team
    by = getattr(personas, manager)
    moved = reassign_cases(cases=cases, officer=receiver, by=by)
    assert [c.pk for c in moved] == sorted(c.pk for c in cases)
    assert officers_of(cases) == {receiver.pk}
    entries = AuditEntry.objects.filter(verb="write", object_type="casework.Case")
    assert sorted((e.object_id, e.user_id, e.la_id) for e in entries) == sorted(
        (str(c.pk), by.pk, personas.la.pk) for c in cases
    )
    assert {e.summary for e in entries} == {
        f"case {c.pk}: officer {personas.case_officer.pk} -> {receiver.pk}" for c in cases
    }
    assert {e.child_id for e in entries} == {c.child_id for c in cases}


def test_it_allocates_unallocated_cases(personas, team):
    _, receiver = team
    loose = make_case(la=personas.la)
    reassign_cases(cases=[loose], officer=receiver, by=personas.team_manager)
    loose.refresh_from_db()
    assert loose.officer == receiver
    assert AuditEntry.objects.get().summary == f"case {loose.pk}: officer None -> {receiver.pk}"


def assert_nothing_written(cases, holder):
    assert officers_of(cases) == {holder.pk}
    assert not AuditEntry.objects.exists()


def test_it_moves_nothing_when_one_case_is_closed(personas, team):
    cases, receiver = team
    Case.objects.filter(pk=cases[1].pk).update(status=Case.Status.CLOSED)
    with pytest.raises(ActionError) as error:
        reassign_cases(cases=cases, officer=receiver, by=personas.team_manager)
    assert error.value.field == "cases"
    assert f"Case {cases[1].pk} is closed" in error.value.message
    assert_nothing_written(cases, personas.case_officer)


def test_it_moves_nothing_when_one_case_is_another_areas(personas, team):
    cases, receiver = team
    foreign = make_case(la=personas.other_la, officer=personas.other_la_officer)
    with pytest.raises(ActionError) as error:
        reassign_cases(cases=[*cases, foreign], officer=receiver, by=personas.team_manager)
    assert error.value.field == "cases"
    assert_nothing_written(cases, personas.case_officer)
    foreign.refresh_from_db()
    assert foreign.officer == personas.other_la_officer


@pytest.mark.parametrize("role", ["case_officer", "qa_auditor", "board_member", "senco", "parent"])
def test_it_refuses_anyone_but_a_manager(personas, team, role):
    cases, receiver = team
    with pytest.raises(ActionError) as error:
        reassign_cases(cases=cases, officer=receiver, by=getattr(personas, role))
    assert error.value.field == "__all__"
    assert_nothing_written(cases, personas.case_officer)


def test_it_refuses_a_manager_of_another_area(personas, team):
    cases, receiver = team
    other_manager = make_user("team_manager", personas.other_la)
    with pytest.raises(ActionError):
        reassign_cases(cases=cases, officer=receiver, by=other_manager)
    assert_nothing_written(cases, personas.case_officer)


@pytest.mark.parametrize("receiver", ["other_la_officer", "qa_auditor", "senco", "board_member"])
def test_it_refuses_a_receiver_who_cannot_hold_the_areas_cases(personas, team, receiver):
    cases, _ = team
    with pytest.raises(ActionError) as error:
        reassign_cases(cases=cases, officer=getattr(personas, receiver), by=personas.team_manager)
    assert error.value.field == "officer"
    assert_nothing_written(cases, personas.case_officer)


def test_it_refuses_to_move_cases_to_who_holds_them(personas, team):
    cases, _ = team
    with pytest.raises(ActionError) as error:
        reassign_cases(cases=cases, officer=personas.case_officer, by=personas.team_manager)
    assert error.value.field == "officer"
    assert_nothing_written(cases, personas.case_officer)


def test_it_refuses_an_empty_selection(personas, team):
    _, receiver = team
    with pytest.raises(ActionError) as error:
        reassign_cases(cases=[], officer=receiver, by=personas.team_manager)
    assert error.value.field == "cases"


def test_it_may_give_cases_to_a_team_manager(personas, team):
    cases, _ = team
    reassign_cases(cases=cases, officer=personas.team_manager, by=personas.service_manager)
    assert officers_of(cases) == {personas.team_manager.pk}


def test_it_writes_in_a_fixed_number_of_reads(personas, team, django_assert_max_num_queries):
    cases, receiver = team
    more = [make_case(la=personas.la, officer=personas.case_officer) for _ in range(10)]
    # savepoint and release; reads: manager, cases, receiver; one update; an audit row each
    with django_assert_max_num_queries(6 + len(cases) + len(more)):
        reassign_cases(cases=[*cases, *more], officer=receiver, by=personas.team_manager)
