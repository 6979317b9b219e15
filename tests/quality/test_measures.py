"""The QA KPIs counted from the records (``senda.quality.measures``): each on small
hand-made records — its numerator, denominator and the ids behind it — and the agreement
measure on the domain note's worked example (7 of 10 plans agree: 70%)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework.models import PlanVersion
from senda.quality import measures
from senda.quality.models import (
    Audit,
    DomainGrade,
    QARecommendation,
    QAReport,
    Round,
    RoundPlan,
)
from tests.factories import make_la, make_user
from tests.quality.factories import (
    make_advice_moderation,
    make_audit,
    make_audit_action,
    make_live_plan,
    make_qa_report,
    make_round,
    make_summary,
    make_version,
)

START, END = date(2026, 10, 1), date(2026, 12, 31)
AS_OF = date(2027, 1, 15)
IN = date(2026, 11, 10)

pytestmark = pytest.mark.django_db


def submitted(la, **fields) -> Audit:
    fields.setdefault("submitted_on", IN)
    fields.setdefault("computed_grade", 3)
    return make_audit(la, **fields)


def count(name, la, start=START, end=END, as_of=AS_OF):
    return measures.count(name, la, start, end, as_of)


def test_good_or_outstanding_overall_uses_the_override():
    la = make_la()
    good = submitted(la, computed_grade=3)
    overridden = submitted(la, computed_grade=4, override_grade=2, override_reason="Why")
    poor = submitted(la, computed_grade=1)
    submitted(la, computed_grade=None)  # no grade: left out
    make_audit(la, computed_grade=4)  # open: not counted
    submitted(la, submitted_on=date(2026, 9, 30), computed_grade=4)  # before the period
    submitted(la, kind=Audit.Kind.MODERATION, computed_grade=4)  # moderation grading
    submitted(make_la(), computed_grade=4)  # another area
    found = count("plans-good-outstanding", la)
    assert (found.numerator, found.denominator) == (1, 3)
    assert found.counted == (good.case_id,)
    assert set(found.missed) == {overridden.case_id, poor.case_id}
    assert found.of == "case"


def test_outcomes_good_or_outstanding():
    la = make_la()
    a = submitted(la, outcome_grade=4)
    b = submitted(la, outcome_grade=2)
    submitted(la, outcome_grade=None)
    found = count("plans-outcomes-good-outstanding", la)
    assert (found.numerator, found.denominator) == (1, 2)
    assert (found.counted, found.missed) == ((a.case_id,), (b.case_id,))


def test_a_period_running_is_judged_on_as_of():
    la = make_la()
    submitted(la, submitted_on=date(2026, 12, 20))
    found = count("plans-good-outstanding", la, as_of=date(2026, 12, 1))
    assert found.denominator == 0


def test_sample_with_review_and_reviews_meeting_the_standard():
    la = make_la()
    met = submitted(la, includes_review=True, review_meets_standard=True)
    not_met = submitted(la, includes_review=True, review_meets_standard=False)
    unjudged = submitted(la, includes_review=True)
    without = submitted(la)
    found = count("audit-sample-with-review", la)
    assert (found.numerator, found.denominator) == (3, 4)
    assert found.missed == (without.case_id,)
    reviews = count("reviews-meet-standard", la)
    assert (reviews.numerator, reviews.denominator) == (1, 2)
    assert reviews.counted == (met.case_id,)
    assert reviews.missed == (not_met.case_id,)
    assert reviews.open == (unjudged.case_id,)


def test_cross_organisation_representation_counts_a_school_as_education():
    la = make_la()
    health, care, school = (make_user("qa_auditor", la) for _ in range(3))
    full = submitted(la, auditors=((health, "health"), (care, "social_care")))
    no_care = submitted(la, auditors=((health, "health"),))
    found = count("audit-cross-agency", la)
    assert (found.numerator, found.denominator) == (1, 2)
    assert (found.counted, found.missed) == ((full.case_id,), (no_care.case_id,))
    assert measures.represented(["school", "health", "social_care"])
    assert not measures.represented(["school", "education", "health"])
    assert school  # three auditors made


def test_audit_coverage_over_twelve_months_of_plans_maintained():
    la = make_la()
    for _ in range(8):
        make_live_plan(la=la)
    a = submitted(la, submitted_on=date(2026, 2, 1))  # within 12 months of 31 Dec
    submitted(la, case=a.case, submitted_on=date(2026, 11, 1))  # same plan again
    submitted(la, submitted_on=date(2025, 12, 1))  # more than 12 months before
    found = count("audit-coverage", la)
    # 10 plans maintained (8 + the two audited plans); one audited in the year.
    assert (found.numerator, found.denominator) == (1, 10)
    assert found.counted == (a.case_id,)


def test_audits_completed_is_a_count():
    la = make_la()
    a, b = submitted(la), submitted(la)
    found = count("audits-completed", la)
    assert (found.numerator, found.denominator, found.rate) == (2, None, False)
    assert set(found.counted) == {a.case_id, b.case_id}


def test_new_plans_good_in_every_domain():
    la = make_la()
    good = submitted(la)
    poor = submitted(la)
    amended = submitted(la)
    PlanVersion.objects.filter(pk=amended.version_id).update(kind=PlanVersion.Kind.AMENDED)
    domains = list(good.framework.domains.all())
    for audit, grades in ((good, (3, 4)), (poor, (4, 2)), (amended, (1, 1))):
        for domain, grade in zip(domains, grades, strict=True):
            DomainGrade.objects.create(audit=audit, domain=domain, grade=grade, score=0)
    found = count("new-plans-level-2", la)
    assert (found.counted, found.missed) == ((good.case_id,), (poor.case_id,))


def _grade(round_plan: RoundPlan, grades: tuple[int, ...], on: date = IN) -> None:
    for grade in grades:
        Audit.objects.create(
            la=round_plan.round.la,
            case=round_plan.case,
            plan=round_plan.plan,
            framework=round_plan.round.framework,
            kind=Audit.Kind.MODERATION,
            round_plan=round_plan,
            lead=make_user("qa_auditor", round_plan.round.la),
            opened_on=on,
            submitted_on=on,
            computed_grade=grade,
        )


#: The domain note's worked example: auditor and moderator grades of ten plans
#: (O=4, G=3, RI=2, I=1): O,O · G,G ×3 · G,RI · RI,RI ×2 · RI,G · I,I · O,G — 7 agree.
WORKED = [(4, 4), (3, 3), (3, 3), (3, 3), (3, 2), (2, 2), (2, 2), (2, 3), (1, 1), (4, 3)]


def test_agreement_on_the_worked_example_is_70_percent():
    la = make_la()
    round_ = make_round(la, plans=11)
    Round.objects.filter(pk=round_.pk).update(held_on=date(2026, 11, 25))
    plans = list(round_.plans.all())
    for round_plan, grades in zip(plans, WORKED, strict=False):
        _grade(round_plan, grades)
    _grade(plans[10], (3,))  # one rater only: left out
    found = count("moderation-agreement", la)
    assert (found.numerator, found.denominator) == (7, 10)
    assert found.numerator * 100 / found.denominator == 70
    disagree = {plans[i].case_id for i in (4, 7, 9)}
    assert set(found.missed) == disagree
    # A round not held in the period is not counted.
    assert count("moderation-agreement", la, START, date(2026, 11, 24)).denominator == 0


def test_agreement_reads_the_grades_given_before_the_meeting():
    la = make_la()
    round_ = make_round(la, plans=1)
    Round.objects.filter(pk=round_.pk).update(held_on=date(2026, 11, 25))
    round_plan = round_.plans.get()
    _grade(round_plan, (3,))
    _grade(round_plan, (2,), on=date(2026, 11, 26))  # after the meeting: left out
    assert count("moderation-agreement", la).denominator == 0
    _grade(round_plan, (2,), on=date(2026, 11, 25))  # on the day: counted
    assert count("moderation-agreement", la).missed == (round_plan.case_id,)
    assert count("moderation-agreement", la, as_of=date(2026, 11, 24)).denominator == 0


def test_rounds_held_in_the_financial_year():
    la = make_la()
    held = [make_round(la) for _ in range(4)]
    for round_, day in zip(
        held, (date(2026, 5, 20), date(2026, 11, 25), date(2026, 2, 10), None), strict=True
    ):
        Round.objects.filter(pk=round_.pk).update(held_on=day)
    found = count("moderation-rounds", la)
    assert (found.numerator, found.of) == (2, "round")
    assert found.counted == (held[0].pk, held[1].pk)


def test_audit_actions_completed_by_their_due_date():
    la = make_la()
    audit = submitted(la)
    due = date(2026, 11, 30)
    make_audit_action(audit, due_on=due, completed_on=date(2026, 11, 29))  # on time
    make_audit_action(audit, due_on=due, completed_on=date(2026, 12, 5))  # late
    make_audit_action(audit, due_on=due)  # not done, overdue
    make_audit_action(audit, due_on=due, cancelled_on=date(2026, 11, 20))  # cancelled
    make_audit_action(audit, due_on=date(2027, 1, 5))  # due after the period
    found = count("audit-actions-on-time", la)
    assert (found.numerator, found.denominator) == (1, 3)
    running = count("audit-actions-on-time", la, as_of=date(2026, 11, 25))
    assert (running.numerator, running.denominator, len(running.open)) == (0, 0, 3)


def test_advice_moderated_with_feedback_and_meeting_criteria():
    la = make_la()
    done = make_advice_moderation(
        la,
        moderated_on=IN,
        feedback="Say how often.",
        feedback_sent_on=IN,
        meets_criteria=True,
    )
    no_feedback = make_advice_moderation(la, moderated_on=IN, meets_criteria=False)
    make_advice_moderation(la, moderated_on=IN)  # meets_criteria not judged
    found = count("advice-moderated", la)
    assert (found.numerator, found.denominator) == (1, 3)
    assert found.counted == (done.case_id,)
    running = count("advice-moderated", la, as_of=date(2026, 12, 1))
    assert (running.numerator, running.denominator, len(running.open)) == (1, 1, 2)
    quality = count("advice-quality", la)
    assert (quality.numerator, quality.denominator) == (1, 2)
    assert quality.missed == (no_feedback.case_id,)


def test_learning_summaries_published_in_the_financial_year():
    la = make_la()
    a = make_summary(la, published_on=date(2026, 10, 1))
    make_summary(la, published_on=date(2026, 3, 31))  # the year before
    make_summary(la)  # a draft
    found = count("learning-summaries", la)
    assert (found.numerator, found.counted, found.of) == (1, (a.pk,), "summary")


def test_reports_on_time_and_recommendations_implemented():
    la = make_la()
    on_time = make_qa_report(la, published_on=date(2026, 10, 30))
    QAReport.objects.filter(pk=on_time.pk).update(due_on=date(2026, 10, 31))
    late = QAReport.objects.create(
        la=la,
        term="Autumn 2026",
        period_start=date(2026, 9, 1),
        period_end=date(2026, 12, 31),
        due_on=date(2026, 12, 31),
        published_on=date(2027, 1, 3),
    )
    found = count("qa-reports-on-time", la)
    assert (found.counted, found.missed, found.of) == ((on_time.pk,), (late.pk,), "report")
    for day, done in ((date(2026, 11, 1), date(2026, 10, 20)), (date(2026, 12, 1), None)):
        QARecommendation.objects.create(
            report=on_time,
            text="Train on outcomes",
            owner="QA lead",
            due_on=day,
            implemented_on=done,
        )
    QARecommendation.objects.create(
        report=late, text="Later", owner="QA lead", due_on=date(2027, 3, 1)
    )
    recs = count("qa-recommendations-implemented", la)
    assert (recs.numerator, recs.denominator) == (1, 2)
    assert recs.counted == (on_time.pk,)


def test_every_measure_answers_on_an_empty_area():
    la = make_la()
    for name in measures.MEASURES:
        found = count(name, la)
        assert found.numerator == 0, name


def test_make_version_of_kind_new():
    plan = make_live_plan(la=make_la())
    assert make_version(plan).kind == PlanVersion.Kind.NEW


def test_panel_decisions_shared_and_learning_acted_on(db):
    from senda.quality.measures import count
    from senda.quality.models import PanelItem, PanelLearning
    from tests.factories import make_case, make_la
    from tests.quality.factories import make_panel

    la = make_la()
    panel = make_panel(la)
    told = PanelItem.objects.get(panel=panel)
    told.decided_on, told.family_told_on = date(2026, 11, 2), date(2026, 11, 3)
    told.save()
    untold = PanelItem.objects.create(
        panel=panel, case=make_case(la=la), question="issue", decided_on=date(2026, 11, 2)
    )
    found = count(
        "panel-decisions-shared", la, date(2026, 10, 1), date(2026, 12, 31), date(2026, 12, 1)
    )
    assert (found.counted, found.missed) == ((told.case_id,), (untold.case_id,))
    panel.held_on = date(2026, 11, 2)
    panel.save()
    PanelLearning.objects.create(
        panel=panel,
        text="x",
        partner="EP service",
        shared_on=date(2026, 11, 4),
        acted_on=date(2026, 11, 20),
    )
    PanelLearning.objects.create(panel=panel, text="y", partner="SALT", shared_on=date(2026, 11, 4))
    found = count(
        "panel-learning-acted-on", la, date(2026, 10, 1), date(2026, 12, 31), date(2026, 12, 1)
    )
    assert (found.numerator, found.denominator, found.of) == (1, 2, "panel")


def test_advice_improved_after_feedback_counts_resamples_of_advice_below_good(db):
    from senda.quality.measures import count
    from tests.factories import make_la
    from tests.quality.factories import make_advice_moderation

    la = make_la()
    earlier = make_advice_moderation(
        la, grade=2, moderated_on=date(2026, 6, 1), feedback_sent_on=date(2026, 6, 2)
    )
    better = make_advice_moderation(
        la, team=earlier.team, grade=3, moderated_on=date(2026, 11, 1), resample_of=earlier
    )
    worse = make_advice_moderation(
        la, team=earlier.team, grade=2, moderated_on=date(2026, 11, 2), resample_of=earlier
    )
    good = make_advice_moderation(la, grade=4, moderated_on=date(2026, 6, 1))
    make_advice_moderation(
        la, team=good.team, grade=3, moderated_on=date(2026, 11, 3), resample_of=good
    )
    found = count(
        "advice-improved-after-feedback",
        la,
        date(2026, 10, 1),
        date(2026, 12, 31),
        date(2026, 12, 1),
    )
    assert (found.counted, found.missed) == ((better.case_id,), (worse.case_id,))
