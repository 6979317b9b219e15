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
  judged) for want of a diagnosis (``RejectReason.NO_DIAGNOSIS``), a count;
- ``nd-profile-before-referral``: of the referrals made in the period (to the day judged)
  by a school or setting in the profiling tool's pilot on the day judged, the share with a
  needs profile (``portal.NeedsProfile``) of the child submitted on or before the referral
  date and no more than a year before it: the one the referral names,
  or any such profile of the child (an imported referral names none);
- ``nd-profile-settings-using``: of the area's pilot settings on the day judged
  (``portal.ProfilePilot``), the share that submitted a profile in the period, or in the
  twelve months before the day judged for a period shorter than that (``of="setting"``).

Transition to adult services (``senda.pathways.transition``; the case ids behind each,
one per young person):

- ``transition-plans-by-17-6m``: young people with a plan turning 18 in the period with a
  transition plan dated at least six months before;
- ``complex-allocated-by-17-6m``: red-rated young people with a plan reaching 17½ in the
  period allocated an adult social care worker by then;
- ``annual-health-checks``: young people 14 to 25 with a plan and a learning disability on
  the day judged with an annual health check in the year to it.

(The specialist-support KPI needs the children waiting for a school place, which only
``sufficiency`` knows: its measure is ``senda.performance.specialist_support``.)

Each asks the database for the period's rows alone (``ReferralQuerySet.assessed_between``,
``waiting_on``), not every referral: ``senda tick`` asks for every day and period of its
history.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from senda.casework.scrutiny import Found, judged
from senda.pathways import transition, waits
from senda.pathways.models import (
    Complexity,
    Referral,
    ReferralQuerySet,
    RejectReason,
    TransitionKind,
)
from senda.pathways.support import supported_children
from senda.pathways.transition import Young, add_months
from senda.people.models import LocalAuthority
from senda.portal.models import NeedsProfile
from senda.portal.profiles import pilot_setting_ids

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


def _born_reaching(
    la: LocalAuthority, months: int, start: date, day: date, kinds: tuple[str, ...]
) -> list[Young]:
    """Young people of the area with a plan in force at 17½ who reach ``months`` of age from
    ``start`` to ``day``, with the latest of their records of ``kinds`` dated by ``day``."""
    young = transition.with_plans(
        la.pk, add_months(start, -months), add_months(day, -months), None, latest=kinds, as_of=day
    )
    return [y for y in young if start <= add_months(y.born, months) <= day]


RATED_AND_ALLOCATED = (TransitionKind.RATING, TransitionKind.ALLOCATED)


def _split(young: list[Young], ok: Callable[[Young], bool]) -> Found:
    """The case ids of ``young``: counted where ``ok``, else missed."""
    good = [y.case_id for y in young if ok(y)]
    bad = [y.case_id for y in young if not ok(y)]
    return Found(tuple(sorted(good)), tuple(sorted(bad)))


def transition_plans(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """``transition-plans-by-17-6m``: of the young people with a plan turning 18 in the
    period (to the day judged), those with a transition plan dated by 17½."""
    day = judged(end, as_of)
    young = _born_reaching(la, 18 * 12, start, day, (TransitionKind.PLAN,))
    return _split(young, lambda y: y.plan_on is not None and y.plan_on <= y.by_17_6m)


def complex_allocated(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """``complex-allocated-by-17-6m``: of the young people with a plan, rated red, reaching
    17½ in the period (to the day judged), those allocated an adult social care worker by
    then."""
    day = judged(end, as_of)
    young = _born_reaching(la, 17 * 12 + 6, start, day, RATED_AND_ALLOCATED)
    young = [y for y in young if y.rating == Complexity.RED]
    return _split(young, lambda y: y.allocated_on is not None and y.allocated_on <= y.by_17_6m)


def health_checks(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """``annual-health-checks``: of the young people aged 14 to 25 with a plan in force and a
    learning disability on the day judged, those with an annual health check in the year
    to that day."""
    day = judged(end, as_of)
    born_from = add_months(day, -26 * 12) + timedelta(days=1)
    young = transition.with_plans(
        la.pk,
        born_from,
        add_months(day, -14 * 12),
        day,
        transition.LEARNING_DISABILITY,
        latest=(TransitionKind.HEALTH_CHECK,),
        as_of=day,
    )
    return _split(young, lambda y: y.check_current(day))


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
    "transition-plans-by-17-6m": transition_plans,
    "complex-allocated-by-17-6m": complex_allocated,
    "annual-health-checks": health_checks,
    "nd-autism-wait-median": _median("autism"),
    "nd-autism-wait-longest": _longest("autism"),
    "nd-adhd-wait-median": _median("adhd"),
    "nd-adhd-wait-longest": _longest("adhd"),
    "nd-profile-before-referral": profile_before_referral,
    "nd-profile-settings-using": settings_using,
    "nd-interim-support": interim_support,
    "nd-no-diagnosis-rejections": no_diagnosis_rejections,
}

#: Judged on the day alone (the period's start unused): counted once for a day's periods.
ON_THE_DAY = frozenset({"annual-health-checks", "nd-interim-support"})


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return MEASURES[name](la, start, end, as_of)
