"""The demo's quality assurance (issue 15): frameworks installed, a year of monthly
samples (about 5% of live plans, at least half with a review) and audits whose grades are
the computed ones and improve over the year, auditors from education, health and social
care, open audits (one with an outside auditor), actions in every state, three moderation
rounds with agreement between 80% and 93%, advice moderated with feedback, two learning
summaries, a panel whose decisions went through casework, and last term's QA report."""

from __future__ import annotations

from itertools import combinations

from django.contrib.auth.models import User

from senda.casework.models import SECTION_LETTERS, CaseEvent, Decision, Plan
from senda.demo.build import Built
from senda.demo.quality import STRONG_PROVISION, WEAK_PROVISION
from senda.performance import board
from senda.performance.periods import containing
from senda.portal.models import AdviceRequest
from senda.quality import advice, grading
from senda.quality.audits import latest_version
from senda.quality.models import (
    AdviceModeration,
    Audit,
    AuditAction,
    Framework,
    LearningSummary,
    Panel,
    QAReport,
    Round,
    Sample,
)
from tests.demo.conftest import TODAY


def test_the_default_frameworks_are_installed(area: Built) -> None:
    frameworks = Framework.objects.filter(la=area.la, status=Framework.Status.PUBLISHED)
    assert sorted(frameworks.values_list("subject", "discipline")) == [
        ("advice", "education"),
        ("advice", "health"),
        ("advice", "social care"),
        ("plan", ""),
        ("profile", ""),  # the ND needs profiles' (senda.demo.nd_profiles)
    ]


def test_a_year_of_monthly_samples_covers_about_five_percent(area: Built) -> None:
    samples = list(Sample.objects.filter(la=area.la).order_by("period_start"))
    assert len(samples) == 12
    assert len({s.period_start.month for s in samples}) == 12
    live = Plan.objects.live(TODAY).filter(case__la=area.la).count()
    items = [i for s in samples for i in s.items.all()]
    assert 0.04 <= len(items) / live <= 0.06
    assert sum(i.includes_review for i in items) / len(items) >= 0.5
    assert all(i.reason for i in items)


def test_audits_keep_the_computed_grades_and_improve(area: Built) -> None:
    audits = list(
        Audit.objects.filter(la=area.la, kind=Audit.Kind.PLAN)
        .submitted()
        .select_related("framework")
        .order_by("opened_on", "pk")
    )
    assert len(audits) >= 10
    for audit in audits:
        met = dict(audit.judgements.values_list("criterion_id", "met"))
        result = grading.compute(grading.spec_of(audit.framework), met)
        assert result.complete
        assert (audit.computed_grade, audit.outcome_grade) == (result.overall, result.outcome)
        assert audit.domain_grades.count() == sum(
            1 for r in result.domains.values() if r.grade is not None
        )
    half = len(audits) // 2
    first, last = audits[:half], audits[half:]

    def good_share(group: list[Audit]) -> float:
        return sum(a.computed_grade >= 3 for a in group) / len(group)

    assert good_share(last) > good_share(first)
    assert sum(a.computed_grade for a in last) / len(last) > sum(
        a.computed_grade for a in first
    ) / len(first)


def test_audits_are_multi_agency(area: Built) -> None:
    audits = list(Audit.objects.filter(la=area.la, kind=Audit.Kind.PLAN).submitted())
    represented = [
        {"education", "health", "social_care"}
        <= set(a.auditors.values_list("organisation", flat=True))
        for a in audits
    ]
    assert sum(represented) / len(represented) >= 0.9


def test_open_audits_name_the_qa_auditor_and_one_outside_auditor(area: Built) -> None:
    open_audits = Audit.objects.filter(la=area.la, kind=Audit.Kind.PLAN).open()
    assert open_audits.filter(auditors__user__username="qa-auditor").exists()
    assert open_audits.filter(auditors__user__username="health-advisor").count() == 1


def test_audit_actions_are_open_done_on_time_late_and_overdue(area: Built) -> None:
    actions = list(AuditAction.objects.filter(audit__la=area.la))
    assert any(a.completed_on and a.completed_on <= a.due_on for a in actions)
    assert any(a.completed_on and a.completed_on > a.due_on for a in actions)
    assert AuditAction.objects.filter(audit__la=area.la).overdue(TODAY).exists()
    assert any(a.completed_on is None and a.due_on >= TODAY for a in actions)


def test_three_moderation_rounds_agree_between_80_and_93_percent(area: Built) -> None:
    rounds = list(Round.objects.filter(la=area.la).order_by("meeting_on"))
    assert sorted(r.meeting_on.month for r in rounds) == [2, 5, 11]
    for round_ in rounds:
        plans = list(round_.plans.all())
        assert 5 <= len(plans) <= 6
        pairs = []
        for round_plan in plans:
            grades = [a.computed_grade for a in round_plan.audits.submitted()]
            assert 3 <= len(grades) <= 4
            pairs += [x == y for x, y in combinations(grades, 2)]
            if round_.held_on:
                assert round_plan.agreed_grade is not None
        assert 0.8 <= sum(pairs) / len(pairs) <= 0.93
        assert not round_.held_on or round_.themes


