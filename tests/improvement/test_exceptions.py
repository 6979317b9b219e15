"""The exception report: only what needs the board's attention, its owners and proposals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from senda.audit.models import AuditEntry
from senda.casework.models import DeadlineRow
from senda.improvement import exceptions
from senda.improvement.impact import record_impact
from senda.improvement.models import Milestone, Proposal, Rating, Risk
from senda.kernel import ActionError
from senda.performance.models import RecordedValue, Trajectory, TrajectoryPoint
from senda.performance.periods import parse
from tests.factories import make_action, make_area, make_case, make_plan, make_user

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 4)


@pytest.fixture
def plan(personas):
    return make_plan(personas.la)


def recorded(la, kpi, quarter, value, by):
    RecordedValue.objects.create(
        la=la,
        kpi=kpi,
        period="quarter",
        period_start=parse(quarter).start,
        value=Decimal(value),
        evidence="Survey",
        entered_by=by,
    )


def risk(plan, after, description):
    return Risk.objects.create(
        plan=plan,
        description=description,
        raised_on=date(2026, 1, 1),
        owner="Head of SEND",
        severity_before=4,
        severity_after=after,
    )


def test_it_lists_only_what_needs_the_boards_attention_with_its_owner(personas, plan):
    by = personas.service_manager
    area = make_area(plan)
    late = make_action(area, what="Recruit", lead="Head of SEND", kpi_ids=["parent-satisfaction"])
    steady = make_action(area, what="Steady", kpi_ids=["warm-audits"])
    Rating.objects.create(action=late, value="red", rated_on=date(2026, 2, 1), rationale="x")
    Rating.objects.create(action=steady, value="green", rated_on=date(2026, 2, 1), rationale="x")
    Milestone.objects.create(action=late, title="Posts filled", due_on=date(2026, 2, 1))
    Milestone.objects.create(action=steady, title="Later", due_on=date(2026, 4, 1))
    recorded(plan.la, "parent-satisfaction", "2025-26-q3", 60, by)
    recorded(plan.la, "parent-satisfaction", "2025-26-q4", 50, by)  # worsening
    recorded(plan.la, "warm-audits", "2025-26-q3", 30, by)
    recorded(plan.la, "warm-audits", "2025-26-q4", 40, by)  # improving: not an exception
    high = risk(plan, 3, "Officers leave")
    risk(plan, 2, "Within appetite")  # the default appetite is medium
    officer = make_user("case_officer", plan.la, first_name="Ola", last_name="Officer")
    case = make_case(la=plan.la, officer=officer)
    DeadlineRow.objects.create(
        case=case,
        rule="final-plan",
        due=date(2026, 2, 1),
        status="overdue",
        citation="reg",
        evaluated_for=ON,
    )
    found = exceptions.report(plan, ON, ON)
    assert [(e.kind, e.subject) for e in found] == [
        ("kpi", "kpi:parent-satisfaction"),
        ("action", f"action:{late.pk}"),
        ("milestone", f"milestone:{late.milestones.get().pk}"),
        ("risk", f"risk:{high.pk}"),
        ("overdue", f"overdue:{officer.pk}"),
    ]
    kpi, action, milestone, high_risk, overdue = found
    assert "worsening: 50% this quarter, 60% last quarter" in kpi.why
    assert kpi.owner  # the catalogue's owner
    assert action.owner == "Head of SEND" and action.why.startswith("Rated Red")
    assert "31 days late" in milestone.why
    assert "above the appetite (medium)" in high_risk.why
    assert overdue.owner == "Ola Officer" and overdue.why.startswith("1 statutory deadline ")
    assert all(e.proposal == "" for e in found)


def test_it_counts_a_kpi_off_trajectory_as_an_exception(personas, plan):
    make_action(make_area(plan), kpi_ids=["parent-satisfaction"])
    recorded(plan.la, "parent-satisfaction", "2025-26-q4", 50, personas.service_manager)
    trajectory = Trajectory.objects.create(
        la=plan.la, kpi="parent-satisfaction", baseline_value=40, baseline_on=date(2025, 1, 1)
    )
    TrajectoryPoint.objects.create(trajectory=trajectory, on=date(2026, 12, 31), low=90)
    (kpi,) = exceptions.report(plan, ON, ON)
    assert kpi.why == "Currently off trajectory"


def test_it_shows_the_latest_proposal_and_keeps_the_earlier(personas, plan):
    high = risk(plan, 4, "Officers leave")
    subject = f"risk:{high.pk}"
    exceptions.propose(plan=plan, subject=subject, text="Recruit", by=personas.service_manager)
    exceptions.propose(plan=plan, subject=subject, text=" Agency cover ", by=personas.team_manager)
    (found,) = exceptions.report(plan, ON, ON)
    assert found.proposal == "Agency cover"
    assert Proposal.objects.filter(plan=plan, subject=subject).count() == 2
    assert AuditEntry.objects.filter(verb="write", summary=f"proposal for {subject}").count() == 2


@pytest.mark.parametrize(
    ("subject", "text", "field"),
    [("risk:1", "  ", "text"), ("nonsense", "Do it", "subject"), ("risk:1", "x" * 2001, "text")],
)
def test_it_refuses_a_proposal_naming_the_field(personas, plan, subject, text, field):
    with pytest.raises(ActionError) as error:
        exceptions.propose(plan=plan, subject=subject, text=text, by=personas.service_manager)
    assert error.value.field == field
    assert not Proposal.objects.exists()


def test_a_manager_sets_the_risk_appetite_and_others_may_not(personas, plan):
    risk(plan, 3, "Officers leave")
    exceptions.set_risk_appetite(plan=plan, appetite=3, by=personas.service_manager)
    plan.refresh_from_db()
    assert plan.risk_appetite == 3
    assert exceptions.report(plan, ON, ON) == []  # high is now within appetite
    with pytest.raises(ActionError):
        exceptions.set_risk_appetite(plan=plan, appetite=9, by=personas.service_manager)
    with pytest.raises(PermissionDenied):
        exceptions.set_risk_appetite(plan=plan, appetite=1, by=personas.case_officer)
    with pytest.raises(PermissionDenied):
        exceptions.propose(plan=plan, subject="risk:1", text="x", by=personas.board_member)


def test_it_lists_an_action_done_with_limited_impact_as_its_current_record_says(personas, plan):
    """Done (complete or later) and rated Limited on the day: listed. In progress and
    Limited, or Limited corrected to Some, or rated after the day: not."""
    by = personas.service_manager
    area = make_area(plan)
    done = make_action(area, what="Train SENCOs", lead="Inclusion lead")
    going = make_action(area, what="Still going")
    corrected = make_action(area, what="Corrected")
    later = make_action(area, what="Rated later")
    feb = date(2026, 2, 1)
    record_impact(
        action=done, stage="complete", impact="limited", evidence="Audits flat", by=by, on=feb
    )
    record_impact(
        action=going, stage="in-progress", impact="limited", evidence="Audits flat", by=by, on=feb
    )
    record_impact(
        action=corrected, stage="complete", impact="limited", evidence="Audits flat", by=by, on=feb
    )
    record_impact(
        action=corrected,
        stage="complete",
        impact="some",
        evidence="Audits improved",
        reason="Mis-keyed",
        correct=True,
        by=by,
        on=feb,
    )
    record_impact(
        action=later,
        stage="complete",
        impact="limited",
        evidence="Audits flat",
        by=by,
        on=date(2026, 3, 20),
    )
    found = [e for e in exceptions.report(plan, ON, ON) if e.kind == "impact"]
    assert [(e.subject, e.owner) for e in found] == [(f"impact:{done.pk}", "Inclusion lead")]
    assert found[0].kind_label == "Action done, limited impact"
    assert found[0].why.startswith("Complete; impact limited")
    # Its owner may write a proposal for it, as for any exception.
    exceptions.propose(plan=plan, subject=f"impact:{done.pk}", text="Re-run the audit", by=by)
    (again,) = [e for e in exceptions.report(plan, ON, ON) if e.kind == "impact"]
    assert again.proposal == "Re-run the audit"
    # Later, it is listed too; a newer Some record takes it off.
    assert (
        len([e for e in exceptions.report(plan, date(2026, 3, 25), ON) if e.kind == "impact"]) == 2
    )
    record_impact(
        action=done, stage="complete", impact="some", evidence="Better", by=by, on=date(2026, 3, 26)
    )
    assert [
        e.subject for e in exceptions.report(plan, date(2026, 3, 27), ON) if e.kind == "impact"
    ] == [f"impact:{later.pk}"]
