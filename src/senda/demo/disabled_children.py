"""The demo area's disabled children's register (issue 18, area 5;
docs/disabled-children.md): about 160 children known to the disabled children's team over
two years (with and without EHC plans), each referral decided (most accepted), short
breaks through the local offer (a growing share) and after an assessment, a few direct
payments, social care status (children in need, a few on protection plans, a few who
became looked after) and a dozen complaints about short breaks; and, on the cases, a
social care assessment offered with most plans issued and review meetings of the two
years (more as time goes on), most declined.

Rows go in directly with ``senda.rows.insert_rows`` (the demo writes no audit entry per
row), from their own random stream, so the rest of the area is as it was.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from django.contrib.auth.models import User

from senda.casework.models import OCCASIONS, CaseEvent, SocialCareOffer
from senda.pathways.disabled.models import DisabledChild, RegisterRecord
from senda.people.models import Child, LocalAuthority
from senda.rows import insert_rows, unsaved

DAYS = 730
CHILDREN = 160
#: Who provides each kind of break: an overnight stay at a short breaks centre or with
#: link carers, never at a sports club.
PROVIDERS: dict[str, tuple[str, ...]] = {
    "day": ("Seaview short breaks centre", "Saturday sports club", "Seaview adventure playground"),
    "after_school": ("Saturday sports club", "Harbour after-school club"),
    "holiday": ("Harbour holiday club", "Seaview summer scheme"),
    "overnight": ("Seaview short breaks centre", "Family link carers"),
    "sitting": ("Home sitting service",),
}
#: A provider is drawn as one of five, as the demo always has (the same random stream).
DRAW = 5
BREAKS = (("day", 4), ("after_school", 3), ("holiday", 2), ("overnight", 2), ("sitting", 1))


def provider_for(kind: str, draw: int) -> str:
    """The ``draw``-th provider of a break of ``kind`` (wrapping round)."""
    names = PROVIDERS[kind]
    return names[draw % len(names)]


def _pick(rng: Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def write_register(*, seed: int, la: LocalAuthority, today: date, by: User) -> int:
    """Write the register and the social care offers for ``la``; the children on it."""
    rng = Random(f"{seed}-disabled-children")
    start = today - timedelta(days=DAYS)
    pool = list(
        Child.objects.filter(la=la, date_of_birth__gt=today - timedelta(days=17 * 365))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = sorted(rng.sample(pool, min(CHILDREN, len(pool))))
    entries = [
        unsaved(
            DisabledChild,
            la_id=la.pk,
            child_id=pk,
            added_on=start + timedelta(days=rng.randrange(DAYS - 14)),
            added_by_id=by.pk,
        )
        for pk in chosen
    ]
    insert_rows(entries, ids_where={"la_id": la.pk})
    records: list[RegisterRecord] = []

    def add(entry: DisabledChild, kind: str, on: date, **fields: object) -> None:
        records.append(
            unsaved(
                RegisterRecord,
                entry_id=entry.pk,
                kind=kind,
                starts_on=on,
                recorded_by_id=by.pk,
                **fields,
            )
        )

    complaints = 0
    for entry in entries:
        decided = entry.added_on + timedelta(days=rng.randint(5, 28))
        accepted = rng.random() < 0.85
        decision = "accepted" if accepted else "not_accepted"
        if decided > today:
            add(entry, "referral", entry.added_on)
            continue
        add(entry, "referral", entry.added_on, decision=decision, ends_on=decided)
        if not accepted:
            continue
        for _ in range(rng.randint(1, 6)):
            on = decided + timedelta(days=rng.randrange(max(1, (today - decided).days)))
            age = (today - on).days / DAYS  # 1: two years ago, 0: today
            local = rng.random() < 0.78 - 0.25 * age
            kind = _pick(rng, BREAKS)
            length = rng.randint(1, 3) if kind == "overnight" else 0
            add(
                entry,
                "short_break",
                on,
                ends_on=on + timedelta(days=length),
                route="local_offer" if local else "assessed",
                break_type=kind,
                provider=provider_for(kind, rng.randrange(DRAW)),
            )
        if rng.random() < 0.2:
            add(entry, "direct_payment", decided + timedelta(days=rng.randint(20, 90)),
                provider="Personal assistant")  # fmt: skip
        roll = rng.random()
        if roll < 0.4:
            add(entry, "status", decided, status="cin")
        elif roll < 0.46:
            add(entry, "status", decided, status="cp")
        elif roll < 0.51:
            on = decided + timedelta(days=rng.randint(30, 300))
            if on <= today:
                add(entry, "status", on, status="lac")
        if complaints < 12 and rng.random() < 0.09:
            on = decided + timedelta(days=rng.randint(30, 200))
            if on <= today:
                add(entry, "complaint", on)
                complaints += 1
    records = [r for r in records if r.starts_on <= today]
    insert_rows(records)
    _offers(rng, la, start, today, by)
    return len(entries)


def _offers(rng: Random, la: LocalAuthority, start: date, today: date, by: User) -> None:
    steps = (
        CaseEvent.objects.current()
        .filter(case__la=la, type__in=list(OCCASIONS), on__gte=start, on__lte=today)
        .order_by("pk")
        .values_list("pk", "case_id", "on")
    )
    offers = []
    for pk, case, on in steps:
        age = (today - on).days / DAYS
        if rng.random() > 0.92 - 0.3 * age:
            continue
        answered = on + timedelta(days=rng.randint(3, 30))
        answer = "awaited" if answered > today else rng.choice(("declined",) * 3 + ("accepted",))
        offers.append(
            unsaved(
                SocialCareOffer,
                case_id=case,
                event_id=pk,
                offered_on=on,
                answer=answer,
                answered_on=None if answer == "awaited" else answered,
                recorded_by_id=by.pk,
            )
        )
    insert_rows(offers)
