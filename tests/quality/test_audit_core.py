"""The core of an audit: grades computed from judgements, a legal requirement caps the
grade, an override needs a reason, a submitted audit cannot change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.kernel import ActionError
from senda.quality import grading
from senda.quality.audits import open_audit, set_judgement, submit_audit
from senda.quality.models import Criterion, Grade
from tests.factories import make_la, make_user
from tests.quality.factories import make_framework, make_live_plan, make_version

DAY = date(2026, 11, 2)


def spec() -> grading.Spec:
    return grading.Spec(
        domains=[
            grading.DomainSpec(
                "e",
                "Outcomes",
                Decimal(2),
                True,
                (
                    grading.CriterionSpec(1, Decimal(1), False),
                    grading.CriterionSpec(2, Decimal(1), False),
                ),
            ),
            grading.DomainSpec(
                "f", "Provision", Decimal(1), False, (grading.CriterionSpec(3, Decimal(1), True),)
            ),
        ]
    )


def test_all_met_is_outstanding():
    result = grading.compute(spec(), {1: "met", 2: "met", 3: "met"})
    assert (result.overall, result.outcome, result.complete) == (4, 4, True)


def test_partly_met_scores_half_and_weights_domains():
    result = grading.compute(spec(), {1: "met", 2: "partly", 3: "met"})
    # outcomes 0.75 (weight 2), provision 1.0 (weight 1): (1.5 + 1) / 3 = 0.833 → Good
    assert result.score == Decimal("0.833")
    assert result.overall == Grade.GOOD
    assert result.outcome == Grade.GOOD


def test_a_failed_legal_requirement_caps_the_grade():
    result = grading.compute(spec(), {1: "met", 2: "met", 3: "not_met"})
    # score (2 + 0) / 3 = 0.667 → Requires improvement anyway; the cap holds provision at RI
    assert result.domains["f"].grade == Grade.INADEQUATE
    assert result.overall <= Grade.REQUIRES_IMPROVEMENT
    assert result.failed_statutory == (3,)
    high = grading.Spec(
        domains=spec().domains, good_from=Decimal("0.6"), outstanding_from=Decimal("0.65")
    )
    capped = grading.compute(high, {1: "met", 2: "met", 3: "not_met"})
    assert capped.capped and capped.overall == Grade.REQUIRES_IMPROVEMENT


def test_does_not_apply_is_left_out_and_incomplete_is_said():
    result = grading.compute(spec(), {1: "met", 2: "na"})
    assert result.domains["e"].score == Decimal(1)
    assert not result.complete


@pytest.mark.django_db
def test_an_audit_is_opened_judged_and_submitted_with_computed_grades():
    la = make_la()
    lead = make_user("qa_auditor", la)
    framework = make_framework(la)
    plan = make_live_plan(la=la)
    make_version(plan, by=lead)
    audit = open_audit(la=la, plan=plan, framework=framework, lead=lead, by=lead, today=DAY)
    criteria = list(Criterion.objects.filter(domain__framework=framework))
    for c in criteria:
        set_judgement(audit=audit, criterion=c, met="met", evidence="", by=lead)
    with pytest.raises(ActionError) as refused:
        submit_audit(audit=audit, by=lead, override_grade=Grade.GOOD, today=DAY)
    assert refused.value.field == "override_reason"
    submit_audit(audit=audit, by=lead, strengths="Clear outcomes", today=DAY)
    audit.refresh_from_db()
    assert audit.computed_grade == Grade.OUTSTANDING and audit.grade == Grade.OUTSTANDING
    assert audit.domain_grades.count() == 2
    with pytest.raises(ActionError):
        set_judgement(audit=audit, criterion=criteria[0], met="not_met", evidence="x", by=lead)


@pytest.mark.django_db
def test_an_audit_cannot_be_submitted_with_criteria_unjudged_or_opened_by_a_case_officer():
    la = make_la()
    lead = make_user("qa_auditor", la)
    framework = make_framework(la)
    plan = make_live_plan(la=la)
    with pytest.raises(ActionError):
        open_audit(
            la=la,
            plan=plan,
            framework=framework,
            lead=lead,
            by=make_user("case_officer", la),
            today=DAY,
        )
    audit = open_audit(la=la, plan=plan, framework=framework, lead=lead, by=lead, today=DAY)
    with pytest.raises(ActionError, match="Judge every criterion"):
        submit_audit(audit=audit, by=lead, today=DAY)
