"""The demo's sign-in accounts: who each persona is, and picking the case they look at.

Every demo account shares one password: ``SENDA_DEMO_PASSWORD`` or, by default,
``senda-demo-2026`` (the data is synthetic). It is hashed once and the hash reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from senda.clock import Event, first_refusal
from senda.clock.counting import add_months
from senda.clock.rights import is_young_person
from senda.demo.area import AreaPlan, CaseSpec
from senda.demo.stories import ReviewRec
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
    Persona(
        "qa-auditor",
        "qa_auditor",
        "leads quality assurance: samples, audits, moderation, advice moderation, reports; "
        "reads their local area's cases",
    ),
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
    Persona(
        "young-persons-parent",
        "parent",
        "the young person's parent: sees their record only while the young person shares it",
    ),
    Persona("board-member", "board_member", "no child-level data (aggregates only)"),
    Persona(
        "finance-officer",
        "finance_officer",
        "the High Needs ledger and deficit projection; no child-level data",
    ),
    Persona("other-officer", "case_officer", "only the second local area's cases"),
    Persona(
        "health-advisor",
        "advice_giver",
        "children community paediatrics or speech and "
        "language therapy were asked about (advice requests)",
    ),
    Persona(
        "social-worker",
        "advice_giver",
        "children social care was asked about, and the disabled children's register",
    ),
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
    draft: int | None
    young_person: int | None

    @property
    def indexes(self) -> list[int]:
        return [i for i in (self.parent, self.draft, self.young_person) if i is not None]


def _next_review(case: CaseSpec) -> date | None:
    plan = case.story.plan
    if plan is None or plan.ceased_on is not None:
        return None
    last = plan.reviews[-1].meeting_on if plan.reviews else plan.issued_on
    return None if last is None else add_months(last, 12)


def persona_parent_case(area: AreaPlan, today: date) -> int:
    """A live, settled plan of a child of school age (the parent holds the rights) whose
    next annual review falls due in the coming weeks (nearest four weeks from today);
    in a very small area, the live plan nearest that."""
    keys: list[tuple[int, int, int]] = []
    for index, case in enumerate(area.cases):
        due = _next_review(case)
        story = case.story
        if due is None or not story.is_open:
            continue
        soon = today + timedelta(REVIEW_SOON[0]) <= due <= today + timedelta(REVIEW_SOON[1])
        settled = not any(e.type in UNSETTLED for e in story.events) and not any(
            e.on > today for e in story.events if e.type != "phase_transfer"
        )
        school_age = 5 <= (today - story.dob).days // 365 <= 14
        tier = [soon and settled and school_age, soon and school_age, school_age, True].index(True)
        if case.officer is None:
            tier += 4
        keys.append((tier, abs((due - today).days - 28), index))
    if not keys:
        raise ValueError("the area has no live plan for the parent")
    return min(keys)[2]


def persona_draft_case(area: AreaPlan, today: date, taken: set[int]) -> int | None:
    """An assessment whose draft plan was served a few days ago and has no final plan yet;
    failing that, one decided "issue" that has not served its draft, or one decided
    "assess" with no decision to issue yet: its story then goes on (the decision to issue
    and the draft, served now, after every step they follow)."""
    served: list[tuple[int, int]] = []
    decided: list[tuple[int, int, int]] = []
    low, high = today - timedelta(DRAFT_DAYS[1]), today - timedelta(DRAFT_DAYS[0])
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
        request = story.requests[-1]
        if last.type == "draft_plan_issued" and low <= last.on <= high:
            served.append((abs((today - last.on).days - 5), index))
        elif last.type == "issue_decision" and last.outcome == "issue" and last.on <= high:
            decided.append((0, (today - last.on).days, index))
        elif request.assess_outcome == "assess" and not request.issue_outcome:
            decided.append((1, -request.received_on.toordinal(), index))
    if served:
        return min(served)[1]
    if not decided:
        return None  # a very small area: the parent has one child
    index = min(decided)[2]
    story = area.cases[index].story
    on = max(story.events[-1].on, today - timedelta(5))
    request = story.requests[-1]
    if not request.issue_outcome:
        story.events.append(Event("issue_decision", on, outcome="issue"))
        request.issue_outcome, request.issue_decided_on = "issue", on
    story.events.append(Event("draft_plan_issued", on))
    return index


#: Events a family's survey follows (``senda.portal.surveys.SURVEY_EVENTS``).
SURVEYED = frozenset({"review_meeting", "review_decision", "final_plan_issued",
                      "amended_plan_issued"})  # fmt: skip
#: The young person's survey event happened between these many days ago (inside the
#: survey's 56 days, so the persona has a survey to answer).
SURVEY_OPEN = (3, 35)


#: A young person whose annual review is due holds its meeting this many days ago.
REVIEW_HELD = 14


def _survey_open(case: CaseSpec, today: date) -> bool:
    low, high = today - timedelta(SURVEY_OPEN[1]), today - timedelta(SURVEY_OPEN[0])
    return any(e.type in SURVEYED and low <= e.on <= high for e in case.story.events)


def _review_now(case: CaseSpec, today: date) -> list[Event]:
    """The steps of an annual review meeting held ``REVIEW_HELD`` days ago, if the case's
    review is due by then and its story allows it (nothing after the meeting but the phase
    transfer, every step in an order the clock accepts); none otherwise."""
    story = case.story
    meeting = today - timedelta(REVIEW_HELD)
    due = _next_review(case)
    if due is None or due > meeting + timedelta(REVIEW_SOON[1]):
        return []
    if any(e.on >= meeting - timedelta(21) for e in story.events if e.type != "phase_transfer"):
        return []
    steps = [
        Event("review_invitations_sent", meeting - timedelta(21)),
        Event("review_meeting", meeting),
    ]
    return steps if first_refusal([*story.events, *steps]) is None else []


def persona_young_person_case(area: AreaPlan, today: date, taken: set[int]) -> int | None:
    """A young person aged 17 today (the rights are theirs) with a live plan and an officer,
    whose review meeting (or plan) was a few weeks ago, so they have a survey to answer —
    failing that, one whose annual review is due: its story goes on, the meeting held two
    weeks ago. In a very small area, the young person with a live plan nearest that, if any."""
    keys: list[tuple[bool, bool, int, int]] = []
    for index, case in enumerate(area.cases):
        story = case.story
        if (
            index in taken
            or not story.has_live_plan
            or not story.is_open
            or not is_young_person(story.dob, today)
        ):
            continue
        off = abs((today - story.dob).days - int(17.5 * 365.25))
        far = _age(story.dob, today) != 17 or case.officer is None
        keys.append((far, not _survey_open(case, today), off, index))
    if not keys:
        return None
    keys.sort()
    far, closed, _, index = keys[0]
    if closed:  # the nearest whose review is due: its story goes on, the meeting is held
        for _, _, _, other in (k for k in keys if k[0] == far):
            steps = _review_now(area.cases[other], today)
            if steps:
                index = other
                area.cases[index].story.events.extend(steps)
                area.cases[index].story.plan.reviews.append(ReviewRec(steps[-1].on))  # type: ignore[union-attr]
                break
    return index


def _age(dob: date, today: date) -> int:
    return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))


def family_cases(area: AreaPlan, today: date) -> FamilyCases:
    """Choose the families' personas' cases and make the two children of the parent
    siblings: one family name, one contact (the parent), one officer."""
    parent = persona_parent_case(area, today)
    draft = persona_draft_case(area, today, {parent})
    young = persona_young_person_case(area, today, {parent, -1 if draft is None else draft})
    if draft is not None:
        first, second = area.cases[parent], area.cases[draft]
        second.child.family_name = first.child.family_name
        second.child.contact = first.child.contact
        second.officer = first.officer
    return FamilyCases(parent, draft, young)
