"""The demo area's performance framework: national figures, comparators, trajectories,
recorded values, commentary and a history of facts.

Order matters: the build writes every record before this (the quality assurance records
too, ``demo.quality``), so the facts count them: the QA KPIs are computed from the QA
records by the tick (``senda.performance.tick.records_facts``), as every KPI counted from
records is. Here recorded values, trajectories and overrides come first, so the facts and
statuses built last see them; the national figures are imported once per database (they are
public data, not demo data, and survive a rebuild).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import connection

from senda.audit.models import AuditEntry
from senda.demo import perf_benchmarks, perf_facts, perf_local, perf_recorded, perf_trajectories
from senda.people.models import LocalAuthority
from senda.performance import tick


def write_performance(
    *, la: LocalAuthority, today: date, started: tick.Started | None = None
) -> None:
    """Everything the board dashboard, KPI pages and quarterly report show for ``la``
    (the fact history ``started`` began with ``perf_facts.start``, if given)."""
    manager = User.objects.get(username="service-manager")
    before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    perf_benchmarks.write(la)
    perf_recorded.write(la, today, manager)
    perf_local.write(la, today, manager)  # after the catalogue's values: it keeps them
    perf_trajectories.write(la, today, manager)
    perf_facts.write(la, today, started)
    # The demo's history is data, not anyone's activity: the writers above go through the
    # audited actions, but the build is recorded as one entry ("demo area built"), as the
    # rest of the demo is. (Entries cannot be deleted through the model; like the wipe,
    # this is for a demo database only.)
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id > %s", [before])
