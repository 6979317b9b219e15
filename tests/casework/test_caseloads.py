"""Caseloads per officer against target, and the suggestion of who has room."""

from __future__ import annotations

from datetime import date

from senda.casework.caseloads import (
    OfficerLoad,
    caseload_by_officer,
    suggest_receiver,
    team_caseloads,
    team_totals,
)
from senda.casework.models import Case, DeadlineRow
from senda.people.models import Membership
from tests.factories import make_case, make_la, make_user

TODAY = date(2026, 3, 2)


def add_row(case, rule="final-plan", due=date(2026, 2, 1), done=None, status="overdue"):
    return DeadlineRow.objects.create(
        case=case, rule=rule, due=due, done=done, status=status, citation="reg", evaluated_for=TODAY
    )


def load_of(loads, user) -> OfficerLoad:
    return next(load for load in loads if load.officer_id == user.pk)


def test_it_counts_open_cases_and_overdue_work_per_officer(db):
    la = make_la(caseload_target=3)
    busy = make_user("case_officer", la, first_name="Bea", last_name="Busy")
    cases = [make_case(la=la, officer=busy) for _ in range(4)]
    make_case(la=la, officer=busy, status=Case.Status.CLOSED)
    add_row(cases[0])  # overdue
    add_row(cases[0], rule="annual-review")  # overdue review
    add_row(cases[1], rule="transfer-in-review", status="pending")  # went overdue since
    add_row(cases[1], due=date(2026, 3, 2), status="pending")  # due today: not overdue
    add_row(cases[2], done=date(2026, 2, 3), status="late")  # done
    add_row(cases[2], status="excepted")  # not work
    closed = Case.objects.get(officer=busy, status=Case.Status.CLOSED)
    add_row(closed)  # a closed case's overdue row is not counted
    loads = caseload_by_officer(la, today=TODAY)
    assert loads == [OfficerLoad(busy.pk, "Bea Busy", 4, 3, 3, 2)]
    assert (loads[0].difference, loads[0].headroom, loads[0].at_target) == (1, -1, False)


def test_it_lists_officers_with_no_cases_and_only_the_areas_case_officers(db):
    la = make_la()
    idle = make_user("case_officer", la)
    make_user("team_manager", la)
    make_user("case_officer", make_la())
    make_case(la=la)  # unallocated
    loads = caseload_by_officer(la, today=TODAY)
    assert [(x.officer_id, x.open_cases, x.overdue_deadlines) for x in loads] == [(idle.pk, 0, 0)]


def test_it_uses_the_officers_own_target_over_the_areas(db):
    la = make_la(caseload_target=150)
    full_time = make_user("case_officer", la)
    part_time = make_user("case_officer", la)
    Membership.objects.filter(user=part_time).update(caseload_target=90)
    loads = caseload_by_officer(la, today=TODAY)
    assert load_of(loads, full_time).target == 150
    assert load_of(loads, part_time).target == 90


def test_it_counts_officers_at_or_under_target_as_at_target(db):
    la = make_la(caseload_target=2)
    at, under, over = (make_user("case_officer", la) for _ in range(3))
    for officer, n in ((at, 2), (under, 1), (over, 3)):
        for _ in range(n):
            make_case(la=la, officer=officer)
    totals = team_totals(caseload_by_officer(la, today=TODAY))
    assert (totals.officers, totals.open_cases, totals.target, totals.at_target) == (3, 6, 6, 2)
    assert totals.share_at_target == 2 / 3


def test_it_has_no_share_without_officers(db):
    assert team_totals(caseload_by_officer(make_la(), today=TODAY)).share_at_target is None


def test_it_asks_one_query_however_many_officers(db, django_assert_num_queries):
    la = make_la()
    for _ in range(6):
        officer = make_user("case_officer", la)
        add_row(make_case(la=la, officer=officer))
    with django_assert_num_queries(1):
        loads = caseload_by_officer(la, today=TODAY)
    assert len(loads) == 6


def test_it_counts_open_unallocated_and_otherwise_held_cases(db):
    la = make_la()
    officer = make_user("case_officer", la)
    make_case(la=la, officer=officer)
    make_case(la=la, officer=make_user("team_manager", la))
    make_case(la=la)
    make_case(la=la, status=Case.Status.CLOSED)
    make_case(la=make_la())
    team = team_caseloads(la, today=TODAY)
    assert (team.open_cases, team.unallocated, team.held_by_others) == (3, 1, 1)


def officer(i, open_cases, target=10, overdue=0, reviews=0, name=None):
    return OfficerLoad(i, name or f"Officer {i}", open_cases, target, overdue, reviews)


def test_it_suggests_the_officer_with_most_room():
    loads = [officer(1, 9), officer(2, 4), officer(3, 6, target=12)]
    suggestion = suggest_receiver(loads, moving=2)
    assert suggestion.officer.officer_id == 2
    assert suggestion.reason == (
        "Suggested: Officer 2 has the most room: 6 under their target of 10,"
        " with 0 overdue deadlines. Taking 2 cases brings them to 6."
    )


def test_it_breaks_ties_by_fewest_overdue_then_reviews_then_name():
    loads = [
        officer(1, 5, overdue=3),
        officer(2, 5, overdue=1, reviews=2),
        officer(3, 5, overdue=1),
    ]
    assert suggest_receiver(loads).officer.officer_id == 3
    named = [officer(1, 5, name="Zoe"), officer(2, 5, name="amy")]
    assert suggest_receiver(named).officer.officer_id == 2


def test_it_never_suggests_the_officer_the_cases_come_from():
    loads = [officer(1, 0), officer(2, 8)]
    assert suggest_receiver(loads, exclude=1).officer.officer_id == 2
    assert suggest_receiver([officer(1, 0)], exclude=1) is None
    assert suggest_receiver([]) is None


def test_it_says_when_nobody_is_under_target():
    suggestion = suggest_receiver([officer(1, 12, overdue=1), officer(2, 14)])
    assert suggestion.officer.officer_id == 1
    assert suggestion.reason == (
        "Suggested: Officer 1 is the least over target: 2 over their target of 10,"
        " with 1 overdue deadline."
    )
    assert "exactly at" in suggest_receiver([officer(1, 10)]).reason
