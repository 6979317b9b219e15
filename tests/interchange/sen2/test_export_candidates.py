"""``export.candidates(la, census)`` leaves out only children the return would not hold: the
export reads the same persons through it as through every child with a request or a plan,
on a register of random children whose dates sit on either side of the period's edges."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from senda.casework.models import AssessmentRequest, Case, Plan, Review
from senda.interchange.sen2 import export
from senda.people.models import LocalAuthority
from tests.factories import make_case, make_child, make_la

pytestmark = pytest.mark.django_db

CENSUS = date(2027, 1, 21)
START = date(2026, 1, 1)  # export.period(CENSUS)[0]
#: Days the random records take: each edge of the period and of the day read as of, a day
#: either side, and days long before and after.
DAYS = sorted(
    {
        day + timedelta(days=delta)
        for day in (START, date(2026, 12, 31), date(2026, 11, 1), CENSUS, date(2027, 2, 1))
        for delta in (-1, 0, 1)
    }
    | {date(2019, 5, 1), date(2023, 3, 1), date(2024, 7, 1), date(2027, 6, 1)}
)
#: (today): the return made after the census, and before it (read as of today).
TODAYS = (date(2027, 2, 1), date(2026, 11, 1), date(2027, 1, 21))


BEFORE = [day for day in DAYS if day < START]


class _Child:
    """One child's randomness: its dates lie before the period with the child's own chance
    (most of a mature register's children have only such dates; some have one date on an
    edge)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.old = rng.choice((1.0, 0.95, 0.8, 0.5, 0.0))

    def day(self) -> date:
        return self.rng.choice(BEFORE if self.rng.random() < self.old else DAYS)

    def maybe(self, chance: float = 0.5) -> date | None:
        """A day, or none (no decision yet)."""
        return self.day() if self.rng.random() < chance else None


def random_register(seed: int, children: int) -> LocalAuthority:
    """Children with one or two cases (some closed), requests decided or not, plans issued
    or transferred in, ceased or not, reviewed or not: every date from ``DAYS``."""
    seeds = random.Random(seed)
    la = make_la()
    for _ in range(children):
        rng = random.Random(seeds.random())
        my = _Child(rng)
        child = make_child(la, upn="")
        for _case in range(rng.choice((1, 1, 1, 2))):
            case = make_case(child, status=rng.choice((Case.Status.OPEN, Case.Status.CLOSED)))
            for _request in range(rng.choice((0, 1, 1, 2))):
                AssessmentRequest.objects.create(
                    case=case,
                    received_on=my.day(),
                    source=1,
                    assess_outcome=rng.choice(("assess", "refuse", "")),
                    assess_decided_on=my.maybe(0.7),
                    issue_outcome=rng.choice(("issue", "not-issue", "")),
                    issue_decided_on=my.maybe(),
                )
            for _plan in range(rng.choice((0, 1, 1, 2))):
                issued = my.maybe(0.8)
                plan = Plan.objects.create(
                    case=case,
                    issued_on=issued,
                    transferred_in_on=None if issued else my.maybe(0.8),
                    ceased_on=my.maybe(0.6),
                    cease_reason=1,
                )
                for _review in range(rng.choice((0, 1, 2))):
                    Review.objects.create(
                        case=case,
                        plan=plan,
                        meeting_on=my.day(),
                        outcome=rng.choice(("maintain", "cease", "")),
                        decided_on=my.maybe(),
                    )
    return la


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_filtered_candidates_give_the_same_persons(seed: int) -> None:
    la = random_register(seed, 80)
    every = export.candidates(la)
    some = export.candidates(la, CENSUS)
    assert set(some) <= set(every)
    left_out = 0
    for today in TODAYS:
        held: list[int] = []
        expected = list(export.persons_for(la, CENSUS, today=today, ids=every, children=held))
        assert set(held) <= set(some), today  # no child the return holds is left out
        assert list(export.persons_for(la, CENSUS, today=today)) == expected
        left_out = max(left_out, len(every) - len(some))
    # The register has both: children left out, and children read but not held.
    assert left_out > 0
    assert len(held) < len(some)


def old_child(la: LocalAuthority) -> tuple[Case, AssessmentRequest, Plan]:
    """A child whose request was decided, and plan issued, reviewed and ceased, before the
    period: the return does not hold it."""
    case = make_case(make_child(la, upn=""))
    request = AssessmentRequest.objects.create(
        case=case,
        received_on=date(2023, 2, 1),
        source=1,
        assess_outcome="assess",
        assess_decided_on=date(2023, 3, 1),
        issue_outcome="issue",
        issue_decided_on=date(2023, 6, 1),
    )
    plan = Plan.objects.create(
        case=case, issued_on=date(2023, 6, 1), ceased_on=date(2025, 7, 1), cease_reason=1
    )
    Review.objects.create(case=case, plan=plan, meeting_on=date(2025, 12, 31))
    return case, request, plan


def test_a_child_with_every_date_before_the_period_is_left_out() -> None:
    la = make_la()
    case, _, _ = old_child(la)
    assert export.candidates(la) == [case.child_id]
    assert export.candidates(la, CENSUS) == []
    assert list(export.persons_for(la, CENSUS, today=TODAYS[0], ids=[case.child_id])) == []


#: One change each that puts the old child in the return: each condition of the filter.
BRINGS_BACK = {
    "review on the period's first day": ("review", {"meeting_on": START}),
    "request received on it": ("request", {"received_on": START}),
    "request decided on it": ("request", {"assess_decided_on": START}),
    "plan issued for the request on it": ("request", {"issue_decided_on": START}),
    "request not decided": ("request", {"assess_outcome": "", "assess_decided_on": None}),
    "outcome with no decision day": ("request", {"assess_decided_on": None}),
    "plan not ceased": ("plan", {"ceased_on": None}),
    "plan ceased on it": ("plan", {"ceased_on": START}),
    "plan issued on it": ("plan", {"issued_on": START}),
    "plan transferred in on it": ("plan", {"issued_on": None, "transferred_in_on": START}),
}


@pytest.mark.parametrize("change", BRINGS_BACK.values(), ids=BRINGS_BACK.keys())
def test_each_date_in_the_period_or_no_decision_brings_the_child_back(
    change: tuple[str, dict[str, object]],
) -> None:
    la = make_la()
    case, request, plan = old_child(la)
    what, fields = change
    if what == "review":
        Review.objects.create(case=case, plan=plan, **fields)
    else:
        (AssessmentRequest if what == "request" else Plan).objects.filter(
            pk=(request if what == "request" else plan).pk
        ).update(**fields)
    assert export.candidates(la, CENSUS) == [case.child_id]
    (person,) = export.persons_for(la, CENSUS, today=TODAYS[0])  # the return holds it
    assert person.requests
