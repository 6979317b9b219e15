"""The structured records beside the events: assessment requests, plans and reviews,
written with ``senda.rows`` (the plans read back their ids)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from senda.casework.models import AssessmentRequest, Case, Plan, Review
from senda.demo.area import CaseSpec
from senda.demo.sen2_facts import PlanFacts
from senda.rows import insert_rows, unsaved


def write_records(
    everything: list[tuple[CaseSpec, Case]], sen2: Sequence[PlanFacts | None] | None = None
) -> dict[int, Plan]:
    """Requests, plans (with their SEN2 flags, ``sen2`` in the order of ``everything``) and
    reviews; the plans by case id."""
    if sen2 is None:
        sen2 = [None] * len(everything)
    insert_rows(
        (
            unsaved(
                AssessmentRequest,
                case_id=case.pk,
                received_on=r.received_on,
                source=r.source,
                assess_outcome=r.assess_outcome,
                assess_decided_on=r.assess_decided_on,
                issue_outcome=r.issue_outcome,
                issue_decided_on=r.issue_decided_on,
            )
            for spec, case in everything
            for r in spec.story.requests
        )
    )
    with_plans = [
        (spec, case, facts)
        for (spec, case), facts in zip(everything, sen2, strict=True)
        if spec.story.plan is not None
    ]
    plans = [
        unsaved(
            Plan,
            case_id=case.pk,
            issued_on=spec.story.plan.issued_on,
            transferred_in_on=spec.story.plan.transferred_in_on,
            transferred_from_la=spec.story.plan.transferred_from_la,
            amended_on=spec.story.plan.amended_on,
            ceased_on=spec.story.plan.ceased_on,
            cease_reason=spec.story.plan.cease_reason,
            **_flags(facts),
        )
        for spec, case, facts in with_plans
        if spec.story.plan is not None
    ]
    # The cases were made in this transaction, so their plans are the rows just written.
    insert_rows(plans, ids_where={"case__la__in": {case.la_id for _, case in everything}})
    insert_rows(
        (
            unsaved(
                Review,
                case_id=case.pk,
                plan_id=plan.pk,
                meeting_on=r.meeting_on,
                report_received_on=r.report_received_on,
                logged_on=r.logged_on,
                outcome=r.outcome,
                decided_on=r.decided_on,
            )
            for (spec, case, _facts), plan in zip(with_plans, plans, strict=True)
            if spec.story.plan is not None
            for r in spec.story.plan.reviews
        )
    )
    return {plan.case_id: plan for plan in plans}


def _flags(facts: PlanFacts | None) -> dict[str, Any]:
    """SEN2's NamedPlan flags (none recorded without ``facts``)."""
    if facts is None:
        return {}
    return {
        "residential": facts.residential,
        "work_based": facts.work_based,
        "personal_budget": facts.personal_budget,
        "organised_arrangements": facts.organised_arrangements,
        "direct_payments": facts.direct_payments,
    }
