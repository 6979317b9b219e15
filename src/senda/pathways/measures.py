"""The waiting list's KPIs, computed by ``senda tick`` from the referrals (the catalogue,
``catalogue/partnership.py``, holds each definition; these are the code it names), shaped
as ``senda.casework.scrutiny``'s measures: the figure in ``amount`` (whole weeks), the
referrals behind it in ``counted`` (so a figure resting on fewer children than the
suppression threshold is hidden), ``of="referral"``.

- ``nd-autism-wait-median``, ``nd-adhd-wait-median``: the median wait, referral to first
  assessment appointment, of the children first assessed in the period (to the day judged),
  in whole weeks (halves rounded up);
- ``nd-autism-wait-longest``, ``nd-adhd-wait-longest``: the longest wait, in completed
  weeks, of those on the list on the day judged (the period's last day, or today).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from senda.casework.scrutiny import Found, judged
from senda.pathways import waits
from senda.people.models import LocalAuthority

__all__ = ["MEASURES", "count"]

Measure = Callable[[LocalAuthority, date, date, date], Found]


def _median(pathway: str) -> Measure:
    def measure(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
        day = judged(end, as_of)
        done = waits.distribution(waits.completed(waits.lines(la.pk, pathway), start, day), day)
        median = done.median
        weeks = 0 if median is None else int(median / 7 + 0.5)
        return Found(done.ids, rate=False, amount=weeks, of="referral")

    return measure


def _longest(pathway: str) -> Measure:
    def measure(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
        day = judged(end, as_of)
        now = waits.distribution(waits.waiting(waits.lines(la.pk, pathway), day), day)
        weeks = 0 if now.longest is None else now.longest // 7
        return Found(now.ids, rate=False, amount=weeks, of="referral")

    return measure


MEASURES: dict[str, Measure] = {
    "nd-autism-wait-median": _median("autism"),
    "nd-autism-wait-longest": _longest("autism"),
    "nd-adhd-wait-median": _median("adhd"),
    "nd-adhd-wait-longest": _longest("adhd"),
}


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return MEASURES[name](la, start, end, as_of)
