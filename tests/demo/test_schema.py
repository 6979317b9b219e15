"""A new demo database is made from the models (senda.demo.schema): the same schema as the
migrations make, and a later ``senda migrate`` finds nothing to do."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKE = (
    "import django; django.setup(); "
    "from senda.demo.schema import make_or_migrate; print(make_or_migrate())"
)

#: Long (the migrations, ~30 s) and on SQLite files of its own: the PostgreSQL run has it
#: when there is one (tests/run-suites.sh).
pytestmark = pytest.mark.balance


def _run(db: Path, *argv: str) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SETTINGS_MODULE": "senda.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    done = subprocess.run(
        [sys.executable, *argv], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def schema(db: Path) -> dict[str, Any]:
    """Each table's columns, indexes (with their columns) and foreign keys, as sets: the
    order in which migrations added columns is not part of it."""
    found: dict[str, Any] = {}
    with sqlite3.connect(db) as con:
        tables = [
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'django_migrations'"
            )
        ]
        for table in tables:
            columns = {
                (name, kind.upper(), notnull, default, pk)
                for _cid, name, kind, notnull, default, pk in con.execute(
                    f'PRAGMA table_info("{table}")'
                )
            }
            indexes = {
                (
                    name,
                    unique,
                    partial,
                    tuple(c[2] for c in con.execute(f'PRAGMA index_info("{name}")')),
                )
                for _seq, name, unique, _origin, partial in con.execute(
                    f'PRAGMA index_list("{table}")'
                )
                if not name.startswith("sqlite_autoindex")
            }
            keys = {
                (row[2], row[3], row[4], row[5], row[6])
                for row in con.execute(f'PRAGMA foreign_key_list("{table}")')
            }
            (sql,) = con.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
            ).fetchone()
            checks = sorted(_checks(sql))
            found[table] = {"columns": columns, "indexes": indexes, "keys": keys, "checks": checks}
    return found


#: A check, and the name of its constraint when it has one.
CHECK = re.compile(r'(?:CONSTRAINT ("[^"]+")\s+)?CHECK\s*\(')


def _checks(sql: str) -> list[str]:
    """Every ``CHECK (…)`` of a ``CREATE TABLE`` statement, with the name of its constraint
    when it has one (a rebuilt table may list them in another order)."""
    found = []
    for match in CHECK.finditer(sql):
        start, depth = match.end() - 1, 0  # at the check's opening bracket
        for end in range(start, len(sql)):
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            if depth == 0:
                break
        found.append(f"{match.group(1) or ''} {sql[start : end + 1]}")
    return found


def test_the_models_make_the_schema_the_migrations_make(tmp_path: Path) -> None:
    migrated, made = tmp_path / "migrated.sqlite3", tmp_path / "made.sqlite3"
    _run(migrated, "-m", "senda.cli", "migrate", "-v0")
    assert _run(made, "-c", MAKE).strip() == "made"
    by_migrations, by_models = schema(migrated), schema(made)
    assert len(by_models) > 100 and set(by_models) == set(by_migrations)
    for table in sorted(by_models):
        assert by_models[table] == by_migrations[table], table
    # Every migration is recorded as applied: a later migrate has nothing to do, and
    # running the same step on a database with tables migrates it.
    assert "No migrations to apply" in _run(made, "-m", "senda.cli", "migrate")
    assert _run(made, "-c", MAKE).strip() == "migrated"
