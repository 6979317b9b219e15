"""What ``senda worker`` queues on a schedule, and when (ADR 0017).

Each job is queued once a day, at the first round of any worker after its time
(Europe/London). A ``ScheduledRun`` row, unique by job and day, is written in the same
transaction as the queued task, so however many workers run, the job is queued once; a
worker that starts late in the day still queues that day's jobs. ``SENDA_SCHEDULE=off``
turns the schedule off (a council that runs ``senda tick`` from cron, say).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django_tasks.base import Task

from senda.kernel import LONDON
from senda.portal import tasks
from senda.portal.models import ScheduledRun

__all__ = ["JOBS", "Job", "queue_due"]


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    at: time  # Europe/London
    task: Task  # type: ignore[type-arg]
    does: str


JOBS = (
    Job("tick", time(2, 0), tasks.nightly_tick, "senda tick: the day's KPI facts"),
    Job("retention", time(3, 0), tasks.retention_review, "records past retention, to approve"),
    Job("reminders", time(7, 0), tasks.send_reminders, "reminders and chasers"),
)


def queue_due(now: datetime) -> list[str]:
    """Queue each job whose time has come today and that is not queued yet; answers the
    names of the jobs this call queued."""
    if not settings.SENDA_SCHEDULE:
        return []
    local = now.astimezone(LONDON)
    queued = []
    for job in JOBS:
        if local.time() < job.at:
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, day=local.date())
                job.task.enqueue()
        except IntegrityError:
            continue  # queued already today, by this worker or another
        queued.append(job.name)
    return queued
