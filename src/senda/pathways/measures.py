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
- ``nd-profile-before-referral``: of the referrals made in the period (to the day judged)
  by a school or setting in the profiling tool's pilot on the day judged, the share with a
  needs profile (``portal.NeedsProfile``) of the child submitted on or before the referral
  date and no more than a year before it: the one the referral names,
  or any such profile of the child (an imported referral names none);
- ``nd-profile-settings-using``: of the area's pilot settings on the day judged
  (``portal.ProfilePilot``), the share that submitted a profile in the period, or in the
  twelve months before the day judged for a period shorter than that (``of="setting"``).

Each asks the database for the period's rows alone (``ReferralQuerySet.assessed_between``,
``waiting_on``), not every referral: ``senda tick`` asks for every day and period of its
history.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from senda.casework.scrutiny import Found, judged
from senda.pathways import waits
from senda.pathways.models import Referral, ReferralQuerySet
from senda.people.models import LocalAuthority
from senda.portal.models import NeedsProfile
from senda.portal.profiles import pilot_setting_ids

__all__ = ["MEASURES", "count"]

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


#: How long before a referral a profile still counts as completed before it.
PROFILE_VALID = timedelta(days=365)


def profile_before_referral(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    referrals = list(
        Referral.objects.of_area(la.pk)
        .filter(
            referred_on__gte=start,
            referred_on__lte=day,
            source="school",
            setting_id__in=pilot_setting_ids(la.pk, day),
        )
        .order_by()
        .values_list("pk", "child_id", "referred_on")
    )
    submitted: dict[int, list[date]] = {}
    rows = (
        NeedsProfile.objects.filter(
            la_id=la.pk,
            child_id__in={child for _, child, _ in referrals},
            submitted_on__lte=day,
        )
        .order_by()
        .values_list("child_id", "submitted_on")
    )
    for child, on in rows:
        submitted.setdefault(child, []).append(on)
    counted, missed = [], []
    for pk, child, referred in referrals:
        days = submitted.get(child, ())
        before = any(referred - PROFILE_VALID <= on <= referred for on in days)
        (counted if before else missed).append(pk)
    return Found(tuple(counted), tuple(missed), of="referral")


def settings_using(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    since = min(start, day - PROFILE_VALID + timedelta(days=1))
    pilots = pilot_setting_ids(la.pk, day)
    using = set(
        NeedsProfile.objects.filter(
            la_id=la.pk,
            setting_id__in=pilots,
            submitted_on__gte=since,
            submitted_on__lte=day,
        )
        .order_by()
        .values_list("setting_id", flat=True)
    )
    return Found(tuple(sorted(pilots & using)), tuple(sorted(pilots - using)), of="setting")


MEASURES: dict[str, Measure] = {
    "nd-autism-wait-median": _median("autism"),
    "nd-autism-wait-longest": _longest("autism"),
    "nd-adhd-wait-median": _median("adhd"),
    "nd-adhd-wait-longest": _longest("adhd"),
    "nd-profile-before-referral": profile_before_referral,
    "nd-profile-settings-using": settings_using,
}


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return MEASURES[name](la, start, end, as_of)
