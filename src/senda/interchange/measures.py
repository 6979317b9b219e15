"""The data-quality KPIs: each data-quality check's count (``quality_checks.CHECKS``),
computed by ``senda tick`` from the records and kept as a catalogue KPI
(``catalogue/data_quality.py``), shaped as ``senda.casework.scrutiny``.

    from senda.interchange import measures
    found = measures.count("dq-no-officer", la, start, end, as_of)
    found.numerator, found.counted       # the count and the open cases behind it

A check reads the records as they stand (Senda keeps no history of a child's record), on
the day the period is judged (its last day, or ``as_of`` while it runs) for whether a plan
is live and a child of compulsory school age. The figure is a count (``rate=False``) of
case ids: lower is better.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from senda.casework.scrutiny import Found, judged
from senda.interchange.quality_checks import CHECKS, Check
from senda.people.models import LocalAuthority

Measure = Callable[[LocalAuthority, date, date, date], Found]


def _measure(check: Check) -> Measure:
    def measure(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
        return Found(tuple(check.function(la, judged(end, as_of))), rate=False)

    measure.__doc__ = f"{check.title} (open cases), on the day judged."
    return measure


MEASURES: dict[str, Measure] = {check.id: _measure(check) for check in CHECKS}
#: The measures that read the records as they stand on the day judged, not the period's
#: start (every one here): the same figure for every period judged on that day.
ON_THE_DAY = frozenset(MEASURES)


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return MEASURES[name](la, start, end, as_of)


__all__ = ["MEASURES", "ON_THE_DAY", "Found", "count"]
