"""Who a provider's sign-in is in Senda (senda.people.sign_in, ADR 0035)."""

from __future__ import annotations

import pytest

from senda.audit.models import AuditEntry
from senda.people.models import SignInLink
from senda.people.sign_in import Identity, staff_for
from tests.factories import make_la, make_user

pytestmark = pytest.mark.django_db

ISSUER = "https://login.example.org/tenant/v2.0"


def identity(subject: str = "s-1", email: str = "pat@council.example.org", verified=True):
    return Identity(issuer=ISSUER, subject=subject, email=email, email_verified=verified)


@pytest.fixture
def officer():
    return make_user("case_officer", make_la(), email="Pat@Council.example.org")


def test_it_links_a_verified_email_to_one_staff_user_and_audits_it(officer):
    assert staff_for(identity()) == officer
    link = SignInLink.objects.get()
    assert (link.user, link.issuer, link.subject) == (officer, ISSUER, "s-1")
    entry = AuditEntry.objects.get(object_type="people.SignInLink")
    assert entry.verb == "write" and entry.user == officer


def test_it_finds_a_linked_user_by_subject_alone(officer):
    staff_for(identity())
    assert staff_for(identity(email="someone-else@example.org", verified=False)) == officer


def test_it_does_not_trust_an_unverified_email(officer):
    assert staff_for(identity(verified=False)) is None
    assert not SignInLink.objects.exists()


def test_it_refuses_an_email_two_users_share(officer):
    make_user("team_manager", officer.membership.la, email="pat@council.example.org")
    assert staff_for(identity()) is None


def test_it_refuses_a_second_subject_for_a_linked_user(officer):
    staff_for(identity())
    assert staff_for(identity(subject="s-2")) is None
    assert SignInLink.objects.count() == 1


@pytest.mark.parametrize("role", ["parent", "young_person"])
def test_it_leaves_families_to_their_passwords(role):
    make_user(role, make_la(), email="pat@council.example.org")
    assert staff_for(identity()) is None


def test_it_refuses_superusers_inactive_users_and_users_without_a_membership(officer):
    staff_for(identity())
    officer.is_superuser = True
    officer.save()
    assert staff_for(identity()) is None
    officer.is_superuser, officer.is_active = False, False
    officer.save()
    assert staff_for(identity()) is None
    officer.is_active = True
    officer.save()
    officer.membership.delete()
    officer.refresh_from_db()
    assert staff_for(identity()) is None
