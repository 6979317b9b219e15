"""The questions asked of many actions, answered once in the database: an action's current
rating and its overdue milestones (``ActionQuerySet``, ``MilestoneQuerySet``)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.improvement.models import Action, Milestone, Rating
from tests.factories import make_action, make_area, make_la, make_milestone, make_plan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 4)


def rate(action, value, on):
    return Rating.objects.create(action=action, value=value, rated_on=on, rationale="Because")


@pytest.fixture
def area():
    return make_area(make_plan(make_la()))


def current(**on):
    return dict(Action.objects.with_current_rating(**on).values_list("reference", "current"))


def test_it_annotates_the_latest_rating_by_date_then_by_when_recorded(area):
    make_action(area, reference="1.1")
    rated = make_action(area, reference="1.2")
    rate(rated, "green", date(2026, 2, 1))
    rate(rated, "red", date(2026, 1, 1))  # recorded later, about an earlier day
    twice = make_action(area, reference="1.3")
    rate(twice, "amber", date(2026, 2, 1))
    rate(twice, "blue", date(2026, 2, 1))  # the same day, recorded later
    assert current() == {"1.1": None, "1.2": "green", "1.3": "blue"}


def test_it_annotates_the_rating_as_it_stood_on_a_day(area):
    rated = make_action(area, reference="1.1")
    rate(rated, "red", date(2026, 1, 1))
    rate(rated, "green", date(2026, 2, 1))
    assert current(on=date(2026, 1, 31)) == {"1.1": "red"}
    assert current(on=date(2025, 12, 31)) == {"1.1": None}


def test_the_first_of_an_actions_ratings_is_its_current_one(area):
    action = make_action(area)
    rate(action, "green", date(2026, 2, 1))
    rate(action, "red", date(2026, 1, 1))
    assert action.ratings.first().value == "green"
    assert Action.objects.with_current_rating().get().current == "green"


def test_a_milestone_is_overdue_when_due_before_the_day_and_not_done_by_then(area):
    action = make_action(area)
    late = make_milestone(action, title="late", due_on=date(2026, 3, 3))
    due_today = make_milestone(action, title="due today", due_on=TODAY)
    make_milestone(action, title="done", due_on=date(2026, 2, 1), done_on=date(2026, 3, 1))
    after = make_milestone(action, title="done after", due_on=date(2026, 2, 1), done_on=TODAY)
    make_milestone(action, title="no date", due_on=None)
    found = Milestone.objects.overdue_on(date(2026, 3, 4)).order_by("id")
    assert list(found) == [late]
    tomorrow = Milestone.objects.overdue_on(date(2026, 3, 5)).order_by("id")
    assert list(tomorrow) == [late, due_today]
    assert after in Milestone.objects.overdue_on(date(2026, 3, 2))


def test_it_counts_each_actions_overdue_milestones_leaving_out_withdrawn_ones(area):
    busy, idle = make_action(area, reference="1.1"), make_action(area, reference="1.2")
    make_milestone(busy, due_on=date(2026, 1, 1))
    make_milestone(busy, due_on=date(2026, 2, 1))
    make_milestone(busy, due_on=date(2026, 2, 2), withdrawn_on=date(2026, 2, 3))
    make_milestone(idle, due_on=date(2026, 5, 1))
    found = Action.objects.with_overdue_milestones(TODAY).values_list("reference", "overdue")
    assert dict(found) == {"1.1": 2, "1.2": 0}


def test_related_managers_ask_the_same_questions(area):
    action = make_action(area)
    rate(action, "amber", date(2026, 2, 1))
    make_milestone(action, due_on=date(2026, 1, 1))
    [found] = area.actions.with_status(TODAY)
    assert (found.current, found.overdue) == ("amber", 1)


def test_withdrawn_actions_stay_out_of_objects_and_in_all_objects(area):
    kept = make_action(area)
    gone = make_action(area, withdrawn_on=date(2026, 2, 1))
    assert list(Action.objects.with_status(TODAY)) == [kept]
    assert set(Action.all_objects.with_current_rating()) == {kept, gone}
