"""The database a benchmark builds its data in: SQLite by default, or a PostgreSQL database
whose name starts ``senda_bench`` (emptied first), migrated."""

from __future__ import annotations

import os


def setup(url: str) -> None:
    """Point Django at ``url``, start it and migrate; refuse a PostgreSQL database not
    named ``senda_bench…`` (its schema is dropped)."""
    if url.startswith("postgres") and not url.rsplit("/", 1)[-1].startswith("senda_bench"):
        raise SystemExit("refusing a PostgreSQL database whose name does not start senda_bench")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senda.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if url.startswith("postgres"):
        from django.db import connection

        with connection.cursor() as cursor:  # a clean schema each run
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)
