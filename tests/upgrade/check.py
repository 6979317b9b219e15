"""Migrate a database made by an earlier commit, then read it through the current models.

Run by ``test_upgrade.py`` in a process of its own (``DATABASE_URL`` naming a copy of the
fixture, this checkout's code on ``PYTHONPATH``): ``senda migrate``, then every model's rows
loaded as objects, then the rows ``dataset.py`` wrote read back by what they say. Prints
JSON: the migrations that ran, each table's row count, each model's objects loaded, and
the spot checks.
"""

from __future__ import annotations

import json
import sys

import django


def check() -> dict[str, object]:
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    before = set(MigrationRecorder(connection).applied_migrations())
    call_command("migrate", verbosity=0)
    ran = sorted(set(MigrationRecorder(connection).applied_migrations()) - before)
    loaded = {
        model._meta.db_table: sum(1 for _ in model._base_manager.all().iterator())
        for model in apps.get_models()
    }
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            tables[table] = cursor.fetchone()[0]
    return {"ran": [f"{a} {n}" for a, n in ran], "tables": tables, "loaded": loaded} | spots()


def spots() -> dict[str, object]:
    from senda.audit.models import AuditEntry
    from senda.casework.models import Case
    from senda.improvement.models import ImprovementPlan
    from senda.performance.models import RecordedValue
    from senda.portal.models import Message, Upload

    case = Case.objects.select_related("child", "la").get()
    plan = case.plans.get()
    value = RecordedValue.objects.get()
    improvement = ImprovementPlan.objects.get()
    action = improvement.areas.get().actions.get()
    return {
        "case": {
            "la": case.la.name,
            "child": case.child.family_name,
            "events": sorted((e.type, e.on.isoformat()) for e in case.events.all()),
            "requests": case.requests.count(),
            "plan_issued_on": plan.issued_on.isoformat(),
            "reviews": [r.meeting_on.isoformat() for r in plan.reviews.all()],
        },
        "upload": list(Upload.objects.values_list("name", "file", "size")),
        "messages": Message.objects.count(),
        "audit": list(AuditEntry.objects.values_list("verb", "summary")),
        "kpi_value": [value.kpi, value.period, str(value.value), value.evidence],
        "improvement": {
            "title": improvement.title,
            "aims": [a.text for a in improvement.areas.get().aims.all()],
            "ratings": [(r.value, r.rated_on.isoformat()) for r in action.ratings.all()],
            "milestones": action.milestones.count(),
            "risks": improvement.risks.count(),
        },
    }


if __name__ == "__main__":
    django.setup()
    json.dump(check(), sys.stdout, indent=1, sort_keys=True)
