"""The background queue's page (``/service/queue/``): service managers only."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import make_personas
from tests.portal.test_queue import TRACEBACK, add


def test_it_shows_the_backlog_and_failures_to_a_service_manager(client, db):
    personas = make_personas()
    add("senda.portal.sending.send_message", ago=120)
    add(
        "senda.portal.sending.send_message",
        "FAILED",
        traceback=TRACEBACK,
        exception_class_path="requests.exceptions.ConnectionError",
    )
    client.force_login(personas.service_manager)
    page = client.get(reverse("web:service-queue")).content.decode()
    assert "1 task waiting to run. The oldest has waited 2" in page
    assert "ConnectionError" in page
    assert "portal/sending.py, line 45, in send_message" in page
    assert "jo.bloggs" not in page
    client.force_login(personas.team_manager)
    assert client.get(reverse("web:service-queue")).status_code == 404


def test_it_says_when_nothing_is_queued(client, db):
    client.force_login(make_personas().service_manager)
    page = client.get(reverse("web:service-queue")).content.decode()
    assert "Nothing is waiting to run." in page
    assert "No task has failed." in page
