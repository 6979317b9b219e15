"""Audits: open one on a plan (from a sample, a moderation round, or chosen on purpose),
judge its criteria, submit it. Grades are computed (``quality.grading``) when it is
submitted: every criterion must be judged, and an override needs a reason. Every write is
audited by ids; a submitted audit is never changed.

    audit = open_audit(la=la, plan=plan, framework=f, lead=user, by=user, today=day)
    set_judgement(audit=audit, criterion=c, met="met", evidence="…", by=user)
    submit_audit(audit=audit, by=user, strengths="…", improvements="…", today=day)
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from senda import audit as audit_log
from senda import kernel
from senda.casework.models import Plan, PlanVersion, Review
from senda.kernel import ActionError, check_choice, check_permission
from senda.quality import grading
from senda.quality.access import qa_lead
from senda.quality.models import (
    Audit,
    AuditAuditor,
    Criterion,
    DomainGrade,
    Framework,
    Grade,
    Judgement,
    Met,
    Organisation,
    RoundPlan,
    SampleItem,
)

EVIDENCE_MAX = 4000
TEXT_MAX = 8000


def _write(by: Any, obj: Any, summary: str, *, child: Any = None, la_id: int | None = None) -> None:
    audit_log.record(user=by, verb="write", obj=obj, child=child, la_id=la_id, summary=summary)


def latest_version(plan: Plan) -> PlanVersion | None:
    """The plan's latest version not superseded by a correction (what an auditor reads)."""
    return (
        PlanVersion.objects.filter(plan=plan, superseded_by__isnull=True)
        .order_by("-issued_on", "-id")
        .first()
    )


@transaction.atomic
def open_audit(
    *,
    la: Any,
    plan: Plan,
    framework: Framework,
    lead: Any,
    by: Any,
    organisation: str = Organisation.EDUCATION,
    due_on: date | None = None,
    sample_item: SampleItem | None = None,
    round_plan: RoundPlan | None = None,
    review: Review | None = None,
    today: date | None = None,
) -> Audit:
    """Open an audit of ``plan`` against a published ``framework`` version, led by ``lead``
    (named as its first auditor, from ``organisation``). A moderation audit names its
    ``round_plan``; a sampled one its ``sample_item``."""
    today = today or kernel.today()
    lead_of = qa_lead(by)
    check_permission(
        lead_of is not None and lead_of.la_id == la.pk,
        "Only a QA lead of this area can open an audit.",
    )
    if plan.case.la_id != la.pk or framework.la_id != la.pk:
        raise ActionError("plan", "Choose a plan of this area")
    if framework.status != Framework.Status.PUBLISHED:
        raise ActionError("framework", "Choose a framework that is in use")
    check_choice(organisation, Organisation.values, "organisation", "the auditor's organisation")
    if due_on is not None and due_on < today:
        raise ActionError("due_on", "The date the audit is due must be today or later")
    if review is None and sample_item is not None and sample_item.includes_review:
        review = plan.reviews.order_by("-meeting_on").first()
    audit = Audit.objects.create(
        la=la,
        case=plan.case,
        plan=plan,
        version=latest_version(plan),
        framework=framework,
        kind=Audit.Kind.MODERATION if round_plan is not None else Audit.Kind.PLAN,
        sample_item=sample_item,
        round_plan=round_plan,
        includes_review=review is not None,
        review=review,
        lead=lead,
        opened_on=today,
        due_on=due_on,
    )
    AuditAuditor.objects.create(audit=audit, user=lead, organisation=organisation, added_on=today)
    _write(by, audit, f"case {plan.case_id}: audit {audit.pk} opened", child=plan.case.child)
    return audit


def _open_for(audit: Audit, by: Any) -> Audit:
    locked = Audit.objects.select_for_update().select_related("case__child").get(pk=audit.pk)
    if not locked.is_open:
        raise ActionError(kernel.WHOLE_FORM, "This audit has been submitted: it cannot change")
    named = AuditAuditor.objects.filter(audit=locked, user_id=by.pk).exists()
    lead = qa_lead(by)
    check_permission(
        named or (lead is not None and lead.la_id == locked.la_id and locked.round_plan_id is None),
        "Only the audit's auditors can judge it.",
    )
    return locked


