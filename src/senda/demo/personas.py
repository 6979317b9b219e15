"""The demo's sign-in accounts: who each persona is, and picking the case they look at.

Every demo account shares one password: ``SENDA_DEMO_PASSWORD`` or, by default,
``senda-demo-2026`` (the data is synthetic). It is hashed once and the hash reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from senda.clock import Event
from senda.clock.counting import add_months
from senda.clock.rights import is_young_person
from senda.demo.area import AreaPlan, CaseSpec
from senda.env import env_str

DEFAULT_PASSWORD = "senda-demo-2026"
CASE_OFFICERS = 25
CASELOAD_TARGET = 160


def demo_password() -> str:
    return env_str("SENDA_DEMO_PASSWORD", DEFAULT_PASSWORD)


@dataclass(frozen=True, slots=True)
class Persona:
    username: str
    role: str
    sees: str


PERSONAS = (
    Persona("officer", "case_officer", "their local area's cases; holds a realistic caseload"),
    Persona("team-manager", "team_manager", "their local area's cases"),
    Persona("qa-auditor", "qa_auditor", "their local area's cases (read only)"),
    Persona("service-manager", "service_manager", "their local area's cases, the admin (view)"),
    Persona("senco", "senco", "children with plans at one secondary school"),
    Persona(
        "parent",
        "parent",
        "their two children: a review coming up (views to give), a draft plan to comment on",
    ),
    Persona(
        "young-person",
        "young_person",
        "their own record (aged 17, a live plan); lets their parent see it",
    ),
    Persona("board-member", "board_member", "no child-level data (aggregates only)"),
    Persona("other-officer", "case_officer", "only the second local area's cases"),
    Persona(
        "health-advisor",
        "advice_giver",
        "children community paediatrics or speech and "
        "language therapy were asked about (advice requests)",
    ),
    Persona("social-worker", "advice_giver", "children social care was asked about"),
    Persona("ep", "advice_giver", "children the educational psychology service was asked about"),
    Persona("health-partner", "partner (edit)", "the improvement plan only, as the ICB: rates"),
    Persona("pcf-partner", "partner (view)", "the improvement plan only, as the parent forum"),
)


def persona_officer(area: AreaPlan) -> int:
    """The case officer with the median open caseload."""
    loads = [0] * CASE_OFFICERS
    for case in area.cases:
        if case.officer is not None and case.story.is_open:
            loads[case.officer] += 1
    ranked = sorted(range(CASE_OFFICERS), key=lambda i: (loads[i], i))
    return ranked[CASE_OFFICERS // 2]


def persona_senco_setting(area: AreaPlan) -> int:
    """The secondary school whose number of children with live plans is nearest 30."""
    counts: dict[int, int] = {}
    for case in area.cases:
        if case.setting is not None and case.story.has_live_plan:
            counts[case.setting] = counts.get(case.setting, 0) + 1
    secondaries = [i for i, s in enumerate(area.settings) if s.kind == "secondary"]
    return min(secondaries, key=lambda i: (abs(counts.get(i, 0) - 30), i))


#: The parent's child's next review falls due between these many days from today.
REVIEW_SOON = (10, 42)
#: The parent's other child's draft plan was served between these many days ago.
DRAFT_DAYS = (2, 9)
#: Decisions after which a plan changes on the way: not a quiet plan for the parent's child.
UNSETTLED = frozenset({"cease_proposed", "cease_decision", "reassessment_requested",
                       "move_out_known", "amendment_notice_issued"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class FamilyCases:
    """Indexes into the area's cases: the parent's child with a review coming up, their
    other child with a draft plan served, and the young person's own case."""

    parent: int
    draft: int
    young_person: int


def _next_review(case: CaseSpec) -> date | None:
    plan = case.story.plan
    if plan is None or plan.ceased_on is not None:
        return None
    last = plan.reviews[-1].meeting_on if plan.reviews else plan.issued_on
    return None if last is None else add_months(last, 12)


def persona_parent_case(area: AreaPlan, today: date) -> int:
    """A live, settled plan of a child of school age (the parent holds the rights) whose
    next annual review falls due in the coming weeks (nearest four weeks from today)."""
    keys: list[tuple[int, int]] = []
    for index, case in enumerate(area.cases):
        due = _next_review(case)
        story = case.story
        if (
            due is None
            or not story.is_open
            or case.officer is None
            or not 5 <= (today - story.dob).days // 365 <= 14
            or not today + timedelta(REVIEW_SOON[0]) <= due <= today + timedelta(REVIEW_SOON[1])
            or any(e.type in UNSETTLED for e in story.events)
            or any(e.on > today for e in story.events if e.type != "phase_transfer")
        ):
            continue
        keys.append((abs((due - today).days - 28), index))
    if not keys:
        raise ValueError("the area has no live plan with a review coming up for the parent")
    return min(keys)[1]


def persona_draft_case(area: AreaPlan, today: date, taken: set[int]) -> int:
    """An assessment whose draft plan was served a few days ago and has no final plan yet;
    failing that, one decided "issue" that has not served its draft: the draft is served
    now (added to its story, after every step it follows)."""
    served: list[tuple[int, int]] = []
    decided: list[tuple[int, int]] = []
    for index, case in enumerate(area.cases):
        story = case.story
        if (
            index in taken
            or story.plan is not None
            or not story.is_open
            or is_young_person(story.dob, today)
        ):
            continue
        last = story.events[-1]
        low, high = today - timedelta(DRAFT_DAYS[1]), today - timedelta(DRAFT_DAYS[0])
        if last.type == "draft_plan_issued" and low <= last.on <= high:
            served.append((abs((today - last.on).days - 5), index))
        elif (
            last.type == "issue_decision"
            and last.outcome == "issue"
            and last.on <= today - timedelta(DRAFT_DAYS[0])
        ):
            decided.append(((today - last.on).days, index))
    if served:
        return min(served)[1]
    if not decided:
        raise ValueError("the area has no assessment at its draft plan for the parent")
    index = min(decided)[1]
    story = area.cases[index].story
    on = max(story.events[-1].on, today - timedelta(5))
    story.events.append(Event("draft_plan_issued", on))
    return index


def persona_young_person_case(area: AreaPlan, today: date, taken: set[int]) -> int:
    """A young person aged 17 today (the rights are theirs) with a live plan and an officer."""
    keys: list[tuple[int, int]] = []
    for index, case in enumerate(area.cases):
        story = case.story
        age = _age(story.dob, today)
        if (
            index in taken
            or age != 17
            or not story.has_live_plan
            or case.officer is None
            or not is_young_person(story.dob, today)
        ):
            continue
        keys.append((abs((today - story.dob).days - int(17.5 * 365.25)), index))
    if not keys:
        raise ValueError("the area has no 17-year-old with a live plan for the young person")
    return min(keys)[1]


def _age(dob: date, today: date) -> int:
    return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))


def family_cases(area: AreaPlan, today: date) -> FamilyCases:
    """Choose the families' personas' cases and make the two children of the parent
    siblings: one family name, one contact (the parent), one officer."""
    parent = persona_parent_case(area, today)
    draft = persona_draft_case(area, today, {parent})
    young = persona_young_person_case(area, today, {parent, draft})
    first, second = area.cases[parent], area.cases[draft]
    second.child.family_name = first.child.family_name
    second.child.contact = first.child.contact
    second.officer = first.officer
    return FamilyCases(parent, draft, young)
