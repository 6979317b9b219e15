"""Service managers unlock accounts and remove lost authenticator apps, for the people of
their own area only, each change audited (``senda.people.accounts``, ``/accounts/``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.people.accounts import remove_second_factor, unlock_account
from tests.factories import make_user
from tests.web.page_audit import audit_page, text_of

LIST = reverse("web:accounts")


def account_url(user):
    return reverse("web:account", args=[user.pk])


def lock(user, minutes_ago=1):
    AccessAttempt.objects.create(
        username=user.get_username(),
        ip_address="192.0.2.1",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/sign-in/",
    )
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes_ago))


def give_app(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


@pytest.fixture
def manager(client, personas):
    client.force_login(personas.service_manager)
    return personas.service_manager


def test_it_lists_the_areas_people_with_their_lock_and_app(client, personas, manager):
    lock(personas.case_officer)
    give_app(personas.team_manager)
    stranger = make_user("case_officer", personas.other_la)
    main = text_of(audit_page(client.get(LIST)).find(".//main"))
    assert "1 person is locked out now" in main
    assert personas.case_officer.get_username() in main
    assert personas.senco.get_username() in main
    assert stranger.get_username() not in main
    assert personas.other_la_officer.get_username() not in main


def test_it_shows_an_expired_lock_as_able_to_sign_in(client, personas, manager):
    lock(personas.case_officer, minutes_ago=settings.AXES_COOLOFF_TIME.seconds // 60 + 1)
    main = text_of(audit_page(client.get(account_url(personas.case_officer))).find(".//main"))
    assert "Can sign in" in main and "Unlock account" not in main


def test_it_unlocks_an_account_and_audits_it(client, personas, manager):
    lock(personas.case_officer)
    page = text_of(audit_page(client.get(account_url(personas.case_officer))).find(".//main"))
    assert "Locked until" in page
    response = client.post(account_url(personas.case_officer), {"change": "unlock"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    entry = AuditEntry.objects.get(verb="write")
    assert (entry.user, entry.la, entry.object_type) == (manager, personas.la, "people.Membership")
    assert entry.summary == f"account {personas.case_officer.pk}: unlocked (1 addresses cleared)"
    assert "can sign in again" in client.get(response["Location"]).content.decode()


def test_it_removes_a_lost_authenticator_app_and_audits_it(client, personas, manager):
    give_app(personas.qa_auditor)
    response = client.post(account_url(personas.qa_auditor), {"change": "remove-app"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=personas.qa_auditor).exists()
    entry = AuditEntry.objects.get(verb="write")
    assert entry.summary == f"account {personas.qa_auditor.pk}: second factor removed (1 apps)"


def test_it_says_so_when_there_is_no_app_to_remove(client, personas, manager):
    response = client.post(account_url(personas.qa_auditor), {"change": "remove-app"})
    assert response.status_code == 200
    assert "no authenticator app to remove" in response.content.decode()
    assert not AuditEntry.objects.filter(verb="write").exists()


def test_it_answers_404_for_someone_of_another_area(client, personas, manager):
    stranger = make_user("case_officer", personas.other_la)
    lock(stranger)
    give_app(stranger)
    assert client.get(account_url(stranger)).status_code == 404
    assert client.post(account_url(stranger), {"change": "unlock"}).status_code == 404
    assert client.post(account_url(stranger), {"change": "remove-app"}).status_code == 404
    assert AccessAttempt.objects.exists() and TOTPDevice.objects.exists()


@pytest.mark.parametrize("role", ["team_manager", "qa_auditor", "case_officer", "senco"])
def test_it_refuses_anyone_but_a_service_manager(client, personas, role):
    lock(personas.board_member)
    give_app(personas.board_member)
    client.force_login(getattr(personas, role))
    assert client.get(LIST).status_code == 403
    for change in ("unlock", "remove-app"):
        assert (
            client.post(account_url(personas.board_member), {"change": change}).status_code == 403
        )
    assert AccessAttempt.objects.exists() and TOTPDevice.objects.exists()


def test_it_refuses_the_changes_to_anyone_but_the_areas_service_managers(personas):
    membership = personas.case_officer.membership
    elsewhere = make_user("service_manager", personas.other_la)
    for by in (personas.team_manager, elsewhere):
        with pytest.raises(ActionError):
            unlock_account(membership=membership, by=by)
        with pytest.raises(ActionError):
            remove_second_factor(membership=membership, by=by)
    assert not AuditEntry.objects.exists()


def test_it_shows_accounts_in_the_menu_of_service_managers_only(client, personas, manager):
    hrefs = [a.get("href") for a in audit_page(client.get(reverse("web:home"))).iter("a")]
    assert LIST in hrefs
    client.force_login(personas.team_manager)
    hrefs = [a.get("href") for a in audit_page(client.get(reverse("web:home"))).iter("a")]
    assert LIST not in hrefs
