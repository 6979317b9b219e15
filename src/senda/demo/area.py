"""Plan a whole fictional area in memory (no database): settings, children and their cases.

``plan_area(rng, today, cases)`` keeps drawing case histories — new requests, plans issued
before the five-year window, plans transferred in — until ``cases`` plans are live today.
Refused requests, plans ceased on the way and assessments still in progress come along
at their natural rates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from senda.clock.counting import add_months
from senda.demo import stories
from senda.demo.people_gen import ChildSpec, Register
from senda.demo.settings_gen import SettingSpec, make_settings
from senda.people.school_year import year_group

#: Age at request (years) for new requests, and age today for older plans.
REQUEST_AGES = (((1, 1), 2), ((2, 4), 17), ((5, 10), 50), ((11, 15), 18), ((16, 19), 7))
LEGACY_AGES = (((9, 11), 28), ((12, 15), 40), ((16, 19), 24), ((20, 24), 8))
TRANSFER_AGES = (((4, 10), 50), ((11, 15), 35), ((16, 18), 15))
SPECIAL_NEEDS = frozenset({"SLD", "PMLD", "MSI", "DS"})


@dataclass(slots=True)
class CaseSpec:
    child: ChildSpec
    story: stories.Story
    setting: int | None  # index into the area's settings
    officer: int | None = None  # index into the officers


@dataclass(slots=True)
class AreaPlan:
    settings: list[SettingSpec]
    cases: list[CaseSpec] = field(default_factory=list)


def _age_days(rng: Random, table: tuple[tuple[tuple[int, int], int], ...]) -> int:
    low, high = rng.choices([band for band, _ in table], [w for _, w in table])[0]
    return rng.randint(low * 365, high * 365 + 364)


def _story(rng: Random, today: date, need: str) -> tuple[stories.Story, bool] | None:
    window = add_months(today, -60)
    span = (today - window).days
    kind = rng.choices(("request", "legacy", "transfer"), (52, 43, 5))[0]
    infant = rng.random() < 0.08
    if kind == "request":
        received = window + timedelta(int(span * rng.random() ** 0.8))
        dob = received - timedelta(_age_days(rng, REQUEST_AGES))
        if year_group(dob, today) + 4 > 24:
            return None
        return stories.new_plan_story(rng, today, dob, received, infant), infant
    if kind == "legacy":
        dob = today - timedelta(_age_days(rng, LEGACY_AGES))
        earliest, latest = add_months(dob, 36), window - timedelta(60)
        if earliest >= latest:
            return None
        issued = earliest + timedelta(rng.randint(0, (latest - earliest).days))
        first = max(window + timedelta(rng.randint(0, 364)), issued + timedelta(300))
        return stories.legacy_plan_story(rng, today, dob, issued, first, infant), infant
    dob = today - timedelta(_age_days(rng, TRANSFER_AGES))
    moved = window + timedelta(rng.randint(0, span - 14))
    if moved < add_months(dob, 30):
        return None
    return stories.transfer_in_story(rng, today, dob, moved, infant), infant


def _setting_kinds(rng: Random, yg: int, need: str, infant: bool) -> tuple[str, ...]:
    """Where a child in year group ``yg`` with ``need`` goes to school, by likelihood."""
    special = (
        0.8 if need in SPECIAL_NEEDS else {"ASD": 0.35, "SEMH": 0.25, "PD": 0.3}.get(need, 0.15)
    )
    roll = rng.random()
    if yg < -2:
        return ()
    if yg < 0:
        return ("special",) if roll < special / 2 else ("nursery",)
    if yg >= 14:
        return ("fe",) if roll < 0.65 else ("indep_special",) if roll < 0.75 else ()
    if yg >= 12:
        options = ("fe", "sixth_form", "special", "secondary", "indep_special")
        return (rng.choices(options, (45, 10, 25, 15, 5))[0],)
    if roll < special:
        return ("indep_special",) if rng.random() < 0.12 else ("special",)
    if need == "SEMH" and yg >= 4 and roll < special + 0.06:
        return ("ap",)
    if rng.random() < 0.05:
        return ("all_through",)
    if yg <= 6:
        if infant:
            return ("infant",) if yg <= 2 else ("junior",)
        return ("primary",)
    return ("secondary",)


def plan_area(
    rng: Random,
    today: date,
    cases: int,
    la_code: str,
    localities: tuple[str, ...],
    register: Register,
    scale: float = 1.0,
) -> AreaPlan:
    """An area with ``cases`` live plans (and the cases that did not end in one)."""
    area = AreaPlan(make_settings(rng, la_code, localities, scale))
    by_kind: dict[str, list[int]] = {}
    for index, spec in enumerate(area.settings):
        by_kind.setdefault(spec.kind, []).append(index)
    live = 0
    while live < cases:
        need = register.need()
        drawn = _story(rng, today, need)
        if drawn is None:
            continue
        story, infant = drawn
        kinds = _setting_kinds(rng, year_group(story.dob, today), need, infant)
        setting = rng.choice(by_kind[kinds[0]]) if kinds else None
        child = register.child(
            dob=story.dob, sex=register.sex(), need=need, la_code=la_code, today=today
        )
        area.cases.append(CaseSpec(child, story, setting))
        live += story.has_live_plan
    return area


def assign_officers(rng: Random, area: AreaPlan, officers: int) -> None:
    """Spread cases unevenly: some officers carry far more than others."""
    weights = [rng.lognormvariate(0, 0.18) for _ in range(officers)]
    for case in area.cases:
        if case.story.is_open and not case.story.has_live_plan and rng.random() < 0.1:
            continue  # a new request not yet allocated
        case.officer = rng.choices(range(officers), weights)[0]
