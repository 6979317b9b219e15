"""The structured records beside the events: assessment requests, plans and reviews."""

from __future__ import annotations

from senda.casework.models import AssessmentRequest, Case, Plan, Review
from senda.demo.area import CaseSpec

BATCH = 2000


def write_records(everything: list[tuple[CaseSpec, Case]]) -> None:
    AssessmentRequest.objects.bulk_create(
        (
            AssessmentRequest(
                case=case,
                received_on=r.received_on,
                source=r.source,
                assess_outcome=r.assess_outcome,
                assess_decided_on=r.assess_decided_on,
                issue_outcome=r.issue_outcome,
                issue_decided_on=r.issue_decided_on,
            )
            for spec, case in everything
            for r in spec.story.requests
        ),
        batch_size=BATCH,
    )
    with_plans = [(spec, case) for spec, case in everything if spec.story.plan is not None]
    plans = Plan.objects.bulk_create(
        [
            Plan(
                case=case,
                issued_on=spec.story.plan.issued_on,
                transferred_in_on=spec.story.plan.transferred_in_on,
                amended_on=spec.story.plan.amended_on,
                ceased_on=spec.story.plan.ceased_on,
                cease_reason=spec.story.plan.cease_reason,
            )
            for spec, case in with_plans
            if spec.story.plan is not None
        ],
        batch_size=BATCH,
    )
    Review.objects.bulk_create(
        (
            Review(
                case=case,
                plan=plan,
                meeting_on=r.meeting_on,
                report_received_on=r.report_received_on,
                logged_on=r.logged_on,
                outcome=r.outcome,
                decided_on=r.decided_on,
            )
            for (spec, case), plan in zip(with_plans, plans, strict=True)
            if spec.story.plan is not None
            for r in spec.story.plan.reviews
        ),
        batch_size=BATCH,
    )
