"""The family pages (who can see the record, sharing, details) and the officer's side
on the case (invite, capacity, changes of details); the young person's own view."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.people import family_actions
from senda.people.models import CapacityDecision, ContactChange, Delegation, FamilyContact
from senda.portal.models import Invitation
from tests.factories import make_case, make_child, make_family_user, make_la, make_user

pytestmark = pytest.mark.django_db
BORN = date(2010, 3, 15)  # the rights pass on 27 June 2026
TRANSFER = date(2026, 6, 27)
FAMILY_URLS = ("web:family-access", "web:family-sharing", "web:family-details")


@pytest.fixture
def family():
    child = make_child(make_la(), date_of_birth=BORN, given_name="Robin")
    case = make_case(child)
    parent = make_family_user(child, email="mo@example.org")
    young = make_family_user(child, young_person=True)
    officer = make_user("case_officer", child.la)
    return case, parent, young, officer


def text(response):
    return response.content.decode()


def test_the_young_person_opens_every_family_page_and_their_case(family, today_is, client):
    case, _, young, _ = family
    today_is(TRANSFER)
    client.force_login(young)
    for name in FAMILY_URLS:
        assert client.get(reverse(name)).status_code == 200, name
    page = client.get(reverse("web:case-detail", args=[case.pk]), follow=True)
    assert page.redirect_chain == [(reverse("web:family-case", args=[case.pk]), 302)]
    assert reverse("web:family-sharing") in text(page)  # the family links
    assert "Robin" not in text(page).split("<title>")[1].split("</title>")[0]


@pytest.mark.parametrize("who", ["parent", "young person"])
def test_a_family_opening_the_staff_case_page_lands_on_their_own(family, today_is, client, who):
    """/cases/<own id>/ sends a parent (before the transfer) or the young person (after) to
    /family/<id>/; another family's case is 404, as before, never a redirect."""
    case, parent, young, _ = family
    today_is(date(2026, 1, 10) if who == "parent" else TRANSFER)
    client.force_login(parent if who == "parent" else young)
    response = client.get(reverse("web:case-detail", args=[case.pk]))
    assert response.status_code == 302
    assert response.url == reverse("web:family-case", args=[case.pk])
    assert client.get(response.url).status_code == 200
    assert client.get(reverse("web:case-list")).url == reverse("web:family-home")
    other = make_case(make_child(case.child.la))
    assert client.get(reverse("web:case-detail", args=[other.pk])).status_code == 404


def test_the_young_person_is_refused_the_officers_pages(family, today_is, client):
    case, _, young, _ = family
    today_is(TRANSFER)
    client.force_login(young)
    for name in ("web:case-family-invite", "web:case-capacity", "web:case-contact-changes"):
        assert client.get(reverse(name, args=[case.pk])).status_code == 403


def test_the_access_page_says_who_and_why_and_is_audited(family, today_is, client):
    case, parent, _, _ = family
    today_is(date(2026, 1, 10))
    client.force_login(parent)
    page = text(client.get(reverse("web:family-access")))
    assert "Who can see Robin" in page and "Parent with parental responsibility" in page
    assert "27 June 2026" in page  # the rights pass, said ahead
    assert AuditEntry.objects.filter(user=parent, verb="read", child=case.child).exists()


def test_the_access_page_shows_the_council_team_as_one_line(family, today_is, client):
    """A family reads "Council SEND team (N people)", not every officer of the area by name."""
    case, parent, _, officer = family
    others = [make_user("case_officer", case.la) for _ in range(3)]
    today_is(date(2026, 1, 10))
    client.force_login(parent)
    page = text(client.get(reverse("web:family-access")))
    assert "Council SEND team (4 people)" in page
    for user in (officer, *others):
        assert user.get_username() not in page
    assert "Capacity" not in page


