"""Case lists in the database: ``Case.objects`` (``CaseQuerySet``) narrows, annotates and
sorts the cases of My caseload, the case list and its CSV export; and what one case says."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework.caseloads import case_holders
from senda.casework.models import Case, Plan
from senda.casework.models.cases import DUE_SOON_DAYS, ORDERINGS, in_year_group
from senda.web.filters import SORTS
from tests.factories import make_case, make_child, make_la, make_setting, make_user

TODAY = date(2026, 3, 2)


def ids(cases) -> list[int]:
    return [case.pk for case in cases]


def test_it_annotates_the_next_deadlines_status_from_its_due_date(db):
    la = make_la()
    overdue = make_case(la=la, next_due=date(2026, 3, 1))
    today = make_case(la=la, next_due=TODAY)
    soon = make_case(la=la, next_due=date(2026, 3, 2 + DUE_SOON_DAYS))
    later = make_case(la=la, next_due=date(2026, 3, 3 + DUE_SOON_DAYS))
    none = make_case(la=la)
    found = {c.pk: (c.next_status, c.status_rank) for c in Case.objects.with_next_deadline(TODAY)}
    assert found == {
        overdue.pk: ("overdue", 0),
        today.pk: ("due-soon", 1),
        soon.pk: ("due-soon", 1),
        later.pk: ("on-track", 2),
        none.pk: ("none", 3),
    }


def test_it_keeps_open_cases_of_one_area(db):
    la = make_la()
    mine = make_case(la=la)
    make_case(la=la, status=Case.Status.CLOSED)
    make_case(la=make_la())
    assert ids(Case.objects.for_area(la).open()) == [mine.pk]
    assert ids(Case.objects.for_area(la.pk).open()) == [mine.pk]


def test_it_filters_by_each_value_given_and_ignores_the_others(db):
    la = make_la()
    officer = make_user("case_officer", la)
    secondary = make_setting(la, phase="secondary")
    child = make_child(la, setting=secondary, primary_need="SEMH", date_of_birth=date(2013, 1, 1))
    wanted = make_case(child, officer=officer, stage="plan", next_due=date(2026, 2, 1))
    make_case(la=la, officer=officer, stage="plan", next_due=date(2026, 2, 1))
    make_case(la=la, stage="plan", next_due=date(2026, 2, 1))
    cases = Case.objects.with_next_deadline(TODAY)
    chosen = {
        "officer": officer,
        "stage": "plan",
        "status": "overdue",
        "setting": secondary,
        "phase": "secondary",
        "need": "SEMH",
        "year": "8",
    }
    assert ids(cases.filtered(today=TODAY, **chosen)) == [wanted.pk]
    assert len(cases.filtered(today=TODAY)) == 3
    assert len(cases.filtered(today=TODAY, officer=officer, need=None)) == 2


@pytest.mark.parametrize(
    ("year", "born", "listed"),
    [
        ("0", date(2020, 9, 1), True),
        ("0", date(2021, 8, 31), True),
        ("0", date(2020, 8, 31), False),
        ("early", date(2021, 9, 1), True),
        ("early", date(2021, 8, 31), False),
        ("13", date(2007, 9, 1), True),
        ("post19", date(2007, 8, 31), True),
        ("post19", date(2007, 9, 1), False),
    ],
)
def test_it_finds_children_by_year_group_today(db, year, born, listed):
    case = make_case(make_child(make_la(), date_of_birth=born))
    found = Case.objects.filter(in_year_group(year, TODAY))
    assert (case in found) is listed


def test_it_sorts_by_next_due_first_with_no_deadline_last(db):
    la = make_la()
    none = make_case(la=la)
    later = make_case(la=la, next_due=date(2026, 5, 1))
    sooner = make_case(la=la, next_due=date(2026, 4, 1))
    cases = Case.objects.with_next_deadline(TODAY)
    assert ids(cases.sorted_by(None)) == [sooner.pk, later.pk, none.pk]
    assert ids(cases.filtered(today=TODAY)) == [sooner.pk, later.pk, none.pk]
    assert ids(cases.filtered(today=TODAY, sort="status")) == ids(cases.sorted_by("status"))


def test_it_sorts_by_child_and_by_status(db):
    la = make_la()
    b = make_case(make_child(la, family_name="Brown"), next_due=date(2026, 2, 1))
    a = make_case(make_child(la, family_name="Adams"), next_due=date(2026, 6, 1))
    c = make_case(make_child(la, family_name="Clark"), next_due=date(2026, 3, 5))
    cases = Case.objects.with_next_deadline(TODAY)
    assert ids(cases.sorted_by("child")) == [a.pk, b.pk, c.pk]
    assert ids(cases.sorted_by("status")) == [b.pk, c.pk, a.pk]


def test_every_sort_the_form_offers_is_one_the_queryset_knows():
    assert SORTS.keys() == ORDERINGS.keys()


def test_it_lists_the_areas_active_case_holders_by_name(db):
    la = make_la()
    zed = make_user("case_officer", la, last_name="Zed")
    abel = make_user("team_manager", la, last_name="Abel")
    make_user("case_officer", la, last_name="Gone", is_active=False)
    make_user("service_manager", la)
    make_user("case_officer", make_la())
    assert list(case_holders(la)) == [abel, zed]


def test_a_case_has_a_live_plan_until_every_plan_has_ceased(db):
    case = make_case()
    assert not case.has_live_plan()
    plan = Plan.objects.create(case=case, issued_on=date(2025, 5, 1))
    assert case.has_live_plan()
    plan.ceased_on = date(2026, 1, 5)
    plan.save()
    assert not case.has_live_plan()
