"""Family invitations (issue 14): an officer invites a child's family contact; the rules
on parental responsibility and the young person's rights; accepting links the account."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from senda.kernel import ActionError
from senda.people import family_actions
from senda.people.models import FamilyContact, Membership, Role
from senda.portal import invitations
from senda.portal.models import Message
from senda.web.access import visible_cases
from tests.factories import (
    PASSWORD,
    make_case,
    make_child,
    make_family_user,
    make_la,
    make_user,
)

pytestmark = pytest.mark.django_db
STRONG = "a long enough pass phrase 42"
BORN = date(2010, 3, 15)  # the rights pass on 27 June 2026
TRANSFER = date(2026, 6, 27)


@pytest.fixture
def case():
    return make_case(make_child(make_la(), date_of_birth=BORN))


@pytest.fixture
def officer(case):
    return make_user("case_officer", case.la)


def contact(case, **fields):
    fields.setdefault("name", "Mo Parent")
    fields.setdefault("relationship", "mother")
    fields.setdefault("email", "mo@example.org")
    return FamilyContact.objects.create(child=case.child, **fields)


def test_an_officer_invites_a_parent_and_accepting_links_the_account(case, officer, today_is):
    today_is(date(2026, 1, 10))
    mother = contact(case)
    _, token = invitations.invite_family(contact=mother, by=officer)
    message = Message.objects.get()
    assert message.template == "family_invitation" and message.to == "mo@example.org"
    assert case.child.family_name not in str(message.personalisation)
    account = invitations.accept(token=token, password=STRONG)
    mother.refresh_from_db()
    assert mother.user == account
    assert Membership.objects.get(user=account).role == Role.PARENT
    assert list(visible_cases(account)) == [case]


def test_a_typed_email_wins_and_a_bad_one_is_a_form_error(case, officer, today_is):
    today_is(date(2026, 1, 10))
    mother = contact(case, email="")
    with pytest.raises(ActionError) as missing:
        invitations.invite_family(contact=mother, by=officer)
    assert missing.value.field == "email"
    with pytest.raises(ActionError) as bad:
        invitations.invite_family(contact=mother, by=officer, email="not an address")
    assert bad.value.field == "email"
    invitation, _ = invitations.invite_family(contact=mother, by=officer, email="Mo@Example.org")
    assert invitation.email == "mo@example.org"


def test_only_officers_and_managers_of_the_area_invite(case, today_is):
    today_is(date(2026, 1, 10))
    mother = contact(case)
    for role in ("qa_auditor", "board_member"):
        with pytest.raises(ActionError):
            invitations.invite_family(contact=mother, by=make_user(role, case.la))
    with pytest.raises(ActionError):
        invitations.invite_family(contact=mother, by=make_user("case_officer", make_la()))
    for role in ("team_manager", "service_manager"):
        invitations.invite_family(contact=mother, by=make_user(role, case.la))


def test_a_contact_without_parental_responsibility_is_refused(case, officer, today_is):
    today_is(date(2026, 1, 10))
    gran = contact(case, name="Gran", parental_responsibility=False)
    with pytest.raises(ActionError, match="parental responsibility"):
        invitations.invite_family(contact=gran, by=officer)


def test_the_young_person_is_refused_before_the_transfer_date(case, officer, today_is):
    today_is(date(2026, 6, 26))
    young = contact(case, name="Sam", relationship="self", is_young_person=True)
    with pytest.raises(ActionError, match="27 June 2026"):
        invitations.invite_family(contact=young, by=officer)
    today_is(TRANSFER)
    _, token = invitations.invite_family(contact=young, by=officer, email="sam@example.org")
    account = invitations.accept(token=token, password=STRONG)
    assert Membership.objects.get(user=account).role == Role.YOUNG_PERSON
    assert list(visible_cases(account)) == [case]


def test_a_parent_after_the_transfer_date_needs_the_young_persons_agreement(
    case, officer, today_is
):
    today_is(TRANSFER)
    mother = contact(case)
    with pytest.raises(ActionError, match="young person agrees"):
        invitations.invite_family(contact=mother, by=officer)
    young = make_family_user(case.child, young_person=True)
    family_actions.grant_delegation(child=case.child, contact=mother, scope="see", by=young)
    invitations.invite_family(contact=mother, by=officer)


def test_a_contact_with_an_account_is_not_invited_again(case, officer, today_is):
    today_is(date(2026, 1, 10))
    parent = make_family_user(case.child)
    with pytest.raises(ActionError, match="account already"):
        invitations.invite_family(contact=FamilyContact.objects.get(user=parent), by=officer)


def test_an_existing_family_account_gains_the_child(case, officer, today_is):
    """The portal's rule: someone with an account proves it with their password."""
    today_is(date(2026, 1, 10))
    sibling = make_case(make_child(case.la))
    parent = make_family_user(sibling.child, email="mo@example.org")
    _, token = invitations.invite_family(contact=contact(case), by=officer)
    with pytest.raises(ActionError):
        invitations.accept(token=token, password="wrong")
    assert invitations.accept(token=token, password=PASSWORD) == parent
    assert set(visible_cases(parent)) == {case, sibling}
    assert User.objects.filter(email="mo@example.org").count() == 1


def test_a_staff_address_is_refused(case, officer, today_is):
    today_is(date(2026, 1, 10))
    with pytest.raises(ActionError, match="staff account"):
        invitations.invite_family(contact=contact(case), by=officer, email=_email(officer))


def _email(user):
    user.email = "officer@council.example"
    user.save()
    return user.email


def test_the_accept_page_signs_the_family_in(case, officer, today_is, client):
    today_is(date(2026, 1, 10))
    _, token = invitations.invite_family(contact=contact(case), by=officer)
    url = reverse("web:invitation-accept", args=[token])
    page = client.get(url)
    assert "Family account (parent or carer)" in page.content.decode()
    response = client.post(url, {"password": STRONG, "confirm": STRONG})
    assert response.status_code == 302
    assert client.get(reverse("web:family-case", args=[case.pk])).status_code == 200


def test_a_withdrawn_delegation_stops_a_waiting_invitation(case, officer, today_is):
    today_is(TRANSFER)
    mother = contact(case)
    young = make_family_user(case.child, young_person=True)
    given = family_actions.grant_delegation(child=case.child, contact=mother, scope="see", by=young)
    _, token = invitations.invite_family(contact=mother, by=officer)
    family_actions.withdraw_delegation(delegation=given, by=young)
    with pytest.raises(ActionError, match="cannot be used now"):
        invitations.accept(token=token, password=STRONG)


def test_managers_see_and_withdraw_family_invitations_in_the_list(case, officer, today_is, client):
    today_is(date(2026, 1, 10))
    invitation, token = invitations.invite_family(contact=contact(case), by=officer)
    manager = make_user("service_manager", case.la)
    client.force_login(manager)
    page = client.get(reverse("web:portal-invitations")).content.decode()
    assert "Family account (parent or carer)" in page
    client.post(reverse("web:portal-invitation-revoke", args=[invitation.pk]))
    with pytest.raises(ActionError, match="withdrawn"):
        invitations.accept(token=token, password=STRONG)