@transaction.atomic
def set_judgement(
    *, audit: Audit, criterion: Criterion, met: str, evidence: str, by: Any
) -> Judgement:
    """Judge one criterion (met, partly, not met, does not apply) with evidence; a
    criterion not met or partly met needs evidence."""
    audit = _open_for(audit, by)
    if criterion.domain.framework_id != audit.framework_id:
        raise ActionError("criterion", "Choose a criterion of this audit's framework")
    check_choice(met, Met.values, "met", "whether the criterion is met")
    evidence = (evidence or "").strip()
    if len(evidence) > EVIDENCE_MAX:
        raise ActionError("evidence", f"The evidence must be {EVIDENCE_MAX} characters or fewer")
    if met in (Met.NOT_MET, Met.PARTLY) and not evidence:
        raise ActionError(
            "evidence", "Say what you found: a criterion not fully met needs evidence"
        )
    judgement, _ = Judgement.objects.update_or_create(
        audit=audit, criterion=criterion, defaults={"met": met, "evidence": evidence, "by": by}
    )
    _write(
        by,
        judgement.audit,
        f"audit {audit.pk}: criterion {criterion.pk} judged {met}",
        child=audit.case.child,
    )
    return judgement


def result_of(audit: Audit) -> grading.Result:
    """The grades the audit's judgements give now (the page shows them as it is filled)."""
    met = dict(Judgement.objects.filter(audit=audit).values_list("criterion_id", "met"))
    return grading.compute(grading.spec_of(audit.framework), met)


@transaction.atomic
def submit_audit(
    *,
    audit: Audit,
    by: Any,
    strengths: str = "",
    improvements: str = "",
    override_grade: int | None = None,
    override_reason: str = "",
    review_meets_standard: bool | None = None,
    today: date | None = None,
) -> Audit:
    """Submit the audit: every criterion judged; domain, overall and outcome grades
    computed and kept; an override of the overall grade only with a reason."""
    audit = _open_for(audit, by)
    today = today or kernel.today()
    result = result_of(audit)
    if not result.complete:
        missing = sum(r.of - r.judged for r in result.domains.values())
        raise ActionError(
            kernel.WHOLE_FORM, f"Judge every criterion before submitting ({missing} left)"
        )
    override_reason = (override_reason or "").strip()
    if override_grade is not None:
        check_choice(override_grade, Grade.values, "override_grade", "a grade")
        if override_grade == result.overall:
            override_grade = None
        elif not override_reason:
            raise ActionError("override_reason", "Give the reason for changing the computed grade")
    for field, text in (("strengths", strengths), ("improvements", improvements)):
        if len(text or "") > TEXT_MAX:
            raise ActionError(field, f"This must be {TEXT_MAX} characters or fewer")
    if audit.includes_review and review_meets_standard is None:
        raise ActionError("review_meets_standard", "Say whether the annual review met the standard")
    spec = {d.code: d for d in audit.framework.domains.all()}
    for code, domain_result in result.domains.items():
        if domain_result.grade is not None and domain_result.score is not None:
            DomainGrade.objects.create(
                audit=audit, domain=spec[code], grade=domain_result.grade, score=domain_result.score
            )
    audit.computed_grade = result.overall
    audit.outcome_grade = result.outcome
    audit.override_grade = override_grade
    audit.override_reason = override_reason if override_grade is not None else ""
    audit.strengths = (strengths or "").strip()
    audit.improvements = (improvements or "").strip()
    audit.review_meets_standard = review_meets_standard if audit.includes_review else None
    audit.submitted_on = today
    audit.save()
    _write(
        by,
        audit,
        f"audit {audit.pk}: submitted, grade {audit.grade}"
        + (" (overridden)" if override_grade is not None else ""),
        child=audit.case.child,
    )
    return audit
