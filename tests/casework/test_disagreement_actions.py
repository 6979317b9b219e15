"""Mediation and appeals: each action checks its input and the order of dates, writes,
and audits the write with the child; a refused action writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from senda.audit.models import AuditEntry
from senda.casework.actions import disagreements as actions
from senda.casework.disagreements import (
    appeal_costs,
    appeals_without_review,
    case_disagreements,
    open_appeals,
    open_mediations,
    outstanding_orders,
)
from senda.casework.models import (
    Appeal,
    AppealCost,
    AppealOrder,
    Case,
    Mediation,
    RootCauseReview,
)
from senda.kernel import ActionError

TODAY = date(2026, 6, 30)
DECIDED = date(2026, 5, 1)
MODELS = (Mediation, Appeal, AppealOrder, AppealCost, RootCauseReview, AuditEntry)


def snapshot():
    return [list(model.objects.values()) for model in MODELS]


def refused(field, call, /, **kwargs):
    before = snapshot()
    with pytest.raises(ActionError) as raised:
        call(**kwargs)
    assert raised.value.field == field, raised.value.message
    assert snapshot() == before
    return raised.value.message


@pytest.fixture
def officer(personas):
    return personas.case_officer


@pytest.fixture
def mediation(personas, officer):
    return actions.open_mediation(
        case=personas.case,
        decision_on=DECIDED,
        issues=["section_f", "section_i"],
        by=officer,
        today=TODAY,
    )


@pytest.fixture
def appeal(personas, officer):
    return actions.open_appeal(
        case=personas.case,
        decision_on=DECIDED,
        grounds=["section_i"],
        reference="EH123/26/00001",
        lodged_on=date(2026, 5, 20),
        by=officer,
        today=TODAY,
    )


def audited(obj):
    return AuditEntry.objects.filter(object_id=str(obj.pk), verb="write")


def test_it_opens_a_mediation_and_audits_it(personas, mediation):
    mediation.refresh_from_db()
    assert (mediation.issues, mediation.kind, mediation.decision_on) == (
        ["section_f", "section_i"],
        "mediation",
        DECIDED,
    )
    entry = audited(mediation).get()
    assert (entry.child, entry.user) == (personas.child, personas.case_officer)


def test_it_records_a_mediation_through_to_its_certificate(officer, mediation):
    for name, on in [
        ("adviser_contacted_on", date(2026, 5, 5)),
        ("la_told_on", date(2026, 5, 8)),
        ("notice_on", date(2026, 5, 12)),
        ("meeting_on", date(2026, 6, 1)),
        ("ended_on", date(2026, 6, 1)),
    ]:
        actions.record_mediation_step(
            mediation=mediation, field=name, on=on, by=officer, today=TODAY
        )
    actions.record_mediation_choice(
        mediation=mediation, choice="mediate", arranged_by="la", by=officer, today=TODAY
    )
    actions.record_mediation_outcome(
        mediation=mediation,
        outcome="partial",
        child_views=True,
        how="A video",
        by=officer,
        today=TODAY,
    )
    actions.record_certificate(
        mediation=mediation, kind="after", on=date(2026, 6, 2), by=officer, today=TODAY
    )
    actions.set_mediation_cost(mediation=mediation, cost=Decimal("850.00"), by=officer, today=TODAY)
    mediation.refresh_from_db()
    assert (mediation.meeting_on, mediation.outcome, mediation.certificate_on, mediation.cost) == (
        date(2026, 6, 1),
        "partial",
        date(2026, 6, 2),
        Decimal("850.00"),
    )
    assert audited(mediation).count() == 10


@pytest.mark.parametrize(
    ("name", "on", "message"),
    [
        ("meeting_on", date(2026, 7, 1), "today or in the past"),
        ("meeting_on", date(2026, 4, 30), "on or after the decision notice was sent"),
        ("surname", date(2026, 6, 1), "Choose the step"),
    ],
)
def test_it_refuses_a_mediation_date_out_of_order(officer, mediation, name, on, message):
    field = "field" if name == "surname" else "on"
    found = refused(
        field,
        actions.record_mediation_step,
        mediation=mediation,
        field=name,
        on=on,
        by=officer,
        today=TODAY,
    )
    assert message in found


def test_a_mediation_date_is_not_before_the_steps_it_follows(officer, mediation):
    actions.record_mediation_step(
        mediation=mediation, field="la_told_on", on=date(2026, 5, 20), by=officer, today=TODAY
    )
    assert "the family told the council" in refused(
        "on",
        actions.record_mediation_step,
        mediation=mediation,
        field="meeting_on",
        on=date(2026, 5, 19),
        by=officer,
        today=TODAY,
    )


def test_it_refuses_a_bad_choice_and_unknown_issues(personas, officer, mediation):
    refused(
        "choice",
        actions.record_mediation_choice,
        mediation=mediation,
        choice="maybe",
        by=officer,
        today=TODAY,
    )
    refused(
        "issues",
        actions.open_mediation,
        case=personas.case,
        decision_on=DECIDED,
        issues=["nonsense"],
        by=officer,
        today=TODAY,
    )
    refused(
        "issues",
        actions.open_mediation,
        case=personas.case,
        decision_on=DECIDED,
        issues=[],
        by=officer,
        today=TODAY,
    )


def test_an_outcome_needs_the_meeting(officer, mediation):
    refused(
        "__all__",
        actions.record_mediation_outcome,
        mediation=mediation,
        outcome="full",
        child_views=False,
        by=officer,
        today=TODAY,
    )


@pytest.mark.parametrize("role", ["qa_auditor", "senco", "parent", "other_la_officer"])
def test_only_council_casework_staff_write(personas, role):
    refused(
        "__all__",
        actions.open_appeal,
        case=personas.case,
        decision_on=DECIDED,
        grounds=["section_b"],
        by=getattr(personas, role),
        today=TODAY,
    )


def test_a_mediation_and_an_appeal_may_be_recorded_on_a_closed_case(personas, officer):
    Case.objects.filter(pk=personas.case.pk).update(status=Case.Status.CLOSED)
    actions.open_appeal(
        case=personas.case, decision_on=DECIDED, grounds=["cease"], by=officer, today=TODAY
    )


def test_it_records_an_appeal_its_orders_and_costs(personas, officer, appeal):
    actions.record_appeal_step(
        appeal=appeal, field="registered_on", on=date(2026, 5, 22), by=officer, today=TODAY
    )
    actions.record_appeal_step(
        appeal=appeal, field="hearing_on", on=date(2026, 9, 1), by=officer, today=TODAY
    )
    assert list(open_appeals(personas.la)) == [appeal]
    actions.decide_appeal(
        appeal=appeal, outcome="allowed", decided_on=TODAY, by=officer, today=TODAY
    )
    order = actions.add_order(
        appeal=appeal, kind="change_school", made_on=TODAY, by=officer, today=TODAY
    )
    assert list(outstanding_orders(personas.la)) == [order]
    actions.complete_order(order=order, done_on=TODAY, by=officer, today=TODAY)
    actions.add_appeal_cost(
        appeal=appeal,
        line="counsel",
        amount=Decimal("1200.50"),
        on=TODAY,
        note="Hearing",
        by=officer,
        today=TODAY,
    )
    assert appeal_costs(personas.la, date(2026, 4, 1), date(2027, 3, 31)) == Decimal("1200.50")
    assert list(appeals_without_review(personas.la)) == [appeal]
    actions.record_root_cause(
        appeal=appeal,
        themes=["placement_sufficiency"],
        what_happened="No place.",
        learning="Plan places.",
        by=officer,
        today=TODAY,
    )
    assert not appeals_without_review(personas.la).exists()
    assert not open_appeals(personas.la).exists() and not outstanding_orders(personas.la).exists()
    appeal.refresh_from_db()
    assert (appeal.registered_on, appeal.hearing_on, appeal.outcome) == (
        date(2026, 5, 22),
        date(2026, 9, 1),
        "allowed",
    )
    assert AuditEntry.objects.filter(child=personas.child, verb="write").count() == 8


@pytest.mark.parametrize(
    "amount",
    [Decimal("0"), Decimal("-5"), Decimal("10000000.01"), Decimal("1e20"), Decimal("0.001")],
)
def test_it_refuses_a_bad_cost(officer, appeal, amount):
    refused(
        "amount",
        actions.add_appeal_cost,
        appeal=appeal,
        line="legal",
        amount=amount,
        on=TODAY,
        by=officer,
        today=TODAY,
    )


@pytest.mark.parametrize("outcome", ["dismissed", "withdrawn", "struck_out", ""])
def test_a_root_cause_review_is_only_for_a_lost_appeal(officer, appeal, outcome):
    if outcome:
        actions.decide_appeal(
            appeal=appeal, outcome=outcome, decided_on=TODAY, by=officer, today=TODAY
        )
    message = refused(
        "__all__",
        actions.record_root_cause,
        appeal=appeal,
        themes=["evidence"],
        what_happened="x",
        by=officer,
        today=TODAY,
    )
    assert "only for an appeal the council lost or conceded" in message


def test_it_refuses_a_future_decision_and_a_second_outcome(officer, appeal):
    refused(
        "decided_on",
        actions.decide_appeal,
        appeal=appeal,
        outcome="allowed",
        decided_on=date(2026, 7, 1),
        by=officer,
        today=TODAY,
    )
    actions.decide_appeal(
        appeal=appeal, outcome="dismissed", decided_on=TODAY, by=officer, today=TODAY
    )
    refused(
        "__all__",
        actions.decide_appeal,
        appeal=appeal,
        outcome="allowed",
        decided_on=TODAY,
        by=officer,
        today=TODAY,
    )


def test_an_order_needs_a_decision_unless_conceded(officer, appeal):
    refused(
        "__all__",
        actions.add_order,
        appeal=appeal,
        kind="assess",
        made_on=TODAY,
        by=officer,
        today=TODAY,
    )
    actions.add_order(
        appeal=appeal, kind="assess", made_on=TODAY, by_concession=True, by=officer, today=TODAY
    )


def test_the_case_page_reads_every_disagreement_with_its_time_limits(
    personas, officer, mediation, appeal
):
    actions.record_mediation_step(
        mediation=mediation, field="la_told_on", on=date(2026, 5, 8), by=officer, today=TODAY
    )
    actions.record_appeal_step(
        appeal=appeal, field="registered_on", on=date(2026, 5, 22), by=officer, today=TODAY
    )
    found = case_disagreements(personas.case, TODAY)
    assert [t.record for t in found.mediations] == [mediation]
    assert [t.record for t in found.appeals] == [appeal]
    limits = found.mediations[0].limits + found.appeals[0].limits
    assert limits and all(limit.citation and limit.title for limit in limits)
    assert list(open_mediations(personas.la)) == [mediation]


def test_the_adapters_hand_the_clock_each_records_facts(personas, officer):
    from senda.casework.disagreements import appeal_limits, mediation_limits, order_limits
    from senda.clock.disagreements import appeal_deadline

    mediation = actions.open_mediation(
        case=personas.case, decision_on=DECIDED, issues=["health"], by=officer, today=TODAY
    )
    actions.record_mediation_choice(mediation=mediation, choice="mediate", by=officer, today=TODAY)
    actions.record_mediation_step(
        mediation=mediation, field="la_told_on", on=date(2026, 5, 8), by=officer, today=TODAY
    )
    rules = {limit.rule for limit in mediation_limits(Mediation.objects.get(), TODAY)}
    assert "health-issues-notified" in rules and "mediation-arranged" not in rules  # ICB arranges
    actions.record_certificate(
        mediation=mediation, kind="declined", on=date(2026, 6, 20), by=officer, today=TODAY
    )
    appeal = actions.open_appeal(
        case=personas.case,
        decision_on=DECIDED,
        grounds=["health"],
        mediation=Mediation.objects.get(),
        by=officer,
        today=TODAY,
    )
    deadline = {limit.rule: limit for limit in appeal_limits(appeal, TODAY)}["appeal-deadline"]
    assert deadline.due == appeal_deadline(DECIDED, date(2026, 6, 20))
    assert deadline.due > appeal_deadline(DECIDED)  # the certificate gives longer
    order = actions.add_order(
        appeal=appeal,
        kind="amend_contents",
        made_on=TODAY,
        by_concession=True,
        by=officer,
        today=TODAY,
    )
    (limit,) = order_limits(order, TODAY)
    assert (limit.rule, limit.status) == ("order-amend", "pending")
    assert "reg 45" in limit.citation


def test_the_council_does_not_owe_the_familys_limits_or_a_finished_records(personas, officer):
    from tests.disagreements import make_appeal, make_complaint

    make_complaint(personas.case, received_on=date(2026, 5, 1), closed_on=date(2026, 5, 2))
    make_appeal(personas.case, decision_on=date(2026, 1, 5), registered_on=date(2026, 2, 2))
    found = case_disagreements(personas.case, TODAY)
    every = [
        limit for group in (found.complaints, found.appeals) for t in group for limit in t.limits
    ]
    assert {"appeal-deadline", "la-response", "complaint-stage1"} <= {limit.rule for limit in every}
    assert [limit.rule for limit in found.open_limits] == ["la-response"]
    Appeal.objects.update(outcome="dismissed", decided_on=TODAY)
    assert case_disagreements(personas.case, TODAY).open_limits == []


def test_a_decision_is_not_before_the_tribunal_registered_the_appeal(officer, appeal):
    actions.record_appeal_step(
        appeal=appeal, field="registered_on", on=date(2026, 6, 1), by=officer, today=TODAY
    )
    message = refused(
        "decided_on",
        actions.decide_appeal,
        appeal=appeal,
        outcome="dismissed",
        decided_on=date(2026, 5, 25),
        by=officer,
        today=TODAY,
    )
    assert message == (
        "The date must be on or after the tribunal registered the appeal (1 June 2026)."
    )


def test_a_decided_appeal_shows_no_pending_response(personas, officer, appeal):
    actions.record_appeal_step(
        appeal=appeal, field="registered_on", on=date(2026, 6, 1), by=officer, today=TODAY
    )
    tracked = case_disagreements(personas.case, TODAY).appeals[0]
    pending = {limit.rule for limit in tracked.shown_limits if limit.is_open}
    assert pending, "an undecided appeal owes its response"
    actions.decide_appeal(
        appeal=appeal, outcome="withdrawn", decided_on=TODAY, by=officer, today=TODAY
    )
    appeal.refresh_from_db()
    tracked = case_disagreements(personas.case, TODAY).appeals[0]
    assert not [limit for limit in tracked.shown_limits if limit.is_open]
    assert len(tracked.shown_limits) < len(tracked.limits)
