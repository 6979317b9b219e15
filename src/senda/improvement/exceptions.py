"""The exception report: only what needs the board's attention, with who owns each and what
they propose.

    from senda.improvement import exceptions
    found = exceptions.report(plan, on, today)          # [Exception], in the order below
    exceptions.propose(plan=plan, subject="risk:4", text="…", by=user)
    exceptions.set_risk_appetite(plan=plan, appetite=2, by=user)

An exception is one of: a KPI the plan's actions name that is off trajectory or worsening
(``senda.performance.board``, as the board pack shows it); an action rated red
(significantly delayed, the scale's rank 3) on ``on``; a milestone that slipped (due before
``on``, not done); an action whose work is done (complete or later) and whose impact is
rated Limited; an open risk whose severity after mitigation is above the plan's risk
appetite; a case officer with overdue statutory deadlines (``senda.performance.overdue``:
counts only). Each names its owner (the KPI's owner in the catalogue, the action's lead,
the risk's owner, the officer) and the latest proposal written for it (``Proposal``,
appended: earlier ones are kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from senda import audit
from senda.improvement.access import can_manage_plan, require, require_edit
from senda.improvement.boardpack import KpiLine, kpi_panel, plan_actions, risks_by_severity
from senda.improvement.models import (
    SCALES,
    ImpactRating,
    ImprovementPlan,
    Milestone,
    Proposal,
    Risk,
    Stage,
)
from senda.improvement.models.withdrawal import in_force_on
from senda.kernel import ActionError, required_text
from senda.people.names import display_name
from senda.performance import overdue

#: The kinds, in the order the report lists them.
KINDS: dict[str, str] = {
    "kpi": "KPI",
    "action": "Action rated red",
    "impact": "Action done, limited impact",
    "milestone": "Milestone slipped",
    "risk": "Risk above appetite",
    "overdue": "Overdue statutory work",
}
#: The rank of "significantly delayed" (Red on BRAG) on a plan's scale.
RED_RANK = 3
#: The longest proposal, in characters.
PROPOSAL_MAX = 2000


@dataclass(frozen=True, slots=True)
class Exception_:
    kind: str  # a key of KINDS
    subject: str  # what a proposal names: "kpi:<id>", "action:<pk>", …
    what: str
    why: str
    owner: str
    proposal: str = ""
    proposed_by: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def _kpis(lines: list[KpiLine]) -> list[Exception_]:
    found = []
    for line in lines:
        if line.row is None or not (line.off_trajectory or line.direction == "worse"):
            continue
        why = [line.status_label] if line.off_trajectory else []
        if line.direction == "worse":
            why.append(f"worsening: {line.value} this quarter, {line.last} last quarter")
        owner = line.row.entry.owner
        found.append(Exception_("kpi", f"kpi:{line.kpi_id}", line.title, "; ".join(why), owner))
    return found


def _actions(plan: ImprovementPlan, on: date) -> list[Exception_]:
    scale = SCALES[plan.scale]
    red = {v.code for v in scale.values if v.rank == RED_RANK}
    rows = plan_actions(plan, on).with_current_rating(on).filter(current__in=red)
    return [
        Exception_(
            "action",
            f"action:{pk}",
            f"{reference} {what}",
            f"Rated {scale.value(current).label}: {scale.value(current).meaning.lower()}",
            lead or "No lead named",
        )
        for pk, reference, what, current, lead in rows.order_by("area__number", "id").values_list(
            "pk", "reference", "what", "current", "lead"
        )
    ]


#: Stages at which an action's work is done: Limited impact then needs the board.
DONE = (Stage.COMPLETE, Stage.IMPACT_EVIDENCED, Stage.SUSTAINED)


def _impact(plan: ImprovementPlan, on: date) -> list[Exception_]:
    """Actions whose work is done (their current stage on ``on`` is complete or later) and
    whose current impact rating is Limited: delivered, and the evidence shows little or no
    difference (ADR 0034)."""
    rows = (
        plan_actions(plan, on)
        .with_impact(on)
        .filter(impact_rating=ImpactRating.LIMITED, impact_stage__in=DONE)
        .order_by("area__number", "id")
    )
    return [
        Exception_(
            "impact",
            f"impact:{pk}",
            f"{reference} {what}",
            f"{Stage(stage).label}; impact limited: the evidence shows little or no difference yet",
            lead or "No lead named",
        )
        for pk, reference, what, stage, lead in rows.values_list(
            "pk", "reference", "what", "impact_stage", "lead"
        )
    ]


def _milestones(plan: ImprovementPlan, on: date) -> list[Exception_]:
    late = Milestone.all_objects.overdue_on(on).filter(
        in_force_on(on), in_force_on(on, "action__"), action__area__plan=plan
    )
    rows = late.order_by("due_on", "id").values_list(
        "pk", "title", "due_on", "action__reference", "action__lead"
    )
    return [
        Exception_(
            "milestone",
            f"milestone:{pk}",
            f"{reference} {title}",
            f"Due {due_on.day} {due_on:%B %Y}, {(on - due_on).days} days late",
            lead or "No lead named",
        )
        for pk, title, due_on, reference, lead in rows
    ]


def _risks(plan: ImprovementPlan, on: date) -> list[Exception_]:
    appetite = Risk.Severity(plan.risk_appetite).label.lower()
    return [
        Exception_(
            "risk",
            f"risk:{risk.pk}",
            risk.description,
            f"{risk.get_severity_after_display()} after mitigation, above the appetite "
            f"({appetite})",
            risk.owner,
        )
        for risk in risks_by_severity(plan, on)
        if risk.severity_after > plan.risk_appetite
    ]


def _overdue(plan: ImprovementPlan, today: date) -> list[Exception_]:
    return [
        Exception_(
            "overdue",
            f"overdue:{line.officer_id}",
            f"Case officer {line.name}",
            f"{line.deadlines} statutory deadline{'s' if line.deadlines != 1 else ''} "
            f"overdue, {line.reviews} of them annual reviews",
            line.name,
        )
        for line in overdue.by_officer(plan.la, today)
    ]


def report(
    plan: ImprovementPlan, on: date, today: date, *, kpis: list[KpiLine] | None = None
) -> list[Exception_]:
    """Everything needing the board's attention on ``on`` (a meeting's date, or today),
    each with its latest proposal. ``kpis``: the board pack's KPI lines, if already built.
    Overdue statutory work is as of ``min(on, today)``: Senda cannot tell it for a later day."""
    day = min(on, today)
    lines = kpis if kpis is not None else kpi_panel(plan, day, today)
    found = [
        *_kpis(lines),
        *_actions(plan, on),
        *_impact(plan, on),
        *_milestones(plan, on),
        *_risks(plan, on),
        *_overdue(plan, day),
    ]
    latest = proposals(plan, {e.subject for e in found})
    return [
        Exception_(e.kind, e.subject, e.what, e.why, e.owner, *latest.get(e.subject, ("", "")))
        for e in found
    ]


def proposals(plan: ImprovementPlan, subjects: set[str]) -> dict[str, tuple[str, str]]:
    """The latest proposal's text and author for each subject: one query."""
    rows = Proposal.objects.filter(plan=plan, subject__in=subjects).select_related("author")
    latest: dict[str, tuple[str, str]] = {}
    for row in rows.order_by("subject", "-recorded_at", "-id"):
        latest.setdefault(row.subject, (row.text, display_name(row.author, "Unknown")))
    return latest