def test_a_young_person_shares_and_stops_sharing(family, today_is, client):
    case, parent, young, _ = family
    mother = FamilyContact.objects.get(user=parent)
    today_is(TRANSFER)
    client.force_login(young)
    url = reverse("web:family-sharing")
    response = client.post(url, {"contact": mother.pk, "scope": "act"})
    assert response.status_code == 302
    given = Delegation.objects.get()
    assert given.scope == "act" and given.granted_by == young
    client.force_login(parent)
    assert client.get(reverse("web:family-case", args=[case.pk])).status_code == 200
    client.force_login(young)
    client.post(url, {"delegation": given.pk})
    given.refresh_from_db()
    assert given.withdrawn_on == TRANSFER
    page = text(client.get(url))
    assert "until 27 June 2026" in page  # the history
    assert "No one in your family can see your record" in page
    client.force_login(parent)
    assert client.get(reverse("web:family-case", args=[case.pk])).status_code == 404
    assert client.get(reverse("web:case-detail", args=[case.pk])).status_code == 404


def test_sharing_refuses_hostile_input_with_a_form_error(family, today_is, client):
    _, _, young, _ = family
    today_is(TRANSFER)
    client.force_login(young)
    url = reverse("web:family-sharing")
    assert client.post(url, {"contact": "99999999999999", "scope": "act"}).status_code == 200
    assert client.post(url, {"contact": "x", "scope": "all"}).status_code == 200
    assert client.post(url, {"delegation": "nope"}).status_code == 302
    assert not Delegation.objects.exists()


def test_a_parent_reads_what_happens_when_the_rights_pass(family, today_is, client):
    _, parent, _, _ = family
    today_is(date(2026, 1, 10))
    client.force_login(parent)
    page = text(client.get(reverse("web:family-sharing")))
    assert "27 June 2026" in page and "<form" not in page.split("<main")[1]


def test_details_wait_for_the_officer_who_confirms(family, today_is, client):
    case, parent, _, officer = family
    today_is(date(2026, 1, 10))
    client.force_login(parent)
    url = reverse("web:family-details")
    data = {"email": "new@example.org", "phone": "07700 900982", "address": "", "contact_by": "sms"}
    assert client.post(url, data).status_code == 302
    assert "Waiting for your officer to check this" in text(client.get(url))
    mother = FamilyContact.objects.get(user=parent)
    assert mother.email == "mo@example.org"  # not yet
    client.force_login(officer)
    assert "1 change of contact details" in text(
        client.get(reverse("web:case-detail", args=[case.pk]))
    )
    changes = reverse("web:case-contact-changes", args=[case.pk])
    assert "07700 900982" in text(client.get(changes))
    change = ContactChange.objects.get()
    client.post(changes, {"change": change.pk, "answer": "confirm"})
    mother.refresh_from_db()
    assert (mother.email, mother.phone, mother.contact_by) == (
        "new@example.org",
        "07700 900982",
        "sms",
    )
    assert AuditEntry.objects.filter(object_type="people.ContactChange", user=officer).exists()


def test_a_rejected_change_says_why_and_changes_nothing(family, today_is, client):
    case, parent, _, officer = family
    today_is(date(2026, 1, 10))
    mother = FamilyContact.objects.get(user=parent)
    change = family_actions.request_contact_change(
        contact=mother, by=parent, values={"phone": "01234 567890"}
    )
    client.force_login(officer)
    changes = reverse("web:case-contact-changes", args=[case.pk])
    client.post(changes, {"change": change.pk, "answer": "reject", "reason": ""})
    change.refresh_from_db()
    assert change.status == "pending"  # a reason is needed
    client.post(changes, {"change": change.pk, "answer": "reject", "reason": "Wrong number"})
    change.refresh_from_db()
    assert change.status == "rejected"
    client.force_login(parent)
    assert "Wrong number" in text(client.get(reverse("web:family-details")))
    mother.refresh_from_db()
    assert mother.phone == ""


def test_details_refuse_a_bad_email_on_the_form(family, today_is, client):
    _, parent, _, _ = family
    today_is(date(2026, 1, 10))
    client.force_login(parent)
    data = {"email": "not an email", "phone": "", "address": "", "contact_by": "email"}
    response = client.post(reverse("web:family-details"), data)
    assert response.status_code == 200 and "Enter an email address" in text(response)
    assert not ContactChange.objects.exists()


