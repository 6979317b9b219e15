"""The demo's database: a new one made straight from the models, any other migrated.

``senda migrate`` on an empty database takes about 20 s: Django re-renders the state of
every related model after each of the 87 migrations' operations, and most models point at
the user or the local authority. A database with no tables gets, instead, what Django's test
runner gives a test database when told not to migrate: the tables created from the models
as they are now (``migrate --run-syncdb`` with every app's migrations switched off), and
then every migration recorded as applied, so a later ``senda migrate`` applies only what
comes after. The two give the same schema: ``make test`` checks that no model change lacks
its migration (``makemigrations --check``), no migration runs SQL of its own, and
``tests/demo/test_schema.py`` compares the schema migrations make with the one made here.
The migrations' data steps only ever backfill existing rows, so an empty database misses
nothing.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings


def make_or_migrate() -> str:
    """Make the schema of a database with no tables from the models, or migrate one that
    has tables; which was done ("made" or "migrated")."""
    if connection.introspection.table_names():
        call_command("migrate", interactive=False, verbosity=0)
        return "migrated"
    every = sorted(MigrationLoader(connection, ignore_no_migrations=True).graph.nodes)
    switched_off = {app.label: None for app in apps.get_app_configs()}
    with override_settings(MIGRATION_MODULES=switched_off):
        call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    for app_label, name in every:
        recorder.record_applied(app_label, name)
    return "made"
