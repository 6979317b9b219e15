from __future__ import annotations

from datetime import date

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.models import Review
from tests.casework.flows import deadlines, with_plan

MEETING = date(2026, 3, 4)
TODAY = date(2026, 3, 10)


def test_it_records_the_steps_before_a_review_meeting(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_review_invitations(case=case, on=date(2026, 2, 9), by=by, today=TODAY)
    actions.record_review_advice_circulated(case=case, on=date(2026, 2, 20), by=by, today=TODAY)
    actions.record_review_meeting(case=case, on=MEETING, by=by, today=TODAY)
    rows = deadlines(case)
    assert rows["review-notice"] == (date(2026, 2, 18), date(2026, 2, 9), "met")
    assert rows["review-advice-circulated"] == (date(2026, 2, 18), date(2026, 2, 20), "late")


def test_it_records_a_review_meeting(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    before = AuditEntry.objects.count()
    actions.record_review_meeting(case=case, on=MEETING, by=by, today=TODAY)
    review = Review.objects.get(case=case)
    assert (review.meeting_on, review.plan, review.outcome) == (MEETING, case.plans.get(), "")
    rows = deadlines(case)
    assert rows["review-report"] == (date(2026, 3, 18), None, "pending")
    assert rows["review-decision"] == (date(2026, 4, 1), None, "pending")
    annual = case.deadlines.filter(rule="annual-review").values_list("due", "done", "status")
    assert set(annual) == {
        (date(2026, 3, 3), MEETING, "late"),
        (date(2027, 3, 4), None, "pending"),
    }
    assert AuditEntry.objects.count() == before + 1


def test_it_records_report_log_and_decision(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_review_meeting(case=case, on=MEETING, by=by, today=TODAY)
    actions.record_review_report(case=case, on=date(2026, 3, 16), by=by, today=date(2026, 4, 1))
    actions.record_review_logged(case=case, on=date(2026, 3, 9), by=by, today=date(2026, 4, 1))
    actions.record_review_decision(
        case=case, on=date(2026, 3, 30), outcome="amend", by=by, today=date(2026, 4, 1)
    )
    review = Review.objects.get(case=case)
    assert (review.report_received_on, review.logged_on) == (date(2026, 3, 16), date(2026, 3, 9))
    assert (review.outcome, review.decided_on) == ("amend", date(2026, 3, 30))
    rows = deadlines(case)
    assert rows["review-report"] == (date(2026, 3, 18), date(2026, 3, 16), "met")
    assert rows["review-decision"] == (date(2026, 4, 1), date(2026, 3, 30), "met")
    assert rows["review-logged"][2] == "met"


def test_it_amends_the_plan(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    today = date(2026, 6, 1)
    actions.record_review_meeting(case=case, on=MEETING, by=by, today=today)
    actions.record_review_decision(
        case=case, on=date(2026, 3, 25), outcome="amend", by=by, today=today
    )
    actions.record_amendment_notice(case=case, on=date(2026, 3, 25), by=by, today=today)
    actions.record_amended_plan(case=case, on=date(2026, 5, 13), by=by, today=today)
    assert case.plans.get().amended_on == date(2026, 5, 13)
    rows = deadlines(case)
    assert rows["amended-plan"] == (date(2026, 5, 20), date(2026, 5, 13), "met")
    assert rows["review-to-final"] == (date(2026, 5, 27), date(2026, 5, 13), "met")


def test_it_switches_off_the_review_logged_standard_when_the_la_does(personas) -> None:
    personas.la.review_logged_working_days = None
    personas.la.save()
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_review_meeting(case=case, on=MEETING, by=by, today=TODAY)
    assert "review-logged" not in deadlines(case)