def test_an_officer_invites_from_the_case_page(family, today_is, client):
    case, _, _, officer = family
    gran = FamilyContact.objects.create(
        child=case.child, name="Gran", relationship="grandmother", parental_responsibility=False
    )
    carer = FamilyContact.objects.create(child=case.child, name="Al", relationship="carer")
    today_is(date(2026, 1, 10))
    client.force_login(officer)
    url = reverse("web:case-family-invite", args=[case.pk])
    page = text(client.get(url))
    assert "does not have parental responsibility" in page
    # Gran cannot be invited (no parental responsibility), the mother already has an
    # account: neither is offered, and posting either is refused with nothing sent.
    radios = re.findall(r'<input[^>]*name="contact"[^>]*>', page)
    offered = {m for r in radios for m in re.findall(r'value="(\d+)"', r)}
    mother = FamilyContact.objects.exclude(user=None).get(is_young_person=False)
    assert offered == {str(carer.pk)}, (offered, gran.pk, mother.pk)
    refused = client.post(url, {"contact": gran.pk})
    assert refused.status_code == 200 and not Invitation.objects.exists()
    assert client.post(url, {"contact": carer.pk, "email": "al@example.org"}).status_code == 302
    assert Invitation.objects.get().contact == carer


def test_an_officer_records_a_capacity_decision(family, today_is, client):
    case, parent, _, officer = family
    mother = FamilyContact.objects.get(user=parent)
    today_is(TRANSFER)
    client.force_login(officer)
    url = reverse("web:case-capacity", args=[case.pk])
    data = {
        "decision": "appeal",
        "assessed_on-day": "20",
        "assessed_on-month": "6",
        "assessed_on-year": "2026",
        "assessed_by": "Dr A Shah, psychologist",
        "outcome": "lacks",
        "alternative_person": "",
        "basis": "",
    }
    missing = client.post(url, data)
    assert missing.status_code == 200 and "Choose who acts" in text(missing)
    data |= {"alternative_person": mother.pk, "basis": "parent"}
    assert client.post(url, data).status_code == 302
    record = CapacityDecision.objects.get()
    assert record.alternative_person == mother and record.recorded_by == officer
    assert "Schedule 3" in text(client.get(url))
    client.force_login(parent)
    assert client.get(reverse("web:family-case", args=[case.pk])).status_code == 200


def test_family_pages_are_not_for_staff(family, client):
    _, _, _, officer = family
    client.force_login(officer)
    for name in FAMILY_URLS:
        assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", FAMILY_URLS)
def test_family_pages_read_at_about_age_nine(family, today_is, client, name):
    """Flesch–Kincaid grade 5 or below (reading age about 10) for the page's sentences
    (its paragraphs: labels and links are not sentences)."""
    import re

    import textstat

    _, parent, _, _ = family
    today_is(date(2026, 1, 10))
    client.force_login(parent)
    main = text(client.get(reverse(name))).split("<main")[1].split("</main>")[0]
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", main, flags=re.S)
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", " ".join(paragraphs)))
    assert textstat.flesch_kincaid_grade(words) <= 5, words


def test_a_parent_of_two_changes_their_details_once_for_both(family, today_is, client):
    case, parent, _, _ = family
    other = make_case(make_child(case.la))
    FamilyContact.objects.create(
        child=other.child,
        name="Mo",
        relationship="mother",
        user=parent,
        phone="01234 567890",
        email="mo@example.org",
    )
    today_is(date(2026, 1, 10))
    client.force_login(parent)
    data = {
        "email": "mo@example.org",
        "phone": "01234 567890",
        "address": "",
        "contact_by": "email",
    }
    assert client.post(reverse("web:family-details"), data).status_code == 302
    assert ContactChange.objects.count() == 1  # the other record had that number already
    same = client.post(reverse("web:family-details"), data)
    assert "You have not changed anything" in text(same)


def test_an_empty_share_is_a_form_error(family, today_is, client):
    _, _, young, _ = family
    today_is(TRANSFER)
    client.force_login(young)
    page = text(client.post(reverse("web:family-sharing"), {}))
    assert "Choose a person" in page and "Choose what they can do" in page
    assert not Delegation.objects.exists()
