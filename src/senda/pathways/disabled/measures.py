"""The disabled children's KPIs (issue 18, area 5), computed by ``senda tick`` from the
register's current records and from the social care offers recorded on cases, shaped as
``senda.casework.scrutiny``'s measures. The register's measures list register entries
(``of="register"``: the KPI page shows them only to those who may see the register); the
offers' measure lists cases.

- ``short-breaks-local-offer``: of the short breaks starting in the period (to the day
  judged), those through the local offer, without a formal assessment (a rate);
- ``short-breaks-assessed``: short breaks starting in the period after a social care
  assessment (a count; the partnership wants it down 5%);
- ``disabled-children-referrals-accepted``: referrals to the disabled children's team
  accepted in the period (decision dated in it);
- ``short-break-complaints``: complaints about short breaks received in the period;
- ``disabled-children-looked-after``: children on the register who became looked after
  in the period (a looked-after status starting in it; each child once);
- ``social-care-assessment-offered``: EHC plans issued and annual review meetings held in
  the period (current steps) with a social care assessment offered (a rate of steps,
  listed by case).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from django.db.models import QuerySet

from senda.casework.models import OCCASIONS, CaseEvent, EventCorrection, SocialCareOffer
from senda.casework.scrutiny import Found, judged
from senda.pathways.disabled.models import Decision, Kind, RegisterRecord, Route, Status
from senda.people.models import LocalAuthority

__all__ = ["MEASURES", "count"]

Measure = Callable[[LocalAuthority, date, date, date], Found]


def _newest(rows: QuerySet[Any], stamp: str) -> object:
    """The newest row's id and when it was written (one index lookup): a memo's key. The
    moment as well as the id, so that an id used again after a rollback (tests, a failed
    write) is not taken for the row it replaced."""
    return rows.values_list("pk", stamp).first()


class _Row(NamedTuple):
    kind: str
    starts_on: date
    ends_on: date | None
    entry: int
    route: str
    status: str
    decision: str


#: The last area's current register records, with the newest record they were read at
#: (every write, correction and withdrawal adds a record, so a new one changes the key):
#: ``senda tick`` asks for every day and period of its history, and the register is read
#: once, not once a measure and period.
_REGISTER: dict[int, tuple[object, list[_Row]]] = {}


def _register(la_id: int) -> list[_Row]:
    key = _newest(RegisterRecord.objects.order_by("-pk"), "recorded_at")
    hit = _REGISTER.get(la_id)
    if hit is not None and hit[0] == key:
        return hit[1]
    rows = [
        _Row(*values)
        for values in RegisterRecord.objects.current()
        .of_area(la_id)
        .order_by("starts_on", "id")
        .values_list("kind", "starts_on", "ends_on", "entry_id", "route", "status", "decision")
    ]
    _REGISTER.clear()
    _REGISTER[la_id] = (key, rows)
    return rows


def _started(la: LocalAuthority, kind: str, start: date, day: date) -> list[_Row]:
    return [row for row in _register(la.pk) if row.kind == kind and start <= row.starts_on <= day]


def local_offer(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    rows = _started(la, Kind.SHORT_BREAK, start, judged(end, as_of))
    return Found(
        tuple(row.entry for row in rows if row.route == Route.LOCAL_OFFER),
        tuple(row.entry for row in rows if row.route != Route.LOCAL_OFFER),
        of="register",
    )


def assessed(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    rows = _started(la, Kind.SHORT_BREAK, start, judged(end, as_of))
    return Found(
        tuple(row.entry for row in rows if row.route == Route.ASSESSED), rate=False, of="register"
    )


def accepted(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    rows = [
        row
        for row in _register(la.pk)
        if row.kind == Kind.REFERRAL
        and row.decision == Decision.ACCEPTED
        and row.ends_on is not None
        and start <= row.ends_on <= day
    ]
    rows.sort(key=lambda row: row.ends_on or day)
    return Found(tuple(row.entry for row in rows), rate=False, of="register")


def complaints(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    rows = _started(la, Kind.COMPLAINT, start, judged(end, as_of))
    return Found(tuple(row.entry for row in rows), rate=False, of="register")


def looked_after(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    rows = _started(la, Kind.STATUS, start, judged(end, as_of))
    ids = dict.fromkeys(row.entry for row in rows if row.status == Status.LOOKED_AFTER)
    return Found(tuple(ids), rate=False, of="register")


@dataclass(frozen=True)
class _Steps:
    """An area's plans issued and review meetings (current steps), by date: each step's
    case and the day a social care assessment was offered with it (None: not recorded)."""

    days: list[date]
    cases: list[int]
    offered: list[date | None]


#: The last area's steps, with the newest event, offer and correction they were read at:
#: ``senda tick`` asks for every day and period of its history, and reading the steps once
#: (not once a period) keeps it quick. Any new step, correction or offer changes the
#: key, so the steps are read again.
_MEMO: dict[int, tuple[tuple[object, ...], _Steps]] = {}


def _steps(la_id: int) -> _Steps:
    key = (
        _newest(CaseEvent.objects.order_by("-pk"), "recorded_at"),
        _newest(EventCorrection.objects.order_by("-pk"), "at"),
        _newest(SocialCareOffer.objects.order_by("-pk"), "recorded_at"),
    )
    hit = _MEMO.get(la_id)
    if hit is not None and hit[0] == key:
        return hit[1]
    rows = sorted(
        CaseEvent.objects.current()
        .filter(case__la_id=la_id, type__in=list(OCCASIONS))
        .order_by()
        .values_list("on", "pk", "case_id")
    )
    offers = dict(
        SocialCareOffer.objects.current()
        .filter(case__la_id=la_id)
        .exclude(answer=SocialCareOffer.Answer.NOT_OFFERED)
        .order_by()
        .values_list("event_id", "offered_on")
    )
    found = _Steps(
        [on for on, _, _ in rows],
        [case for _, _, case in rows],
        [offers.get(pk) for _, pk, _ in rows],
    )
    _MEMO.clear()
    _MEMO[la_id] = (key, found)
    return found


def offered(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    steps = _steps(la.pk)
    first, last = bisect_left(steps.days, start), bisect_right(steps.days, day)
    counted, missed = [], []
    for case, on in zip(steps.cases[first:last], steps.offered[first:last], strict=True):
        (counted if on is not None and on <= day else missed).append(case)
    return Found(tuple(counted), tuple(missed))


MEASURES: dict[str, Measure] = {
    "short-breaks-local-offer": local_offer,
    "short-breaks-assessed": assessed,
    "disabled-children-referrals-accepted": accepted,
    "short-break-complaints": complaints,
    "disabled-children-looked-after": looked_after,
    "social-care-assessment-offered": offered,
}


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return MEASURES[name](la, start, end, as_of)
