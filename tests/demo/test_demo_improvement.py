"""The demo's improvement plan: realistic, repeatable, with its partner personas."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import User

from senda.demo.build import Built
from senda.demo.improvement import write_plan
from senda.improvement.models import (
    Action,
    ActionUpdate,
    BoardPack,
    Feedback,
    ImpactRecord,
    ImprovementPlan,
    Milestone,
    PlanMember,
    Rating,
    Risk,
    SignOff,
)
from senda.people.models import Membership
from tests.demo.conftest import TODAY
from tests.factories import make_la, make_user


@pytest.fixture
def plan(db: None) -> ImprovementPlan:
    """The plan alone, for an area with the two managers who lead actions (fast)."""
    la = make_la()
    for role in ("service_manager", "team_manager"):
        make_user(role, la, username=role.replace("_", "-"))
    hash_ = User.objects.get(username="team-manager").password
    return write_plan(seed=7, la=la, today=TODAY, password_hash=hash_)


def plan_fingerprint() -> dict[str, list[str]]:
    """The plan's rows without database ids or recording times."""
    ref = ("action__area__number", "action__reference")
    return {
        name: sorted(map(repr, rows))
        for name, rows in {
            "actions": Action.objects.values_list(
                "area__number", "reference", "what", "timescale", "starts_on", "ends_on",
                "completed_on", "lead", "lead_user__username", "kpi_ids",
            ),
            "milestones": Milestone.objects.values_list(*ref, "title", "due_on", "done_on"),
            "ratings": Rating.objects.values_list(
                *ref, "value", "rated_on", "suggested", "rationale", "author__username"
            ),
            "updates": ActionUpdate.objects.values_list(*ref, "on", "text"),
            "impact": ImpactRecord.objects.values_list(
                *ref, "stage", "impact", "recorded_on", "evidence", "corrects__stage"
            ),
            "risks": Risk.objects.values_list("description", "raised_on", "status"),
        }.items()
    }  # fmt: skip


def test_it_builds_the_seaview_plan(plan: ImprovementPlan) -> None:
    assert plan.title == "Seaview SEND Partnership Improvement Plan 2026–28"
    assert plan.scale == "bragp"
    assert plan.inspected_on < plan.published_on < TODAY
    areas = list(plan.areas.all())
    assert [a.number for a in areas] == [1, 2, 3, 4, 5, 6]
    assert all(2 <= a.aims.count() <= 3 and a.context and a.lead for a in areas)
    actions = Action.objects.filter(area__plan=plan)
    assert 30 <= actions.count() <= 40
    assert all(a.aim.area_id == a.area_id for a in actions.select_related("aim"))
    named = {kpi for ids in actions.values_list("kpi_ids", flat=True) for kpi in ids}
    assert "final-plan-20w" in named
    # the ND pathway's and short breaks' computed KPIs have actions naming them (issue 18)
    assert {"nd-autism-wait-median", "nd-interim-support", "short-breaks-local-offer"} <= named
    assert actions.filter(partners__kind="pcf").exists()
    unresolved = actions.filter(timescale_resolved=False)
    assert unresolved.count() >= 3
    assert not unresolved.exclude(starts_on=None, ends_on=None).exists()
    assert actions.filter(completed_on__isnull=False).exists()
    assert Milestone.objects.filter(title__startswith="Month 12").count() >= 25
    assert Milestone.objects.filter(due_on__lt=TODAY, done_on=None).exists()  # slipped
    assert 8 <= Risk.objects.count() <= 10
    assert 6 <= Feedback.objects.count() <= 8
    assert Feedback.objects.filter(we_did="").exists()
    assert SignOff.objects.count() == 4
    assert BoardPack.objects.filter(meeting_on__lt=TODAY).count() == 2
    assert ActionUpdate.objects.count() >= actions.count()


def test_it_keeps_a_rating_history_with_overrides(plan: ImprovementPlan) -> None:
    ratings = Rating.objects.all()
    assert ratings.count() == 4 * Action.objects.count()
    assert len(set(ratings.values_list("rated_on", flat=True))) == 4
    overridden = [r for r in ratings if r.overrides_suggestion]
    assert 3 <= len(overridden) <= 6
    assert all(r.rationale and r.suggestion_reason for r in overridden)
    current = {}
    for r in ratings.order_by("rated_on"):
        current[r.action_id] = r.value
    assert {"blue", "green", "amber", "red", "pink"} <= set(current.values())
    changed = {a for a in current if len(set(ratings.filter(action_id=a).values_list("value"))) > 1}
    assert len(changed) >= 10


def test_it_records_stages_and_impact_apart_from_delivery(plan: ImprovementPlan) -> None:
    from senda.improvement import boardpack
    from senda.improvement.impact import current_of, history_of

    records = ImpactRecord.objects.filter(action__area__plan=plan)
    assert {"planned", "in-progress", "complete", "impact-evidenced"} <= set(
        records.values_list("stage", flat=True)
    )
    assert {"not-yet", "limited", "some", "clear"} <= set(records.values_list("impact", flat=True))
    claims = records.exclude(impact="not-yet")
    assert claims.count() >= 4 and not claims.filter(evidence="").exists()
    assert records.exclude(kpi_ids=[]).exists()  # evidence that cites a KPI
    # One action's history: in progress, then complete, then impact evidenced.
    first = records.get(stage="impact-evidenced", impact="clear", correction=None).action
    assert [r.stage for r in reversed(history_of(first))] == [
        "in-progress", "complete", "impact-evidenced"
    ]  # fmt: skip
    corrected = records.get(correction__isnull=False)
    assert current_of(history_of(corrected.action)).stage == "complete"
    # The latest board pack shows it: impact evidenced before the meeting.
    pack = BoardPack.objects.filter(plan=plan).order_by("-meeting_on").first()
    lines = {line.reference: line for line in boardpack.build(pack, TODAY).impact}
    assert lines[first.reference].stage == "impact-evidenced"
    assert lines[first.reference].delivery is not None


def test_it_gives_partners_plan_membership_only(area: Built) -> None:
    plan = ImprovementPlan.objects.get()
    health = PlanMember.objects.get(user__username="health-partner")
    pcf = PlanMember.objects.get(user__username="pcf-partner")
    assert (health.plan, health.access, health.partner.kind) == (plan, "edit", "health")
    assert (pcf.plan, pcf.access, pcf.partner.kind) == (plan, "view", "pcf")
    assert not Membership.objects.filter(user__username__endswith="-partner").exists()
    assert User.objects.get(username="pcf-partner").check_password("demo-test-password")
    assert Action.objects.filter(lead_user=health.user).exists()
    assert {"health-partner", "pcf-partner"} <= {row[0] for row in area.staff.table}
    table = {u: role for u, role, _ in area.staff.table}
    assert table["health-partner"] == "Plan partner (edit)"


# The same seed builds the same plan again (and the old one goes): the rebuild in
# tests/demo/test_build.py compares plan_fingerprint() with the rest of the area's.


def test_it_builds_a_150_action_plan_quickly(db: None) -> None:
    la = make_la()
    hash_ = make_user("service_manager", la, username="service-manager").password
    began = time.monotonic()
    big = write_plan(seed=1, la=la, today=TODAY, password_hash=hash_, actions=150)
    assert time.monotonic() - began < 10  # well under 1 s on SQLite
    actions = Action.objects.filter(area__plan=big)
    assert actions.count() == 150
    assert len(set(actions.values_list("area", "reference"))) == 150
