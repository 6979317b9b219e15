"""Comments on a draft plan or amendment notice: within the clock's window only, one per
family member, the officer told and shown them on the case page."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.portal.models import Message, Representation
from tests.portal.family_fixtures import DRAFT_ON, issue, other_family, with_officer_email


def url(case) -> str:
    return reverse("web:family-draft", kwargs={"case_id": case.pk})


@pytest.fixture
def drafted(personas):
    with_officer_email(personas)
    issue(personas.case, "draft_plan_issued", DRAFT_ON, personas.case_officer)
    return personas


COMMENTS = {
    "section_B": "Speech needs are missing",
    "section_other": "Thank you",
    "school_name": "Oak Academy",
    "school_category": "academy",
    "meeting_requested": "on",
}


def test_a_parent_comments_within_the_window(client, drafted, today_is):
    today_is(date(2026, 3, 10))
    client.force_login(drafted.parent)
    html = client.get(url(drafted.case)).content.decode()
    assert "16 March 2026" in html and "Comment on the draft plan" in html
    response = client.post(url(drafted.case), COMMENTS, follow=True)
    assert "You can change them until 16 March 2026" in response.content.decode()
    rep = Representation.objects.get()
    assert rep.comments == {"B": "Speech needs are missing", "other": "Thank you"}
    assert (rep.school_name, rep.school_category, rep.meeting_requested) == (
        "Oak Academy",
        "academy",
        True,
    )
    assert Message.objects.filter(template="family_representation").exists()
    # The saved answers come back, and a second save changes the same record.
    assert "Speech needs are missing" in client.get(url(drafted.case)).content.decode()
    client.post(url(drafted.case), {"section_F": "More hours", "finished": "on"})
    rep = Representation.objects.get()
    assert rep.comments == {"F": "More hours"} and rep.finished


def test_after_the_window_nothing_is_saved_and_the_family_is_told(client, drafted, today_is):
    today_is(date(2026, 3, 17))
    client.force_login(drafted.parent)
    html = client.get(url(drafted.case)).content.decode()
    assert "The time to comment ended on 16 March 2026; you can still message your officer" in html
    assert "<textarea" not in html
    response = client.post(url(drafted.case), COMMENTS)
    assert response.status_code == 200
    assert "Your comments have not been saved. The time to comment ended on 16 March 2026" in (
        response.content.decode()
    )
    assert not Representation.objects.exists()


def test_after_the_window_the_family_sees_they_sent_comments(client, drafted, today_is):
    today_is(DRAFT_ON)
    client.force_login(drafted.parent)
    client.post(url(drafted.case), COMMENTS)
    today_is(date(2026, 3, 20))
    client.force_login(drafted.parent)  # a new session: the old one timed out
    html = client.get(url(drafted.case)).content.decode()
    assert "You sent your comments on 2 March 2026" in html


def test_nothing_to_comment_on(client, personas, today_is):
    today_is(DRAFT_ON)
    client.force_login(personas.parent)
    assert "no draft plan" in client.get(url(personas.case)).content.decode()
    assert client.post(url(personas.case), COMMENTS).status_code == 200
    assert not Representation.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"section_B": "x" * 5001}, "5,000 characters or fewer"),
        ({"school_name": "Oak"}, "Select the type of school or college"),
        ({"school_name": "Oak", "school_category": "'; drop table"}, "Select the type"),
        ({}, "Write a comment"),
    ],
)
def test_hostile_or_incomplete_comments_get_a_form_error(client, drafted, today_is, data, message):
    today_is(DRAFT_ON)
    client.force_login(drafted.parent)
    response = client.post(url(drafted.case), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Representation.objects.exists()


def test_another_family_and_staff_get_404(client, drafted, today_is):
    today_is(DRAFT_ON)
    for user in (other_family(drafted), drafted.case_officer, drafted.senco):
        client.force_login(user)
        assert client.get(url(drafted.case)).status_code == 404
        assert client.post(url(drafted.case), COMMENTS).status_code == 404
    assert not Representation.objects.exists()


def test_the_officer_sees_the_comments_and_the_windows_end_on_the_case_page(
    client, drafted, today_is
):
    today_is(DRAFT_ON)
    client.force_login(drafted.parent)
    client.post(url(drafted.case), COMMENTS)
    client.force_login(drafted.case_officer)
    html = client.get(reverse("web:case-detail", kwargs={"case_id": drafted.case.pk})).content
    html = html.decode()
    assert "time to comment ends on 16 March 2026" in html
    assert "Speech needs are missing" in html and "Oak Academy" in html
    assert "Comments on the draft plan sent on 2 March 2026, made on" in html
    # The family's own case page does not show the officer's section.
    client.force_login(drafted.parent)
    html = client.get(reverse("web:case-detail", kwargs={"case_id": drafted.case.pk})).content
    assert "time to comment ends" not in html.decode()
