"""The received tray: submitted reports oldest first with the review-logged deadline;
logging (through casework, harmless twice) and returning (with a message to each of the
setting's staff that never names the child)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from senda.audit.models import AuditEntry
from senda.casework.models import CaseEvent
from senda.kernel import ActionError
from senda.people.models import AdviceTeam, SettingMember
from senda.portal.models import Message, ReportReturn, ReviewReport
from senda.portal.tray import log_report, received_tray, return_report
from tests.factories import make_case, make_child, make_la, make_setting, make_user
from tests.portal.tray_reports import RECEIVED, submitted_report

TODAY = date(2026, 3, 20)


@pytest.fixture
def report(personas):
    return submitted_report(personas.case, personas.case_officer, personas.senco)


def test_it_lists_submitted_reports_oldest_first(personas, report) -> None:
    child = make_child(personas.la, setting=personas.setting)
    older = submitted_report(
        make_case(child, officer=personas.case_officer),
        personas.case_officer,
        personas.senco,
        meeting=date(2026, 3, 2),
        received=date(2026, 3, 10),
    )
    other_la = make_la()
    other_area = make_case(make_child(other_la, setting=make_setting(other_la)))
    submitted_report(other_area, make_user("case_officer", other_la), personas.senco)
    entries = received_tray(personas.la, TODAY)
    assert [e.report for e in entries] == [older, report]
    first = entries[0]
    assert first.received_on == date(2026, 3, 10)
    assert first.days_since_meeting == 18
    # 5 working days after the meeting of 2 March (the local standard).
    assert first.logged_due == date(2026, 3, 9)
    assert first.overdue is True
    assert entries[1].logged_due == date(2026, 3, 11)


def test_it_leaves_out_drafts_and_logged_reports(personas, report) -> None:
    report.status = ReviewReport.Status.DRAFT
    report.save()
    assert received_tray(personas.la, TODAY) == []


def test_it_logs_a_report_through_casework_and_is_harmless_twice(personas, report) -> None:
    log_report(report=report, by=personas.case_officer, today=TODAY)
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.LOGGED and report.logged_at is not None
    event = CaseEvent.objects.get(case=personas.case, type="review_logged")
    assert event.on == TODAY
    assert personas.case.reviews.get().logged_on == TODAY
    row = personas.case.deadlines.get(rule="review-logged")
    assert row.done == TODAY
    log_report(report=report, by=personas.case_officer, today=TODAY + timedelta(days=1))
    assert CaseEvent.objects.filter(type="review_logged").count() == 1
    assert received_tray(personas.la, TODAY) == []


def test_it_refuses_logging_by_anyone_but_casework_staff(personas, report) -> None:
    for user in (personas.senco, personas.parent, personas.advice_giver, personas.qa_auditor):
        with pytest.raises(ActionError):
            log_report(report=report, by=user, today=TODAY)
    with pytest.raises(ActionError):
        log_report(report=report, by=personas.other_la_officer, today=TODAY)
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.SUBMITTED
    assert not CaseEvent.objects.filter(type="review_logged").exists()


def test_it_returns_a_report_and_tells_the_settings_staff(personas, report) -> None:
    head = make_user(
        "senco", personas.la, setting=make_setting(personas.la), email="head@school.example"
    )
    SettingMember.objects.create(
        user=head, setting=personas.setting, position="head", added_on=date(2025, 9, 1)
    )
    gone = make_user(
        "senco", personas.la, setting=make_setting(personas.la), email="gone@school.example"
    )
    SettingMember.objects.create(
        user=gone,
        setting=personas.setting,
        position="admin",
        added_on=date(2025, 9, 1),
        removed_on=date(2026, 1, 1),
    )
    personas.senco.email = "senco@school.example"
    personas.senco.save()
    reason = "Section 3 needs the provision for each outcome."
    return_report(report=report, reason=reason, by=personas.case_officer, today=TODAY)
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.RETURNED
    assert report.returned_reason == reason and report.returned_at is not None
    assert ReportReturn.objects.get(report=report).returned_by == personas.case_officer
    messages = Message.objects.filter(template="report_returned").order_by("to")
    assert [m.to for m in messages] == ["head@school.example", "senco@school.example"]
    child = personas.child
    for message in messages:
        assert message.personalisation["reason"] == reason
        assert message.personalisation["reference"] == f"R-{personas.case.pk}"
        text = " ".join([*message.personalisation.values(), message.reference])
        assert child.given_name not in text and child.family_name not in text
    assert AuditEntry.objects.filter(summary__contains=f"review report {report.pk} returned")


@pytest.mark.parametrize(
    ("reason", "says"),
    [
        ("", "Enter why"),
        ("x" * 501, "500 characters"),
        ("Please add {given}'s views", "must not name the child"),
        ("the {family} family said", "must not name the child"),
    ],
)
def test_it_refuses_a_bad_reason(personas, report, reason, says) -> None:
    text = reason.format(given=personas.child.given_name, family=personas.child.family_name)
    with pytest.raises(ActionError) as error:
        return_report(report=report, reason=text, by=personas.case_officer, today=TODAY)
    assert error.value.field == "reason" and says in error.value.message
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.SUBMITTED
    assert not Message.objects.exists() and not ReportReturn.objects.exists()


def test_a_returned_report_cannot_be_logged_or_returned_again(personas, report) -> None:
    return_report(report=report, reason="Add the views.", by=personas.case_officer, today=TODAY)
    with pytest.raises(ActionError):
        log_report(report=report, by=personas.case_officer, today=TODAY)
    with pytest.raises(ActionError):
        return_report(report=report, reason="Again.", by=personas.case_officer, today=TODAY)
    assert not CaseEvent.objects.filter(type="review_logged").exists()


def test_it_refuses_returning_by_setting_staff(personas, report) -> None:
    with pytest.raises(ActionError):
        return_report(report=report, reason="No.", by=personas.senco, today=TODAY)
    assert not ReportReturn.objects.exists()


def test_it_lists_advice_answered_in_the_last_four_weeks(personas) -> None:
    from senda.people.models import AccessGrant
    from senda.portal.models import AdviceRequest
    from senda.portal.tray import answered_advice

    team = AdviceTeam.objects.create(la=personas.la, name="Therapy", discipline="health")

    def request(answered_on, status="answered"):
        grant = AccessGrant.objects.create(
            child=personas.child, team=team, reason="advice", starts_on=date(2026, 1, 1)
        )
        return AdviceRequest.objects.create(
            case=personas.case,
            team=team,
            kind="review",
            question="Advice please",
            requested_on=date(2026, 1, 1),
            due_on=date(2026, 2, 12),
            grant=grant,
            requested_by=personas.case_officer,
            status=status,
            answered_on=answered_on,
        )

    recent, older = request(TODAY - timedelta(days=3)), request(TODAY - timedelta(days=20))
    request(TODAY - timedelta(days=29))
    request(None, status="open")
    assert list(answered_advice(personas.la, TODAY)) == [older, recent]


def test_the_setting_staff_are_found(personas) -> None:
    from senda.portal.tray import setting_staff

    other = make_setting(personas.la)
    make_user("senco", personas.la, setting=other)
    assert setting_staff(personas.setting.pk, TODAY) == [personas.senco]
    assert RECEIVED < TODAY
