"""Partners change only what is theirs: the actions their organisation leads, their own
organisation's sign-off, their own risks (``senda.improvement.access``); managers change
everything. Each refusal is proved at the action level here, and on the pages in
``tests/web/test_web_plan_partners.py``."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.improvement import access
from senda.improvement.actions import (
    add_milestone,
    add_update,
    complete_action,
    complete_milestone,
    rate_action,
    record_risk,
    record_sign_off,
    update_risk,
)
from senda.improvement.models import Milestone, Partner
from senda.kernel import ActionError
from tests.factories import (
    make_action,
    make_area,
    make_partner,
    make_plan,
    make_plan_member,
    make_risk,
)

DAY = date(2026, 2, 2)


@pytest.fixture
def plan(personas):
    return make_plan(personas.la)


@pytest.fixture
def icb(plan):
    return make_partner(plan, name="NHS Testshire ICB", kind=Partner.Kind.HEALTH)


@pytest.fixture
def forum(plan):
    return make_partner(
        plan, name="Testshire Parent Carer Forum", kind=Partner.Kind.PARENT_CARER_FORUM
    )


@pytest.fixture
def nurse(plan, icb):
    """An ICB partner with edit access."""
    member = make_plan_member(plan, access="edit", partner=icb)
    member.user.first_name, member.user.last_name = "Nia", "Nurse"
    member.user.save()
    return member.user


@pytest.fixture
def colleague(plan, icb):
    """Another member for the ICB."""
    return make_plan_member(plan, access="edit", partner=icb).user


@pytest.fixture
def area(plan):
    return make_area(plan)


def test_it_lets_a_partner_rate_and_update_the_actions_they_lead(nurse, area):
    led = make_action(area, lead="Designated Clinical Officer", lead_user=nurse)
    assert access.can_rate_action(nurse, led) and access.can_update_action(nurse, led)
    rate_action(action=led, value="green", rationale="On track", by=nurse, on=DAY)
    add_update(action=led, text="Clinics booked", by=nurse, on=DAY)
    milestone = add_milestone(action=led, title="Clinics open", due_on=DAY, by=nurse)
    complete_milestone(milestone=milestone, done_on=DAY, by=nurse)
    complete_action(action=led, on=DAY, by=nurse)


def test_it_lets_a_partner_act_for_an_action_a_colleague_of_their_organisation_leads(
    nurse, colleague, area
):
    led = make_action(area, lead="ICB", lead_user=colleague)
    assert access.leads_action(nurse, led)
    rate_action(action=led, value="green", rationale="On track", by=nurse, on=DAY)


def test_it_reads_the_leading_organisation_from_the_lead_an_import_wrote(nurse, area, icb):
    """No lead user (an imported plan): the lead's words name the organisation."""
    by_kind = make_action(area, lead="Designated Clinical Officer (ICB)")
    by_kind.partners.add(icb)
    by_name = make_action(area, lead="NHS Testshire ICB commissioning team")
    unlinked = make_action(area, lead="Designated Clinical Officer")  # ICB not a partner of it
    council = make_action(area, lead="Head of SEND")
    council.partners.add(icb)
    assert access.can_rate_action(nurse, by_kind)
    assert access.can_rate_action(nurse, by_name)
    assert not access.can_rate_action(nurse, unlinked)
    assert not access.can_rate_action(nurse, council)


@pytest.mark.parametrize(
    "write",
    [
        lambda a, by: rate_action(action=a, value="red", rationale="Late", by=by, on=DAY),
        lambda a, by: add_update(action=a, text="Done", by=by, on=DAY),
        lambda a, by: add_milestone(action=a, title="Step", due_on=DAY, by=by),
        lambda a, by: complete_milestone(
            milestone=Milestone.objects.create(action=a, title="Step", due_on=DAY),
            done_on=DAY,
            by=by,
        ),
        lambda a, by: complete_action(action=a, on=DAY, by=by),
    ],
    ids=["rate", "update", "add-milestone", "complete-milestone", "complete"],
)
def test_it_refuses_a_partner_an_action_their_organisation_does_not_lead(
    personas, nurse, area, icb, write
):
    """Led by the council (its lead user a team manager), though the ICB supports it."""
    theirs = make_action(area, lead="Head of SEND", lead_user=personas.team_manager)
    theirs.partners.add(icb)
    with pytest.raises(ActionError) as refused:
        write(theirs, nurse)
    assert refused.value.field == "__all__"
    assert not AuditEntry.objects.filter(verb="write").exists()
    write(theirs, personas.team_manager)  # the plan's managers change every action


