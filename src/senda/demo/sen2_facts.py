"""The demo's SEN2 facts beside each child's story, planned in memory (no database): the
child's second need, ethnicity and postcode, and for each plan where the child has been
educated (placements, SEN2 ``PlacementDetail``), the settings the plan names (``PlanDetail``)
and its flags (``NamedPlan``: residential, work-based learning, personal budget).

Drawn from their own random stream after the area is planned, so the rest of the area is
as it was before SEN2 came to the demo. ``docs/demo-sen2.md`` describes the shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from random import Random

from senda.demo.area import AreaPlan, CaseSpec
from senda.demo.people_gen import NEED_WEIGHTS, NEEDS
from senda.demo.settings_gen import SettingSpec
from senda.people.school_year import academic_year_start, year_group

#: DfE common basic data set ethnicity codes, weighted roughly like children with EHC plans
#: in an English shire county (mostly White British; REFU refused, NOBT not yet obtained).
ETHNICITIES: tuple[tuple[str, float], ...] = (
    ("WBRI", 71.0),
    ("WIRI", 0.4),
    ("WIRT", 0.3),
    ("WROM", 0.4),
    ("WOTH", 4.0),
    ("MWBC", 2.0),
    ("MWBA", 0.8),
    ("MWAS", 1.4),
    ("MOTH", 1.8),
    ("AIND", 3.2),
    ("APKN", 2.0),
    ("ABAN", 0.5),
    ("AOTH", 1.3),
    ("BCRB", 0.9),
    ("BAFR", 2.4),
    ("BOTH", 0.4),
    ("CHNE", 0.3),
    ("OOTH", 1.0),
    ("REFU", 1.2),
    ("NOBT", 3.7),
)
#: Share of children whose plan names a second need (SENtypeRank 2).
SECOND_NEED = 0.4
#: Letters a postcode's inward part may end in (Royal Mail: never C, I, K, M, O or V).
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
#: The demo's postcode area: "SV" (Seaview) is not a Royal Mail postcode area, so no
#: postcode drawn here is anyone's real address.
POSTCODE_AREA = "SV"
#: Shares of plans: a personal budget, an earlier placement that ended (besides a change of
#: phase), two current placements, a plan naming another setting than the one attended.
PERSONAL_BUDGET = 0.1
EARLIER_MOVE = 0.12
CONCURRENT = 0.025
NAMED_ELSEWHERE = 0.08
#: Residential placements: share of independent special and of special school placements.
RESIDENTIAL_SHARE = {"indep_special": 0.35, "special": 0.04}
#: What OTH means for the young people recorded as such.
OTHER_TEXT = (
    "Supported internship",
    "Apprenticeship with a private training provider",
    "Day opportunities provision",
    "Hospital education",
    "Traineeship",
)
#: The year group a child of each kind of setting usually joined it in (None: any time).
JOINS = {
    "nursery": -1,
    "primary": 0,
    "infant": 0,
    "all_through": 0,
    "junior": 3,
    "secondary": 7,
    "sixth_form": 12,
    "fe": 12,
}
#: The kind of setting a child in each kind came from when they changed phase.
CAME_FROM = {
    "junior": "infant",
    "secondary": "primary",
    "sixth_form": "secondary",
    "fe": "secondary",
    "special": "primary",
    "indep_special": "special",
    "ap": "secondary",
}


@dataclass(frozen=True, slots=True)
class Stay:
    """A placement: a setting (index into the area's settings) or an SEN2 code."""

    setting: int | None
    code: str
    entered_on: date
    left_on: date | None = None
    rank: int = 1
    other: str = ""
    residential: str = ""
    work_based: bool = False
    sen_unit: bool = False
    resourced_provision: bool = False


@dataclass(frozen=True, slots=True)
class Named:
    """A setting named in the plan (index into the area's settings) or an SEN2 code."""

    setting: int | None
    code: str
    rank: int = 1
    other: str = ""


@dataclass(slots=True)
class PlanFacts:
    stays: list[Stay] = field(default_factory=list)
    named: list[Named] = field(default_factory=list)
    named_on: date | None = None
    residential: str = ""
    work_based: bool = False
    personal_budget: bool = False
    organised_arrangements: bool = False
    direct_payments: bool = False


@dataclass(frozen=True, slots=True)
class ChildFacts:
    secondary_need: str
    ethnicity: str
    postcode: str
    plan: PlanFacts | None


def draw(
    rng: Random,
    area: AreaPlan,
    today: date,
    *,
    home_educated: Sequence[bool | None] | None = None,
    district: int = 1,
) -> list[ChildFacts]:
    """Facts for each of ``area``'s cases, in order. ``home_educated``: each child's
    elective home education flag (their current placement is then EHE)."""
    by_kind: dict[str, list[int]] = {}
    for index, spec in enumerate(area.settings):
        by_kind.setdefault(spec.kind, []).append(index)
    found = []
    for n, case in enumerate(area.cases):
        ehe = bool(home_educated[n]) if home_educated is not None else False
        found.append(
            ChildFacts(
                secondary_need=_second_need(rng, case.child.need),
                ethnicity=rng.choices(*zip(*ETHNICITIES, strict=True))[0],
                postcode=postcode(rng, district),
                plan=None
                if case.story.plan is None
                else _plan(rng, case, area.settings, by_kind, today, ehe),
            )
        )
    return found


def postcode(rng: Random, district: int = 1) -> str:
    """A UK-shaped postcode in the fictional SV area: ``SV<district><n> <digit><letters>``
    (districts SV10 to SV19 for the main area)."""
    letters = rng.choice(INWARD_LETTERS) + rng.choice(INWARD_LETTERS)
    return f"{POSTCODE_AREA}{district}{rng.randrange(10)} {rng.randrange(1, 10)}{letters}"


def _second_need(rng: Random, primary: str) -> str:
    if rng.random() >= SECOND_NEED:
        return ""
    while True:
        need = rng.choices(NEEDS, NEED_WEIGHTS)[0]
        if need != primary:
            return need


def _between(rng: Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(rng.randint(0, (last - first).days))


def _plan(
    rng: Random,
    case: CaseSpec,
    settings: list[SettingSpec],
    by_kind: dict[str, list[int]],
    today: date,
    ehe: bool,
) -> PlanFacts:
    story, plan = case.story, case.story.plan
    assert plan is not None
    start = plan.issued_on or plan.transferred_in_on or story.opened_on
    ended = plan.ceased_on if plan.ceased_on is not None and plan.ceased_on <= today else None
    as_of = ended or today
    dob = story.dob
    yg = year_group(dob, as_of)
    year = academic_year_start(as_of)
    earliest = dob + timedelta(days=2 * 365)
    facts = PlanFacts()
    stays = facts.stays
    kind = settings[case.setting].kind if case.setting is not None else ""

    if case.setting is not None:
        joins = JOINS.get(kind)
        if joins is None or yg < joins:
            entered = _between(rng, max(start, earliest), as_of)
        else:
            entered = date(year - (yg - joins), 9, rng.randint(2, 8))
            if rng.random() < 0.15:  # joined later in the phase (a move)
                entered = _between(rng, entered, as_of)
        entered = min(max(entered, earliest), as_of)
        current = Stay(case.setting, "", entered)
        came_from = CAME_FROM.get(kind)
        if entered > start and (
            (came_from is not None and entered.month == 9) or rng.random() < EARLIER_MOVE
        ):
            source = came_from if came_from is not None and entered.month == 9 else kind
            before = rng.choice(by_kind.get(source) or by_kind[kind])
            if before != case.setting:
                first = _between(rng, max(earliest, start - timedelta(days=3 * 365)), start)
                left = date(entered.year, 7, 21) if entered.month == 9 else entered - timedelta(1)
                if first < left and left > start:
                    stays.append(Stay(before, "", first, left))
    elif yg < 0:
        current = Stay(None, rng.choice(("EYP", "EYP", "OPA")), _between(rng, start, as_of))
    else:
        code = rng.choices(("NEET", "OTH", "OLA", "OPA"), (40, 30, 15, 15))[0]
        left_school = date(year - max(0, yg - 14), 7, 21)
        entered = min(as_of, max(start, left_school + timedelta(days=rng.randint(1, 60))))
        other = rng.choice(OTHER_TEXT) if code == "OTH" else ""
        current = Stay(None, code, entered, other=other)

    if ehe and current.setting is not None:  # withdrawn from school to be educated at home
        moved = _between(rng, max(current.entered_on, as_of - timedelta(days=700)), as_of)
        if moved > current.entered_on:
            stays.append(replace(current, left_on=moved - timedelta(1)))
            current = Stay(None, "EHE", moved)
    elif (
        kind in {"secondary", "all_through", "special"}
        and 4 <= yg <= 11
        and case.child.need == "SEMH"
        and rng.random() < 0.08
    ):  # education otherwise than at school, arranged by the area
        moved = _between(rng, max(current.entered_on, as_of - timedelta(days=500)), as_of)
        if moved > current.entered_on:
            stays.append(replace(current, left_on=moved - timedelta(1)))
            current = Stay(None, "OLA", moved)

    residential = ""
    if current.setting is not None and rng.random() < RESIDENTIAL_SHARE.get(kind, 0.0):
        residential = rng.choices("AB", (40, 60))[0]
    work_based = kind in {"fe", "sixth_form"} and rng.random() < 0.06
    mainstream = kind in {"primary", "infant", "junior", "secondary", "all_through"}
    current = replace(
        current,
        left_on=ended,
        residential=residential,
        work_based=work_based,
        sen_unit=mainstream and rng.random() < 0.03,
        resourced_provision=mainstream and rng.random() < 0.04,
    )
    stays.append(current)
    second = None
    if ended is None and current.setting is not None and rng.random() < CONCURRENT:
        extra = "fe" if yg >= 10 else "ap"
        other_setting = rng.choice(by_kind[extra])
        second = Stay(
            other_setting,
            "",
            _between(rng, max(current.entered_on, today - timedelta(days=400)), today),
            left_on=None,
            rank=2,
        )
        stays.append(second)

    # The plan's named settings: mostly where the child is; sometimes another setting
    # (a place awaited, or a plan not yet amended after a move).
    if current.setting is not None and rng.random() < NAMED_ELSEWHERE:
        choices = by_kind.get(kind) or [current.setting]
        facts.named.append(Named(rng.choice(choices), ""))
    else:
        facts.named.append(Named(current.setting, current.code, other=current.other))
    if second is not None:
        facts.named.append(Named(second.setting, "", rank=2))
    facts.named_on = min(plan.amended_on or start, today)
    facts.residential = residential
    facts.work_based = work_based
    if rng.random() < PERSONAL_BUDGET:
        facts.personal_budget = True
        facts.direct_payments = rng.random() < 0.6
        facts.organised_arrangements = not facts.direct_payments or rng.random() < 0.3
    return facts
