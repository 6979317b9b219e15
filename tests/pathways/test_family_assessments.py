"""``/family/assessments/`` for a family with two children (issue 18, a new user's walk):
the help each child has now names the child, "the Local Offer" links to the area's Local
Offer website where one is recorded (plain text where not), and a referral taken off the
list says why, in plain English."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from senda.pathways import support
from senda.pathways.family import CLOSE_WORDS, family_view
from senda.pathways.models import CloseReason
from senda.people.models import FamilyContact
from senda.portal.family_status import jargon_in
from tests.factories import make_child, make_la, make_user
from tests.pathways.factories import TODAY, referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(today_is):
    today_is(TODAY)
    la = make_la()
    officer = make_user("case_officer", la)
    amir, bea = make_child(la, given_name="Amir"), make_child(la, given_name="Bea")
    parent = make_user("parent", la, child=amir)
    FamilyContact.objects.create(child=bea, name="Parent", relationship="parent", user=parent)
    return la, officer, amir, bea, parent


def page_of(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("web:family-assessments"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_help_each_child_has_now_names_the_child(family):
    _la, officer, amir, bea, parent = family
    waiting = referral(bea, officer, on=date(2025, 6, 2), accepted=date(2025, 7, 1))
    referral(amir, officer, on=date(2025, 9, 1))
    support.record_support(
        referral=waiting,
        kind="parent_programme",
        provider_kind="voluntary",
        provider="Seaview Parent Carer Forum",
        starts_on=date(2025, 8, 1),
        by=officer,
        today=TODAY,
    )
    text = page_of(parent)
    assert "Parent or carer programme for Bea, from Seaview Parent Carer Forum" in text
    assert "for Amir," not in text


def test_the_local_offer_links_to_the_areas_website_only_when_recorded(family):
    la, officer, amir, _bea, parent = family
    referral(amir, officer, on=date(2025, 9, 1))
    text = page_of(parent)
    assert "The Local Offer lists groups" in text and 'href="https://' not in text
    la.local_offer_url = "https://localoffer.example.org/seaview/"
    la.save()
    text = page_of(parent)
    assert (
        '<a class="govuk-link" href="https://localoffer.example.org/seaview/">'
        "The Local Offer</a> lists groups"
    ) in text


def test_the_local_offer_address_must_be_a_web_address(family):
    from django.core.exceptions import ValidationError

    la = family[0]
    for hostile in ("javascript:alert(1)", "ftp://example.org/offer", "not a url"):
        la.local_offer_url = hostile
        with pytest.raises(ValidationError) as refused:
            la.full_clean()
        assert "local_offer_url" in refused.value.message_dict


def test_off_the_waiting_list_says_why(family):
    _la, officer, amir, _bea, parent = family
    moved = referral(amir, officer, on=date(2025, 6, 2), closed=date(2025, 12, 1))
    for voice in ("parent", "young person"):
        view = family_view(moved, TODAY, voice)
        assert view.heading == "Off the waiting list"
        assert "moved to a new area" in view.text, view.text
        assert jargon_in(view.text) == []
    assert "because your child moved to a new area" in page_of(parent)
    for reason in CloseReason.values:
        moved.close_reason = reason
        text = family_view(moved, TODAY, "parent").text
        assert "because" in text or reason == CloseReason.OTHER
        assert jargon_in(text) == [], text
    assert set(CLOSE_WORDS) == set(CloseReason.values)