def propose(*, plan: ImprovementPlan, subject: str, text: str, by: Any) -> Proposal:
    """Record what the owner proposes for an exception (appended; the latest is shown).
    Those who may change the plan may write one; ``subject`` must name an exception."""
    require_edit(by, plan)
    text = required_text(text, "text", "Enter what you propose")
    if len(text) > PROPOSAL_MAX:
        raise ActionError("text", f"The proposal must be {PROPOSAL_MAX:,} characters or fewer")
    kind, _, key = subject.partition(":")
    if kind not in KINDS or not key or len(subject) > 80:
        raise ActionError("subject", "Choose an exception from the report")
    with transaction.atomic():
        proposal = Proposal.objects.create(plan=plan, subject=subject, text=text, author=by)
        audit.record(user=by, verb="write", obj=plan, summary=f"proposal for {subject}")
    return proposal


def set_risk_appetite(*, plan: ImprovementPlan, appetite: int, by: Any) -> ImprovementPlan:
    """Set the highest severity after mitigation the board accepts. Service and team
    managers of the plan's area only."""
    require(can_manage_plan(by, plan))
    if appetite not in Risk.Severity.values:
        raise ActionError("appetite", "Choose a risk appetite")
    with transaction.atomic():
        plan.risk_appetite = appetite
        plan.save(update_fields=["risk_appetite"])
        audit.record(user=by, verb="write", obj=plan, summary=f"risk appetite {appetite}")
    return plan
