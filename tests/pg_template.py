"""Make, or drop, the migrated database the PostgreSQL run's test databases are copied from.

``python tests/pg_template.py make URL NAME`` creates the database NAME on the server of URL
(dropping one of that name first) and runs every migration into it, as ``senda migrate``
does; ``python tests/pg_template.py drop URL NAME`` drops it. tests/run-suites.sh makes one
before the PostgreSQL run and drops it after. With ``SENDA_TEST_DATABASE_TEMPLATE=NAME`` each
pytest-xdist worker's test database is then created as a copy of it (``CREATE DATABASE …
TEMPLATE``, Django's ``TEST["TEMPLATE"]``: tests/conftest.py), so the migrations, ~30 s of
one processor, run once a run instead of once a worker, and the migrate each worker still
runs finds nothing to do.
"""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def with_name(url: str, name: str) -> str:
    """``url`` naming the database ``name`` instead."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop(url: str, name: str) -> None:
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def make(url: str, name: str) -> None:
    drop(url, name)
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = {**os.environ, "DATABASE_URL": with_name(url, name), "SENDA_DB_CONN_MAX_AGE": "0"}
    senda = [sys.executable, "-m", "django", "migrate", "--verbosity", "0", "--no-input"]
    env.setdefault("DJANGO_SETTINGS_MODULE", "senda.settings")
    subprocess.run(senda, env=env, check=True)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("make", "drop"):
        print("usage: pg_template.py make|drop URL NAME", file=sys.stderr)
        return 2
    verb, url, name = argv
    (make if verb == "make" else drop)(url, name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
