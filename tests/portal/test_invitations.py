"""Invitations: who may invite, the link (single use, expiry), the limits, accepting as a
new person or as someone with an account, and removing a setting's staff."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.people.models import Membership, SettingMember
from senda.portal import invitations
from senda.portal.models import Invitation, Message
from senda.web.access import visible_cases
from tests.factories import (
    PASSWORD,
    make_advice_team,
    make_case,
    make_child,
    make_la,
    make_setting,
    make_user,
)

pytestmark = pytest.mark.django_db
STRONG = "a long enough pass phrase 42"
TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today(today_is) -> None:
    today_is(TODAY)


def to_setting(personas, email="new.senco@school.example", **kwargs):
    kwargs.setdefault("position", SettingMember.Position.SENCO)
    kwargs.setdefault("by", personas.service_manager)
    return invitations.invite(
        la=personas.la, email=email, name="Sam Jones", setting=personas.setting, **kwargs
    )


def test_it_stores_only_a_hash_of_the_token(personas):
    invitation, token = to_setting(personas)
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64
    assert invitations.find(token) == invitation
    assert invitations.status_of(invitation) == "waiting"
    assert invitation.expires_at - timezone.now() == timedelta(days=7)


def test_it_queues_the_message_with_the_link_and_no_child_data(personas, settings):
    settings.SENDA_SITE_URL = "https://senda.example.gov.uk"
    _, token = to_setting(personas)
    message = Message.objects.get()
    assert message.template == "invitation"
    assert message.to == "new.senco@school.example"
    link = message.personalisation["link"]
    assert link == f"https://senda.example.gov.uk/invitations/{token}/"
    text = " ".join(message.personalisation.values())
    child = personas.child
    details = (child.family_name, personas.setting.name, f"{child.date_of_birth:%-d %B %Y}")
    for detail in details:
        assert detail not in text
    assert token not in str(list(AuditEntry.objects.values_list("summary", flat=True)))


def test_it_audits_the_invitation_with_ids_only(personas):
    invitation, _ = to_setting(personas)
    entry = AuditEntry.objects.get(object_type="portal.Invitation", verb="write")
    assert entry.user == personas.service_manager
    assert entry.summary == f"invitation {invitation.pk}: sent for setting {personas.setting.pk}"
    assert "Sam" not in entry.summary


def test_team_managers_may_invite_to_a_team(personas):
    invitation, _ = invitations.invite(
        la=personas.la,
        email="salt@nhs.example",
        name="Alex Green",
        team=personas.advice_team,
        by=personas.team_manager,
    )
    assert invitation.team == personas.advice_team
    assert invitation.position == ""


@pytest.mark.parametrize("role", ["case_officer", "qa_auditor", "senco", "advice_giver", "parent"])
def test_it_refuses_other_roles(personas, role):
    with pytest.raises(ActionError):
        to_setting(personas, by=getattr(personas, role))
    assert not Invitation.objects.exists()
    assert not Message.objects.exists()


def test_it_refuses_a_manager_of_another_area(personas):
    manager = make_user("service_manager", personas.other_la)
    with pytest.raises(ActionError):
        to_setting(personas, by=manager)


def test_it_refuses_a_setting_or_team_of_another_area(personas):
    with pytest.raises(ActionError) as error:
        invitations.invite(
            la=personas.la,
            email="x@example.org",
            name="X",
            setting=make_setting(personas.other_la),
            position="senco",
            by=personas.service_manager,
        )
    assert error.value.field == "setting"
    with pytest.raises(ActionError) as error:
        invitations.invite(
            la=personas.la,
            email="x@example.org",
            name="X",
            team=make_advice_team(personas.other_la),
            by=personas.service_manager,
        )
    assert error.value.field == "team"


def test_it_wants_a_setting_or_a_team_and_a_position(personas):
    with pytest.raises(ActionError):
        invitations.invite(
            la=personas.la, email="x@example.org", name="X", by=personas.service_manager
        )
    with pytest.raises(ActionError) as error:
        to_setting(personas, position="boss")
    assert error.value.field == "position"


def test_it_limits_waiting_invitations_to_one_address(personas):
    for _ in range(3):
        to_setting(personas)
    with pytest.raises(ActionError) as error:
        to_setting(personas, email="NEW.senco@school.example")
    assert error.value.field == "email"
    assert "3 invitations waiting" in error.value.message


def test_a_withdrawn_invitation_does_not_count_towards_the_limit(personas):
    first, _ = to_setting(personas)
    to_setting(personas)
    to_setting(personas)
    invitations.revoke(invitation=first, by=personas.team_manager)
    to_setting(personas)
    assert Invitation.objects.count() == 4


def test_it_limits_invitations_per_inviter_per_hour(personas, settings, time_machine):
    settings.SENDA_INVITATIONS_PER_HOUR = 2
    to_setting(personas, email="a@example.org")
    to_setting(personas, email="b@example.org")
    with pytest.raises(ActionError) as error:
        to_setting(personas, email="c@example.org")
    assert "in the last hour" in error.value.message
    time_machine.shift(timedelta(minutes=61))
    to_setting(personas, email="c@example.org")


def test_a_new_person_accepts_and_becomes_the_settings_senco(personas):
    invitation, token = to_setting(personas)
    user = invitations.accept(token=token, password=STRONG)
    assert user.username == "new.senco@school.example"
    assert user.check_password(STRONG)
    assert (user.first_name, user.last_name) == ("Sam", "Jones")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.setting, membership.la) == (
        "senco",
        personas.setting,
        personas.la,
    )
    member = SettingMember.objects.get(user=user)
    assert (member.position, member.added_on, member.removed_on) == ("senco", TODAY, None)
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitations.status_of(invitation) == "accepted"
    assert list(visible_cases(user)) == [personas.case]
    entry = AuditEntry.objects.filter(object_type="portal.Invitation").latest("id")
    assert entry.summary == f"invitation {invitation.pk}: accepted by user {user.pk}"


def test_a_new_advice_giver_joins_the_team(personas):
    _, token = invitations.invite(
        la=personas.la,
        email="Ot@NHS.example",
        name="Robin",
        team=personas.advice_team,
        by=personas.service_manager,
    )
    user = invitations.accept(token=token, password=STRONG)
    assert user.username == "ot@nhs.example"
    assert Membership.objects.get(user=user).role == "advice_giver"
    assert personas.advice_team.members.filter(pk=user.pk).exists()
    assert not visible_cases(user).exists()  # no grant yet


def test_the_link_works_once(personas):
    _, token = to_setting(personas)
    invitations.accept(token=token, password=STRONG)
    with pytest.raises(ActionError) as error:
        invitations.accept(token=token, password=STRONG)
    assert "used already" in error.value.message


def test_the_link_expires(personas, time_machine):
    _, token = to_setting(personas)
    time_machine.shift(timedelta(days=7, seconds=1))
    with pytest.raises(ActionError) as error:
        invitations.accept(token=token, password=STRONG)
    assert "expired" in error.value.message
    assert not User.objects.filter(username="new.senco@school.example").exists()


def test_a_withdrawn_link_does_not_work(personas):
    invitation, token = to_setting(personas)
    invitations.revoke(invitation=invitation, by=personas.service_manager)
    with pytest.raises(ActionError) as error:
        invitations.accept(token=token, password=STRONG)
    assert "withdrawn" in error.value.message
    with pytest.raises(ActionError):
        invitations.revoke(invitation=invitation, by=personas.service_manager)


def test_an_unknown_token_is_refused(personas):
    with pytest.raises(ActionError):
        invitations.accept(token="not-a-token", password=STRONG)


@pytest.mark.parametrize("weak", ["short", "12345678901234", "password1", "new.senco@school"])
def test_a_weak_password_is_refused(personas, weak):
    invitation, token = to_setting(personas)
    with pytest.raises(ActionError) as error:
        invitations.accept(token=token, password=weak)
    assert error.value.field == "password"
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not User.objects.filter(username="new.senco@school.example").exists()


def test_someone_with_an_account_gains_a_second_setting(personas):
    second = make_setting(personas.la)
    pupil = make_case(make_child(personas.la, setting=second))
    _, first_token = to_setting(personas)
    user = invitations.accept(token=first_token, password=STRONG)
    _, token = invitations.invite(
        la=personas.la,
        email="New.Senco@school.example",
        name="Sam Jones",
        setting=second,
        position="head",
        by=personas.service_manager,
    )
    with pytest.raises(ActionError) as error:
        invitations.accept(token=token, password="not their password")
    assert error.value.field == "password"
    again = invitations.accept(token=token, password=STRONG)
    assert again == user
    assert again.check_password(STRONG)
    assert set(SettingMember.objects.filter(user=user).values_list("setting", "position")) == {
        (personas.setting.pk, "senco"),
        (second.pk, "head"),
    }
    assert set(visible_cases(user)) == {personas.case, pupil}


def test_the_signed_in_person_accepts_without_a_password(personas):
    personas.senco.email = "senco@school.example"
    personas.senco.save()
    second = make_setting(personas.la)
    _, token = to_setting(personas, email="senco@school.example")
    invitation = Invitation.objects.get()
    invitation.setting = second
    invitation.save()
    user = invitations.accept(token=token, password="", user=personas.senco)
    assert user == personas.senco
    assert user.check_password(PASSWORD)
    assert SettingMember.objects.filter(user=user, setting=second).exists()


def test_a_signed_in_person_may_not_take_someone_elses_invitation(personas):
    _, token = to_setting(personas, email="someone.else@school.example")
    with pytest.raises(ActionError) as error:
        invitations.accept(token=token, password="", user=personas.senco)
    assert "another email address" in error.value.message


def test_removing_a_member_ends_their_access(personas):
    _, token = to_setting(personas)
    user = invitations.accept(token=token, password=STRONG)
    member = SettingMember.objects.get(user=user)
    invitations.remove_setting_member(member=member, by=personas.team_manager)
    member.refresh_from_db()
    assert member.removed_on == TODAY
    assert not visible_cases(user).exists()
    user.refresh_from_db()
    assert not user.is_active  # no setting and no team left
    entry = AuditEntry.objects.filter(object_type="people.SettingMember").get()
    assert entry.summary.endswith(f"removed from setting {personas.setting.pk}")
    with pytest.raises(ActionError):
        invitations.remove_setting_member(member=member, by=personas.team_manager)


def test_removing_one_setting_keeps_the_others(personas):
    second = make_setting(personas.la)
    pupil = make_case(make_child(personas.la, setting=second))
    _, token = to_setting(personas)
    user = invitations.accept(token=token, password=STRONG)
    _, token = invitations.invite(
        la=personas.la,
        email=user.email,
        name="Sam",
        setting=second,
        position="senco",
        by=personas.service_manager,
    )
    invitations.accept(token=token, password=STRONG)
    first = SettingMember.objects.get(user=user, setting=personas.setting)
    invitations.remove_setting_member(member=first, by=personas.service_manager)
    assert list(visible_cases(user)) == [pupil]
    assert Membership.objects.get(user=user).setting == second


def test_only_managers_of_the_area_remove_members(personas):
    member = SettingMember.objects.create(
        user=personas.senco, setting=personas.setting, position="senco", added_on=TODAY
    )
    for by in (personas.case_officer, personas.senco, make_user("service_manager", make_la())):
        with pytest.raises(ActionError):
            invitations.remove_setting_member(member=member, by=by)
    member.refresh_from_db()
    assert member.removed_on is None
