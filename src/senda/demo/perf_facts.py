"""The demo area's KPI facts: the last 18 month ends and today, as ``senda tick
--history-months 18`` would write them, so "last quarter" and "a year ago" have figures.

The cases' events are read once and each day is evaluated in memory (``senda.performance
.tick``); a past day's facts are the cases as they stood that day (the clock's as-of). On
two processors or more the month ends' tallies are worked out in a second process while
this one counts the KPIs from records (``tick.run(workers=...)``): about half the time.
"""

from __future__ import annotations

import os
from datetime import date

from senda.people.models import LocalAuthority
from senda.performance import tick
from senda.performance.periods import history_days

HISTORY_MONTHS = 18


def write(la: LocalAuthority, today: date) -> tick.Summary:
    """Facts for the month ends of the last :data:`HISTORY_MONTHS` months and ``today``."""
    workers = len(os.sched_getaffinity(0))
    return tick.run(la, history_days(today, HISTORY_MONTHS), today=today, workers=workers)
