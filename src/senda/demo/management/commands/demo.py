"""``senda demo``: build the fictional demo area (wiping the previous one), then serve it."""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test.utils import override_settings

from senda import kernel
from senda.casework.models import CaseEvent, DeadlineRow, Plan
from senda.demo.build import MAIN_LA, OTHER_LA, build_area
from senda.demo.examples import write_examples
from senda.demo.personas import DEFAULT_PASSWORD, PERSONAS
from senda.demo.schema import make_or_migrate

HELP = f"""Build a fictional local area for trying Senda, then serve it.

Migrates the database (SQLite under .senda/ by default, or DATABASE_URL; a new one is made
from the models), DELETES every person, case, audit entry and non-superuser user in it, and
builds {MAIN_LA[1]}
(LA {MAIN_LA[0]}): about 150 settings, 25 case officers and --cases live EHC plans with five
years of history, plus {OTHER_LA[1]} (LA {OTHER_LA[0]}) with a handful of cases. All data
is synthetic. The same --seed and --today always give the same area.

Personas (password: SENDA_DEMO_PASSWORD, default {DEFAULT_PASSWORD!r}):
""" + "\n".join(f"  {x.username:<20} {x.role:<16} {x.sees}" for x in PERSONAS)


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs["formatter_class"] = argparse.RawDescriptionHelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="the day the area is built for, YYYY-MM-DD (default: today)",
        )
        parser.add_argument(
            "--cases", type=int, default=4000, help="live EHC plans in the main area (default 4000)"
        )
        parser.add_argument("--no-serve", action="store_true", help="build, then stop")
        parser.add_argument("--bind", default="127.0.0.1:8000", help="host:port to serve on")

    def handle(self, *args: object, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("senda demo wipes the database: it will not run in production.")
        if options["cases"] < 20:
            raise CommandError("--cases must be at least 20.")
        today = options["today"] or kernel.today()
        started = time.monotonic()
        _ensure_sqlite_folder()
        make_or_migrate()
        # With DEBUG on (the default outside production) Django keeps the text of every
        # query; the build runs ~20,000, some with 100,000 rows' parameters.
        with override_settings(DEBUG=False), fewer_collections():
            built = build_area(seed=options["seed"], today=today, cases=options["cases"])
        examples = write_examples(built.la, today, Path(settings.DATA_DIR) / "examples")
        self._report(built, today, time.monotonic() - started)
        self.stdout.write(
            "Example extracts for its own children, to upload (Destinations, ND waiting list): "
            + ", ".join(str(path) for path in examples)
        )
        if not options["no_serve"]:
            start_worker()
            call_command("serve", bind=options["bind"])

    def _report(self, built: Any, today: date, seconds: float) -> None:
        write = self.stdout.write
        live = Plan.objects.filter(case__la=built.la).live().count()
        events = CaseEvent.objects.current().count()  # not those corrected or withdrawn
        write(
            f"Built {built.la} for {today:%d %B %Y} in {seconds:.1f}s: {live} live plans, "
            f"{events} events, {DeadlineRow.objects.count()} deadline rows."
        )
        write("")
        wide = max((len(username) for username, _, _ in built.staff.table), default=8)
        write(f"  {'username':<{wide}} {'role':<26} what they see and do")
        for username, role, sees in built.staff.table:
            write(f"  {username:<{wide}} {role:<26} {sees}")
        write("")
        write(f"Password for every account: {built.password}")
        write("Other case officers: case-officer-01 … case-officer-24, team-manager-2.")


#: The garbage collector's thresholds while the area is built (Python's are 700, 10, 10).
BUILD_GC_THRESHOLD = (50_000, 20, 1_000)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect cyclic garbage seldom while the area is built: the build holds ~1 million
    objects for its whole run (the plan of the area, every case's steps, the performance
    history's cases), none of them garbage, and with Python's thresholds the collector
    went through them thousands of times, ~5 s of CPU of the ~40 s the build took
    (``docs/benchmarks.md``). Few are cycles, so memory stays as it was (~400 MB at most).
    The second process the history forks (``senda.performance.tick``) inherits the
    thresholds. The thresholds are put back and garbage collected at the end."""
    old = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.collect()


def start_worker() -> subprocess.Popen[bytes]:
    """``senda worker`` beside the server, so messages reach the outbox and the reminders
    run. The server replaces this process (same id); the worker stops when it does, and
    with Ctrl-C like the server."""
    argv = [sys.executable, "-m", "senda.cli", "worker", "--interval", "2"]
    return subprocess.Popen([*argv, "--parent-pid", str(os.getpid())])


def _ensure_sqlite_folder() -> None:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and str(db["NAME"]) not in {"", ":memory:"}:
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    connection.ensure_connection()
