"""``senda serve``: migrate quietly, then serve Senda with gunicorn, with Django's debug off.

The served site shows Senda's own error pages (404, 403, 400, 500), never Django's debug
pages, even in development; ``SENDA_DEBUG=true senda serve`` turns debug back on.
"""

from __future__ import annotations

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Apply migrations, then serve Senda with gunicorn (Ctrl-C stops it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="host:port to listen on")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")

    def handle(self, *args: object, bind: str, workers: int, **options: object) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Senda is running on http://{bind}/ (Ctrl-C to stop)")
        self.stdout.flush()
        argv = [sys.executable, "-m", "gunicorn", "senda.wsgi:application"]
        # No gunicorn access log: its request line keeps the query string, which may hold a
        # search for a child's name. Senda logs each request itself (senda.web.logs).
        argv += ["--bind", bind, "--workers", str(workers)]
        env = {**os.environ, "SENDA_DEBUG": os.environ.get("SENDA_DEBUG") or "false"}
        # Replace this process: gunicorn then owns Ctrl-C (SIGINT) and stops its workers.
        os.execve(sys.executable, argv, env)
