"""The database's side of a backup: the engine's own dump and restore, the migration state,
and whether a database already holds data.

- SQLite: the online backup API (``sqlite3.Connection.backup``), page by page, consistent
  while the service runs; restored the same way into the configured database.
- PostgreSQL: ``pg_dump --format=custom``; restored with ``pg_restore`` in one transaction,
  after the tables there are dropped. The client programs must be on ``PATH`` (the
  ``postgresql-client`` package) and no older than the server. Connection settings go to
  them as ``PG*`` environment variables, so no password shows in a process list.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from senda.backups import Refused

#: Rows ``senda migrate`` writes into a new database: they do not make it hold data.
MIGRATE_TABLES = {"django_migrations", "django_content_type", "auth_permission"}


def engine() -> str:
    """The configured database's engine: ``sqlite`` or ``postgresql``."""
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise Refused(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def migration_state() -> dict[str, str]:
    """The last migration applied, by app (migration names sort in the order they run)."""
    applied = MigrationRecorder(connection).applied_migrations()
    last: dict[str, str] = {}
    for app, name in sorted(applied):
        last[app] = name
    return last


def unknown_migrations(state: dict[str, str]) -> list[str]:
    """The migrations in ``state`` this version of Senda does not have."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [f"{app} {name}" for app, name in sorted(state.items()) if (app, name) not in known]


def behind(state: dict[str, str]) -> bool:
    """Whether this version of Senda has migrations ``state`` had not applied."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    leaves = {(app, name) for app, name in loader.graph.leaf_nodes()}
    return any(state.get(app) != name for app, name in leaves)


def holds_data() -> bool:
    """Whether any table has a row, but for those ``senda migrate`` fills itself."""
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor)) - MIGRATE_TABLES
        for table in sorted(tables):
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                return True
    return False


def dump(into: Path) -> Path:
    """Dump the database into the folder ``into``; the dump's path."""
    if engine() == "sqlite":
        target = into / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return target
    target = into / "database.pgdump"
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])
    return target


def restore(dump: Path) -> None:
    """Replace the configured database with ``dump`` (the caller has checked it may)."""
    if connection.in_atomic_block:
        raise Refused("A restore cannot run inside a transaction.")
    if engine() == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(f"file:{dump}?mode=ro", uri=True) as source:
            source.backup(connection.connection)
        source.close()
        return
    _run(["pg_restore", "--list", str(dump)])  # a readable dump, before anything is dropped
    _drop_tables()
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ]
    )


def _drop_tables() -> None:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if tables:
            names = ", ".join(connection.ops.quote_name(t) for t in tables)
            cursor.execute(f"DROP TABLE IF EXISTS {names} CASCADE")


def _run(command: list[str]) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise Refused(f"{command[0]} is not on PATH: install PostgreSQL's client programs.")
    done = subprocess.run(
        [program, *command[1:]], env=_pg_environment(), capture_output=True, text=True
    )
    if done.returncode != 0:
        raise Refused(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


def _pg_environment() -> dict[str, str]:
    settings: dict[str, Any] = connection.settings_dict
    env = dict(os.environ)
    pairs = {
        "PGDATABASE": settings.get("NAME"),
        "PGUSER": settings.get("USER"),
        "PGPASSWORD": settings.get("PASSWORD"),
        "PGHOST": settings.get("HOST"),
        "PGPORT": settings.get("PORT"),
        "PGSSLMODE": (settings.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in pairs.items() if value})
    return env
