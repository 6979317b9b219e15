"""Families' surveys: which events are open, one response per person per event, themes,
the termly summary's figures, terms and producing a summary (senda.portal.surveys,
senda.portal.feedback_summary)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from senda.audit.models import AuditEntry
from senda.casework.models import CaseEvent, Complaint, EventCorrection
from senda.kernel import ActionError
from senda.portal import feedback_summary, surveys
from senda.portal.feedback_summary import Term
from senda.portal.models import FeedbackSummary, SurveyResponse
from tests.factories import Personas, make_case, make_child, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)


def event(personas: Personas, type: str, on: date) -> CaseEvent:
    return CaseEvent.objects.create(
        case=personas.case, type=type, on=on, recorded_by=personas.case_officer
    )


def answer(personas: Personas, ev: CaseEvent, user=None, today: date = TODAY, **answers):
    answers = answers or {"clarity": 5, "timeliness": 2, "listened_to": 4, "easy_to_use": 4}
    return surveys.record_response(
        user=user or personas.parent,
        case=personas.case,
        event=ev,
        answers=answers,
        comment="Please reply sooner",
        today=today,
    )


def test_reviews_and_plans_issued_open_a_survey_for_8_weeks(personas: Personas) -> None:
    plan = event(personas, "final_plan_issued", TODAY - timedelta(days=56))
    old = event(personas, "amended_plan_issued", TODAY - timedelta(days=57))
    later = event(personas, "draft_plan_issued", TODAY - timedelta(days=3))  # not surveyed
    offers = surveys.open_events(personas.parent, personas.case, TODAY)
    assert [o.event for o in offers] == [plan]
    assert offers[0].about == "plan" and offers[0].closes_on == TODAY
    assert old not in [o.event for o in offers] and later not in [o.event for o in offers]


def test_the_window_follows_the_setting(personas: Personas, settings) -> None:
    settings.SENDA_SURVEY_DAYS = 10
    event(personas, "review_meeting", TODAY - timedelta(days=11))
    assert surveys.open_events(personas.parent, personas.case, TODAY) == []


def test_a_reviews_decision_carries_its_survey_not_the_meeting(personas: Personas) -> None:
    meeting = event(personas, "review_meeting", TODAY - timedelta(days=20))
    assert [o.event for o in surveys.open_events(personas.parent, personas.case, TODAY)] == [
        meeting
    ]
    decision = event(personas, "review_decision", TODAY - timedelta(days=5))
    offers = surveys.open_events(personas.parent, personas.case, TODAY)
    assert [o.event for o in offers] == [decision] and offers[0].about == "review"


def test_a_withdrawn_event_opens_no_survey(personas: Personas) -> None:
    ev = event(personas, "final_plan_issued", TODAY - timedelta(days=3))
    EventCorrection.objects.create(
        la=personas.la,
        case=personas.case,
        event=ev,
        kind="withdrawn",
        event_type=ev.type,
        was_on=ev.on,
        affected_from=ev.on,
        reason="Wrong case",
        by=personas.case_officer,
    )
    assert surveys.open_events(personas.parent, personas.case, TODAY) == []


def test_only_the_childs_family_is_offered_or_may_answer(personas: Personas) -> None:
    ev = event(personas, "final_plan_issued", TODAY - timedelta(days=3))
    assert surveys.open_events(personas.case_officer, personas.case, TODAY) == []
    other_parent = make_user("parent", personas.la, child=make_child(personas.la))
    assert surveys.open_events(other_parent, personas.case, TODAY) == []
    with pytest.raises(ActionError, match=r"role|family"):
        answer(personas, ev, user=other_parent)
    assert not SurveyResponse.objects.exists()


def test_one_response_per_person_per_event(personas: Personas) -> None:
    ev = event(personas, "final_plan_issued", TODAY - timedelta(days=3))
    response = answer(personas, ev)
    assert (response.clarity, response.timeliness, response.about) == (5, 2, "plan")
    assert response.la_id == personas.la.pk and response.answered_on == TODAY
    entry = AuditEntry.objects.get(verb="write", object_id=response.pk)
    assert "survey response" in entry.summary and "Please" not in entry.summary
    with pytest.raises(ActionError) as refused:
        answer(personas, ev)
    assert refused.value.message == surveys.ALREADY
    assert SurveyResponse.objects.count() == 1
    assert surveys.open_events(personas.parent, personas.case, TODAY) == []


def test_the_database_refuses_a_second_response(personas: Personas) -> None:
    from django.db import IntegrityError, transaction

    ev = event(personas, "final_plan_issued", TODAY - timedelta(days=3))
    answer(personas, ev)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(
            la=personas.la,
            case=personas.case,
            event=ev,
            about="plan",
            respondent=personas.parent,
            answered_on=TODAY,
        )


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"clarity": 6}, "clarity"),
        ({"clarity": "five"}, "clarity"),
        ({"timeliness": 0}, "timeliness"),
        ({}, "__all__"),
    ],
)
def test_hostile_or_empty_answers_are_refused(personas: Personas, answers, field) -> None:
    ev = event(personas, "final_plan_issued", TODAY - timedelta(days=3))
    with pytest.raises(ActionError) as refused:
        surveys.record_response(
            user=personas.parent, case=personas.case, event=ev, answers=answers, today=TODAY
        )
    assert refused.value.field == field


def test_a_closed_survey_or_another_cases_event_is_refused(personas: Personas) -> None:
    closed = event(personas, "final_plan_issued", TODAY - timedelta(days=60))
    with pytest.raises(ActionError, match="closed"):
        answer(personas, closed)
    elsewhere = CaseEvent.objects.create(
        case=make_case(la=personas.la),
        type="final_plan_issued",
        on=TODAY,
        recorded_by=personas.case_officer,
    )
    with pytest.raises(ActionError) as refused:
        answer(personas, elsewhere)
    assert refused.value.field == "event"


def test_staff_tag_themes_of_their_own_area_only(personas: Personas) -> None:
    response = answer(personas, event(personas, "final_plan_issued", TODAY))
    surveys.tag_themes(response=response, themes=["portal", "timeliness"], by=personas.qa_auditor)
    response.refresh_from_db()
    assert response.themes == ["timeliness", "portal"]  # in the list's order
    with pytest.raises(ActionError):
        surveys.tag_themes(response=response, themes=["bogus"], by=personas.team_manager)
    with pytest.raises(ActionError, match=r"role|family"):
        surveys.tag_themes(response=response, themes=[], by=personas.case_officer)
    with pytest.raises(ActionError, match=r"role|family"):
        surveys.tag_themes(
            response=response, themes=[], by=make_user("service_manager", personas.other_la)
        )


def test_terms_are_autumn_spring_and_summer() -> None:
    assert feedback_summary.term_of(date(2026, 9, 1)) == Term("autumn", 2026)
    assert feedback_summary.term_of(date(2026, 12, 31)).ends == date(2026, 12, 31)
    assert feedback_summary.term_of(date(2027, 4, 30)) == Term("spring", 2027)
    assert feedback_summary.term_of(date(2027, 5, 1)) == Term("summer", 2027)
    assert Term("spring", 2027).previous() == Term("autumn", 2026)
    assert Term("summer", 2027).ends == date(2027, 8, 31)
    assert feedback_summary.parse_term("2026-autumn") == Term("autumn", 2026)
    for bad in ("", "2026", "autumn", "2026-winter", "x-autumn", "99999-spring", None):
        assert feedback_summary.parse_term(bad) is None


def test_the_terms_figures_count_questions_themes_and_complaints(personas: Personas) -> None:
    term = Term("autumn", 2026)
    for n, (clarity, theme) in enumerate([(5, "portal"), (4, "timeliness"), (2, "timeliness")]):
        parent = make_user("parent", personas.la, child=personas.child)
        ev = event(personas, "final_plan_issued", date(2026, 10, 1) + timedelta(days=n))
        response = answer(personas, ev, user=parent, clarity=clarity)
        surveys.tag_themes(response=response, themes=[theme], by=personas.qa_auditor)
    summer = event(personas, "final_plan_issued", date(2026, 8, 20))
    answer(personas, summer, today=date(2026, 8, 25), clarity=5)  # another term
    for category in ("review_timeliness", "communication", "other"):
        Complaint.objects.create(
            case=personas.case,
            category=category,
            recorded_by=personas.case_officer,
            received_on=date(2026, 11, 2),
        )
    found = feedback_summary.figures(personas.la, term)
    assert found["responses"] == 3
    assert found["questions"]["clarity"] == {"answered": 3, "satisfied": 2}
    assert found["questions"]["timeliness"] == {"answered": 0, "satisfied": 0}
    assert found["themes"]["timeliness"] == {"surveys": 2, "complaints": 1}
    assert found["themes"]["communication"] == {"surveys": 0, "complaints": 1}
    assert found["complaints"] == 3
    assert found["comments"] == ["Please reply sooner"] * 3
    assert set(found) == {"responses", "questions", "themes", "complaints", "comments"}


def test_a_summary_is_produced_once_per_term_after_it_ends(personas: Personas) -> None:
    term = Term("autumn", 2026)
    with pytest.raises(ActionError, match="once the term ends"):
        feedback_summary.produce_summary(
            la=personas.la, term=term, by=personas.qa_auditor, today=date(2026, 12, 30)
        )
    summary = feedback_summary.produce_summary(
        la=personas.la, term=term, by=personas.qa_auditor, today=date(2027, 1, 4)
    )
    assert (summary.term_starts, summary.term_ends) == (date(2026, 9, 1), date(2026, 12, 31))
    assert summary.figures["responses"] == 0
    with pytest.raises(ActionError, match="was produced on 4 January 2027"):
        feedback_summary.produce_summary(
            la=personas.la, term=term, by=personas.team_manager, today=date(2027, 1, 5)
        )
    with pytest.raises(ActionError, match=r"role|family"):
        feedback_summary.produce_summary(
            la=personas.la, term=term.previous(), by=personas.case_officer, today=date(2027, 1, 5)
        )
    assert FeedbackSummary.objects.count() == 1


def test_the_family_is_told_once_when_a_survey_opens(personas: Personas) -> None:
    from senda.portal import reminders
    from senda.portal.models import Message

    personas.parent.email = "parent@example.org"
    personas.parent.save()
    event(personas, "final_plan_issued", TODAY - timedelta(days=2))
    event(personas, "amended_plan_issued", TODAY - timedelta(days=20))  # opened long ago
    assert reminders.run(today=TODAY) == 1
    message = Message.objects.get(template="family_survey")
    assert message.to == "parent@example.org" and message.case == personas.case
    assert f"/family/{personas.case.pk}/survey/" in message.personalisation["link"]
    assert personas.child.given_name not in repr(message.personalisation)
    assert message.personalisation["closes"] == "13 January 2027"  # 18 November + 56 days
    assert reminders.run(today=TODAY) == 0  # once
    answer(personas, event(personas, "review_decision", TODAY))
    assert reminders.run(today=TODAY) == 0  # answered already: not told
    assert Message.objects.filter(template="family_survey").count() == 1
