"""Moderation rounds: opened with an audit per rater per plan, blind until each rater
submits, the agreed grade only after grading, agreement from the pre-discussion grades."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.quality import moderation
from senda.quality.audits import set_judgement, submit_audit
from senda.quality.models import Audit, Criterion, Grade, Round
from tests.factories import make_la, make_user
from tests.quality.factories import make_framework, make_live_plan, make_version

DAY = date(2026, 11, 2)
DUE = date(2026, 11, 20)
MEETING = date(2026, 11, 25)

#: Judgements on the test framework (outcomes: smart, aspiration; provision: specified
#: (a legal requirement), deliverer) and the overall grade they give.
OUTSTANDING = {"smart": "met", "aspiration": "met", "specified": "met", "deliverer": "met"}
WEAK = {"smart": "not_met", "aspiration": "met", "specified": "met", "deliverer": "met"}

pytestmark = pytest.mark.django_db


def grade(audit: Audit, user, mets: dict[str, str], *, on: date = DUE) -> Audit:
    for criterion in Criterion.objects.filter(domain__framework=audit.framework):
        met = mets[criterion.code]
        set_judgement(audit=audit, criterion=criterion, met=met, evidence="Seen in E", by=user)
    return submit_audit(audit=audit, by=user, today=on)


@pytest.fixture
def scene():
    la = make_la()
    lead = make_user("qa_auditor", la)
    ann = make_user("qa_auditor", la)
    bea = make_user("advice_giver", la)
    framework = make_framework(la)
    plans = []
    for _ in range(2):
        plan = make_live_plan(la=la)
        make_version(plan, by=lead)
        plans.append(plan)
    round_ = moderation.open_round(
        la=la,
        name="November 2026",
        framework=framework,
        plans=plans,
        raters=[(ann, "education"), (bea, "health")],
        grading_due_on=DUE,
        meeting_on=MEETING,
        by=lead,
        today=DAY,
    )
    return la, lead, ann, bea, round_


def audit_of(round_plan, user) -> Audit:
    return round_plan.audits.get(lead=user)


def test_opening_a_round_opens_a_moderation_audit_per_rater_per_plan(scene):
    _la, _lead, ann, bea, round_ = scene
    assert round_.plans.count() == 2
    audits = Audit.objects.filter(round_plan__round=round_)
    assert audits.count() == 4
    assert set(audits.values_list("kind", flat=True)) == {Audit.Kind.MODERATION}
    assert {a.lead_id for a in audits} == {ann.pk, bea.pk}
    assert set(audits.values_list("due_on", flat=True)) == {DUE}
    orgs = {a.lead_id: a.auditors.get().organisation for a in audits}
    assert orgs == {ann.pk: "education", bea.pk: "health"}
    entry = AuditEntry.objects.filter(summary__startswith=f"round {round_.pk} opened").get()
    assert entry.summary == f"round {round_.pk} opened: 2 plans, 2 raters"


def test_a_round_needs_two_raters_a_plan_and_a_lead(scene):
    la, lead, ann, bea, round_ = scene
    plan = round_.plans.first().plan
    args = {
        "la": la,
        "name": "x",
        "framework": round_.framework,
        "grading_due_on": DUE,
        "meeting_on": MEETING,
        "today": DAY,
    }
    with pytest.raises(ActionError) as one:
        moderation.open_round(plans=[plan], raters=[(ann, "education")], by=lead, **args)
    assert one.value.field == "raters"
    with pytest.raises(ActionError) as none:
        moderation.open_round(
            plans=[], raters=[(ann, "education"), (bea, "health")], by=lead, **args
        )
    assert none.value.field == "plans"
    other = make_live_plan(la=make_la())
    with pytest.raises(ActionError):
        moderation.open_round(
            plans=[other], raters=[(ann, "education"), (bea, "health")], by=lead, **args
        )
    with pytest.raises(ActionError) as late:
        moderation.open_round(
            plans=[plan],
            raters=[(ann, "education"), (bea, "health")],
            by=lead,
            **(args | {"meeting_on": date(2026, 11, 10)}),
        )
    assert late.value.field == "meeting_on"
    officer = make_user("case_officer", la)
    with pytest.raises(ActionError):
        moderation.open_round(
            plans=[plan], raters=[(ann, "education"), (bea, "health")], by=officer, **args
        )
    assert Round.objects.count() == 1


def test_grading_is_blind_until_a_rater_submits(scene):
    _la, lead, ann, bea, round_ = scene
    rp = round_.plans.first()
    grade(audit_of(rp, bea), bea, WEAK)
    # Ann has not submitted: she sees nobody's grades; nor does the lead (not all in).
    assert moderation.visible_grades(ann, rp) == []
    assert moderation.visible_grades(lead, rp) == []
    # Bea submitted: she sees the submitted grades (her own so far).
    assert [a.lead_id for a in moderation.visible_grades(bea, rp)] == [bea.pk]
    grade(audit_of(rp, ann), ann, OUTSTANDING)
    assert {a.lead_id for a in moderation.visible_grades(ann, rp)} == {ann.pk, bea.pk}
    assert {a.lead_id for a in moderation.visible_grades(lead, rp)} == {ann.pk, bea.pk}
    # Another area's staff see nothing; nor does a parent.
    assert moderation.visible_grades(make_user("qa_auditor", make_la()), rp) == []


def test_the_lead_sees_grades_once_the_meeting_is_held(scene):
    _la, lead, ann, bea, round_ = scene
    rp = round_.plans.first()
    grade(audit_of(rp, bea), bea, WEAK)
    moderation.hold_meeting(
        round=round_, held_on=MEETING, themes="Outcomes", by=lead, today=MEETING
    )
    assert [a.lead_id for a in moderation.visible_grades(lead, rp)] == [bea.pk]
    assert moderation.visible_grades(ann, rp) == []  # a rater stays blind until she submits


def test_the_agreed_grade_is_refused_before_grading_is_finished(scene):
    la, lead, ann, bea, round_ = scene
    rp = round_.plans.first()
    grade(audit_of(rp, ann), ann, OUTSTANDING)
    with pytest.raises(ActionError, match="every rater"):
        moderation.record_agreed(round_plan=rp, grade=Grade.GOOD, note="", by=lead)
    grade(audit_of(rp, bea), bea, WEAK)
    with pytest.raises(ActionError):
        moderation.record_agreed(
            round_plan=rp, grade=Grade.GOOD, note="", by=make_user("case_officer", la)
        )
    with pytest.raises(ActionError) as bad:
        moderation.record_agreed(round_plan=rp, grade=9, note="", by=lead)
    assert bad.value.field == "grade"
    moderation.record_agreed(round_plan=rp, grade=Grade.GOOD, note="Outcomes vague", by=lead)
    rp.refresh_from_db()
    assert (rp.agreed_grade, rp.agreed_note) == (Grade.GOOD, "Outcomes vague")


def test_agreement_comes_from_the_grades_before_discussion(scene):
    la, lead, ann, bea, round_ = scene
    first, second = round_.plans.all()
    grade(audit_of(first, ann), ann, OUTSTANDING)
    grade(audit_of(first, bea), bea, OUTSTANDING)
    grade(audit_of(second, ann), ann, OUTSTANDING)
    weak = grade(audit_of(second, bea), bea, WEAK)
    assert weak.grade != Grade.OUTSTANDING
    before = moderation.round_agreement(round_)
    assert (before.overall.plans, before.overall.agreeing) == (2, 1)
    assert before.overall.percent == 0.5
    assert before.kappa.method == "cohen" and before.kappa.n == 2
    assert (before.submitted, before.expected, before.raters, before.plans) == (4, 4, 2, 2)
    by_domain = {d.name: d.agreement.percent for d in before.domains}
    assert by_domain == {"Outcomes": 0.5, "Provision": 1.0}
    # The meeting agrees both plans are Outstanding: the agreement does not move.
    for rp in (first, second):
        moderation.record_agreed(round_plan=rp, grade=Grade.OUTSTANDING, note="", by=lead)
    moderation.hold_meeting(
        round=round_, held_on=MEETING, themes="Outcomes", by=lead, today=MEETING
    )
    after = moderation.round_agreement(round_)
    assert after.overall == before.overall
    assert moderation.agreement_for(la, date(2026, 9, 1), date(2026, 12, 31)).percent == 0.5
    assert list(moderation.rounds_held(la, date(2026, 9, 1), date(2026, 12, 31))) == [round_]
    assert moderation.rounds_held(la, date(2027, 1, 1), date(2027, 3, 31)).count() == 0
    assert moderation.agreement_for(la, date(2027, 1, 1), date(2027, 3, 31)).percent is None


def test_the_meeting_cannot_be_in_the_future(scene):
    _la, lead, _ann, _bea, round_ = scene
    with pytest.raises(ActionError) as future:
        moderation.hold_meeting(round=round_, held_on=MEETING, themes="", by=lead, today=DAY)
    assert future.value.field == "held_on"
    with pytest.raises(ActionError):
        moderation.hold_meeting(round=round_, held_on=DAY, themes="x" * 9000, by=lead, today=DAY)


def test_plans_by_reference(scene):
    la, _lead, _ann, _bea, round_ = scene
    plan = round_.plans.first().plan
    found, missing = moderation.plans_by_reference(
        la, [str(plan.case_id), f"Case {plan.case_id}", "nonsense", "9" * 40]
    )
    assert found == [plan, plan]
    assert missing == ["nonsense", "9" * 40]
