"""Advice moderation: a reproducible sample of answered advice, criteria judged with a
computed grade, feedback sent to the team (a message, no child's name) and recorded as read,
repeat sampling, and the KPI reads."""

from __future__ import annotations

import random
from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.kernel import ActionError
from senda.portal.models import AdviceRequest, Message, Upload
from senda.quality import advice
from senda.quality.models import AdviceJudgement, AdviceModeration, Criterion, Grade
from tests.factories import make_advice_team, make_case, make_la, make_user
from tests.portal.advice_factories import make_advice_request
from tests.quality.factories import make_framework

DAY = date(2026, 11, 2)


@pytest.fixture
def area(db):
    la = make_la()
    lead = make_user("qa_auditor", la)
    health = make_advice_team(la, name="Community paediatrics", discipline="health")
    member = make_user("advice_giver", la, email="giver@example.org")
    health.members.add(member)
    framework = make_framework(la, subject="advice", discipline="health")
    return la, lead, health, member, framework


def answered(la, team, *, on: date = DAY, text: str = "Needs and provision.") -> AdviceRequest:
    request = make_advice_request(make_case(la=la), team, requested_on=date(2026, 9, 1))
    request.status = AdviceRequest.Status.ANSWERED
    request.answer = text
    request.answered_on = on
    request.save()
    return request


def criteria(framework) -> list[int]:
    return list(
        Criterion.objects.filter(domain__framework=framework)
        .order_by("domain__order", "order")
        .values_list("pk", flat=True)
    )


def judge(moderation, framework, answers, by, **fields):
    ids = criteria(framework)
    fields.setdefault("themes", ["clear"])
    fields.setdefault("good_practice", False)
    fields.setdefault("feedback", "Clear advice; quantify the therapy.")
    return advice.moderate_advice(
        moderation=moderation,
        judgements={pk: (met, "") for pk, met in zip(ids, answers, strict=True)},
        by=by,
        today=DAY,
        **fields,
    )


def test_it_draws_a_reproducible_sample_of_answered_advice_not_yet_moderated(area):
    la, lead, health, _, _ = area
    requests = [answered(la, health) for _ in range(6)]
    open_one = make_advice_request(make_case(la=la), health)
    moderated = advice.add_advice(
        la=la, case=requests[0].case, team=health, advice_request=requests[0], by=lead, today=DAY
    )
    drawn = advice.sample_advice(la=la, discipline="health", count=3, by=lead, seed=11, today=DAY)
    frame = sorted(r.pk for r in requests[1:])
    assert [m.advice_request_id for m in drawn] == random.Random(11).sample(frame, 3)
    assert moderated.advice_request_id not in [m.advice_request_id for m in drawn]
    assert open_one.pk not in [m.advice_request_id for m in drawn]
    assert {m.framework.discipline for m in drawn} == {"health"}
    assert advice.reason_of(drawn[0]).startswith("Drawn at random (seed 11, 3 of 5)")
    assert advice.reason_of(moderated) == "Added by the QA lead."
    assert (drawn[0].seed, moderated.seed) == (11, None)
    # never the audit trail's wording, even when nothing was recorded
    moderated.reason = ""
    assert advice.reason_of(moderated) == "Added to the sample."


def test_the_same_seed_and_frame_draw_the_same_advice():
    assert advice.draw([5, 3, 9, 1], 2, 4) == advice.draw([1, 3, 5, 9], 2, 4)
    assert advice.draw([1, 2], 5, 1) == random.Random(1).sample([1, 2], 2)


def test_only_a_qa_lead_of_the_area_samples(area):
    la, _, health, member, _ = area
    answered(la, health)
    with pytest.raises(ActionError):
        advice.sample_advice(la=la, discipline="health", count=1, by=member)
    with pytest.raises(ActionError):
        advice.sample_advice(
            la=la, discipline="health", count=1, by=make_user("qa_auditor", make_la())
        )
    with pytest.raises(ActionError, match="1 to 200"):
        advice.sample_advice(
            la=la, discipline="health", count=10**9, by=make_user("qa_auditor", la)
        )
    with pytest.raises(ActionError, match="social care advice framework"):
        advice.sample_advice(
            la=la, discipline="social care", count=1, by=make_user("qa_auditor", la)
        )


