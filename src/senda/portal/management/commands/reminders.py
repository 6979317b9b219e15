"""``senda reminders``: queue today's reminders and chasers now (docs/portal/notifications.md).

``senda worker`` queues them each morning after 07:00; this command is for a council that
runs its jobs from cron instead (``SENDA_SCHEDULE=off``). Safe to run any number of times
a day: each reminder goes once per task, stage and person.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from senda import kernel
from senda.portal import reminders


class Command(BaseCommand):
    help = "Queue today's reminders and chasers (each goes once); senda worker sends them."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = reminders.run(today=kernel.today())
        self.stdout.write(f"Queued {queued} message{'s' if queued != 1 else ''}.")
