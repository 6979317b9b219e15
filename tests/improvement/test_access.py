"""Who may see and change an improvement plan: every persona, and partners' plan members."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from senda.improvement.access import (
    can_edit_plan,
    get_plan_for_user,
    require_edit,
    visible_plans,
)
from tests.factories import Personas, make_plan, make_plan_member, make_user

EDIT = ["service_manager", "team_manager"]
VIEW_ONLY = ["case_officer", "qa_auditor", "board_member"]
NONE = ["senco", "parent", "other_la_officer"]


@pytest.fixture
def plan(personas: Personas):
    return make_plan(personas.la)


@pytest.mark.parametrize("persona", EDIT)
def test_it_lets_service_and_team_managers_see_and_edit(personas, plan, persona):
    user = getattr(personas, persona)
    assert list(visible_plans(user)) == [plan]
    assert get_plan_for_user(user, plan.pk) == plan
    assert can_edit_plan(user, plan)
    require_edit(user, plan)


@pytest.mark.parametrize("persona", VIEW_ONLY)
def test_it_lets_other_council_staff_see_but_not_edit(personas, plan, persona):
    user = getattr(personas, persona)
    assert get_plan_for_user(user, plan.pk) == plan
    assert not can_edit_plan(user, plan)
    with pytest.raises(PermissionDenied):
        require_edit(user, plan)


@pytest.mark.parametrize("persona", NONE)
def test_it_hides_the_plan_from_sencos_parents_and_other_las(personas, plan, persona):
    user = getattr(personas, persona)
    assert list(visible_plans(user)) == []
    with pytest.raises(Http404):
        get_plan_for_user(user, plan.pk)
    assert not can_edit_plan(user, plan)


def test_it_hides_the_plan_from_anonymous_users(plan):
    from django.contrib.auth.models import AnonymousUser

    assert list(visible_plans(AnonymousUser())) == []
    with pytest.raises(Http404):
        get_plan_for_user(AnonymousUser(), plan.pk)
    assert not can_edit_plan(AnonymousUser(), plan)


def test_it_answers_404_for_a_plan_that_does_not_exist(personas):
    with pytest.raises(Http404):
        get_plan_for_user(personas.service_manager, 999999)


def test_it_shows_another_las_staff_only_their_own_plans(personas, plan):
    theirs = make_plan(personas.other_la)
    assert list(visible_plans(personas.other_la_officer)) == [theirs]
    manager = make_user("service_manager", personas.other_la)
    assert can_edit_plan(manager, theirs)
    assert not can_edit_plan(manager, plan)


@pytest.mark.parametrize("access,edits", [("view", False), ("edit", True)])
def test_it_scopes_a_partner_member_to_their_plan(personas, plan, access, edits):
    other = make_plan(personas.la)
    member = make_plan_member(plan, access=access)
    assert list(visible_plans(member.user)) == [plan]
    assert get_plan_for_user(member.user, plan.pk) == plan
    with pytest.raises(Http404):
        get_plan_for_user(member.user, other.pk)
    assert can_edit_plan(member.user, plan) is edits
    assert not can_edit_plan(member.user, other)


def test_it_lets_a_view_only_member_of_staff_edit_through_plan_membership(personas, plan):
    make_plan_member(plan, access="edit", user=personas.case_officer)
    assert can_edit_plan(personas.case_officer, plan)
    assert list(visible_plans(personas.case_officer)) == [plan]


def test_it_lets_a_senco_see_a_plan_only_as_its_member(personas, plan):
    make_plan_member(plan, access="view", user=personas.senco)
    assert list(visible_plans(personas.senco)) == [plan]
    assert not can_edit_plan(personas.senco, plan)


def test_it_shows_every_improvement_model_in_the_admin_and_keeps_ratings_read_only(personas, plan):
    from datetime import date

    from django.contrib import admin
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from senda.improvement import models
    from senda.improvement.models import Rating
    from tests.factories import make_action, make_area

    action = make_action(make_area(plan))
    rating = Rating.objects.create(action=action, value="green", rated_on=date(2026, 1, 5))
    superuser = User.objects.create_superuser("support", password="x")
    client = Client()
    client.force_login(superuser)
    for name in models.__all__:
        model = getattr(models, name)
        if not isinstance(model, type) or not hasattr(model, "_meta"):
            continue
        assert admin.site.is_registered(model), name
        url = reverse(f"admin:improvement_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, name
    change = reverse("admin:improvement_rating_change", args=[rating.pk])
    assert client.post(change, {"value": "red"}).status_code == 403
    assert Rating.objects.get(pk=rating.pk).value == "green"