def test_moderating_computes_the_grade_and_whether_it_meets_the_criteria(area):
    la, lead, health, _, framework = area
    answered(la, health)
    moderation = advice.sample_advice(la=la, discipline=None, count=1, by=lead, today=DAY)[0]
    # outcomes domain: met, partly (0.75); provision: met, met (1.0) → 0.875 → Good
    judged = judge(moderation, framework, ["met", "partly", "met", "met"], lead)
    assert (judged.grade, judged.meets_criteria, judged.moderated_on) == (Grade.GOOD, True, DAY)
    assert AdviceJudgement.objects.filter(moderation=moderation).count() == 4
    # the legal requirement not met caps it at Requires improvement: not meeting the criteria
    later = DAY.replace(day=DAY.day + 1) if DAY.day < 28 else DAY.replace(day=1)
    again = advice.moderate_advice(
        moderation=moderation,
        judgements=dict(
            zip(
                criteria(framework),
                [("met", ""), ("met", ""), ("not_met", "x"), ("met", "")],
                strict=True,
            )
        ),
        themes=["clear"],
        good_practice=False,
        feedback="Clear advice; quantify the therapy.",
        by=lead,
        today=later,
    )
    assert (again.grade, again.meets_criteria) == (Grade.REQUIRES_IMPROVEMENT, False)
    # moderated again the next day: "moderated on" stays the first moderation's day
    assert again.moderated_on == DAY
    assert AdviceJudgement.objects.filter(moderation=moderation).count() == 4


def test_moderating_needs_every_criterion_feedback_and_known_themes(area):
    la, lead, health, _, framework = area
    answered(la, health)
    moderation = advice.sample_advice(la=la, discipline="health", count=1, by=lead)[0]
    ids = criteria(framework)
    with pytest.raises(ActionError, match="1 left"):
        advice.moderate_advice(
            moderation=moderation,
            judgements=dict.fromkeys(ids[:3], ("met", "")),
            themes=[],
            good_practice=False,
            feedback="Fine",
            by=lead,
        )
    with pytest.raises(ActionError) as error:
        judge(moderation, framework, ["met"] * 4, lead, feedback="  ")
    assert error.value.field == "feedback"
    with pytest.raises(ActionError):
        judge(moderation, framework, ["met"] * 4, lead, feedback="x" * 4001)
    with pytest.raises(ActionError):
        judge(moderation, framework, ["met"] * 4, lead, themes=["made-up"])
    with pytest.raises(ActionError):
        judge(moderation, framework, ["met", "met", "met", "maybe"], lead)
    assert AdviceModeration.objects.get(pk=moderation.pk).moderated_on is None


def test_feedback_goes_to_the_team_and_is_recorded_as_read(area):
    la, lead, health, member, framework = area
    answered(la, health)
    moderation = advice.sample_advice(la=la, discipline="health", count=1, by=lead)[0]
    with pytest.raises(ActionError, match="Moderate the advice"):
        advice.send_feedback(moderation=moderation, by=lead)
    judge(moderation, framework, ["met"] * 4, lead)
    assert list(advice.feedback_for(member)) == []
    advice.send_feedback(moderation=moderation, by=lead, today=DAY)
    advice.send_feedback(moderation=moderation, by=lead, today=DAY)
    moderation.refresh_from_db()
    assert moderation.feedback_sent_on == DAY
    assert list(advice.feedback_for(member)) == [moderation]
    message = Message.objects.get(template="advice_feedback")
    assert message.to == "giver@example.org"
    assert message.personalisation["reference"] == f"R-{moderation.case_id}"
    child = moderation.case.child
    assert child.family_name not in str(message.personalisation)
    with pytest.raises(ActionError):
        advice.mark_read(moderation=moderation, by=make_user("advice_giver", la))
    advice.mark_read(moderation=moderation, by=member, today=date(2026, 11, 5))
    advice.mark_read(moderation=moderation, by=member, today=date(2026, 11, 9))
    moderation.refresh_from_db()
    assert moderation.feedback_read_on == date(2026, 11, 5)
    with pytest.raises(ActionError, match="cannot change"):
        judge(moderation, framework, ["met"] * 4, lead)
    summaries = AuditEntry.objects.filter(object_id=str(moderation.pk), verb="write")
    assert child.family_name not in " ".join(summaries.values_list("summary", flat=True))


