"""The rows an upgrade fixture holds, written by the code of the earlier commit.

Run by ``make_fixture.py`` with that commit's ``src`` and checkout first on ``PYTHONPATH``
(its models, its ``tests/factories.py``) and ``DATABASE_URL`` naming a new SQLite file: it
migrates the file, writes a small area with the commit's own factories and models (a local
area, its personas, a child's case with events, a request, a plan and a review, an uploaded
file's record, a message, an audit entry, a recorded KPI value, an improvement plan with an
area, an aim, an action, a milestone, a rating and a risk), then prints each table's row
count and the last migration of each app as JSON, and vacuums the file. Only fields that
commit has are used.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from decimal import Decimal

import django


def write() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from senda import audit
    from senda.casework.models import AssessmentRequest, CaseEvent, Plan, Review
    from senda.improvement.models import Aim, Rating
    from senda.performance.models import RecordedValue
    from senda.portal.models import Upload
    from tests.factories import (
        make_action,
        make_area,
        make_message,
        make_milestone,
        make_personas,
        make_plan,
        make_risk,
    )

    p = make_personas()
    case = p.case
    for type_, on in [("request", date(2025, 1, 6)), ("decide_assess", date(2025, 2, 24))]:
        CaseEvent.objects.create(case=case, type=type_, on=on, recorded_by=p.case_officer)
    AssessmentRequest.objects.create(case=case, received_on=date(2025, 1, 6), source=1)
    plan = Plan.objects.create(case=case, issued_on=date(2025, 6, 2))
    Review.objects.create(case=case, plan=plan, meeting_on=date(2026, 5, 11))
    Upload.objects.create(
        case=case,
        purpose="views",
        file="portal/2026/03/upgrade-fixture.pdf",
        name="our-views.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
        scan="unscanned",
        uploaded_by=p.parent,
    )
    make_message(p.la)
    audit.record(user=p.case_officer, verb="read", obj=case, child=p.child, summary="fixture")
    RecordedValue.objects.create(
        la=p.la,
        kpi="parent-carer-satisfaction",
        period="quarter",
        period_start=date(2026, 1, 1),
        value=Decimal("61.50"),
        evidence="Parent carer forum survey, spring term",
        entered_by=p.service_manager,
    )
    improvement = make_plan(p.la, title="SEND improvement plan 2025 to 2027")
    area = make_area(improvement)
    Aim.objects.create(area=area, number=1, text="Plans are issued on time")
    action = make_action(area)
    make_milestone(action)
    Rating.objects.create(
        action=action,
        value="amber",
        rated_on=date(2026, 3, 2),
        author=p.service_manager,
        rationale="Two of five plans late this quarter",
    )
    make_risk(improvement)
    json.dump(counts(), sys.stdout, indent=1, sort_keys=True)
    from django.db import connection

    with connection.cursor() as cursor:  # Django's connection has its SQL functions
        cursor.execute("VACUUM")


def counts() -> dict[str, object]:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            tables[table] = cursor.fetchone()[0]
    last: dict[str, str] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        last[app] = name
    return {"tables": tables, "migrations": last}


if __name__ == "__main__":
    django.setup()
    write()