def test_advice_is_moderated_with_feedback_and_summaries(area: Built) -> None:
    moderations = AdviceModeration.objects.filter(la=area.la)
    assert set(moderations.values_list("discipline", flat=True)) == {
        "education",
        "health",
        "social care",
    }
    assert moderations.filter(grade__isnull=False).count() == moderations.count()
    assert moderations.filter(feedback_sent_on__isnull=False).count() >= moderations.count() * 0.8
    assert moderations.filter(feedback_read_on__isnull=False).exists()
    summaries = LearningSummary.objects.filter(la=area.la)
    assert summaries.count() == 2
    assert summaries.filter(published_on__isnull=False).count() == 1


def test_the_panel_decided_through_casework(area: Built) -> None:
    panel = Panel.objects.get(la=area.la)
    items = list(panel.items.all())
    assert len(items) >= 3
    assert all(i.event_id or i.case_decision_id for i in items)
    for item in items:
        if item.event_id:
            assert CaseEvent.objects.get(pk=item.event_id).type == "assess_decision"
        else:
            assert Decision.objects.get(pk=item.case_decision_id).kind == "top_up"
    assert panel.learning.filter(shared_on__isnull=False, acted_on__isnull=False).exists()


def test_last_terms_report_was_published_on_time(area: Built) -> None:
    report = QAReport.objects.get(la=area.la)
    assert report.published_on is not None and report.published_on <= report.due_on
    recommendations = list(report.recommendations.all())
    assert len(recommendations) == 3
    assert sum(r.implemented_on is not None for r in recommendations) == 1


def test_the_board_shows_the_qa_figures_this_quarter_and_last(area: Built) -> None:
    """The QA KPIs are counted after the QA records are written: the board's figure for
    audited plans rated Good or Outstanding is the demo's audits, this quarter and last."""
    quarter = containing(TODAY, "quarter")
    [group] = board.board(
        area.la, quarter, TODAY, suppress=False, kpi_ids=["plans-good-outstanding"]
    )
    [row] = group.rows
    for figure, period in ((row.this, quarter), (row.last, quarter.previous())):
        graded = Audit.objects.filter(
            la=area.la,
            kind=Audit.Kind.PLAN,
            submitted_on__gte=period.start,
            submitted_on__lte=min(period.end, TODAY),
            computed_grade__isnull=False,
        )
        assert graded.count() >= 2
        assert figure is not None and figure.value is not None
        assert (figure.numerator, figure.denominator) == (
            graded.filter(computed_grade__gte=3).count(),
            graded.count(),
        )


def test_every_live_plan_has_a_version_with_sections_a_to_k(area: Built) -> None:
    plans = list(Plan.objects.live(TODAY).select_related("case__child"))
    assert len(plans) > 250
    provision = []
    for plan in plans:
        version = latest_version(plan)
        assert version is not None, plan.pk
        texts = dict(version.sections.values_list("letter", "text"))
        assert list(texts) == list(SECTION_LETTERS) and all(texts.values())
        child = plan.case.child  # the plan speaks of the child by first name only
        assert texts["A"].startswith(f"{child.given_name} (in their own words")
        assert f"{child.given_name} {child.family_name}" not in " ".join(texts.values())
        provision.append(texts["F"])
    # The quality varies: strong and weak wordings of the provision both appear often.
    assert provision.count(STRONG_PROVISION) > len(plans) / 5
    assert provision.count(WEAK_PROVISION) > len(plans) / 5


def test_advice_moderations_moderate_advice_sent_before_it_was_sampled(area: Built) -> None:
    moderations = list(
        AdviceModeration.objects.filter(la=area.la).select_related("advice_request__team")
    )
    assert len(moderations) >= 9
    for moderation in moderations:
        request = moderation.advice_request
        assert request is not None and request.status == AdviceRequest.Status.ANSWERED
        assert request.case_id == moderation.case_id
        assert request.team.discipline == moderation.discipline
        assert request.requested_on <= request.answered_on < moderation.sampled_on
        assert moderation.sampled_on <= moderation.moderated_on <= TODAY
        if moderation.feedback_sent_on is not None:
            assert moderation.moderated_on <= moderation.feedback_sent_on <= TODAY


def test_answered_advice_is_left_to_sample_in_each_discipline(area: Built) -> None:
    qa = User.objects.get(username="qa-auditor")
    for discipline in ("education", "health", "social care"):
        [drawn] = advice.sample_advice(
            la=area.la, discipline=discipline, count=1, by=qa, seed=1, today=TODAY
        )
        request = drawn.advice_request
        assert request is not None and request.team.discipline == discipline
        assert request.answered_on is not None and request.answered_on <= TODAY
