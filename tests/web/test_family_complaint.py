"""A complaint made online by the family: a stage 1 complaint, what happens next."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.casework.models import Complaint
from senda.people.models import FamilyContact
from tests.portal.family_fixtures import FRIDAY, other_family


def url(case) -> str:
    return reverse("web:family-complaint", kwargs={"case_id": case.pk})


@pytest.fixture(autouse=True)
def friday(today_is):
    today_is(FRIDAY)


def test_a_family_makes_a_complaint_and_is_told_what_happens_next(client, personas):
    client.force_login(personas.parent)
    html = client.get(url(personas.case)).content.decode()
    assert "within 10 working days" in html
    response = client.post(
        url(personas.case), {"category": "communication", "summary": "Nobody replied."}
    )
    html = response.content.decode()
    assert "Complaint sent" in html and "stage 1" in html
    assert "18 May 2026" in html  # 10 working days from Friday 1 May, skipping 4 May
    complaint = Complaint.objects.get()
    assert complaint.made_online and complaint.stage == Complaint.Stage.STAGE_1
    assert (complaint.category, complaint.summary) == ("communication", "Nobody replied.")
    assert complaint.received_on == date(2026, 5, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"summary": "x"}, "Select what your complaint is about"),
        ({"category": "nonsense", "summary": "x"}, "Select what your complaint is about"),
        ({"category": "other", "summary": ""}, "Enter what went wrong"),
        ({"category": "other", "summary": "x" * 5001}, "5,000 characters or fewer"),
    ],
)
def test_hostile_or_empty_input_gets_a_form_error(client, personas, data, message):
    client.force_login(personas.parent)
    response = client.post(url(personas.case), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Complaint.objects.exists()


def test_another_family_and_staff_get_404(client, personas):
    for user in (other_family(personas), personas.case_officer, personas.senco):
        client.force_login(user)
        assert client.get(url(personas.case)).status_code == 404
        assert (
            client.post(url(personas.case), {"category": "other", "summary": "x"}).status_code
            == 404
        )
    assert not Complaint.objects.exists()


def test_a_family_member_who_only_sees_cannot_complain_here(client, personas):
    FamilyContact.objects.filter(user=personas.parent).update(parental_responsibility=False)
    client.force_login(personas.parent)
    response = client.post(url(personas.case), {"category": "other", "summary": "x"})
    assert "can make a complaint here" in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_familys_complaints_stay_on_the_page_with_when_the_answer_is_due(client, personas):
    client.force_login(personas.parent)
    client.post(url(personas.case), {"category": "communication", "summary": "Nobody replied."})
    html = client.get(url(personas.case)).content.decode()
    assert "Your complaints" in html
    assert "Communication" in html and "1 May 2026" in html
    assert "Stage 1" in html and "18 May 2026" in html and "Not answered yet" in html
    complaint = Complaint.objects.get()
    complaint.stage1_responded_on = date(2026, 5, 8)
    complaint.save()
    html = client.get(url(personas.case)).content.decode()
    assert "Answered on 8 May 2026" in html


def test_the_family_case_page_says_a_complaint_is_open(client, personas):
    client.force_login(personas.parent)
    case_page = reverse("web:family-case", kwargs={"case_id": personas.case.pk})
    assert "Your complaint" not in client.get(case_page).content.decode()
    client.post(url(personas.case), {"category": "communication", "summary": "Nobody replied."})
    html = client.get(case_page).content.decode()
    assert "You have a complaint open" in html and "18 May 2026" in html
