"""The demo area's neurodevelopmental waiting list (issue 18; docs/pathways.md): two years
of referrals for autism and ADHD assessment (and a few for speech and language therapy,
community paediatrics and CAMHS) of the area's children, each triaged (most accepted, some
rejected with a reason, "no diagnosis" among them), the accepted ones assessed after a wait
that lengthens over the two years (so the list grows and its longest waits pass a year),
some with an outcome, a few gone from the list before an assessment.

Rows go in directly with ``senda.rows.insert_rows`` (the demo writes no audit entry per
row; the projection on each referral is the one the actions would write, from
``pathways.steps``), from their own random stream, so the rest of the area is as it was.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from django.contrib.auth.models import User

from senda.pathways.models import Referral, ReferralStep
from senda.pathways.steps import Fact, projection
from senda.people.models import Child, LocalAuthority
from senda.rows import insert_rows, unsaved

#: Referrals a month, by pathway, in an area with ``CHILDREN`` children of an age to be
#: referred (the demo area's size; a smaller area refers proportionally fewer).
CHILDREN = 3000
MONTHLY = {"autism": 52, "adhd": 34, "salt": 4, "paediatrics": 3, "camhs": 2}
DAYS = 730
SOURCES = (("school", 55), ("gp", 20), ("parent", 12), ("health_visitor", 8), ("other", 5))
REJECTED = (("insufficient", 5), ("no_diagnosis", 2), ("criteria", 2), ("duplicate", 1))
OUTCOMES = (("diagnosed", 7), ("not_diagnosed", 2), ("inconclusive", 1))
VIA = "NHS provider's extract (demo)"


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
    return len(referrals)


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
