"""The demo area's neurodevelopmental waiting list (issue 18; docs/pathways.md): two years
of referrals for autism and ADHD assessment (and a few for speech and language therapy,
community paediatrics and CAMHS) of the area's children, each triaged (most accepted, some
rejected with a reason, "no diagnosis" among them), the accepted ones assessed after a wait
that lengthens over the two years (so the list grows and its longest waits pass a year),
some with an outcome, a few gone from the list before an assessment. Support while
waiting (``pathways.Support``): most children accepted onto the list get interim support
a few weeks after triage (more of them as the two years go on), and the children waiting
for a school place (the places demo's NIEO children) are referred for an autism assessment
a year ago, most of them with specialist support while they wait for a specialist place.

Rows go in directly with ``senda.rows.insert_rows`` (the demo writes no audit entry per
row; the projection on each referral is the one the actions would write, from
``pathways.steps``), from their own random stream, so the rest of the area is as it was.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from django.contrib.auth.models import User

from senda.casework.models import Case
from senda.pathways.models import Referral, ReferralStep, Support
from senda.pathways.steps import Fact, projection
from senda.people.models import Child, LocalAuthority, Setting
from senda.rows import insert_rows, unsaved
from senda.sufficiency.placed import waiting

#: Referrals a month, by pathway, in an area with ``CHILDREN`` children of an age to be
#: referred (the demo area's size; a smaller area refers proportionally fewer).
CHILDREN = 3000
MONTHLY = {"autism": 52, "adhd": 34, "salt": 4, "paediatrics": 3, "camhs": 2}
DAYS = 730
SOURCES = (("school", 55), ("gp", 20), ("parent", 12), ("health_visitor", 8), ("other", 5))
REJECTED = (("insufficient", 5), ("no_diagnosis", 2), ("criteria", 2), ("duplicate", 1))
OUTCOMES = (("diagnosed", 7), ("not_diagnosed", 2), ("inconclusive", 1))
VIA = "NHS provider's extract (demo)"
#: Interim support: (kind, weight, who provides it (kind), its name; None: the school's).
SUPPORT = (
    ("school", 50, "setting", None),
    ("parent_programme", 20, "voluntary", "Seaview Parent Carer Forum: understanding your child"),
    ("no_diagnosis", 20, "council", "Inclusion Support Team"),
    ("medication_review", 10, "health", "Community Paediatrics"),
)
SPECIALIST = ("specialist", "council", "Specialist Teaching Service: outreach")


def _pick(rng: Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def write_waiting_list(*, seed: int, la: LocalAuthority, today: date, by: User) -> int:
    """Write the list for ``la``; the number of referrals."""
    rng = Random(f"{seed}-waiting-list")
    start = today - timedelta(days=DAYS)
    children = [
        (pk, born, setting)
        for pk, born, setting in Child.objects.filter(la=la, date_of_birth__isnull=False)
        .order_by("pk")
        .values_list("pk", "date_of_birth", "setting_id")
        if (start - born).days > 2 * 365 and (today - born).days < 18 * 365
    ]
    used: set[tuple[int, str]] = set()
    plans: list[tuple[int, str, int | None, list[Fact]]] = []
    scale = min(1.0, len(children) / CHILDREN)  # a smaller area (the tests') refers fewer
    for pathway, monthly in MONTHLY.items():
        for _ in range(round(monthly * scale * DAYS / 30)):
            child, born, setting = children[rng.randrange(len(children))]
            if (child, pathway) in used:
                continue
            used.add((child, pathway))
            on = start + timedelta(days=rng.randrange(DAYS))
            plans.append((child, pathway, setting, _facts(rng, on, today, pathway, born)))
    # Children out of school waiting for a place (the places demo's): on the autism list.
    out_of_school = _out_of_school(la, today)
    for child in out_of_school:
        if (child, "autism") not in used:
            used.add((child, "autism"))
            on = today - timedelta(days=rng.randint(300, 420))
            facts = [Fact("referred", on, source="school"), Fact("accepted", on + timedelta(21))]
            plans.append((child, "autism", None, facts))
    referrals = [
        unsaved(
            Referral,
            la_id=la.pk,
            child_id=child,
            pathway=pathway,
            provider_ref=f"NDP-{index + 1:05d}",
            **projection([_with_setting(f, setting) for f in facts]),
        )
        for index, (child, pathway, setting, facts) in enumerate(plans)
    ]
    insert_rows(referrals, ids_where={"la_id": la.pk})
    steps = [
        unsaved(
            ReferralStep,
            referral_id=referral.pk,
            type=fact.type,
            on=fact.on,
            source=fact.source,
            setting_id=setting if fact.type == "referred" else None,
            reason=fact.reason,
            outcome=fact.outcome,
            replaces_id=None,
            withdrawn=False,
            why="",
            via=VIA,
            recorded_by_id=by.pk,
        )
        for referral, (_, _, setting, facts) in zip(referrals, plans, strict=True)
        for fact in facts
    ]
    insert_rows(steps)
    names = dict(Setting.objects.filter(la=la).values_list("pk", "name"))
    support = [
        unsaved(Support, la_id=la.pk, child_id=referral.child_id, referral_id=referral.pk,
                replaces_id=None, withdrawn=False, why="", recorded_by_id=by.pk, **fields)
        for referral, (child, _, setting, facts) in zip(referrals, plans, strict=True)
        for fields in _support(rng, facts, today, names.get(setting), child in out_of_school)
    ]  # fmt: skip
    insert_rows(support)
    return len(referrals)


def _out_of_school(la: LocalAuthority, today: date) -> set[int]:
    cases = [row.case_id for row in waiting(la, today)]
    return set(Case.objects.filter(pk__in=cases).values_list("child_id", flat=True))


def _support(
    rng: Random, facts: list[Fact], today: date, school: str | None, out_of_school: bool
) -> list[dict[str, object]]:
    """A referral's support while waiting: none, or one row (interim support, or for a
    child out of school specialist support, most of them)."""
    accepted = next((f.on for f in facts if f.type == "accepted"), None)
    if accepted is None:
        return []
    end = next((f.on for f in facts if f.type in ("assessed", "closed")), None)
    if out_of_school:
        if rng.random() > 0.8:
            return []
        kind, provider_kind, provider = SPECIALIST
        starts = today - timedelta(days=rng.randint(10, 60))
        return [_row(kind, provider_kind, provider, starts, None)]
    # More children supported as the two years go on: from about 35% to about 80%.
    share = 0.8 - 0.45 * min(1.0, (today - accepted).days / DAYS)
    starts = accepted + timedelta(days=rng.randint(14, 90))
    if rng.random() > share or starts > today or (end is not None and starts >= end):
        return []
    kind, _, provider_kind, provider = rng.choices(SUPPORT, [w for _, w, _, _ in SUPPORT])[0]
    if provider is None:
        provider_kind, provider = ("setting", school) if school else ("setting", "The school")
    ends = starts + timedelta(days=70) if kind == "parent_programme" else end
    return [_row(kind, provider_kind, provider, starts, ends)]


def _row(
    kind: str, provider_kind: str, provider: str, starts: date, ends: date | None
) -> dict[str, object]:
    return {
        "kind": kind,
        "provider_kind": provider_kind,
        "provider": provider,
        "starts_on": starts,
        "ends_on": ends,
    }


def _with_setting(fact: Fact, setting: int | None) -> Fact:
    if fact.type != "referred":
        return fact
    return Fact(fact.type, fact.on, fact.source, setting, fact.reason, fact.outcome)


def _facts(rng: Random, on: date, today: date, pathway: str, born: date) -> list[Fact]:
    source = _pick(rng, SOURCES)
    if source == "health_visitor" and (on - born).days > 5 * 365:
        source = "gp"
    facts = [Fact("referred", on, source=source)]
    triaged = on + timedelta(days=rng.randint(7, 35))
    if triaged > today:
        return facts
    if rng.random() < 0.14:
        return [*facts, Fact("rejected", triaged, reason=_pick(rng, REJECTED))]
    facts.append(Fact("accepted", triaged))
    # Waits lengthen over the two years: from about 30 weeks to about 70 for autism.
    age = (today - on).days / DAYS  # 1: the oldest referral, 0: today's
    weeks = {"autism": 70 - 40 * age, "adhd": 60 - 30 * age}.get(pathway, 20.0)
    wait = max(4.0, rng.gauss(weeks, weeks / 4))
    assessed = on + timedelta(days=int(wait * 7))
    if rng.random() < 0.04:
        left = on + timedelta(days=rng.randint(40, 400))
        if left <= today and left < assessed:
            reason = rng.choice(("moved", "withdrawn", "did_not_attend"))
            return [*facts, Fact("closed", left, reason=reason)]
    if assessed > today:
        return facts
    facts.append(Fact("assessed", assessed))
    outcome = assessed + timedelta(days=rng.randint(21, 70))
    if outcome <= today:
        facts.append(Fact("outcome", outcome, outcome=_pick(rng, OUTCOMES)))
    return facts
