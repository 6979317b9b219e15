"""The waiting list's KPIs, computed by ``senda tick`` from the referrals (the catalogue,
``catalogue/partnership.py``, holds each definition; these are the code it names), shaped
as ``senda.casework.scrutiny``'s measures: the figure in ``amount`` (whole weeks), the
referrals behind it in ``counted`` (so a figure resting on fewer children than the
suppression threshold is hidden), ``of="referral"``.

- ``nd-autism-wait-median``, ``nd-adhd-wait-median``: the median wait, referral to first
  assessment appointment, of the children first assessed in the period (to the day judged),
  in whole weeks (halves rounded up);
- ``nd-autism-wait-longest``, ``nd-adhd-wait-longest``: the longest wait, in completed
  weeks, of those on the list on the day judged (the period's last day, or today);
- ``nd-interim-support``: of the children on the list (any pathway) on the day judged, the
  share with support recorded (``pathways.Support``, any kind) running that day; a child
  is counted once, by their longest-waiting referral;
- ``nd-no-diagnosis-rejections``: referrals rejected at triage in the period (to the day
  judged) for want of a diagnosis (``RejectReason.NO_DIAGNOSIS``), a count.

(The specialist-support KPI needs the children waiting for a school place, which only
``sufficiency`` knows: its measure is ``senda.performance.specialist_support``.)

Each asks the database for the period's rows alone (``ReferralQuerySet.assessed_between``,
``waiting_on``), not every referral: ``senda tick`` asks for every day and period of its
history.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from senda.casework.scrutiny import Found, judged
from senda.pathways import waits
from senda.pathways.models import Referral, ReferralQuerySet, RejectReason
from senda.pathways.support import supported_children
from senda.people.models import LocalAuthority

__all__ = ["MEASURES", "ON_THE_DAY", "count"]

Measure = Callable[[LocalAuthority, date, date, date], Found]


def _of(la: LocalAuthority, pathway: str) -> ReferralQuerySet:
    return Referral.objects.of_area(la.pk).filter(pathway=pathway).order_by()


def _waits(pairs: list[tuple[int, int]]) -> waits.Waits:
    """(days, referral id) pairs as a distribution, shortest first."""
    pairs.sort()
    return waits.Waits(tuple(pk for _, pk in pairs), tuple(days for days, _ in pairs))


def _median(pathway: str) -> Measure:
    def measure(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
        day = judged(end, as_of)
        rows = _of(la, pathway).assessed_between(start, day)
        done = _waits(
            [
                ((assessed - referred).days, pk)
                for pk, referred, assessed in rows.values_list("pk", "referred_on", "assessed_on")
            ]
        )
        median = done.median
        weeks = 0 if median is None else int(median / 7 + 0.5)
        return Found(done.ids, rate=False, amount=weeks, of="referral")

    return measure


def _longest(pathway: str) -> Measure:
    def measure(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
        day = judged(end, as_of)
        rows = _of(la, pathway).waiting_on(day).values_list("pk", "referred_on")
        now = _waits([((day - referred).days, pk) for pk, referred in rows])
        weeks = 0 if now.longest is None else now.longest // 7
        return Found(now.ids, rate=False, amount=weeks, of="referral")

    return measure


def interim_support(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    rows = (
        Referral.objects.of_area(la.pk)
        .waiting_on(day)
        .order_by("referred_on", "id")
        .values_list("pk", "child_id")
    )
    first: dict[int, int] = {}
    for pk, child in rows:
        first.setdefault(child, pk)
    supported = supported_children(la.pk, day)
    counted = tuple(pk for child, pk in first.items() if child in supported)
    missed = tuple(pk for child, pk in first.items() if child not in supported)
    return Found(counted, missed, of="referral")


def no_diagnosis_rejections(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    ids = (
        Referral.objects.of_area(la.pk)
        .filter(
            rejected_on__gte=start, rejected_on__lte=day, reject_reason=RejectReason.NO_DIAGNOSIS
        )
        .order_by("rejected_on", "id")
        .values_list("pk", flat=True)
    )
    return Found(tuple(ids), rate=False, of="referral")


MEASURES: dict[str, Measure] = {
    "nd-autism-wait-median": _median("autism"),
    "nd-autism-wait-longest": _longest("autism"),
    "nd-adhd-wait-median": _median("adhd"),
    "nd-adhd-wait-longest": _longest("adhd"),
    "nd-interim-support": interim_support,
    "nd-no-diagnosis-rejections": no_diagnosis_rejections,
}

#: Read as the list stands on the day judged (``performance.records.on_the_day``).
ON_THE_DAY = frozenset({"nd-interim-support"})


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return MEASURES[name](la, start, end, as_of)
