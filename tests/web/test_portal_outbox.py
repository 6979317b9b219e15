"""The outbox: service managers read their area's messages; nobody else; and the case page
lists the messages sent about a case to council staff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from senda.audit.models import AuditEntry
from senda.portal.models import Message
from senda.portal.sending import deliver
from tests.factories import Personas, make_la, make_message
from tests.web.page_audit import audit_page, text_of

URL = reverse("web:portal-outbox")


def page_text(response) -> str:
    assert response.status_code == 200
    return text_of(audit_page(response))


def detail(message: Message) -> str:
    return reverse("web:portal-outbox-message", args=[message.pk])


@pytest.fixture
def manager(client, personas: Personas):
    client.force_login(personas.service_manager)
    return personas.service_manager


def test_it_lists_the_areas_messages_newest_first(client, personas, manager) -> None:
    older = make_message(personas.la, case=personas.case)
    Message.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=1))
    newer = make_message(personas.la, template="report_chaser", to="senco@school.example")
    deliver(newer.pk)
    make_message(make_la(), to="elsewhere@other.example")
    response = client.get(URL)
    assert response.status_code == 200
    assert [m.pk for m in response.context["page_obj"].object_list] == [newer.pk, older.pk]
    text = page_text(response)
    assert "senco@school.example" in text
    assert "An annual review report is late" in text
    assert "Sent" in text
    assert older.reference in text and newer.reference in text
    assert f"R-{personas.case.pk}" in text
    assert "elsewhere@other.example" not in text
    assert AuditEntry.objects.filter(
        user=manager, verb="read", summary__startswith="outbox"
    ).exists()


def test_it_shows_a_messages_body(client, personas, manager) -> None:
    message = make_message(personas.la, case=personas.case)
    response = client.get(detail(message))
    assert response.status_code == 200
    text = page_text(response)
    assert "Advice is due soon" in text
    assert "Advice from SALT is due by 3 March 2027 (case R-1)" in text
    assert "Not yet" in text
    entry = AuditEntry.objects.get(user=manager, object_type="portal.Message")
    assert entry.child_id == personas.child.pk


def test_it_hides_another_areas_message(client, personas, manager) -> None:
    assert client.get(detail(make_message(make_la()))).status_code == 404


@pytest.mark.parametrize("persona", ["case_officer", "team_manager", "senco", "advice_giver"])
def test_it_refuses_everyone_else(client, personas, persona: str) -> None:
    message = make_message(personas.la)
    client.force_login(getattr(personas, persona))
    assert client.get(URL).status_code == 403
    assert client.get(detail(message)).status_code == 403


def test_it_says_when_there_are_no_messages(client, personas, manager) -> None:
    assert "No messages yet." in page_text(client.get(URL))


def test_the_case_page_lists_its_messages_for_council_staff(client, personas) -> None:
    message = make_message(personas.la, case=personas.case, to="senco@school.example")
    deliver(message.pk)
    make_message(personas.la, to="not-this-case@school.example")
    case_url = reverse("web:case-detail", args=[personas.case.pk])
    client.force_login(personas.case_officer)
    text = page_text(client.get(case_url))
    assert "Messages sent about this case" in text
    assert "senco@school.example" in text
    assert "not-this-case@school.example" not in text
    client.force_login(personas.senco)
    text = page_text(client.get(case_url))
    assert "Messages sent about this case" not in text


def test_it_hides_an_invitations_link_once_notify_sent_it(client, personas, manager) -> None:
    fields = {"name": "N", "council": "C", "role": "SENCo", "expires": "9 May", "link": "SECRET"}
    demo = make_message(personas.la, template="invitation", personalisation=fields)
    deliver(demo.pk)
    assert "SECRET" in page_text(client.get(detail(demo)))
    live = make_message(
        personas.la, template="invitation", personalisation=fields, backend="notify"
    )
    text = page_text(client.get(detail(live)))
    assert "SECRET" not in text
    assert "(sent to the recipient only)" in text
