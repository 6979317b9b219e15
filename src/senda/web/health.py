"""Whether Senda can serve: what ``/readyz/`` asks of the database, the queue, the file
storage and the virus scanner (docs/deploying.md, ADR 0038).

Each check answers ``"ok"``, ``"not configured"`` (the scanner only: files are then held
as unscanned, by design) or ``"failing"``, never an error's text: the answer is public.
Each is bounded: the database by a statement timeout (PostgreSQL) and the connection's
``connect_timeout`` (settings), the scanner by its socket's timeout.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DatabaseError, connection, transaction
from django_tasks_db.models import DBTaskResult

from senda.portal import scanner

#: Seconds each check may take.
TIMEOUT = 2.0

OK, OFF, FAILING = "ok", "not configured", "failing"


def _with_timeout() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = %s", [int(TIMEOUT * 1000)])


def database() -> str:
    with transaction.atomic():
        _with_timeout()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    return OK


def queue() -> str:
    """The queue is a table (django-tasks' database backend, ADR 0017): it answers."""
    with transaction.atomic():
        _with_timeout()
        DBTaskResult.objects.ready().exists()
    return OK


def storage() -> str:
    """Uploads can be written: the folder is there, or can be made, and is writable."""
    if isinstance(default_storage, FileSystemStorage):
        folder = Path(default_storage.location)
        folder.mkdir(parents=True, exist_ok=True)  # as the storage does on its first upload
        return OK if folder.is_dir() and os.access(folder, os.W_OK | os.X_OK) else FAILING
    default_storage.exists("readyz")  # another storage: a round trip
    return OK


def virus_scanner() -> str:
    answer = scanner.ping(TIMEOUT)
    return OFF if answer is None else OK if answer else FAILING


CHECKS: dict[str, Callable[[], str]] = {
    "database": database,
    "queue": queue,
    "storage": storage,
    "scanner": virus_scanner,
}


def readiness() -> dict[str, str]:
    """Each check's answer, by name; a check that raises is ``failing``."""
    answers = {}
    for name, check in CHECKS.items():
        try:
            answers[name] = check()
        except (DatabaseError, OSError, ValueError):
            answers[name] = FAILING
    return answers


def is_ready(answers: dict[str, str]) -> bool:
    return all(answer != FAILING for answer in answers.values())


__all__ = ["CHECKS", "TIMEOUT", "is_ready", "readiness"]
