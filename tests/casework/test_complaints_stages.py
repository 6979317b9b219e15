"""A complaint's stages: made online by the family, acknowledged, answered, extended,
escalated, answered at stage 2, closed with learning, and the Ombudsman. Each step checks
its dates and order, writes and audits; a refused step writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.audit.models import AuditEntry
from senda.casework import scrutiny
from senda.casework.actions import complaints as actions
from senda.casework.disagreements import complaint_limits, stage1_due, stage2_due
from senda.casework.models import Case, Complaint
from senda.kernel import ActionError

TODAY = date(2026, 6, 30)
RECEIVED = date(2026, 6, 1)  # a Monday


@pytest.fixture
def complaint(personas):
    return actions.record_complaint(
        case=personas.case,
        received_on=RECEIVED,
        category=Complaint.Category.REVIEW_TIMELINESS,
        summary="  The annual review was late.  ",
        by=personas.case_officer,
        today=TODAY,
    )


def refused(field, call, /, **kwargs):
    """Run ``action``: it fails on ``field`` and writes nothing. Return the message."""
    rows = list(Complaint.objects.values())
    audited = AuditEntry.objects.count()
    with pytest.raises(ActionError) as raised:
        call(**kwargs)
    assert raised.value.field == field, raised.value.message
    assert list(Complaint.objects.values()) == rows
    assert AuditEntry.objects.count() == audited
    return raised.value.message


def step(action, complaint, personas, **kwargs):
    return action(complaint=complaint, by=personas.case_officer, today=TODAY, **kwargs)


def test_it_records_the_category_and_summary(complaint):
    complaint.refresh_from_db()
    assert (complaint.category, complaint.summary, complaint.made_online) == (
        "review_timeliness",
        "The annual review was late.",
        False,
    )


@pytest.mark.parametrize("summary", ["", "   "])
def test_it_refuses_an_empty_summary(personas, summary):
    message = refused(
        "summary",
        actions.record_complaint,
        case=personas.case,
        received_on=RECEIVED,
        summary=summary,
        by=personas.case_officer,
        today=TODAY,
    )
    assert message == "Enter what the complaint is about."


def test_it_refuses_an_unknown_category(personas):
    refused(
        "category",
        actions.record_complaint,
        case=personas.case,
        received_on=RECEIVED,
        category="bad",
        summary="x",
        by=personas.case_officer,
        today=TODAY,
    )


def test_a_family_member_makes_a_complaint_online(personas):
    made = actions.make_complaint_online(
        case=personas.case,
        category="communication",
        summary="Nobody answers my e-mails.",
        by=personas.parent,
        today=TODAY,
    )
    made.refresh_from_db()
    assert (made.made_online, made.received_on, made.stage, made.recorded_by) == (
        True,
        TODAY,
        1,
        personas.parent,
    )
    entry = AuditEntry.objects.get()
    assert (entry.user, entry.child, entry.verb) == (personas.parent, personas.child, "write")
    assert "made online" in entry.summary


def test_a_family_member_may_complain_about_a_closed_case(personas):
    Case.objects.filter(pk=personas.case.pk).update(status=Case.Status.CLOSED)
    made = actions.make_complaint_online(
        case=personas.case, category="other", summary="Why?", by=personas.parent, today=TODAY
    )
    assert made.pk


@pytest.mark.parametrize("role", ["senco", "case_officer", "other_la_officer", "board_member"])
def test_only_the_family_makes_a_complaint_online(personas, role):
    refused(
        "__all__",
        actions.make_complaint_online,
        case=personas.case,
        category="other",
        summary="x",
        by=getattr(personas, role),
        today=TODAY,
    )


def test_it_records_every_stage_and_the_ombudsman(personas, complaint):
    step(actions.acknowledge_complaint, complaint, personas, on=date(2026, 6, 2))
    step(
        actions.extend_complaint,
        complaint,
        personas,
        extended_to=date(2026, 6, 22),
        reason="Waiting for the school's records.",
    )
    step(actions.respond_complaint, complaint, personas, on=date(2026, 6, 19))
    step(actions.escalate_complaint, complaint, personas, on=date(2026, 6, 22))
    step(actions.respond_stage2, complaint, personas, on=date(2026, 6, 29))
    step(
        actions.close_complaint,
        complaint,
        personas,
        on=date(2026, 6, 29),
        outcome="upheld",
        learning="Book reviews a term ahead.",
    )
    step(
        actions.refer_to_ombudsman,
        complaint,
        personas,
        on=date(2026, 6, 30),
        reference="26 001 234",
    )
    complaint.refresh_from_db()
    assert complaint.stage == Complaint.Stage.OMBUDSMAN
    assert complaint.learning == "Book reviews a term ahead."
    actions.record_ombudsman_decision(
        complaint=complaint,
        on=date(2026, 7, 20),
        decision="upheld",
        remedy="Apology and payment",
        payment=Decimal("250.00"),
        by=personas.case_officer,
        today=date(2026, 7, 20),
    )
    complaint.refresh_from_db()
    assert (complaint.acknowledged_on, complaint.stage1_responded_on, complaint.escalated_on) == (
        date(2026, 6, 2),
        date(2026, 6, 19),
        date(2026, 6, 22),
    )
    assert (complaint.ombudsman_decision, complaint.ombudsman_payment) == ("upheld", Decimal("250"))
    assert AuditEntry.objects.filter(object_id=str(complaint.pk), verb="write").count() == 9


def test_its_time_limits_follow_the_steps(personas, complaint):
    limits = {limit.rule: limit for limit in complaint_limits(complaint, TODAY)}
    assert set(limits) == {"complaint-stage1-acknowledged", "complaint-stage1"}
    assert all(limit.citation and limit.statement for limit in limits.values())
    # 10 working days after Monday 1 June 2026, not answered by 30 June.
    assert (limits["complaint-stage1"].due, limits["complaint-stage1"].status) == (
        date(2026, 6, 15),
        "overdue",
    )
    step(actions.respond_complaint, complaint, personas, on=date(2026, 6, 12))
    step(actions.escalate_complaint, complaint, personas, on=date(2026, 6, 15))
    found = complaint_limits(Complaint.objects.get(pk=complaint.pk), TODAY)
    limits = {limit.rule: limit for limit in found}
    assert (limits["complaint-stage1"].done, limits["complaint-stage1"].status) == (
        date(2026, 6, 12),
        "met",
    )
    assert limits["complaint-stage2"].status == "pending"


def test_the_case_page_and_the_kpis_read_the_same_due_dates(personas, complaint):
    """One definition: the case page's rows, ``stage1_due`` (the family's confirmation,
    the extension's check) and the stage 1 KPI all count an agreed extension."""
    assert stage1_due(complaint) == date(2026, 6, 15)
    assert stage2_due(complaint) is None
    step(actions.extend_complaint, complaint, personas, extended_to=date(2026, 6, 26), reason="Ill")
    step(actions.respond_complaint, complaint, personas, on=date(2026, 6, 25))
    step(actions.escalate_complaint, complaint, personas, on=date(2026, 6, 29))
    complaint = Complaint.objects.get(pk=complaint.pk)
    limits = {limit.rule: limit.due for limit in complaint_limits(complaint, TODAY)}
    assert stage1_due(complaint) == limits["complaint-stage1"] == date(2026, 6, 26)
    assert stage2_due(complaint) == limits["complaint-stage2"] == date(2026, 7, 27)
    la = personas.case.la
    found = scrutiny.count("complaints-stage1-on-time", la, date(2026, 6, 1), TODAY, TODAY)
    assert (found.counted, found.missed) == ((complaint.case_id,), ())


