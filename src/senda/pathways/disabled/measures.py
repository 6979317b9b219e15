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

from collections.abc import Callable
from datetime import date

from senda.casework.models import OCCASIONS, CaseEvent, SocialCareOffer
from senda.casework.scrutiny import Found, judged
from senda.pathways.disabled.models import (
    Decision,
    Kind,
    RegisterRecord,
    RegisterRecordQuerySet,
    Route,
    Status,
)
from senda.people.models import LocalAuthority

__all__ = ["MEASURES", "count"]

Measure = Callable[[LocalAuthority, date, date, date], Found]


def _records(la: LocalAuthority, kind: str, start: date, day: date) -> RegisterRecordQuerySet:
    return (
        RegisterRecord.objects.current()
        .of_area(la.pk)
        .filter(kind=kind, starts_on__gte=start, starts_on__lte=day)
        .order_by("starts_on", "id")
    )


def local_offer(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    rows = _records(la, Kind.SHORT_BREAK, start, judged(end, as_of))
    pairs = list(rows.values_list("entry_id", "route"))
    return Found(
        tuple(pk for pk, route in pairs if route == Route.LOCAL_OFFER),
        tuple(pk for pk, route in pairs if route != Route.LOCAL_OFFER),
        of="register",
    )


def assessed(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    rows = _records(la, Kind.SHORT_BREAK, start, judged(end, as_of)).filter(route=Route.ASSESSED)
    return Found(tuple(rows.values_list("entry_id", flat=True)), rate=False, of="register")


def accepted(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    rows = (
        RegisterRecord.objects.current()
        .of_area(la.pk)
        .filter(
            kind=Kind.REFERRAL,
            decision=Decision.ACCEPTED,
            ends_on__gte=start,
            ends_on__lte=judged(end, as_of),
        )
        .order_by("ends_on", "id")
    )
    return Found(tuple(rows.values_list("entry_id", flat=True)), rate=False, of="register")


def complaints(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    rows = _records(la, Kind.COMPLAINT, start, judged(end, as_of))
    return Found(tuple(rows.values_list("entry_id", flat=True)), rate=False, of="register")


def looked_after(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    rows = _records(la, Kind.STATUS, start, judged(end, as_of)).filter(status=Status.LOOKED_AFTER)
    ids = list(dict.fromkeys(rows.values_list("entry_id", flat=True)))
    return Found(tuple(ids), rate=False, of="register")


def offered(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    steps = list(
        CaseEvent.objects.current()
        .filter(case__la_id=la.pk, type__in=list(OCCASIONS), on__gte=start, on__lte=day)
        .order_by("on", "id")
        .values_list("pk", "case_id")
    )
    made = set(
        SocialCareOffer.objects.current()
        .filter(event_id__in=[pk for pk, _ in steps], offered_on__lte=day)
        .exclude(answer=SocialCareOffer.Answer.NOT_OFFERED)
        .values_list("event_id", flat=True)
    )
    return Found(
        tuple(case for pk, case in steps if pk in made),
        tuple(case for pk, case in steps if pk not in made),
    )


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
