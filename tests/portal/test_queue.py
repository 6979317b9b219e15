"""The queue's backlog and failures as a service manager reads them (senda.portal.queue)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from senda.portal import queue

TRACEBACK = """Traceback (most recent call last):
  File "/srv/venv/lib/python3.11/site-packages/django_tasks_db/backend.py", line 20, in run
    return task.call()
  File "/srv/app/src/senda/portal/sending.py", line 45, in send_message
    return deliver(message_id)
  File "/srv/venv/lib/python3.11/site-packages/requests/api.py", line 9, in post
    raise ConnectionError(f"no route to {address}")
requests.exceptions.ConnectionError: could not send to jo.bloggs@example.org
"""


def add(path: str, status: str = "READY", *, ago: int = 0, later: bool = False, **fields):
    row = DBTaskResult.objects.create(
        task_path=path,
        status=status,
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now() + timedelta(hours=1) if later else get_date_max(),
        **fields,
    )
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=ago)
    )
    return row


def test_it_counts_each_kind_of_task_by_what_became_of_it(db):
    send = "senda.portal.sending.send_message"
    add(send, ago=90)
    add(send, ago=5)
    add(send, later=True)
    add(send, "FAILED")
    add("senda.portal.tasks.nightly_tick", "SUCCESSFUL")
    add("senda.portal.tasks.nightly_tick", "RUNNING")
    add("somewhere.else.tidy_up")
    assert queue.counts() == [
        queue.TaskCounts("Send a message", 2, 1, 0, 1, 0),
        queue.TaskCounts("Tidy up", 1, 0, 0, 0, 0),
        queue.TaskCounts("Nightly KPI facts (senda tick)", 0, 0, 1, 0, 1),
    ]
    oldest = queue.oldest_waiting()
    assert oldest is not None and oldest.task == "Send a message"
    assert timezone.now() - oldest.enqueued_at > timedelta(minutes=89)


def test_it_shows_a_failure_by_its_class_and_where_never_its_message(db):
    add(
        "senda.portal.sending.send_message",
        "FAILED",
        finished_at=timezone.now(),
        exception_class_path="requests.exceptions.ConnectionError",
        traceback=TRACEBACK,
    )
    assert queue.recent_failures() == [
        queue.Failure(
            "Send a message",
            DBTaskResult.objects.get().finished_at,
            "ConnectionError",
            "portal/sending.py, line 45, in send_message",
        )
    ]
    assert queue.oldest_waiting() is None
