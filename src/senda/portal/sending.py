"""The background queue's side of notifications (ADR 0017).

``notify.send`` records a ``Message`` and, once its transaction commits, calls
:func:`enqueue`, which puts a :data:`send_message` task on the django-tasks queue (a row
in Senda's own database; ``senda worker`` runs it). The task sends the message through
the configured backend (``senda.portal.backends``) and records what happened:

- sent: ``status`` sent, ``sent_at``, ``provider_id``;
- failed for now (a network error, Notify's 5xx or 429): ``status`` temporary-failure and
  the task queued again to run after 1, 5, 15, then 60 minutes; the fifth failure is final;
- refused (Notify's 400 or 403): ``status`` failed at once.

A message already sent (or failed) is never sent again, so running a task twice is
harmless. Every attempt is audited, with ids only.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from senda import audit
from senda.portal.backends import (
    Backend,
    PermanentFailure,
    TemporaryFailure,
    configured_backend,
)
from senda.portal.models import Message

__all__ = ["MAX_ATTEMPTS", "RETRY_MINUTES", "deliver", "enqueue", "send_message"]

#: Minutes to wait before the 2nd, 3rd, 4th and 5th attempts.
RETRY_MINUTES = (1, 5, 15, 60)
MAX_ATTEMPTS = len(RETRY_MINUTES) + 1
#: A message in one of these states is never sent again.
FINISHED = frozenset({Message.Status.SENT, Message.Status.DELIVERED, Message.Status.FAILED})


@task()
def send_message(message_id: int) -> str:
    """The queued task: send message ``message_id`` (an id, re-read here)."""
    return deliver(message_id)


def enqueue(message_id: int, *, delay_minutes: int = 0) -> None:
    """Queue the task that sends message ``message_id`` (after ``delay_minutes``)."""
    queued = send_message
    if delay_minutes:
        queued = send_message.using(run_after=timezone.now() + timedelta(minutes=delay_minutes))
    queued.enqueue(message_id)


def deliver(message_id: int, *, backend: Backend | None = None) -> str:
    """One attempt to send message ``message_id``; answers what became of it."""
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None:
            return "missing"
        if message.status in FINISHED:
            return f"already {message.status}"
        backend = backend or configured_backend()
        message.attempts += 1
        message.backend = backend.name
        try:
            message.provider_id = backend.send(message)[:100]
        except TemporaryFailure as error:
            outcome = _failed_for_now(message, str(error))
        except PermanentFailure as error:
            outcome = _failed(message, str(error))
        except Exception as error:  # a fault of ours or the client's: retried, then failed
            outcome = _failed_for_now(message, f"unexpected {type(error).__name__}")
        else:
            message.status = Message.Status.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
            outcome = "sent"
        message.save()
        _audit(message, outcome)
    return outcome


def _failed_for_now(message: Message, error: str) -> str:
    if message.attempts >= MAX_ATTEMPTS:
        return _failed(message, error)
    message.status = Message.Status.TEMPORARY_FAILURE
    message.last_error = error[:300]
    # In the same transaction as the message: the retry is queued if and only if the
    # attempt is recorded (the queue is a table in the same database).
    enqueue(message.pk, delay_minutes=RETRY_MINUTES[message.attempts - 1])
    return "failed for now"


def _failed(message: Message, error: str) -> str:
    message.status = Message.Status.FAILED
    message.last_error = error[:300]
    return "failed"


def _audit(message: Message, outcome: str) -> None:
    audit.record(
        user=None,
        verb="write",
        obj=message,
        child=message.case.child if message.case_id else None,
        summary=f"message {message.reference}: attempt {message.attempts} "
        f"via {message.backend}: {outcome}",
        la_id=message.la_id,
    )
