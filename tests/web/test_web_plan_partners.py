"""On the plan's pages a partner changes only what is theirs: 403 for an action their
organisation does not lead, another's risk and another organisation's sign-off (the plan
itself they may see, so not 404); the rules are ``senda.improvement.access``."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.improvement.models import ActionUpdate, Milestone, Partner, Rating, Risk, SignOff
from tests.factories import (
    make_action,
    make_area,
    make_partner,
    make_plan,
    make_plan_member,
    make_risk,
)

TODAY_ISH = date(2026, 2, 2)


def day(prefix, on):
    return {f"{prefix}-day": on.day, f"{prefix}-month": on.month, f"{prefix}-year": on.year}


@pytest.fixture
def plan(personas):
    return make_plan(personas.la, title="Local area SEND plan")


@pytest.fixture
def icb(plan):
    return make_partner(plan, name="NHS Testshire ICB", kind=Partner.Kind.HEALTH)


@pytest.fixture
def forum(plan):
    return make_partner(plan, name="Parent Carer Forum", kind=Partner.Kind.PARENT_CARER_FORUM)


@pytest.fixture
def nurse(plan, icb):
    return make_plan_member(plan, access="edit", partner=icb).user


@pytest.fixture
def actions(personas, plan, nurse):
    """(the ICB's action, the council's action)."""
    area = make_area(plan)
    ours = make_action(area, lead="Designated Clinical Officer", lead_user=nurse)
    council = make_action(area, lead="Head of SEND", lead_user=personas.team_manager)
    return ours, council


def action_url(name, action):
    return reverse(f"web:{name}", args=[action.area.plan_id, action.pk])


@pytest.mark.parametrize("name", ["plan-action-rate", "plan-action-update", "plan-milestones"])
def test_it_lets_a_partner_change_only_the_actions_their_organisation_leads(
    client, nurse, actions, name
):
    ours, council = actions
    client.force_login(nurse)
    assert client.get(action_url(name, ours)).status_code == 200
    assert client.get(action_url(name, council)).status_code == 403
    assert client.post(action_url(name, council), {"form": "add"}).status_code == 403


def test_it_refuses_a_partners_rating_or_update_of_another_organisations_action(
    client, nurse, actions
):
    _, council = actions
    client.force_login(nurse)
    rated = client.post(action_url("plan-action-rate", council), {"value": "red", "rationale": "x"})
    updated = client.post(
        action_url("plan-action-update", council), {"text": "x", **day("on", TODAY_ISH)}
    )
    milestone = client.post(
        action_url("plan-milestones", council),
        {"form": "add", "add-title": "x", **day("add-due_on", TODAY_ISH)},
    )
    assert (rated.status_code, updated.status_code, milestone.status_code) == (403, 403, 403)
    assert not Rating.objects.exists()
    assert not ActionUpdate.objects.exists()
    assert not Milestone.objects.exists()


def test_it_shows_a_partner_the_rate_button_only_on_the_actions_they_lead(client, nurse, actions):
    ours, council = actions
    client.force_login(nurse)
    assert "Rate this action" in client.get(action_url("plan-action", ours)).content.decode()
    assert "Rate this action" not in client.get(action_url("plan-action", council)).content.decode()


def test_it_lets_a_partner_edit_only_their_own_risks(client, personas, plan, nurse):
    ours = make_risk(plan, owner="Designated Clinical Officer")
    council = make_risk(plan, owner="Head of SEND Services")
    client.force_login(nurse)
    ours_url = reverse("web:plan-risk", args=[plan.pk, ours.pk])
    council_url = reverse("web:plan-risk", args=[plan.pk, council.pk])
    assert client.get(ours_url).status_code == 200
    assert client.get(council_url).status_code == 403
    data = {
        "description": "Changed",
        "owner": "Designated Clinical Officer",
        "severity_before": "2",
        "severity_after": "1",
        "status": "open",
        **day("raised_on", date(2026, 1, 5)),
    }
    assert client.post(council_url, data).status_code == 403
    assert Risk.objects.get(pk=council.pk).description != "Changed"
    client.force_login(personas.service_manager)
    assert client.get(council_url).status_code == 200


def test_it_lets_a_partner_sign_off_only_for_their_own_organisation(
    client, plan, nurse, icb, forum
):
    sign_off = reverse("web:plan-sign-off", args=[plan.pk])
    client.force_login(nurse)
    page = client.get(sign_off).content.decode()
    assert "NHS Testshire ICB" in page and "Parent Carer Forum" not in page
    theirs = {"partner": forum.pk, "signed_by": "Chair", **day("signed_on", TODAY_ISH)}
    assert client.post(sign_off, theirs).status_code == 403
    assert not SignOff.objects.exists()
    ours = {"partner": icb.pk, "signed_by": "Chief Nurse", **day("signed_on", TODAY_ISH)}
    assert client.post(sign_off, ours).status_code == 302
    assert SignOff.objects.get().partner == icb


def test_it_answers_a_partner_of_another_plan_404(client, personas, nurse):
    elsewhere = make_plan(personas.la)
    action = make_action(make_area(elsewhere), lead_user=nurse)
    client.force_login(nurse)
    assert client.get(action_url("plan-action-rate", action)).status_code == 404


def test_it_offers_a_partner_the_change_link_only_on_their_own_risks(client, personas, plan, nurse):
    ours = make_risk(plan, owner="Designated Clinical Officer")
    council = make_risk(plan, owner="Head of SEND Services")
    risks = reverse("web:plan-risks", args=[plan.pk])
    client.force_login(nurse)
    page = client.get(risks).content.decode()
    assert reverse("web:plan-risk", args=[plan.pk, ours.pk]) in page
    assert reverse("web:plan-risk", args=[plan.pk, council.pk]) not in page
    assert "Add a risk" in page  # a partner adds risks of their own
    client.force_login(personas.team_manager)
    assert (
        reverse("web:plan-risk", args=[plan.pk, council.pk]) in client.get(risks).content.decode()
    )