def test_repeat_sampling_and_improvement_after_feedback(area):
    la, lead, health, _, framework = area
    other = make_advice_team(la, name="Speech and language therapy", discipline="health")
    first = [
        advice.add_advice(
            la=la, case=r.case, team=r.team, advice_request=r, by=lead, today=date(2026, 9, 1)
        )
        for r in (answered(la, health), answered(la, other))
    ]
    for moderation in first:
        judge(moderation, framework, ["met", "met", "not_met", "met"], lead)  # RI
        advice.send_feedback(moderation=moderation, by=lead, today=date(2026, 10, 1))
        moderation.refresh_from_db()
    too_early = answered(la, health, on=date(2026, 9, 20))
    with pytest.raises(ActionError, match="on or after"):
        advice.resample(earlier=first[0], advice_request=too_early, by=lead)
    with pytest.raises(ActionError, match="same team"):
        advice.resample(earlier=first[0], advice_request=answered(la, other), by=lead)
    later = answered(la, health, on=date(2026, 10, 20))
    assert list(advice.resample_candidates(first[0])) == [later]
    better = advice.resample(earlier=first[0], advice_request=later, by=lead, today=DAY)
    assert better.resample_of == first[0]
    assert advice.reason_of(better) == f"Sampled again after feedback on moderation {first[0].pk}."
    judge(better, framework, ["met"] * 4, lead)  # Outstanding
    worse = advice.resample(
        earlier=first[1], advice_request=answered(la, other, on=date(2026, 10, 20)), by=lead
    )
    judge(worse, framework, ["met", "not_met", "not_met", "met"], lead)
    share = advice.improved_after_feedback(la, date(2026, 4, 1), date(2027, 3, 31))
    assert (share.count, share.of, share.percent) == (1, 2, 50)


def test_the_kpi_reads(area):
    la, lead, health, _, framework = area
    for _ in range(4):
        answered(la, health)
    drawn = advice.sample_advice(la=la, discipline="health", count=4, by=lead, today=DAY)
    judge(drawn[0], framework, ["met"] * 4, lead)
    judge(drawn[1], framework, ["met", "met", "not_met", "met"], lead)
    judge(drawn[2], framework, ["met", "partly", "met", "met"], lead)
    for moderation in drawn[:2]:
        advice.send_feedback(moderation=moderation, by=lead, today=DAY)
    year = (date(2026, 4, 1), date(2027, 3, 31))
    sent = advice.moderated_with_feedback(la, *year)
    assert (sent.count, sent.of, sent.percent) == (2, 4, 50)
    meeting = advice.meeting_criteria(la, *year)
    assert (meeting.count, meeting.of) == (2, 3)
    assert str(meeting.percent) == "66.7"
    assert advice.meeting_criteria(la, date(2025, 4, 1), date(2026, 3, 31)).percent is None
    health_row, social_row, _ = advice.counts_by_discipline(la.pk)
    assert health_row == {
        "name": "Health",
        "discipline": "health",
        "sampled": 4,
        "moderated": 3,
        "meeting": 2,
        "sent": 2,
        "read": 0,
    }
    assert social_row["sampled"] == 0


def test_advice_added_from_an_upload(area):
    la, lead, health, _, _ = area
    case = make_case(la=la)
    upload = Upload.objects.create(
        case=case,
        purpose="advice",
        name="advice.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        scan=Upload.Scan.CLEAN,
        uploaded_by=lead,
    )
    with pytest.raises(ActionError):
        advice.add_advice(la=la, case=case, team=health, by=lead)
    with pytest.raises(ActionError) as error:
        advice.add_advice(
            la=la, case=case, team=make_advice_team(make_la()), by=lead, upload=upload
        )
    assert error.value.field == "team"
    with pytest.raises(ActionError) as error:
        advice.add_advice(la=la, case=make_case(la=la), team=health, by=lead, upload=upload)
    assert error.value.field == "upload"
    moderation = advice.add_advice(la=la, case=case, team=health, by=lead, upload=upload)
    assert (moderation.upload, moderation.advice_request, moderation.discipline) == (
        upload,
        None,
        "health",
    )
