"""The demo area's KPI facts: the last 18 month ends and today, as ``senda tick
--history-months 18`` would write them, so "last quarter" and "a year ago" have figures.

The cases' events are read once and each day is evaluated in memory (``senda.performance
.tick``); a past day's facts are the cases as they stood that day (the clock's as-of).

The quality assurance KPIs are counted from the QA records, which the demo writes after the
performance framework (``demo.quality``): :func:`write_quality` counts them again for the
same days, once those records exist, with the tick's own code (``tick.records_facts``).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from senda.people.models import LocalAuthority
from senda.performance import tick
from senda.performance.catalogue import from_records
from senda.performance.models import KpiFact
from senda.performance.periods import containing, history_days

HISTORY_MONTHS = 18
#: The improvement area whose KPIs are counted from the QA records.
QUALITY = "quality"


def write(la: LocalAuthority, today: date) -> tick.Summary:
    """Facts for the month ends of the last :data:`HISTORY_MONTHS` months and ``today``."""
    return tick.run(la, history_days(today, HISTORY_MONTHS), today=today)


def write_quality(la: LocalAuthority, today: date) -> int:
    """Replace the QA KPIs' facts (those computed from records in the quality area) for
    the days :func:`write` ticked, counted from the QA records as they now stand; the
    number of facts written. Run after ``demo.quality.write_quality``."""
    kpis = {entry.id for entry in from_records() if entry.area == QUALITY}
    facts = []
    days = history_days(today, HISTORY_MONTHS)
    for day in days:
        periods = [containing(day, "month"), containing(day, "quarter")]
        facts += [f for f in tick.records_facts(la, day, periods) if f.kpi in kpis]
    with transaction.atomic():
        KpiFact.objects.filter(la=la, kpi__in=kpis, on__in=days).delete()
        KpiFact.objects.bulk_create(facts, batch_size=tick.BATCH)
    return len(facts)
