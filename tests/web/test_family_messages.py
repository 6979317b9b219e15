"""Secure messages: the family's thread, the officer's reply on the case, closed cases, and
the team manager's list of replies missed."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from senda.audit.models import AuditEntry
from senda.casework.models import Case
from senda.portal.models import CaseMessage, Message
from tests.factories import make_user
from tests.portal.family_fixtures import FRIDAY, other_family, with_officer_email


def family_url(case) -> str:
    return reverse("web:family-messages", kwargs={"case_id": case.pk})


def case_url(case) -> str:
    return reverse("web:case-messages", kwargs={"case_id": case.pk})


OVERDUE = reverse("web:messages-overdue")


@pytest.fixture
def friday(today_is):
    today_is(FRIDAY)


def test_a_family_sends_a_message_and_is_told_when_to_expect_a_reply(client, personas, friday):
    with_officer_email(personas)
    client.force_login(personas.parent)
    assert "No messages yet" in client.get(family_url(personas.case)).content.decode()
    response = client.post(family_url(personas.case), {"body": "When is the review?"}, follow=True)
    html = response.content.decode()
    assert "We have your message. Your officer will reply by 11 May 2026" in html
    assert "When is the review?" in html
    message = CaseMessage.objects.get()
    assert message.from_family and message.reply_due_on == date(2026, 5, 11)
    sent = dict(Message.objects.values_list("template", "to"))
    assert sent == {
        "family_message_received": "parent@example.org",
        "family_message": "officer@example.org",
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "Enter your message"), ("   ", "Enter your message"), ("x" * 5001, "5,000 characters")],
)
def test_an_empty_or_long_message_gets_a_form_error(client, personas, friday, body, message):
    client.force_login(personas.parent)
    response = client.post(family_url(personas.case), {"body": body})
    assert response.status_code == 200 and message in response.content.decode()
    assert not CaseMessage.objects.exists()


def test_a_closed_case_says_how_to_contact_the_service(client, personas, friday):
    Case.objects.filter(pk=personas.case.pk).update(status="closed")
    client.force_login(personas.parent)
    html = client.get(family_url(personas.case)).content.decode()
    assert "This case is closed" in html and "<textarea" not in html
    response = client.post(family_url(personas.case), {"body": "Hello"})
    assert "This case is closed, so your message has not been sent" in response.content.decode()
    assert not CaseMessage.objects.exists()


def test_another_family_and_staff_get_404(client, personas, friday):
    for user in (other_family(personas), personas.case_officer, personas.senco):
        client.force_login(user)
        assert client.get(family_url(personas.case)).status_code == 404
        assert client.post(family_url(personas.case), {"body": "Hi"}).status_code == 404
    assert not CaseMessage.objects.exists()


def test_the_officer_replies_from_the_case(client, personas, friday):
    with_officer_email(personas)
    client.force_login(personas.parent)
    client.post(family_url(personas.case), {"body": "<b>Help</b>"})
    client.force_login(personas.case_officer)
    html = client.get(case_url(personas.case)).content.decode()
    assert "&lt;b&gt;Help&lt;/b&gt;" in html and "Reply due by 11 May 2026" in html
    response = client.post(case_url(personas.case), {"body": "We will call you."}, follow=True)
    assert "Reply sent" in response.content.decode()
    family = CaseMessage.objects.get(from_family=True)
    assert family.replied_at is not None
    assert Message.objects.filter(template="family_message_reply").exists()
    client.force_login(personas.parent)
    assert "We will call you." in client.get(family_url(personas.case)).content.decode()


def test_a_qa_auditor_reads_the_thread_but_cannot_reply(client, personas, friday):
    client.force_login(personas.qa_auditor)
    html = client.get(case_url(personas.case)).content.decode()
    assert "Send reply" not in html
    assert client.post(case_url(personas.case), {"body": "Hi"}).status_code == 403
    assert not CaseMessage.objects.exists()


def test_an_empty_reply_gets_a_form_error(client, personas, friday):
    client.force_login(personas.case_officer)
    response = client.post(case_url(personas.case), {"body": ""})
    assert "Enter your message" in response.content.decode()


def test_the_case_page_links_the_thread_with_the_number_waiting(client, personas, friday):
    client.force_login(personas.parent)
    client.post(family_url(personas.case), {"body": "Hi"})
    client.force_login(personas.case_officer)
    html = client.get(reverse("web:case-detail", kwargs={"case_id": personas.case.pk})).content
    assert "(1 waiting for a reply)" in html.decode()


def test_managers_see_replies_missed_without_childrens_names(client, personas, today_is):
    today_is(FRIDAY)
    client.force_login(personas.parent)
    client.post(family_url(personas.case), {"body": "Hi"})
    client.force_login(personas.team_manager)
    assert "replied to on time" in client.get(OVERDUE).content.decode()
    today_is(date(2026, 5, 12))
    for manager in (personas.team_manager, personas.service_manager):
        client.force_login(manager)
        html = client.get(OVERDUE).content.decode()
        assert f"Case {personas.case.pk}" in html and "1 message waiting" in html
        assert personas.child.family_name not in html
    entry = AuditEntry.objects.filter(user=personas.service_manager).last()
    assert entry is not None and "not replied to" in entry.summary
    # Another area's manager sees none of it; an officer may not open the page.
    client.force_login(make_user("team_manager", personas.other_la))
    assert f"Case {personas.case.pk}" not in client.get(OVERDUE).content.decode()
    client.force_login(personas.case_officer)
    assert client.get(OVERDUE).status_code == 403


def test_the_team_page_links_the_missed_replies(client, personas):
    client.force_login(personas.team_manager)
    assert OVERDUE in client.get(reverse("web:team")).content.decode()