def test_it_refuses_dates_out_of_order(personas, complaint):
    assert "today or in the past" in refused(
        "on",
        step,
        action=actions.acknowledge_complaint,
        complaint=complaint,
        personas=personas,
        on=date(2026, 7, 1),
    )
    assert "on or after the complaint was received" in refused(
        "on",
        step,
        action=actions.respond_complaint,
        complaint=complaint,
        personas=personas,
        on=date(2026, 5, 31),
    )
    refused(
        "__all__",
        step,
        action=actions.respond_stage2,
        complaint=complaint,
        personas=personas,
        on=TODAY,
    )


def test_an_extension_is_at_most_ten_more_working_days_with_a_reason(personas, complaint):
    # Due 10 working days after 1 June 2026: 15 June; 10 more: 29 June.
    assert "29 June 2026" in refused(
        "extended_to",
        step,
        action=actions.extend_complaint,
        complaint=complaint,
        personas=personas,
        extended_to=date(2026, 6, 30),
        reason="Busy",
    )
    assert "after the response is due" in refused(
        "extended_to",
        step,
        action=actions.extend_complaint,
        complaint=complaint,
        personas=personas,
        extended_to=date(2026, 6, 15),
        reason="Busy",
    )
    refused(
        "reason",
        step,
        action=actions.extend_complaint,
        complaint=complaint,
        personas=personas,
        extended_to=date(2026, 6, 29),
        reason=" ",
    )
    step(
        actions.extend_complaint, complaint, personas, extended_to=date(2026, 6, 29), reason="Busy"
    )


def test_it_refuses_a_huge_or_negative_payment(personas, complaint):
    step(actions.refer_to_ombudsman, complaint, personas, on=TODAY)
    for payment in (Decimal("10000000.01"), Decimal("-1"), Decimal("1.001")):
        refused(
            "payment",
            step,
            action=actions.record_ombudsman_decision,
            complaint=complaint,
            personas=personas,
            on=TODAY,
            decision="upheld",
            payment=payment,
        )


def test_a_qa_auditor_cannot_record_a_step(personas, complaint):
    refused(
        "__all__",
        actions.acknowledge_complaint,
        complaint=complaint,
        on=TODAY,
        by=personas.qa_auditor,
        today=TODAY,
    )
