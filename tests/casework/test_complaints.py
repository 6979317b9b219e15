"""Complaints: record_complaint and close_complaint validate, write and audit."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.models import Case, Complaint
from senda.kernel import ActionError
from tests.factories import make_user

TODAY = date(2026, 6, 30)


def received(personas, on=date(2026, 6, 1), stage=1):
    return actions.record_complaint(
        case=personas.case,
        received_on=on,
        stage=stage,
        summary="The review was late.",
        by=personas.case_officer,
        today=TODAY,
    )


def refused(field, action, **kwargs):
    """Run ``action``, assert it fails on ``field`` and wrote nothing; return the message."""
    before = (Complaint.objects.count(), AuditEntry.objects.count())
    closed_before = Complaint.objects.filter(closed_on__isnull=False).count()
    with pytest.raises(ActionError) as raised:
        action(**kwargs)
    assert raised.value.field == field
    assert (Complaint.objects.count(), AuditEntry.objects.count()) == before
    assert Complaint.objects.filter(closed_on__isnull=False).count() == closed_before
    return raised.value.message


def test_it_records_a_complaint_and_audits_it(personas):
    complaint = received(personas, stage=2)
    complaint.refresh_from_db()
    assert (complaint.case, complaint.received_on, complaint.stage) == (
        personas.case,
        date(2026, 6, 1),
        2,
    )
    assert complaint.is_open
    assert complaint.recorded_by == personas.case_officer
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.user, entry.child, entry.la) == (
        "write",
        personas.case_officer,
        personas.child,
        personas.la,
    )
    assert (entry.object_type, entry.object_id) == ("casework.Complaint", str(complaint.pk))
    assert entry.summary == f"case {personas.case.pk}: complaint {complaint.pk} received (stage 2)"


def test_it_closes_a_complaint_and_audits_it(personas):
    complaint = received(personas)
    actions.close_complaint(
        complaint=complaint,
        on=date(2026, 6, 20),
        outcome="partly_upheld",
        by=personas.team_manager,
        today=TODAY,
    )
    assert (complaint.closed_on, complaint.outcome) == (date(2026, 6, 20), "partly_upheld")
    complaint.refresh_from_db()
    assert not complaint.is_open
    assert complaint.outcome == "partly_upheld"
    entry = AuditEntry.objects.order_by("id").last()
    assert entry.user == personas.team_manager
    assert (
        entry.summary == f"case {personas.case.pk}: complaint {complaint.pk} closed (partly_upheld)"
    )


def test_it_refuses_a_complaint_received_in_the_future(personas):
    message = refused(
        "received_on",
        actions.record_complaint,
        case=personas.case,
        summary="The review was late.",
        received_on=date(2026, 7, 1),
        stage=1,
        by=personas.case_officer,
        today=TODAY,
    )
    assert "today or in the past" in message


def test_it_refuses_an_unknown_stage(personas):
    message = refused(
        "stage",
        actions.record_complaint,
        case=personas.case,
        summary="The review was late.",
        received_on=TODAY,
        stage=4,
        by=personas.case_officer,
        today=TODAY,
    )
    assert message.startswith("Choose the stage of the complaint")


@pytest.mark.parametrize("role", ["qa_auditor", "senco", "parent", "board_member"])
def test_it_refuses_a_complaint_from_a_role_that_cannot_write(personas, role):
    refused(
        "__all__",
        actions.record_complaint,
        case=personas.case,
        summary="The review was late.",
        received_on=TODAY,
        stage=1,
        by=getattr(personas, role),
        today=TODAY,
    )


def test_it_refuses_a_complaint_from_another_las_officer(personas):
    refused(
        "__all__",
        actions.record_complaint,
        case=personas.case,
        summary="The review was late.",
        received_on=TODAY,
        stage=1,
        by=personas.other_la_officer,
        today=TODAY,
    )


def test_it_records_a_complaint_on_a_closed_case(personas):
    Case.objects.filter(pk=personas.case.pk).update(status=Case.Status.CLOSED)
    complaint = received(personas, on=TODAY)
    assert complaint.case_id == personas.case.pk and complaint.is_open


def test_it_closes_a_complaint_on_a_case_closed_since(personas):
    complaint = received(personas)
    Case.objects.filter(pk=personas.case.pk).update(status=Case.Status.CLOSED)
    actions.close_complaint(
        complaint=complaint, on=TODAY, outcome="withdrawn", by=personas.case_officer, today=TODAY
    )
    complaint.refresh_from_db()
    assert complaint.outcome == "withdrawn"


@pytest.mark.parametrize(
    ("field", "on", "outcome", "says"),
    [
        ("on", date(2026, 7, 1), "upheld", "today or in the past"),
        ("on", date(2026, 5, 31), "upheld", "1 June 2026"),
        ("outcome", TODAY, "resolved", "Choose the outcome"),
        ("outcome", TODAY, "", "Choose the outcome"),
    ],
)
def test_it_refuses_a_bad_closure(personas, field, on, outcome, says):
    complaint = received(personas)
    message = refused(
        field,
        actions.close_complaint,
        complaint=complaint,
        on=on,
        outcome=outcome,
        by=personas.case_officer,
        today=TODAY,
    )
    assert says in message
    complaint.refresh_from_db()
    assert complaint.is_open


def test_it_refuses_to_close_a_complaint_twice(personas):
    complaint = received(personas)
    actions.close_complaint(
        complaint=complaint, on=TODAY, outcome="upheld", by=personas.case_officer, today=TODAY
    )
    message = refused(
        "__all__",
        actions.close_complaint,
        complaint=complaint,
        on=TODAY,
        outcome="not_upheld",
        by=personas.case_officer,
        today=TODAY,
    )
    assert "already closed" in message


def test_it_refuses_a_closure_by_another_las_officer(personas):
    complaint = received(personas)
    stranger = make_user("team_manager", personas.other_la)
    refused(
        "__all__",
        actions.close_complaint,
        complaint=complaint,
        on=TODAY,
        outcome="upheld",
        by=stranger,
        today=TODAY,
    )


def test_the_demo_area_has_a_few_seeded_complaints(demo_area):
    def complaints():
        return sorted(
            Complaint.objects.values_list(
                "case__child__upn", "received_on", "stage", "closed_on", "outcome"
            )
        )

    today = date(2026, 3, 10)  # demo_area: seed 7, 300 cases, built for today
    first = complaints()
    open_cases = Case.objects.filter(la__code="990", status="open").count()
    still_open = [c for c in first if c[3] is None]
    assert len(still_open) == max(1, round(open_cases * 0.01))
    assert len(first) > len(still_open)
    assert all(
        received <= today and (closed or today) <= today for _, received, _, closed, _ in first
    )
    assert not Complaint.objects.exclude(case__la__code="990").exists()
    # The same seed seeds the same complaints again: the rebuild in tests/demo/test_build.py
    # compares them with the rest of the area (one rebuild for all: a build takes seconds).
