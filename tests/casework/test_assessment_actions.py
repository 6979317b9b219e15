from __future__ import annotations

from datetime import date

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.models import AssessmentRequest, CaseEvent, DeadlineRow
from tests.casework.flows import REQUEST, TODAY, assessing, deadlines, requested


def test_it_records_a_request_and_starts_the_clock(personas) -> None:
    case, officer = personas.case, personas.case_officer
    event = actions.record_request_received(
        case=case, on=REQUEST, source=1, by=officer, today=date(2026, 2, 1)
    )
    assert (event.type, event.on, event.recorded_by) == ("request_received", REQUEST, officer)
    request = AssessmentRequest.objects.get(case=case)
    assert (request.received_on, request.source) == (REQUEST, 1)
    assert deadlines(case) == {"assess-decision": (date(2026, 2, 16), None, "pending")}
    assert DeadlineRow.objects.get(case=case).evaluated_for == date(2026, 2, 1)
    entry = AuditEntry.objects.get()
    assert (entry.user, entry.verb, entry.la, entry.child) == (
        officer,
        "write",
        personas.la,
        personas.child,
    )
    assert (entry.object_type, entry.object_id) == ("casework.CaseEvent", str(event.pk))
    assert personas.child.family_name not in entry.summary


def test_it_records_a_decision_to_assess(personas) -> None:
    case = assessing(personas.case, personas.case_officer)
    request = AssessmentRequest.objects.get(case=case)
    assert (request.assess_outcome, request.assess_decided_on) == ("assess", date(2026, 2, 10))
    rows = deadlines(case)
    assert rows["assess-decision"] == (date(2026, 2, 16), date(2026, 2, 10), "met")
    assert rows["final-plan"][0] == date(2026, 5, 25)
    assert AuditEntry.objects.count() == 2


def test_it_records_a_decision_not_to_issue(personas) -> None:
    case = assessing(personas.case, personas.team_manager)
    actions.record_issue_decision(
        case=case, on=date(2026, 4, 20), outcome="not-issue", by=personas.team_manager, today=TODAY
    )
    request = AssessmentRequest.objects.get(case=case)
    assert (request.issue_outcome, request.issue_decided_on) == ("not-issue", date(2026, 4, 20))
    assert deadlines(case)["no-issue-notice"] == (date(2026, 4, 27), date(2026, 4, 20), "met")
    assert "final-plan" not in deadlines(case)


def test_it_records_advice_per_discipline(personas) -> None:
    case, by = assessing(personas.case, personas.case_officer), personas.case_officer
    actions.record_advice_requested(
        case=case, on=date(2026, 2, 11), discipline="EP", by=by, today=TODAY
    )
    actions.record_advice_requested(
        case=case, on=date(2026, 2, 11), discipline="health", by=by, today=TODAY
    )
    actions.record_advice_received(
        case=case, on=date(2026, 3, 20), discipline="ep", by=by, today=TODAY
    )
    advice = {
        r.discipline: (r.due, r.done, r.status)
        for r in DeadlineRow.objects.filter(case=case, rule="advice")
    }
    assert advice == {
        "ep": (date(2026, 3, 25), date(2026, 3, 20), "met"),
        "health": (date(2026, 3, 25), None, "overdue"),
    }
    assert CaseEvent.objects.filter(case=case, type__startswith="advice").count() == 3


def test_it_records_an_exception(personas) -> None:
    case, by = requested(personas.case, personas.case_officer), personas.case_officer
    event = actions.record_exception(
        case=case,
        on=date(2026, 1, 20),
        ground="personal-circumstances",
        applies_to=["assess-decision"],
        by=by,
        today=TODAY,
    )
    assert event.applies_to == ["assess-decision"]
    assert case.clock_events()[-1].applies_to == ("assess-decision",)
    assert deadlines(case)["assess-decision"][2] == "excepted"


def test_it_issues_a_draft_and_final_plan(personas) -> None:
    case, by = assessing(personas.case, personas.case_officer), personas.case_officer
    actions.record_issue_decision(
        case=case, on=date(2026, 4, 1), outcome="issue", by=by, today=TODAY
    )
    actions.record_draft_plan(case=case, on=date(2026, 4, 2), by=by, today=TODAY)
    actions.record_final_plan(case=case, on=date(2026, 5, 20), by=by, today=TODAY)
    plan = case.plans.get()
    assert (plan.issued_on, plan.ceased_on) == (date(2026, 5, 20), None)
    rows = deadlines(case)
    assert rows["final-plan"] == (date(2026, 5, 25), date(2026, 5, 20), "met")
    assert rows["annual-review"][0] == date(2027, 5, 20)
    assert AuditEntry.objects.filter(verb="write").count() == 5
