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


def start(la: LocalAuthority, today: date) -> tick.Started:
    """Begin the history: read the cases and, on two processors or more, set a second
    process tallying the month ends while the build writes its other records (money,
    forecasts, recorded figures: none changes a case's steps)."""
    workers = len(os.sched_getaffinity(0))
    return tick.start(la, history_days(today, HISTORY_MONTHS), today=today, workers=workers)


def write(la: LocalAuthority, today: date, started: tick.Started | None = None) -> tick.Summary:
    """Facts for the month ends of the last :data:`HISTORY_MONTHS` months and ``today``
    (the history ``started`` began, if given)."""
    started = started if started is not None else start(la, today)
    return tick.run(la, started.days, today=today, started=started)
