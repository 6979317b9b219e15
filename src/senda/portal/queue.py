"""The background queue as a service manager sees it (``/service/queue/``, ADR 0038): how
many tasks of each kind wait, run, failed or finished, the oldest still waiting, and the
recent failures with their error.

The queue is django-tasks' table (ADR 0017), one for the whole installation: no row
names an area. What is shown holds no personal data: a task's arguments are ids and are
not shown; a failure shows its exception's class and where it was raised, never the
exception's message, which may quote a value (a name, an email address).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

__all__ = ["Failure", "TaskCounts", "counts", "label", "oldest_waiting", "recent_failures"]

#: What each of Senda's tasks does, by its function's name.
LABELS = {
    "send_message": "Send a message",
    "send_reminders": "Queue the day's reminders and chasers",
    "nightly_tick": "Nightly KPI facts (senda tick)",
    "run_forecast": "Make a demand forecast",
}


def label(task_path: str) -> str:
    """A task's plain name: its label, or its function's name for one Senda does not know."""
    name = task_path.rpartition(".")[2]
    return LABELS.get(name, name.replace("_", " ").capitalize())


@dataclass(frozen=True)
class TaskCounts:
    task: str
    waiting: int  # ready to run now
    later: int  # queued to run later (a message sent after a delay, a retry)
    running: int
    failed: int
    done: int


def counts() -> list[TaskCounts]:
    """Each kind of task with its numbers, the kinds with a backlog or failures first."""
    ready = Q(status="READY")
    due = ready & (Q(run_after=get_date_max()) | Q(run_after__lte=timezone.now()))
    rows = (
        DBTaskResult.objects.order_by()
        .values("task_path")
        .annotate(
            waiting=Count("id", filter=due),
            later=Count("id", filter=ready & ~due),
            running=Count("id", filter=Q(status="RUNNING")),
            failed=Count("id", filter=Q(status="FAILED")),
            done=Count("id", filter=Q(status="SUCCESSFUL")),
        )
    )
    found = [
        TaskCounts(
            label(row["task_path"]),
            row["waiting"],
            row["later"],
            row["running"],
            row["failed"],
            row["done"],
        )
        for row in rows
    ]
    return sorted(found, key=lambda c: (-c.waiting, -c.failed, c.task))


@dataclass(frozen=True)
class Waiting:
    task: str
    enqueued_at: datetime


def oldest_waiting() -> Waiting | None:
    """The task that has waited longest of those ready to run now, or None."""
    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").first()
    return Waiting(label(oldest.task_path), oldest.enqueued_at) if oldest else None


@dataclass(frozen=True)
class Failure:
    task: str
    finished_at: datetime | None
    error: str  # the exception's class
    where: str  # the innermost frame of Senda's code: file, line and function


#: A traceback's frame line: ``File "/…/senda/portal/sending.py", line 42, in deliver``.
FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<function>\w+)')


def where(traceback: str) -> str:
    """Where the failure was raised: the innermost frame in Senda's own code, else the
    innermost frame; its file from ``senda/`` or ``site-packages/`` on."""
    frames = list(FRAME.finditer(traceback))
    if not frames:
        return ""
    ours = [f for f in frames if "/senda/" in f["file"] and "site-packages" not in f["file"]]
    frame = (ours or frames)[-1]
    file = re.sub(r"^.*/(senda|site-packages)/", "", frame["file"])
    return f"{file}, line {frame['line']}, in {frame['function']}"


def recent_failures(limit: int = 20) -> list[Failure]:
    """The last ``limit`` failures, newest first."""
    failed = DBTaskResult.objects.failed().order_by("-finished_at")[:limit]
    return [
        Failure(
            label(row.task_path),
            row.finished_at,
            row.exception_class_path.rpartition(".")[2] or "unknown",
            where(row.traceback),
        )
        for row in failed.only("task_path", "finished_at", "exception_class_path", "traceback")
    ]
