"""The portal's accounts pages: managers invite people and withdraw invitations, the
invited person sets a password and is signed in, council staff see a setting's portal
staff, and the case page lists who can see the child's record and why."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.people.models import AccessGrant, FamilyContact, SettingMember
from senda.portal.models import Invitation, Message
from tests.factories import make_advice_team, make_invitation, make_la, make_setting, make_user
from tests.web.page_audit import audit_page, text_of

LIST = reverse("web:portal-invitations")
STRONG = "a long enough pass phrase 42"
TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today(today_is) -> None:
    today_is(TODAY)


def accept_url(invitation):
    return reverse("web:invitation-accept", args=[invitation.token])


def main_text(response):
    return text_of(audit_page(response).find(".//main"))


def invite_data(personas, **overrides):
    data = {
        "name": "Sam Jones",
        "email": "sam@school.example",
        "setting": personas.setting.pk,
        "position": "senco",
        "team": "",
    }
    return {**data, **overrides}


def test_a_manager_invites_a_senco_and_the_message_is_queued(client, personas):
    client.force_login(personas.team_manager)
    response = client.post(LIST, invite_data(personas), follow=True)
    assert "Invitation sent to sam@school.example" in main_text(response)
    invitation = Invitation.objects.get()
    assert (invitation.setting, invitation.position) == (personas.setting, "senco")
    message = Message.objects.get()
    assert message.to == "sam@school.example"
    assert "/invitations/" in message.personalisation["link"]
    assert personas.child.family_name not in str(message.personalisation)
    page = main_text(client.get(LIST))
    assert "sam@school.example" in page and "Waiting" in page


def test_a_manager_invites_to_a_team(client, personas):
    client.force_login(personas.service_manager)
    data = invite_data(personas, setting="", position="", team=personas.advice_team.pk)
    client.post(LIST, data)
    assert Invitation.objects.get().team == personas.advice_team


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "not an email"}, "email", "correct format"),
        ({"setting": "", "position": ""}, "setting", "Choose a school or setting, or an advice"),
        ({"position": ""}, "position", "Choose their position"),
        ({"setting": "999999999"}, "setting", "of your local area"),
        ({"position": "boss"}, "position", "from the list"),
    ],
)
def test_it_shows_form_errors(client, personas, overrides, field, message):
    client.force_login(personas.service_manager)
    response = client.post(LIST, invite_data(personas, **overrides))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not Invitation.objects.exists()


def test_another_areas_team_cannot_be_chosen(client, personas):
    client.force_login(personas.service_manager)
    other = make_setting(personas.other_la)
    response = client.post(LIST, invite_data(personas, setting=other.pk))
    assert "setting" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_the_limit_shows_as_a_form_error(client, personas):
    client.force_login(personas.service_manager)
    for _ in range(3):
        client.post(LIST, invite_data(personas))
    response = client.post(LIST, invite_data(personas))
    assert "3 invitations waiting" in str(response.context["form"].errors["email"])
    assert Invitation.objects.count() == 3


@pytest.mark.parametrize("role", ["case_officer", "qa_auditor", "senco", "advice_giver"])
def test_other_roles_may_not_invite(client, personas, role):
    client.force_login(getattr(personas, role))
    assert client.post(LIST, invite_data(personas)).status_code == 403
    assert not Invitation.objects.exists()


def test_a_manager_withdraws_an_invitation(client, personas):
    invitation = make_invitation(personas.la)
    client.force_login(personas.team_manager)
    url = reverse("web:portal-invitation-revoke", args=[invitation.pk])
    response = client.post(url, follow=True)
    assert "withdrawn" in main_text(response)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert client.get(accept_url(invitation)).status_code == 410


def test_another_areas_invitation_is_404_and_other_roles_403(client, personas):
    other = make_invitation(personas.other_la)
    client.force_login(personas.service_manager)
    url = reverse("web:portal-invitation-revoke", args=[other.pk])
    assert client.post(url).status_code == 404
    own = make_invitation(personas.la)
    client.force_login(personas.case_officer)
    url = reverse("web:portal-invitation-revoke", args=[own.pk])
    assert client.post(url).status_code == 403
    own.refresh_from_db()
    assert own.revoked_at is None


def test_a_new_person_sets_a_password_and_is_signed_in(client, personas):
    invitation = make_invitation(personas.la, setting=personas.setting, email="new@school.example")
    page = client.get(accept_url(invitation))
    text = main_text(page)
    assert personas.setting.name in text and "Create your password" in text
    assert personas.child.family_name not in page.content.decode()
    response = client.post(
        accept_url(invitation), {"password": STRONG, "confirm": STRONG}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("web:home")
    user = User.objects.get(username="new@school.example")
    assert response.context["user"] == user
    document = audit_page(response)
    links = [a.get("href") for a in document.iter("a")]
    assert reverse("web:mfa-setup") in links
    assert "authenticator app" in text_of(document)
    assert client.get(reverse("web:case-detail", args=[personas.case.pk])).status_code == 200
    assert client.get(accept_url(invitation)).status_code == 410


@pytest.mark.parametrize(
    ("password", "confirm", "field", "message"),
    [
        ("short", "short", "password", "too short"),
        ("password123", "password123", "password", "too common"),
        (STRONG, STRONG + "x", "confirm", "do not match"),
        ("", "", "password", "Enter a password"),
    ],
)
def test_a_weak_password_is_a_form_error(client, personas, password, confirm, field, message):
    invitation = make_invitation(personas.la)
    response = client.post(accept_url(invitation), {"password": password, "confirm": confirm})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert main_text(response).startswith("There is a problem")
    assert not User.objects.filter(username=invitation.email).exists()


def test_someone_with_an_account_confirms_their_password(client, personas):
    user = make_user("senco", personas.la, setting=personas.setting, email="me@school.example")
    second = make_setting(personas.la)
    invitation = make_invitation(personas.la, setting=second, email="ME@school.example")
    assert "already have a Senda account" in main_text(client.get(accept_url(invitation)))
    response = client.post(accept_url(invitation), {"password": "wrong"})
    assert "Enter the password of your Senda account" in str(response.context["form"].errors)
    client.post(accept_url(invitation), {"password": "correct horse battery staple"})
    assert SettingMember.objects.filter(user=user, setting=second).exists()


def test_the_signed_in_person_accepts_with_one_button(client, personas):
    personas.senco.email = "senco@school.example"
    personas.senco.save()
    second = make_setting(personas.la)
    invitation = make_invitation(personas.la, setting=second, email="senco@school.example")
    client.force_login(personas.senco)
    assert "Accept invitation" in main_text(client.get(accept_url(invitation)))
    client.post(accept_url(invitation))
    assert SettingMember.objects.filter(user=personas.senco, setting=second).exists()


def test_a_signed_in_person_cannot_take_another_persons_invitation(client, personas):
    invitation = make_invitation(personas.la, email="someone@school.example")
    client.force_login(personas.senco)
    assert "Sign out, then open the link again" in main_text(client.get(accept_url(invitation)))
    client.post(accept_url(invitation))
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.parametrize("token", ["nope", "x" * 300, "%00", "' OR 1=1 --"])
def test_an_unknown_link_is_a_plain_404(client, db, token):
    response = client.get(reverse("web:invitation-accept", args=[token]))
    assert response.status_code == 404
    assert "does not work" in main_text(response)
    assert client.post(reverse("web:invitation-accept", args=[token])).status_code == 404


def test_an_expired_link_is_410_and_says_whom_to_ask(client, personas, time_machine):
    invitation = make_invitation(personas.la)
    time_machine.shift(timedelta(days=8))
    response = client.get(accept_url(invitation))
    assert response.status_code == 410
    text = main_text(response)
    assert "expired" in text and personas.la.name in text
    response = client.post(accept_url(invitation), {"password": STRONG, "confirm": STRONG})
    assert response.status_code == 410
    assert not User.objects.filter(username=invitation.email).exists()


def staff_url(setting):
    return reverse("web:portal-setting-staff", args=[setting.pk])


def test_council_staff_see_a_settings_portal_staff(client, personas):
    member = SettingMember.objects.create(
        user=make_user("senco", personas.la, setting=personas.setting, email="a@school.example"),
        setting=personas.setting,
        position="head",
        added_on=date(2026, 3, 1),
    )
    client.force_login(personas.case_officer)
    text = main_text(client.get(staff_url(personas.setting)))
    assert "a@school.example" in text and "Headteacher or principal" in text
    assert personas.senco.get_username() in text  # a SENCo from before the portal
    assert "Remove" not in text
    assert client.post(staff_url(personas.setting), {"member": member.pk}).status_code == 403
    assert AuditEntry.objects.filter(verb="read", object_type="people.Setting").exists()


def test_a_manager_removes_a_member(client, personas):
    user = make_user("advice_giver", personas.la, email="b@school.example")
    member = SettingMember.objects.create(
        user=user, setting=personas.setting, position="admin", added_on=date(2026, 3, 1)
    )
    client.force_login(personas.service_manager)
    response = client.post(staff_url(personas.setting), {"member": member.pk}, follow=True)
    assert "b@school.example removed" in main_text(response)
    member.refresh_from_db()
    assert member.removed_on == TODAY
    again = client.post(staff_url(personas.setting), {"member": member.pk}, follow=True)
    assert "already" in main_text(again)
    bad = client.post(staff_url(personas.setting), {"member": "x" * 40}, follow=True)
    assert bad.status_code == 200


def test_another_areas_setting_is_404(client, personas):
    client.force_login(personas.service_manager)
    other = make_setting(make_la())
    assert client.get(staff_url(other)).status_code == 404


def access_section(client, personas):
    # A family member is sent to their own page of the record: the section is not there.
    response = client.get(reverse("web:case-detail", args=[personas.case.pk]), follow=True)
    document = audit_page(response)
    main = document.find(".//main")
    return text_of(main)


def test_the_case_page_lists_who_can_see_the_record(client, personas):
    head = make_user("senco", personas.la, setting=personas.setting, first_name="Hana")
    SettingMember.objects.create(
        user=head, setting=personas.setting, position="head", added_on=date(2026, 2, 1)
    )
    AccessGrant.objects.create(
        child=personas.child,
        team=personas.advice_team,
        reason="Asked for advice for the annual review",
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 7, 1),
    )
    AccessGrant.objects.create(
        child=personas.child,
        team=make_advice_team(personas.la, name="Social care team", discipline="social care"),
        reason="Asked for advice for the assessment",
        starts_on=date(2026, 1, 10),
        ends_on=date(2026, 3, 31),
    )
    FamilyContact.objects.filter(user=personas.parent).update(name="Mo Parent")
    client.force_login(personas.case_officer)
    text = access_section(client, personas)
    assert "Who can see this record" in text
    assert "Hana" in text and "Headteacher or principal" in text
    assert personas.advice_team.name in text
    assert "Asked for advice for the annual review" in text
    assert "1 May 2026 1 Jul 2026" in text  # since and until
    assert "Social care team" in text and "31 Mar 2026" in text  # an ended grant
    assert "Mo Parent" in text and "Parent with parental responsibility" in text
    assert "Council SEND staff" in text


@pytest.mark.parametrize("role", ["senco", "parent"])
def test_the_access_list_is_for_council_staff_for_now(client, personas, role):
    client.force_login(getattr(personas, role))
    assert "Who can see this record" not in access_section(client, personas)
