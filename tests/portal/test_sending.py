"""Sending a message: the outbox backend, GOV.UK Notify's real client against a local
stand-in of its API, retries, permanent failures and idempotence (ADR 0017)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from senda.audit.models import AuditEntry
from senda.portal import notify
from senda.portal.backends import NotifyBackend, OutboxBackend, configured_backend
from senda.portal.models import Message
from senda.portal.sending import MAX_ATTEMPTS, deliver
from tests.factories import Personas
from tests.portal.notify_standin import NotifyStandIn

TEMPLATE_IDS = {"review_coming_up": "f33517ff-2a88-4f6e-b855-c550268ce08a"}


def _message(personas: Personas) -> Message:
    message = notify.send(
        la=personas.la,
        to="senco@school.example",
        template="review_coming_up",
        personalisation={
            "name": "Sam SENCo",
            "due": "3 March 2027",
            "reference": notify.case_reference(personas.case),
            "link": "http://127.0.0.1:8000/cases/1/",
        },
        case=personas.case,
    )
    assert message is not None
    return message


def _notify(standin: NotifyStandIn) -> NotifyBackend:
    return NotifyBackend(api_key=standin.api_key, base_url=standin.url, templates=TEMPLATE_IDS)


def _queued_retries(message: Message) -> list[DBTaskResult]:
    return [
        t
        for t in DBTaskResult.objects.filter(task_path="senda.portal.sending.send_message")
        if t.args_kwargs["args"] == [message.pk]
    ]


def test_it_marks_a_message_sent_in_the_outbox(personas: Personas) -> None:
    message = _message(personas)
    assert deliver(message.pk, backend=OutboxBackend()) == "sent"
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 1
    assert message.backend == "outbox"
    assert message.sent_at is not None
    assert message.provider_id == f"outbox-{message.reference}"


def test_it_uses_the_outbox_unless_told(personas: Personas) -> None:
    assert isinstance(configured_backend(), OutboxBackend)


def test_it_sends_through_notify_with_the_real_client(personas: Personas) -> None:
    message = _message(personas)
    with NotifyStandIn() as standin:
        assert deliver(message.pk, backend=_notify(standin)) == "sent"
    [sent] = standin.requests
    assert sent["email_address"] == "senco@school.example"
    assert sent["template_id"] == TEMPLATE_IDS["review_coming_up"]
    assert sent["reference"] == message.reference
    assert sent["personalisation"] == message.personalisation
    assert sent["personalisation"]["reference"] == f"R-{personas.case.pk}"
    assert sent["sanitise_content_for"] == ["name"]
    text = json.dumps(sent)
    assert personas.child.given_name not in text
    assert personas.child.family_name not in text
    assert personas.setting.name not in text
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.backend == "notify"
    assert len(message.provider_id) == 36


def test_it_chooses_notify_from_the_settings(personas: Personas, settings) -> None:
    message = _message(personas)
    with NotifyStandIn() as standin:
        settings.SENDA_NOTIFICATIONS = "notify"
        settings.SENDA_NOTIFY_API_KEY = standin.api_key
        settings.SENDA_NOTIFY_BASE_URL = standin.url
        settings.SENDA_NOTIFY_TEMPLATES = TEMPLATE_IDS
        assert deliver(message.pk) == "sent"
    assert [r["reference"] for r in standin.requests] == [message.reference]


def test_it_is_refused_with_a_wrong_key(personas: Personas) -> None:
    message = _message(personas)
    with NotifyStandIn() as standin:
        backend = NotifyBackend(
            api_key=f"senda_test-{standin.service_id}-{'f' * 36}",
            base_url=standin.url,
            templates=TEMPLATE_IDS,
        )
        assert deliver(message.pk, backend=backend) == "failed"
    assert standin.requests == []
    assert standin.refused[0][0] == 403
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.last_error.startswith("Notify answered 403")


def test_it_tries_again_after_a_server_error(personas: Personas) -> None:
    message = _message(personas)
    with NotifyStandIn() as standin:
        standin.fail_next(1, status=500)
        before = timezone.now()
        assert deliver(message.pk, backend=_notify(standin)) == "failed for now"
        message.refresh_from_db()
        assert message.status == Message.Status.TEMPORARY_FAILURE
        assert message.attempts == 1
        assert message.last_error.startswith("Notify answered 500")
        [retry] = _queued_retries(message)
        assert before + timedelta(minutes=1) <= retry.run_after
        assert retry.run_after <= timezone.now() + timedelta(minutes=1)
        assert deliver(message.pk, backend=_notify(standin)) == "sent"
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 2
    assert message.last_error == ""
    assert len(standin.requests) == 1


def test_it_tries_again_after_a_rate_limit_and_a_network_error(personas: Personas) -> None:
    message = _message(personas)
    with NotifyStandIn() as standin:
        standin.fail_next(1, status=429)
        assert deliver(message.pk, backend=_notify(standin)) == "failed for now"
        url = standin.url
    unreachable = NotifyBackend(api_key=standin.api_key, base_url=url, templates=TEMPLATE_IDS)
    assert deliver(message.pk, backend=unreachable) == "failed for now"
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.last_error.startswith("Notify answered 503")  # how the client says it


def test_it_does_not_retry_a_permanent_failure(personas: Personas) -> None:
    message = _message(personas)
    with NotifyStandIn() as standin:
        standin.fail_next(1, status=400)
        assert deliver(message.pk, backend=_notify(standin)) == "failed"
        assert deliver(message.pk, backend=_notify(standin)) == "already failed"
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.attempts == 1
    assert _queued_retries(message) == []
    assert standin.requests == []


def test_it_gives_up_after_five_attempts(personas: Personas) -> None:
    message = _message(personas)
    with NotifyStandIn() as standin:
        standin.fail_next(MAX_ATTEMPTS, status=502)
        outcomes = [deliver(message.pk, backend=_notify(standin)) for _ in range(MAX_ATTEMPTS)]
    assert outcomes == ["failed for now"] * 4 + ["failed"]
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.attempts == 5
    delays = sorted(
        round((t.run_after - t.enqueued_at).total_seconds() / 60) for t in _queued_retries(message)
    )
    assert delays == [1, 5, 15, 60]


def test_it_never_sends_a_message_twice(personas: Personas) -> None:
    message = _message(personas)
    with NotifyStandIn() as standin:
        assert deliver(message.pk, backend=_notify(standin)) == "sent"
        assert deliver(message.pk, backend=_notify(standin)) == "already sent"
    assert len(standin.requests) == 1
    message.refresh_from_db()
    assert message.attempts == 1


def test_it_fails_a_message_whose_template_has_no_notify_id(personas: Personas) -> None:
    message = _message(personas)
    with NotifyStandIn() as standin:
        backend = NotifyBackend(api_key=standin.api_key, base_url=standin.url, templates={})
        assert deliver(message.pk, backend=backend) == "failed"
    assert standin.requests == []


def test_it_audits_each_attempt_with_ids_only(personas: Personas) -> None:
    message = _message(personas)
    with NotifyStandIn() as standin:
        standin.fail_next(1, status=503)
        deliver(message.pk, backend=_notify(standin))
        deliver(message.pk, backend=_notify(standin))
    entries = AuditEntry.objects.filter(object_type="portal.Message", object_id=str(message.pk))
    summaries = sorted(entries.values_list("summary", flat=True))
    assert f"message {message.reference}: attempt 1 via notify: failed for now" in summaries
    assert f"message {message.reference}: attempt 2 via notify: sent" in summaries
    assert all(e.child_id == personas.child.pk for e in entries)
    assert not any("Sam" in s or "@" in s for s in summaries)


def test_it_answers_missing_for_a_message_that_is_gone(db: None) -> None:
    assert deliver(999_999, backend=OutboxBackend()) == "missing"


@pytest.mark.parametrize("missing", ["SENDA_NOTIFY_API_KEY", "SENDA_NOTIFY_TEMPLATE_INVITATION"])
def test_it_refuses_to_start_with_notify_half_configured(missing: str) -> None:
    import os
    import subprocess
    import sys

    from senda.portal.messages import TEMPLATES

    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDA_NOTIFY")}
    env["SENDA_NOTIFICATIONS"] = "notify"
    env["SENDA_NOTIFY_API_KEY"] = f"k-{'a' * 36}-{'b' * 36}"
    for key in TEMPLATES:
        env[f"SENDA_NOTIFY_TEMPLATE_{key.upper()}"] = "f33517ff-2a88-4f6e-b855-c550268ce08a"
    del env[missing]
    env["DJANGO_SETTINGS_MODULE"] = "senda.settings"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert missing in result.stderr


def test_it_retries_after_an_unexpected_error_without_recording_its_text(
    personas: Personas,
) -> None:
    class Broken:
        name = "broken"

        def send(self, message: Message) -> str:
            raise KeyError(message.to)

    message = _message(personas)
    assert deliver(message.pk, backend=Broken()) == "failed for now"
    message.refresh_from_db()
    assert message.status == Message.Status.TEMPORARY_FAILURE
    assert message.last_error == "unexpected KeyError"
    assert len(_queued_retries(message)) == 1
