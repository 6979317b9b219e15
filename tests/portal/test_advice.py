"""Advice requests (senda.portal.advice): the council asks a team, the team answers or
declines, the council withdraws; the clock's advice steps, the access grant and the
messages that go with them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from senda.audit.models import AuditEntry
from senda.casework.actions import record_request_received
from senda.casework.models import CaseEvent
from senda.kernel import ActionError
from senda.people.access import access_list, granted_children
from senda.portal import advice
from senda.portal.messages import render
from senda.portal.models import AdviceRequest, Message, PortalFeedback
from senda.web.access import visible_cases
from tests.factories import make_advice_team, make_case, make_la, make_user

TODAY = date(2027, 1, 20)


@pytest.fixture
def p(personas, today_is):
    today_is(TODAY)
    personas.advice_giver.email = "giver@example.org"
    personas.advice_giver.first_name, personas.advice_giver.last_name = "Ada", "Giver"
    personas.advice_giver.save()
    personas.child.given_name, personas.child.family_name = "Zebedee", "Quartermain"
    personas.child.save()
    colleague = make_user("advice_giver", personas.la, email="colleague@example.org")
    personas.advice_team.members.add(colleague)
    personas.colleague = colleague
    return personas


def assessment(p, on=date(2027, 1, 18), **kwargs):
    record_request_received(case=p.case, on=date(2027, 1, 4), source=2, by=p.case_officer)
    return advice.request_advice(
        case=p.case,
        team=p.advice_team,
        kind="assessment",
        question="What are the child's health needs?",
        on=on,
        by=p.case_officer,
        **kwargs,
    )


def review(p, **kwargs):
    kwargs.setdefault("on", TODAY)
    return advice.request_advice(
        case=p.case,
        team=p.advice_team,
        kind="review",
        question="Please send advice for the annual review.",
        by=p.case_officer,
        **kwargs,
    )


def advice_row(case):
    return case.deadlines.get(rule="advice", discipline="health")


# --- Asking -------------------------------------------------------------------------------


def test_it_records_the_clock_step_for_an_assessment(p):
    request = assessment(p)
    event = request.requested_event
    assert (event.type, event.on, event.discipline) == (
        "advice_requested",
        date(2027, 1, 18),
        "health",
    )
    assert request.due_on == date(2027, 3, 1)  # six weeks: the clock's advice rule (reg 8)
    row = advice_row(p.case)
    assert (row.due, row.done) == (date(2027, 3, 1), None)


def test_it_records_no_clock_step_for_a_review(p):
    request = review(p)
    assert request.requested_event is None
    assert not CaseEvent.objects.filter(case=p.case).exists()
    assert request.due_on == TODAY + timedelta(weeks=6)
    assert review_due(p) == date(2027, 2, 10)


def review_due(p):
    other = make_advice_team(p.la)
    return advice.request_advice(
        case=p.case,
        team=other,
        kind="review",
        question="Q",
        on=TODAY,
        due_on=date(2027, 2, 10),
        by=p.case_officer,
    ).due_on


def test_it_gives_the_team_a_grant_with_a_plain_reason(p):
    request = assessment(p)
    grant = request.grant
    assert grant.reason == "Asked for health advice for an EHC needs assessment, due 1 March 2027"
    assert (grant.child, grant.team, grant.starts_on, grant.ends_on) == (
        p.child,
        p.advice_team,
        date(2027, 1, 18),
        None,
    )
    entries = [e for e in access_list(p.child, TODAY) if e.who == p.advice_team.name]
    assert entries[0].why == grant.reason


def test_it_sends_each_member_a_message_without_the_childs_name(p):
    request = review(p)
    messages = Message.objects.filter(template="advice_request").order_by("to")
    assert [m.to for m in messages] == ["colleague@example.org", "giver@example.org"]
    giver = messages.get(to="giver@example.org")
    assert giver.personalisation["name"] == "Ada Giver"
    assert giver.personalisation["reference"] == f"R-{p.case.pk}"
    assert giver.personalisation["due"] == "3 March 2027"
    assert giver.personalisation["link"] == f"http://127.0.0.1:8000/portal/advice/{request.pk}/"
    subject, body = render("advice_request", giver.personalisation)
    for secret in (p.child.given_name, p.child.family_name, p.setting.name):
        assert secret not in subject + body + giver.reference


def test_it_audits_the_request_with_ids_only(p):
    request = review(p)
    entry = AuditEntry.objects.get(object_type="portal.AdviceRequest", object_id=str(request.pk))
    assert entry.verb == "write" and entry.user == p.case_officer
    assert p.child.family_name not in entry.summary


@pytest.mark.parametrize(
    "who", ["qa_auditor", "senco", "parent", "advice_giver", "other_la_officer"]
)
def test_it_lets_only_casework_staff_of_the_area_ask(p, who):
    with pytest.raises(ActionError):
        advice.request_advice(
            case=p.case,
            team=p.advice_team,
            kind="review",
            question="Q",
            on=TODAY,
            by=getattr(p, who),
        )
    assert not AdviceRequest.objects.exists()


def test_it_refuses_a_team_of_another_area(p):
    with pytest.raises(ActionError) as refused:
        advice.request_advice(
            case=p.case,
            team=make_advice_team(p.other_la),
            kind="review",
            question="Q",
            on=TODAY,
            by=p.case_officer,
        )
    assert refused.value.field == "team"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "holiday"}, "kind"),
        ({"question": "   "}, "question"),
        ({"question": "x" * (advice.QUESTION_MAX + 1)}, "question"),
        ({"on": TODAY + timedelta(days=1)}, "on"),
        ({"due_on": TODAY}, "due_on"),
    ],
)
def test_it_refuses_bad_values(p, changes, field):
    values = {"kind": "review", "question": "Q", "on": TODAY} | changes
    with pytest.raises(ActionError) as refused:
        advice.request_advice(case=p.case, team=p.advice_team, by=p.case_officer, **values)
    assert refused.value.field == field
    assert not AdviceRequest.objects.exists()


def test_an_assessments_due_date_is_the_laws(p):
    with pytest.raises(ActionError) as refused:
        assessment(p, due_on=date(2027, 5, 1))
    assert refused.value.field == "due_on"


def test_an_assessment_needs_a_request_for_assessment_first(p):
    with pytest.raises(ActionError):
        advice.request_advice(
            case=p.case,
            team=p.advice_team,
            kind="assessment",
            question="Q",
            on=TODAY,
            by=p.case_officer,
        )
    assert not AdviceRequest.objects.exists()


def test_it_refuses_a_second_open_request_of_the_same_kind(p):
    review(p)
    with pytest.raises(ActionError) as refused:
        review(p)
    assert refused.value.field == "team"


# --- Seeing ------------------------------------------------------------------------------


def test_the_advice_giver_sees_the_case_and_the_task(p):
    assert not visible_cases(p.advice_giver).exists()
    request = review(p)
    assert list(visible_cases(p.advice_giver)) == [p.case]
    tasks = advice.open_tasks(p.advice_giver, TODAY)
    assert [(t.request, t.overdue) for t in tasks] == [(request, False)]
    assert advice.open_tasks(p.advice_giver, request.due_on + timedelta(days=1))[0].overdue
    assert advice.open_tasks(p.senco, TODAY) == []


def test_tasks_are_due_soonest_first(p):
    later = review(p, due_on=date(2027, 4, 1))
    other = make_advice_team(p.la)
    other.members.add(p.advice_giver)
    sooner = advice.request_advice(
        case=make_case(la=p.la),
        team=other,
        kind="review",
        question="Q",
        on=TODAY,
        due_on=date(2027, 2, 1),
        by=p.case_officer,
    )
    assert [t.request for t in advice.open_tasks(p.advice_giver, TODAY)] == [sooner, later]


# --- Answering ----------------------------------------------------------------------------


def test_answering_records_advice_received_by_the_advice_giver(p, today_is):
    request = assessment(p)
    today_is(date(2027, 2, 15))
    advice.answer_advice(request=request, answer="Needs speech therapy.", by=p.advice_giver)
    request.refresh_from_db()
    event = request.received_event
    assert (event.type, event.on, event.discipline) == (
        "advice_received",
        date(2027, 2, 15),
        "health",
    )
    assert event.recorded_by == p.advice_giver
    assert (request.status, request.answered_on, request.answered_by) == (
        "answered",
        date(2027, 2, 15),
        p.advice_giver,
    )
    assert request.answer == "Needs speech therapy."
    row = advice_row(p.case)
    assert (row.done, row.status) == (date(2027, 2, 15), "met")
    assert request.grant.ends_on == date(2027, 2, 15) + timedelta(days=28)


def test_answering_twice_is_harmless(p):
    request = assessment(p)
    advice.answer_advice(request=request, answer="First.", by=p.advice_giver)
    advice.answer_advice(request=request, answer="Second.", by=p.colleague)
    request.refresh_from_db()
    assert request.answer == "First." and request.answered_by == p.advice_giver
    assert CaseEvent.objects.filter(case=p.case, type="advice_received").count() == 1


def test_a_review_answer_records_no_clock_step(p):
    request = review(p)
    advice.answer_advice(request=request, answer="Advice.", by=p.advice_giver)
    assert not CaseEvent.objects.filter(case=p.case).exists()
    request.refresh_from_db()
    assert request.status == "answered" and request.received_event is None


def test_an_answer_needs_text_unless_a_file_was_uploaded(p):
    request = review(p)
    with pytest.raises(ActionError) as refused:
        advice.answer_advice(request=request, answer="  ", by=p.advice_giver)
    assert refused.value.field == "answer"
    request.refresh_from_db()
    assert request.status == "open"


@pytest.mark.parametrize("who", ["case_officer", "senco", "parent", "other_la_officer"])
def test_only_the_team_may_answer(p, who):
    request = review(p)
    with pytest.raises(ActionError):
        advice.answer_advice(request=request, answer="Advice.", by=getattr(p, who))
    request.refresh_from_db()
    assert request.status == "open"


def test_another_team_may_not_answer(p):
    request = review(p)
    stranger = make_user("advice_giver", p.la)
    make_advice_team(p.la).members.add(stranger)
    with pytest.raises(ActionError):
        advice.answer_advice(request=request, answer="Advice.", by=stranger)


# --- Declining and withdrawing ------------------------------------------------------------


def test_declining_closes_the_request_without_a_step(p):
    request = assessment(p)
    advice.decline_advice(
        request=request, reason="not_involved", note="Discharged 2025.", by=p.advice_giver
    )
    request.refresh_from_db()
    assert request.status == "declined"
    assert request.answer.startswith("We are not involved") and "Discharged 2025." in request.answer
    assert request.grant.ends_on == TODAY + timedelta(days=28)
    assert not CaseEvent.objects.filter(type="advice_received").exists()
    with pytest.raises(ActionError):
        advice.answer_advice(request=request, answer="Now we know.", by=p.advice_giver)


def test_declining_needs_a_known_reason(p):
    request = review(p)
    with pytest.raises(ActionError) as refused:
        advice.decline_advice(request=request, reason="bored", by=p.advice_giver)
    assert refused.value.field == "reason"


def test_the_council_withdraws_and_the_grant_ends_today(p):
    request = review(p)
    advice.withdraw_advice_request(request=request, by=p.case_officer)
    request.refresh_from_db()
    assert request.status == "withdrawn" and request.grant.ends_on == TODAY
    with pytest.raises(ActionError):
        advice.answer_advice(request=request, answer="Advice.", by=p.advice_giver)
    with pytest.raises(ActionError):
        advice.withdraw_advice_request(request=review(p), by=p.advice_giver)


def test_an_answered_request_cannot_be_withdrawn(p):
    request = review(p)
    advice.answer_advice(request=request, answer="Advice.", by=p.advice_giver)
    with pytest.raises(ActionError):
        advice.withdraw_advice_request(request=request, by=p.case_officer)


# --- Access ends ---------------------------------------------------------------------------


def test_access_ends_the_configured_days_after_answering(p, today_is, settings):
    settings.SENDA_ADVICE_ACCESS_DAYS = 10
    request = review(p)
    advice.answer_advice(request=request, answer="Advice.", by=p.advice_giver)
    today_is(TODAY + timedelta(days=10))
    assert list(visible_cases(p.advice_giver)) == [p.case]
    assert advice.recent_tasks(p.advice_giver, TODAY + timedelta(days=10)) == [request]
    today_is(TODAY + timedelta(days=11))
    assert not visible_cases(p.advice_giver).exists()
    assert not granted_children(p.advice_giver, TODAY + timedelta(days=11)).exists()
    assert advice.recent_tasks(p.advice_giver, TODAY + timedelta(days=11)) == []


def test_feedback_is_saved_about_advice(p):
    request = review(p)
    advice.answer_advice(request=request, answer="Advice.", by=p.advice_giver)
    advice.record_advice_feedback(request=request, answer=4, by=p.advice_giver)
    feedback = PortalFeedback.objects.get()
    assert (feedback.about, feedback.answer, feedback.la, feedback.user) == (
        "advice",
        4,
        p.la,
        p.advice_giver,
    )
    with pytest.raises(ActionError):
        advice.record_advice_feedback(request=request, answer=9, by=p.advice_giver)
    with pytest.raises(ActionError):
        advice.record_advice_feedback(request=request, answer=4, by=p.senco)


def test_other_area_case_is_untouched(p):
    other = make_case(la=make_la())
    assert not AdviceRequest.objects.filter(case=other).exists()
