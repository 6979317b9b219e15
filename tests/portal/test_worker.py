"""``senda worker``: the scheduled jobs queued once a day, the queue run on the real
database backend (ADR 0017)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from io import StringIO

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from senda.kernel import LONDON
from senda.performance.models import KpiFact
from senda.portal import notify, schedule
from senda.portal.models import Message, ScheduledRun
from tests.factories import Personas

DAY = date(2026, 11, 16)


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime.combine(DAY, time(hour, minute), tzinfo=LONDON)


def _tasks(name: str) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=f"senda.portal.tasks.{name}"))


def _worker(*args: str) -> str:
    out = StringIO()
    call_command("worker", "--once", *args, stdout=out, verbosity=2)
    return out.getvalue()


def test_it_queues_each_job_once_a_day_after_its_time(db: None) -> None:
    assert schedule.queue_due(_at(1, 59)) == []
    assert schedule.queue_due(_at(2, 0)) == ["tick"]
    assert schedule.queue_due(_at(6, 30)) == ["retention"]
    assert schedule.queue_due(_at(7, 5)) == ["reminders"]
    assert schedule.queue_due(_at(23, 0)) == []
    assert len(_tasks("nightly_tick")) == 1
    assert len(_tasks("send_reminders")) == 1
    assert len(_tasks("retention_review")) == 1
    assert schedule.queue_due(datetime.combine(date(2026, 11, 17), time(8), tzinfo=LONDON)) == [
        "tick",
        "retention",
        "reminders",
    ]
    assert ScheduledRun.objects.count() == 6


def test_it_reads_the_schedule_in_london_time(db: None) -> None:
    assert schedule.queue_due(datetime(2026, 7, 1, 0, 30, tzinfo=UTC)) == []  # 01:30 BST
    assert schedule.queue_due(datetime(2026, 7, 1, 1, 30, tzinfo=UTC)) == ["tick"]  # 02:30


def test_it_runs_the_scheduled_jobs_once_in_two_rounds(
    transactional_db: None, personas: Personas, time_machine
) -> None:
    time_machine.move_to(_at(7, 30), tick=False)
    first = _worker()
    assert "Queued tick, retention, reminders." in first
    assert KpiFact.objects.filter(la=personas.la, on=DAY).exists()
    second = _worker()
    assert "Queued" not in second
    assert len(_tasks("nightly_tick")) == 1
    assert len(_tasks("send_reminders")) == 1
    assert {t.status for t in DBTaskResult.objects.all()} == {"SUCCESSFUL"}
    assert set(ScheduledRun.objects.values_list("job", flat=True)) == {
        "tick",
        "retention",
        "reminders",
    }


def test_it_runs_queued_messages_on_the_database_backend(
    transactional_db: None, personas: Personas
) -> None:
    # No test transaction: the message commits at once and queues its task on commit.
    message = notify.send(
        la=personas.la,
        to="team@nhs.example",
        template="advice_reminder",
        personalisation={"name": "A", "team": "T", "due": "1", "reference": "R-1", "link": "L"},
    )
    assert message is not None
    [queued] = DBTaskResult.objects.filter(task_path="senda.portal.sending.send_message")
    assert queued.status == "READY"
    _worker()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert queued.return_value == "sent"


def test_it_leaves_a_retry_until_its_time(
    transactional_db: None, personas: Personas, time_machine
) -> None:
    from senda.portal.sending import enqueue

    time_machine.move_to(_at(1, 0), tick=False)
    message = Message.objects.create(
        la=personas.la, to="a@b.example", template="advice_reminder", reference="S-retry"
    )
    enqueue(message.pk, delay_minutes=5)
    _worker()
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED
    time_machine.move_to(_at(1, 6), tick=False)
    _worker()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_it_queues_nothing_with_the_schedule_off(
    transactional_db: None, settings, time_machine
) -> None:
    settings.SENDA_SCHEDULE = False
    time_machine.move_to(_at(9), tick=False)
    assert "Queued" not in _worker()
    assert ScheduledRun.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_it_reads_schedule_off_from_the_environment(monkeypatch) -> None:
    from senda.env import env_bool

    monkeypatch.setenv("SENDA_SCHEDULE", "off")
    assert env_bool("SENDA_SCHEDULE", True) is False


def test_it_stops_when_its_parent_has_gone(transactional_db: None) -> None:
    out = StringIO()
    call_command("worker", "--parent-pid", "999999999", "--interval", "0", stdout=out)
    assert "worker is running" in out.getvalue()


def test_the_demo_starts_a_worker_beside_the_server(monkeypatch) -> None:
    import os
    import sys

    from senda.demo.management.commands import demo

    started: list[list[str]] = []
    monkeypatch.setattr(demo.subprocess, "Popen", lambda argv: started.append(argv))
    demo.start_worker()
    [argv] = started
    assert argv[:4] == [sys.executable, "-m", "senda.cli", "worker"]
    assert argv[-2:] == ["--parent-pid", str(os.getpid())]


def test_a_real_worker_process_sends_a_queued_message(transactional_db, tmp_path) -> None:
    """``senda worker --once`` as its own process, on this test's database."""
    import os
    import subprocess
    import sys

    from django.db import connection

    from tests.factories import make_la, make_message

    if connection.vendor != "sqlite":
        url = os.environ.get("DATABASE_URL", "")
        name = connection.settings_dict["NAME"]
        database_url = url.rsplit("/", 1)[0] + f"/{name}"
    else:
        name = connection.settings_dict["NAME"]
        if "memory" in str(name) or not name:
            import pytest

            pytest.skip("an in-memory SQLite database cannot be shared with a process")
        database_url = f"sqlite:///{name}"
    message = make_message(make_la())
    from senda.portal.sending import enqueue

    enqueue(message.pk)
    env = {**os.environ, "DATABASE_URL": database_url, "SENDA_SCHEDULE": "off"}
    result = subprocess.run(
        [sys.executable, "-m", "senda.cli", "worker", "--once"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_it_sends_through_notify_retrying_after_a_server_error(
    transactional_db: None, personas: Personas, settings, time_machine
) -> None:
    """The whole path: send → queue → worker → Notify's client → the stand-in (500) →
    retry queued for a minute later → the next round after it → sent."""
    from tests.portal.notify_standin import NotifyStandIn

    time_machine.move_to(_at(1, 0), tick=False)
    with NotifyStandIn() as standin:
        settings.SENDA_NOTIFICATIONS = "notify"
        settings.SENDA_NOTIFY_API_KEY = standin.api_key
        settings.SENDA_NOTIFY_BASE_URL = standin.url
        settings.SENDA_NOTIFY_TEMPLATES = {
            "report_returned": "a3f1b2c4-0000-4000-8000-000000000001"
        }
        message = notify.send(
            la=personas.la,
            to="senco@school.example",
            template="report_returned",
            personalisation={"name": "S", "reference": "R-9", "reason": "a", "link": "L"},
            case=personas.case,
        )
        assert message is not None
        standin.fail_next(1, status=500)
        _worker()
        message.refresh_from_db()
        assert (message.status, message.attempts) == (Message.Status.TEMPORARY_FAILURE, 1)
        _worker()  # the retry is not due yet
        assert standin.requests == []
        time_machine.move_to(_at(1, 2), tick=False)
        _worker()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.SENT, 2)
    [sent] = standin.requests
    assert sent["reference"] == message.reference
    assert sent["sanitise_content_for"] == ["name", "reason"]
