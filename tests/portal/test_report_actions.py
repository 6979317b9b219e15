"""The review report's actions: start, meeting, invitations, sections, send, feedback."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework.models import AdulthoodOutcomes, CaseEvent, DeadlineRow, Review
from senda.kernel import ActionError
from senda.portal import report_actions as actions
from senda.portal.models import PortalFeedback, ReviewReport
from tests.factories import make_setting, make_user
from tests.portal.review_flows import (
    DUE,
    TODAY,
    add_outcomes,
    complete_answers,
    planned_case,
)

MEETING = date(2026, 2, 5)


@pytest.fixture
def ready(personas, today_is):
    """A report with every section completed and a meeting held on 5 February 2026."""
    today_is(TODAY)
    case = planned_case(personas)
    report = actions.start_report(case=case, by=personas.senco)
    actions.set_meeting_date(report=report, on=MEETING, by=personas.senco)
    actions.record_invitations_sent(report=report, on=date(2026, 1, 20), by=personas.senco)
    for slug, answers in complete_answers(case).items():
        actions.save_section(
            report=report, section=slug, answers=answers, done=True, by=personas.senco
        )
    report.refresh_from_db()
    return report


def test_it_starts_one_report_per_review(personas, today_is) -> None:
    today_is(TODAY)
    case = planned_case(personas)
    report = actions.start_report(case=case, by=personas.senco)
    assert (report.status, report.due_on, report.setting) == ("draft", DUE, personas.setting)
    assert report.plan == case.plans.get()
    assert actions.start_report(case=case, by=personas.senco) == report
    assert ReviewReport.objects.count() == 1
    assert AuditEntry.objects.filter(verb="write", object_id=str(report.pk)).exists()


def test_it_needs_a_current_plan(personas, today_is) -> None:
    today_is(TODAY)
    with pytest.raises(ActionError, match="no current EHC plan"):
        actions.start_report(case=personas.case, by=personas.senco)


@pytest.mark.parametrize("who", ["case_officer", "parent", "advice_giver", "other_senco"])
def test_only_the_childs_setting_may_start_or_write(personas, today_is, who) -> None:
    today_is(TODAY)
    case = planned_case(personas)
    if who == "other_senco":
        user = make_user("senco", personas.la, setting=make_setting(personas.la))
    else:
        user = getattr(personas, who)
    with pytest.raises(ActionError, match="Only the staff"):
        actions.start_report(case=case, by=user)
    report = actions.start_report(case=case, by=personas.senco)
    with pytest.raises(ActionError, match="Only the staff"):
        actions.set_meeting_date(report=report, on=MEETING, by=user)
    with pytest.raises(ActionError, match="Only the staff"):
        actions.save_section(report=report, section="needs", answers={}, done=False, by=user)
    with pytest.raises(ActionError, match="Only the staff"):
        actions.submit(report=report, by=user)


def test_invitations_go_through_casework(personas, today_is) -> None:
    today_is(TODAY)
    report = actions.start_report(case=planned_case(personas), by=personas.senco)
    with pytest.raises(ActionError, match="meeting first"):
        actions.record_invitations_sent(report=report, on=date(2026, 1, 20), by=personas.senco)
    actions.set_meeting_date(report=report, on=date(2026, 3, 1), by=personas.senco)
    with pytest.raises(ActionError) as refused:
        actions.record_invitations_sent(report=report, on=date(2026, 2, 20), by=personas.senco)
    assert refused.value.field == "on"  # in the future
    actions.record_invitations_sent(report=report, on=date(2026, 2, 9), by=personas.senco)
    event = CaseEvent.objects.get(type="review_invitations_sent")
    assert (event.on, event.recorded_by) == (date(2026, 2, 9), personas.senco)
    report.refresh_from_db()
    assert report.invitations_sent_on == date(2026, 2, 9)
    with pytest.raises(ActionError, match="already recorded"):
        actions.record_invitations_sent(report=report, on=date(2026, 2, 9), by=personas.senco)


def test_drafts_keep_partial_answers_and_done_needs_every_required_one(personas, today_is) -> None:
    today_is(TODAY)
    report = actions.start_report(case=planned_case(personas), by=personas.senco)
    actions.save_section(
        report=report, section="needs", answers={"changed": "yes"}, done=False, by=personas.senco
    )
    report.refresh_from_db()
    assert report.answers["needs"] == {"changed": "yes"}
    assert report.completed_sections == []
    with pytest.raises(ActionError) as refused:
        actions.save_section(
            report=report, section="needs", answers={"changed": "yes"}, done=True, by=personas.senco
        )
    assert refused.value.field == "details"  # required when needs changed
    actions.save_section(
        report=report,
        section="needs",
        answers={"changed": "yes", "details": "New SALT report."},
        done=True,
        by=personas.senco,
    )
    report.refresh_from_db()
    assert report.completed_sections == ["needs"]


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"review_type": "party"}, "review_type"),
        ({"review_type": ["annual"]}, "review_type"),
        ({"review_type": {"x": 1}}, "review_type"),
        ({"review_type": "annual", "previous_review_on": "2025-02-30"}, "previous_review_on"),
        ({"review_type": "annual", "previous_review_on": "0001-01-01"}, "previous_review_on"),
        ({"review_type": "annual", "previous_review_on": "yesterday"}, "previous_review_on"),
    ],
)
def test_it_refuses_hostile_answers(personas, today_is, answers, field) -> None:
    today_is(TODAY)
    report = actions.start_report(case=planned_case(personas), by=personas.senco)
    with pytest.raises(ActionError) as refused:
        actions.save_section(
            report=report, section="review-details", answers=answers, done=False, by=personas.senco
        )
    assert refused.value.field == field


def test_it_refuses_too_long_an_answer_and_drops_unknown_questions(personas, today_is) -> None:
    today_is(TODAY)
    report = actions.start_report(case=planned_case(personas), by=personas.senco)
    with pytest.raises(ActionError, match="10,000 characters"):
        actions.save_section(
            report=report, section="parent-views", answers={"views": "x" * 10_001}, done=False,
            by=personas.senco,
        )  # fmt: skip
    actions.save_section(
        report=report, section="parent-views", answers={"views": "ok", "evil": "<script>"},
        done=False, by=personas.senco,
    )  # fmt: skip
    report.refresh_from_db()
    assert report.answers["parent-views"] == {"views": "ok"}
    with pytest.raises(ActionError, match="no such section"):
        actions.save_section(
            report=report, section="nope", answers={}, done=False, by=personas.senco
        )


def test_progress_walks_through_the_plans_outcomes(personas, today_is) -> None:
    today_is(TODAY)
    case = planned_case(personas)
    first, second = add_outcomes(case, "Reads fluently", "Makes friends")
    second.superseded_on = date(2025, 9, 1)
    second.save()
    report = actions.start_report(case=case, by=personas.senco)
    with pytest.raises(ActionError) as refused:
        actions.save_section(
            report=report, section="progress", answers={"progress": "fine"}, done=True,
            by=personas.senco,
        )  # fmt: skip
    assert refused.value.field == f"o{first.pk}_progress"
    answers = {
        f"o{first.pk}_progress": "on-track",
        f"o{first.pk}_evidence": "Reading age up 14 months.",
        f"o{first.pk}_still_right": "yes",
    }
    actions.save_section(
        report=report, section="progress", answers=answers, done=True, by=personas.senco
    )
    report.refresh_from_db()
    assert report.answers["progress"] == answers


def test_preparing_for_adulthood_is_asked_from_year_9(personas, today_is) -> None:
    today_is(TODAY)
    young = actions.start_report(case=planned_case(personas), by=personas.senco)
    with pytest.raises(ActionError, match="no such section"):
        actions.save_section(report=young, section="adulthood", answers={}, done=False,
                             by=personas.senco)  # fmt: skip
    older_case = planned_case(personas, date_of_birth=date(2012, 3, 1))  # Year 9 in 2025/26
    older = actions.start_report(case=older_case, by=personas.senco)
    answers = {
        "employment": "Wants to be a vet.",
        "independent_living": "Travels to school alone.",
        "community": "Drama club.",
        "health": "Annual health check done.",
    }
    with pytest.raises(ActionError, match="Good health: enter an answer") as missing:
        actions.save_section(report=older, section="adulthood", done=True, by=personas.senco,
                             answers={**answers, "health": " "})  # fmt: skip
    assert missing.value.field == "health"
    actions.save_section(
        report=older, section="adulthood", answers=answers, done=True, by=personas.senco
    )
    for slug, given in complete_answers(older_case).items():
        actions.save_section(report=older, section=slug, answers=given, done=True,
                             by=personas.senco)  # fmt: skip
    actions.set_meeting_date(report=older, on=MEETING, by=personas.senco)
    assert actions.submit(report=older, by=personas.senco).status == "submitted"
    # Sent, its answers are the review's preparing-for-adulthood outcomes (issue 18).
    recorded = AdulthoodOutcomes.objects.get(case=older_case)
    assert (recorded.via, recorded.review.meeting_on, recorded.health) == (
        "report",
        MEETING,
        "Annual health check done.",
    )


def test_it_sends_only_a_complete_report(personas, today_is) -> None:
    today_is(TODAY)
    case = planned_case(personas)
    report = actions.start_report(case=case, by=personas.senco)
    actions.set_meeting_date(report=report, on=MEETING, by=personas.senco)
    with pytest.raises(ActionError) as refused:
        actions.submit(report=report, by=personas.senco)
    assert "review details" in refused.value.message
    assert "where people disagreed" not in refused.value.message  # optional
    assert not CaseEvent.objects.filter(type="review_meeting").exists()


def test_it_refuses_to_send_before_the_meeting(ready, personas) -> None:
    actions.set_meeting_date(report=ready, on=date(2026, 2, 24), by=personas.senco)
    with pytest.raises(ActionError, match="after the review meeting"):
        actions.submit(report=ready, by=personas.senco)


def test_sending_records_the_meeting_and_the_report_through_casework(ready, personas) -> None:
    report = actions.submit(report=ready, by=personas.senco)
    report.refresh_from_db()
    assert report.status == "submitted"
    assert (report.submitted_on, report.submitted_by) == (TODAY, personas.senco)
    assert (report.health_advice, report.social_care_advice) == (True, False)
    assert report.recommendation == "maintain"
    events = CaseEvent.objects.filter(case=report.case).order_by("id")
    meeting, received = events.get(type="review_meeting"), events.get(type="review_report_received")
    assert (meeting.on, meeting.recorded_by) == (MEETING, personas.senco)
    assert (received.on, received.recorded_by) == (TODAY, personas.senco)
    assert report.review == Review.objects.get(case=report.case, meeting_on=MEETING)
    assert report.review.report_received_on == TODAY
    decision = DeadlineRow.objects.get(case=report.case, rule="review-decision")
    assert (decision.due, decision.status) == (date(2026, 3, 5), "pending")
    assert DeadlineRow.objects.get(case=report.case, rule="review-report").done == TODAY


def test_sending_twice_is_harmless(ready, personas) -> None:
    actions.submit(report=ready, by=personas.senco)
    before = (CaseEvent.objects.count(), AuditEntry.objects.count())
    again = actions.submit(report=ready, by=personas.senco)
    assert again.status == "submitted"
    assert (CaseEvent.objects.count(), AuditEntry.objects.count()) == before


def test_it_uses_a_meeting_already_recorded(ready, personas) -> None:
    from senda.casework import actions as casework

    casework.record_review_meeting(case=ready.case, on=MEETING, by=personas.case_officer)
    actions.submit(report=ready, by=personas.senco)
    assert CaseEvent.objects.filter(type="review_meeting").count() == 1
    assert CaseEvent.objects.filter(type="review_report_received").count() == 1


def test_a_returned_report_can_be_sent_again(ready, personas) -> None:
    actions.submit(report=ready, by=personas.senco)
    ReviewReport.objects.filter(pk=ready.pk).update(status="returned", returned_reason="Views")
    actions.save_section(
        report=ready, section="child-views", answers={"views": "Better now."}, done=True,
        by=personas.senco,
    )  # fmt: skip
    again = actions.submit(report=ready, by=personas.senco)
    assert again.status == "submitted"
    assert CaseEvent.objects.filter(type="review_report_received").count() == 1


def test_a_sent_report_cannot_change(ready, personas) -> None:
    actions.submit(report=ready, by=personas.senco)
    with pytest.raises(ActionError, match="sent to the council"):
        actions.save_section(report=ready, section="needs", answers={}, done=False,
                             by=personas.senco)  # fmt: skip
    with pytest.raises(ActionError, match="sent to the council"):
        actions.set_meeting_date(report=ready, on=MEETING, by=personas.senco)


def test_the_clocks_refusal_is_an_error_and_writes_nothing(ready, personas) -> None:
    from senda.casework import actions as casework

    casework.record_review_meeting(case=ready.case, on=date(2026, 1, 29), by=personas.case_officer)
    before = CaseEvent.objects.count()
    with pytest.raises(ActionError):
        actions.submit(report=ready, by=personas.senco)
    assert CaseEvent.objects.count() == before
    ready.refresh_from_db()
    assert ready.status == "draft"


def test_it_records_feedback(personas) -> None:
    feedback = actions.record_feedback(
        la=personas.la, user=personas.senco, answer=4, about="review_report", today=TODAY
    )
    assert PortalFeedback.objects.get() == feedback
    assert feedback.answered_on == TODAY
    with pytest.raises(ActionError):
        actions.record_feedback(
            la=personas.la, user=personas.senco, answer=9, about="review_report", today=TODAY
        )
