"""Quality records for tests, made directly (no actions, no audit entries): a small
framework, a plan with a version, an audit, a sample, a round, an advice moderation, a
learning summary, a panel and a termly report. Feature tests make what they test through
the actions; these are for the role matrix and for setting the scene."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from senda.casework.models import Case, Plan, PlanSection, PlanVersion
from senda.people.models import AdviceTeam, LocalAuthority
from senda.quality.models import (
    AdviceModeration,
    Audit,
    AuditAction,
    AuditAuditor,
    Criterion,
    Domain,
    Framework,
    LearningSummary,
    Panel,
    PanelItem,
    QAReport,
    Round,
    RoundPlan,
    Sample,
    SampleItem,
)
from tests.factories import make_advice_team, make_case, make_user

DAY = date(2026, 11, 2)


def make_framework(
    la: LocalAuthority, *, subject: str = "plan", discipline: str = "", **fields: Any
) -> Framework:
    """A published framework of two domains (outcomes, provision), four criteria, one of
    them a legal requirement."""
    framework = Framework.objects.create(
        la=la,
        subject=subject,
        discipline=discipline,
        name=fields.pop("name", f"Test {subject} framework"),
        status=fields.pop("status", Framework.Status.PUBLISHED),
        published_on=fields.pop("published_on", date(2026, 1, 5)),
        **fields,
    )
    outcomes = Domain.objects.create(
        framework=framework,
        code="outcomes",
        name="Outcomes",
        sections="E",
        order=1,
        is_outcomes=True,
    )
    provision = Domain.objects.create(
        framework=framework, code="provision", name="Provision", sections="F", order=2
    )
    Criterion.objects.create(domain=outcomes, code="smart", text="Outcomes are SMART", order=1)
    Criterion.objects.create(
        domain=outcomes, code="aspiration", text="Linked to aspirations", order=2
    )
    Criterion.objects.create(
        domain=provision,
        code="specified",
        text="Provision is specified",
        statutory=True,
        order=1,
        citation="SEND Regulations 2014 reg 12(1)(f)",
    )
    Criterion.objects.create(
        domain=provision, code="deliverer", text="Says who delivers it", order=2
    )
    return framework


def make_live_plan(
    case: Case | None = None,
    *,
    la: LocalAuthority | None = None,
    issued_on: date = date(2025, 6, 2),
) -> Plan:
    case = case or make_case(la=la)
    return Plan.objects.create(case=case, issued_on=issued_on)


def make_version(
    plan: Plan, *, by: Any = None, issued_on: date | None = None, **texts: str
) -> PlanVersion:
    """A version of ``plan`` with sections (``E="..."`` etc.; defaults for A, B, E, F)."""
    by = by or make_user("case_officer", plan.case.la)
    version = PlanVersion.objects.create(
        plan=plan,
        case=plan.case,
        kind=PlanVersion.Kind.NEW,
        issued_on=issued_on or plan.issued_on or DAY,
        recorded_by=by,
    )
    texts = {
        "A": "Sam likes trains and wants to work with animals.",
        "B": "Sam finds it hard to start conversations.",
        "E": (
            "By the end of Year 6, Sam will start a conversation with a classmate at break "
            "on most days."
        ),
        "F": "Speech and language therapy: 30 minutes a week, delivered by a therapist.",
    } | texts
    for letter, text in texts.items():
        PlanSection.objects.create(version=version, letter=letter, text=text)
    return version


def make_audit(
    la: LocalAuthority,
    *,
    lead: Any = None,
    case: Case | None = None,
    framework: Framework | None = None,
    auditors: tuple[tuple[Any, str], ...] = (),
    **fields: Any,
) -> Audit:
    """An open audit of a live plan of ``la`` (a new case unless given) with its version."""
    lead = lead or make_user("qa_auditor", la)
    plan = (
        make_live_plan(case, la=la)
        if case is None or not case.plans.exists()
        else case.plans.first()
    )
    version = plan.versions.first() or make_version(plan, by=lead)
    audit = Audit.objects.create(
        la=la,
        case=plan.case,
        plan=plan,
        version=version,
        framework=framework
        or Framework.objects.filter(la=la, subject="plan").first()
        or make_framework(la),
        lead=lead,
        opened_on=fields.pop("opened_on", DAY),
        **fields,
    )
    AuditAuditor.objects.create(
        audit=audit, user=lead, organisation="education", added_on=audit.opened_on
    )
    for user, organisation in auditors:
        AuditAuditor.objects.create(
            audit=audit, user=user, organisation=organisation, added_on=audit.opened_on
        )
    return audit


def make_audit_action(audit: Audit, *, to: Any = None, **fields: Any) -> AuditAction:
    fields.setdefault("due_on", date(2026, 12, 1))
    return AuditAction.objects.create(
        audit=audit,
        text=fields.pop("text", "Quantify the speech and language therapy in F"),
        assigned_to=to or audit.lead,
        raised_on=audit.opened_on,
        raised_by=audit.lead,
        **fields,
    )


def make_sample(la: LocalAuthority, *, by: Any = None, plans: int = 1) -> Sample:
    by = by or make_user("qa_auditor", la)
    sample = Sample.objects.create(
        la=la,
        label="November 2026",
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        seed=42,
        frame_size=plans,
        drawn_on=DAY,
        drawn_by=by,
    )
    for _ in range(plans):
        plan = make_live_plan(la=la)
        SampleItem.objects.create(
            sample=sample, plan=plan, case=plan.case, reason="Drawn at random (test)"
        )
    return sample


def make_round(la: LocalAuthority, *, by: Any = None, plans: int = 1) -> Round:
    by = by or make_user("qa_auditor", la)
    framework = Framework.objects.filter(la=la, subject="plan").first() or make_framework(la)
    round_ = Round.objects.create(
        la=la,
        name="November 2026",
        framework=framework,
        opened_on=DAY,
        grading_due_on=date(2026, 11, 20),
        meeting_on=date(2026, 11, 25),
        opened_by=by,
    )
    for _ in range(plans):
        plan = make_live_plan(la=la)
        make_version(plan, by=by)
        RoundPlan.objects.create(round=round_, plan=plan, case=plan.case)
    return round_


def make_advice_moderation(
    la: LocalAuthority,
    *,
    case: Case | None = None,
    team: AdviceTeam | None = None,
    by: Any = None,
    **fields: Any,
) -> AdviceModeration:
    by = by or make_user("qa_auditor", la)
    team = team or make_advice_team(la)
    framework = Framework.objects.filter(
        la=la, subject="advice", discipline=team.discipline
    ).first() or make_framework(la, subject="advice", discipline=team.discipline)
    return AdviceModeration.objects.create(
        la=la,
        case=case or make_case(la=la),
        team=team,
        discipline=team.discipline,
        framework=framework,
        sampled_on=DAY,
        moderator=by,
        **fields,
    )


def make_summary(la: LocalAuthority, *, by: Any = None, **fields: Any) -> LearningSummary:
    by = by or make_user("qa_auditor", la)
    return LearningSummary.objects.create(
        la=la,
        title=fields.pop("title", "Advice learning summary, April to September 2026"),
        period_start=date(2026, 4, 1),
        period_end=date(2026, 9, 30),
        body=fields.pop("body", "Most advice described needs by their impact on learning."),
        drafted_on=DAY,
        drafted_by=by,
        **fields,
    )


def make_panel(la: LocalAuthority, *, chair: Any = None, case: Case | None = None) -> Panel:
    chair = chair or make_user("team_manager", la)
    panel = Panel.objects.create(la=la, name="Assessment panel", meets_on=DAY, chair=chair)
    PanelItem.objects.create(panel=panel, case=case or make_case(la=la), question="assess", order=1)
    return panel


def make_qa_report(la: LocalAuthority, **fields: Any) -> QAReport:
    return QAReport.objects.create(
        la=la,
        term=fields.pop("term", "Summer 2026"),
        period_start=date(2026, 4, 1),
        period_end=date(2026, 8, 31),
        due_on=date(2026, 9, 30),
        **fields,
    )


__all__ = [
    "Decimal",
    "make_advice_moderation",
    "make_audit",
    "make_audit_action",
    "make_framework",
    "make_live_plan",
    "make_panel",
    "make_qa_report",
    "make_round",
    "make_sample",
    "make_summary",
    "make_version",
]