def test_it_refuses_a_partner_without_an_organisation_every_action_but_their_own(plan, area):
    loner = make_plan_member(plan, access="edit").user
    assert not access.can_rate_action(loner, make_action(area, lead="Designated Clinical Officer"))
    assert access.can_rate_action(loner, make_action(area, lead_user=loner))


def test_it_never_lets_a_view_only_partner_change_an_action_even_one_they_lead(plan, icb, area):
    viewer = make_plan_member(plan, access="view", partner=icb).user
    led = make_action(area, lead_user=viewer)
    assert not access.can_rate_action(viewer, led)
    with pytest.raises(ActionError):
        add_update(action=led, text="Done", by=viewer, on=DAY)


def test_it_leaves_withdrawing_an_action_to_the_plans_managers(personas, nurse, area):
    led = make_action(area, lead_user=nurse)
    assert not access.can_delete_action(nurse, led)
    assert access.can_delete_action(personas.service_manager, led)


def test_it_lets_a_partner_record_sign_off_for_their_own_organisation_only(
    personas, plan, nurse, icb, forum
):
    assert list(access.sign_off_partners(nurse, plan)) == [icb]
    record_sign_off(plan=plan, partner=icb, signed_by="Chief Nurse", signed_on=DAY, by=nurse)
    with pytest.raises(ActionError) as refused:
        record_sign_off(plan=plan, partner=forum, signed_by="Chair", signed_on=DAY, by=nurse)
    assert refused.value.field == "partner"
    assert "only for your own organisation" in refused.value.message
    assert set(access.sign_off_partners(personas.team_manager, plan)) == {icb, forum}
    record_sign_off(
        plan=plan, partner=forum, signed_by="Chair", signed_on=DAY, by=personas.team_manager
    )


def test_it_lets_a_partner_edit_their_own_risks_only(personas, plan, nurse):
    ours = make_risk(plan, owner="Designated Clinical Officer")  # the ICB's, by kind
    by_name = make_risk(plan, owner="NHS Testshire ICB")
    mine = make_risk(plan, owner="Nia Nurse")
    council = make_risk(plan, owner="Head of SEND Services")
    forums = make_risk(plan, owner="Parent carer forum co-chairs")
    for risk in (ours, by_name, mine):
        update_risk(risk=risk, progress="Reviewed", by=nurse)
    for risk in (council, forums):
        assert not access.can_edit_risk(nurse, risk)
        with pytest.raises(ActionError):
            update_risk(risk=risk, progress="Reviewed", by=nurse)
        update_risk(risk=risk, progress="Reviewed", by=personas.service_manager)


def test_it_lets_a_partner_add_a_risk(plan, nurse):
    risk = record_risk(
        plan=plan,
        description="Therapist vacancies",
        raised_on=DAY,
        owner="Designated Clinical Officer",
        severity_before=3,
        severity_after=2,
        by=nurse,
    )
    assert access.can_edit_risk(nurse, risk)


def test_it_gives_partners_of_another_plan_nothing(personas, nurse, icb):
    elsewhere = make_plan(personas.la)
    action = make_action(make_area(elsewhere), lead="NHS Testshire ICB", lead_user=nurse)
    risk = make_risk(elsewhere, owner="NHS Testshire ICB")
    assert not access.can_rate_action(nurse, action)
    assert not access.can_edit_risk(nurse, risk)
    assert not access.can_sign_off(nurse, elsewhere, icb)
