"""``senda worker``: the background worker (ADR 0017).

    senda worker                 # run until stopped (Ctrl-C or SIGTERM)
    senda worker --once          # one round, then exit (tests, cron)
    senda worker --interval 10   # seconds between rounds (default 5)

Each round queues the scheduled jobs that are due (the nightly ``senda tick`` after 02:00,
the reminders after 07:00, Europe/London, each once a day: ``senda.portal.schedule``;
``SENDA_SCHEDULE=off`` turns that off), then runs django-tasks-db's database worker in
batch mode until no task is ready (messages to send, their retries, the scheduled jobs).
Several workers may run at once: each task and each day's job is taken by one of them.
Stopping waits for the task that is running to finish. `senda demo` starts one beside the
server (`--parent-pid`: it stops when the server does).
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from senda.portal import schedule

logger = logging.getLogger("senda.worker")


class Command(BaseCommand):
    help = (
        "Run the background queue: send messages (with retries) and run the scheduled jobs "
        "(the nightly tick, the reminders). --once runs one round and exits."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run one round, then exit")
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="seconds to wait between rounds (default 5)",
        )
        parser.add_argument(
            "--parent-pid",
            type=int,
            default=0,
            help="stop when this process has gone (how `senda demo` runs its worker)",
        )

    def handle(
        self, *args: Any, once: bool, interval: float, parent_pid: int, **options: Any
    ) -> None:
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"senda-{get_random_string(20)}",
            excluded_queue_names=[],
        )
        if not once:
            worker.configure_signals()  # Ctrl-C / SIGTERM: finish the running task, stop
            self.stdout.write(f"Senda's worker is running (a round every {interval:g}s).")
            self.stdout.flush()
        try:
            while worker.running:
                self.round(worker, verbosity=options["verbosity"])
                if once or (parent_pid and os.getppid() != parent_pid):
                    break
                time.sleep(max(interval, 0.1))
        finally:
            if not once:
                worker.reset_signals()

    def round(self, worker: Worker, *, verbosity: int) -> None:
        queued = schedule.queue_due(timezone.now())
        if queued and verbosity:
            self.stdout.write(f"Queued {', '.join(queued)}.")
        before = worker._run_tasks
        worker.run()
        ran = worker._run_tasks - before
        if ran and verbosity > 1:
            self.stdout.write(f"Ran {ran} task{'s' if ran != 1 else ''}.")
