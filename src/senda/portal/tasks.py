"""The scheduled jobs as queued tasks (ADR 0017): ``senda worker`` queues each once a day
(``senda.portal.schedule``) and runs them like any other task.

The nightly tick belongs to ``performance``, which ``portal`` may not import
(docs/architecture.md); the task runs the ``senda tick`` command by name instead, the
same way a council's cron would.
"""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django_tasks import task

from senda import kernel
from senda.portal import reminders

__all__ = ["nightly_tick", "retention_review", "send_reminders"]


@task()
def nightly_tick() -> str:
    """``senda tick``: the day's KPI facts for every local area."""
    out = StringIO()
    call_command("tick", stdout=out)
    return out.getvalue()[-2000:]


@task()
def retention_review() -> str:
    """``senda retention review --all``: every area's records past retention, listed for a
    service manager to approve (``retention`` is above ``portal``: run by name, as the tick)."""
    out = StringIO()
    call_command("retention", "review", "--all", stdout=out)
    return out.getvalue()[-2000:]


@task()
def send_reminders() -> int:
    """Queue the day's reminders and chasers; answers how many messages were queued."""
    return reminders.run(today=kernel.today())
