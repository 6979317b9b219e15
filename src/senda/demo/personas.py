"""The demo's sign-in accounts: who each persona is, and picking the case they look at.

Every demo account shares one password: ``SENDA_DEMO_PASSWORD`` or, by default,
``senda-demo-2026`` (the data is synthetic). It is hashed once and the hash reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from senda.demo.area import AreaPlan
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
    Persona("parent", "parent", "their own child (a review is in progress)"),
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


def persona_parent_case(area: AreaPlan, today: date) -> int:
    """A live plan whose latest review meeting is recent and awaits the LA's decision
    (failing that, the most recently reviewed live plan)."""
    keys: list[tuple[bool, int, int]] = []
    for index, case in enumerate(area.cases):
        plan = case.story.plan
        if plan is None or plan.ceased_on is not None or not plan.reviews:
            continue
        review = plan.reviews[-1]
        waiting = review.decided_on is None and review.meeting_on >= today - timedelta(56)
        keys.append((not waiting, (today - review.meeting_on).days, index))
    if not keys:
        raise ValueError("the area has no reviewed live plan for the parent persona")
    return min(keys)[2]
