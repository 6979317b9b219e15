"""A step that fails validation raises ActionError and writes nothing at all."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework import actions
from senda.kernel import ActionError
from tests.casework.flows import REQUEST, TODAY, assessing, requested, snapshot, with_plan
from tests.factories import make_case


def refused(field: str, action, **kwargs) -> str:
    """Run ``action``, assert it fails on ``field`` and wrote nothing; return the message."""
    before = snapshot()
    with pytest.raises(ActionError) as raised:
        action(**kwargs)
    assert raised.value.field == field
    assert snapshot() == before
    return raised.value.message


def test_it_refuses_a_future_date(personas) -> None:
    message = refused(
        "on",
        actions.record_request_received,
        case=personas.case,
        on=date(2026, 1, 6),
        source=1,
        by=personas.case_officer,
        today=date(2026, 1, 5),
    )
    assert "today or in the past" in message


def test_it_refuses_a_decision_before_its_request(personas) -> None:
    case = requested(personas.case, personas.case_officer)
    message = refused(
        "on",
        actions.record_assess_decision,
        case=case,
        on=date(2026, 1, 4),
        outcome="assess",
        by=personas.case_officer,
        today=TODAY,
    )
    assert "5 January 2026" in message


def test_it_refuses_a_decision_without_a_request(personas) -> None:
    refused(
        "__all__",
        actions.record_assess_decision,
        case=personas.case,
        on=REQUEST,
        outcome="assess",
        by=personas.case_officer,
        today=TODAY,
    )


def test_it_refuses_a_report_before_the_meeting(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_review_meeting(case=case, on=date(2026, 3, 4), by=by, today=TODAY)
    refused("on", actions.record_review_report, case=case, on=date(2026, 3, 3), by=by, today=TODAY)


@pytest.mark.parametrize("persona", ["other_la_officer", "qa_auditor", "senco", "parent"])
def test_it_refuses_users_who_may_not_write_this_case(personas, persona: str) -> None:
    message = refused(
        "__all__",
        actions.record_request_received,
        case=personas.case,
        on=REQUEST,
        source=1,
        by=getattr(personas, persona),
        today=TODAY,
    )
    assert "permission" in message


def test_it_refuses_a_closed_case(personas) -> None:
    actions.close_case(case=personas.case, by=personas.team_manager)
    message = refused(
        "__all__",
        actions.record_request_received,
        case=personas.case,
        on=REQUEST,
        source=1,
        by=personas.case_officer,
        today=TODAY,
    )
    assert "closed" in message


@pytest.mark.parametrize(
    ("action", "field", "extra"),
    [
        (actions.record_assess_decision, "outcome", {"outcome": "maybe"}),
        (actions.record_exception, "ground", {"ground": "holiday"}),
        (
            actions.record_exception,
            "applies_to",
            {"ground": "absent-from-area", "applies_to": ["x"]},
        ),
        (actions.record_advice_requested, "discipline", {"discipline": "  "}),
    ],
)
def test_it_refuses_values_outside_the_code_lists(personas, action, field, extra) -> None:
    case = requested(personas.case, personas.case_officer)
    refused(
        field,
        action,
        case=case,
        on=date(2026, 2, 1),
        by=personas.case_officer,
        today=TODAY,
        **extra,
    )


def test_it_refuses_an_unknown_request_source_and_cease_reason(personas) -> None:
    by = personas.case_officer
    refused(
        "source",
        actions.record_request_received,
        case=personas.case,
        on=REQUEST,
        source=6,
        by=by,
        today=TODAY,
    )
    case = with_plan(personas.case, by)
    refused(
        "reason", actions.record_plan_ceased, case=case, on=REQUEST, reason=10, by=by, today=TODAY
    )


def test_it_refuses_steps_out_of_order(personas) -> None:
    case, by = assessing(personas.case, personas.case_officer), personas.case_officer
    refused(
        "__all__", actions.record_final_plan, case=case, on=date(2026, 3, 1), by=by, today=TODAY
    )
    refused(
        "__all__", actions.record_review_meeting, case=case, on=date(2026, 3, 1), by=by, today=TODAY
    )
    refused(
        "__all__",
        actions.record_advice_received,
        case=case,
        on=date(2026, 3, 1),
        discipline="ep",
        by=by,
        today=TODAY,
    )
    refused(
        "__all__",
        actions.record_assess_decision,
        case=case,
        on=date(2026, 3, 1),
        outcome="refuse",
        by=by,
        today=TODAY,
    )


def test_it_lets_a_phase_transfer_date_be_in_the_future_but_not_before_the_plan(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    refused(
        "kind",
        actions.record_phase_transfer,
        case=case,
        on=date(2027, 9, 1),
        kind="college",
        by=by,
        today=TODAY,
    )
    refused(
        "on",
        actions.record_phase_transfer,
        case=case,
        on=date(2024, 9, 1),
        kind="school",
        by=by,
        today=TODAY,
    )
    refused(
        "last_review",
        actions.record_transferred_in,
        case=personas.case,
        on=date(2026, 1, 1),
        last_review=date(2026, 2, 1),
        by=by,
        today=TODAY,
    )


# --- the order of steps (senda.clock.order, checked by write_event for every step) -----------

MEETING = date(2026, 3, 4)


def test_it_refuses_a_second_review_meeting_in_the_same_review(personas) -> None:
    """Seen: three review meetings recorded for one case in a minute, each opening its own
    deadlines. The second (same day or not) is refused until the first has its decision."""
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_review_meeting(case=case, on=MEETING, by=by, today=TODAY)
    message = refused(
        "__all__", actions.record_review_meeting, case=case, on=MEETING, by=by, today=TODAY
    )
    assert message == "Review meeting on 4 March 2026 is already recorded."
    message = refused(
        "__all__",
        actions.record_review_meeting,
        case=case,
        on=date(2026, 3, 5),
        by=by,
        today=TODAY,
    )
    assert message == (
        "The review meeting of 4 March 2026 has no decision recorded: record the review "
        "decision first."
    )
    assert case.reviews.count() == 1
    assert case.deadlines.filter(rule="review-decision").count() == 1


def test_it_records_the_next_review_after_the_decision(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_review_meeting(case=case, on=MEETING, by=by, today=TODAY)
    actions.record_review_decision(
        case=case, on=date(2026, 3, 20), outcome="maintain", by=by, today=TODAY
    )
    actions.record_review_meeting(case=case, on=date(2026, 6, 1), by=by, today=TODAY)
    assert case.reviews.count() == 2


def test_it_refuses_a_review_step_twice_in_the_same_review(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_review_meeting(case=case, on=MEETING, by=by, today=TODAY)
    actions.record_review_report(case=case, on=date(2026, 3, 10), by=by, today=TODAY)
    message = refused(
        "__all__", actions.record_review_report, case=case, on=date(2026, 3, 12), by=by, today=TODAY
    )
    assert "a second one needs a new review meeting first" in message


def test_it_refuses_a_review_decision_before_a_meeting_in_this_review(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    message = refused(
        "__all__",
        actions.record_review_decision,
        case=case,
        on=date(2026, 3, 20),
        outcome="maintain",
        by=by,
        today=TODAY,
    )
    assert message == "Record the review meeting first."
    actions.record_review_meeting(case=case, on=MEETING, by=by, today=TODAY)
    actions.record_review_decision(
        case=case, on=date(2026, 3, 20), outcome="amend", by=by, today=TODAY
    )
    message = refused(
        "__all__",
        actions.record_review_decision,
        case=case,
        on=date(2026, 3, 25),
        outcome="maintain",
        by=by,
        today=TODAY,
    )
    assert message.startswith("Review decision for the review meeting of 4 March 2026")


def test_it_refuses_an_amended_plan_with_no_amendment_notice_in_force(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    message = refused(
        "__all__", actions.record_amended_plan, case=case, on=date(2026, 5, 1), by=by, today=TODAY
    )
    assert message == "Record the amendment notice first."
    actions.record_amendment_notice(case=case, on=date(2026, 3, 25), by=by, today=TODAY)
    refused("on", actions.record_amended_plan, case=case, on=date(2026, 3, 24), by=by, today=TODAY)
    actions.record_amended_plan(case=case, on=date(2026, 5, 13), by=by, today=TODAY)
    message = refused(
        "__all__", actions.record_amended_plan, case=case, on=date(2026, 6, 1), by=by, today=TODAY
    )
    assert message.endswith("record a new amendment notice first.")


@pytest.mark.parametrize(
    ("step", "action", "extra", "on", "after"),
    [
        ("advice_requested", actions.record_advice_received, {"discipline": "ep"},
         date(2026, 2, 11), "the request for ep advice (12 February 2026)"),
        ("draft_plan_issued", actions.record_final_plan, {}, date(2026, 3, 31),
         "the draft plan was issued (1 April 2026)"),
        ("assess_decision", actions.record_draft_plan, {}, date(2026, 2, 9),
         "the decision to assess (10 February 2026)"),
    ],
    ids=["advice", "final-plan", "draft-plan"],
)  # fmt: skip
def test_it_refuses_a_date_before_the_step_it_follows(
    personas, step, action, extra, on, after
) -> None:
    case, by = assessing(personas.case, personas.case_officer), personas.case_officer
    actions.record_advice_requested(
        case=case, on=date(2026, 2, 12), discipline="ep", by=by, today=TODAY
    )
    actions.record_draft_plan(case=case, on=date(2026, 4, 1), by=by, today=TODAY)
    message = refused("on", action, case=case, on=on, by=by, today=TODAY, **extra)
    assert message == f"The date must be on or after {after}."


def test_it_allows_a_report_after_the_decision_and_advice_after_the_draft(personas) -> None:
    """Orders the law allows: late, but they happened."""
    case, by = assessing(personas.case, personas.case_officer), personas.case_officer
    actions.record_advice_requested(
        case=case, on=date(2026, 2, 12), discipline="health", by=by, today=TODAY
    )
    actions.record_draft_plan(case=case, on=date(2026, 4, 1), by=by, today=TODAY)
    actions.record_advice_received(
        case=case, on=date(2026, 4, 20), discipline="health", by=by, today=TODAY
    )
    plan_case = with_plan(make_case(la=personas.la), by)
    actions.record_review_meeting(case=plan_case, on=MEETING, by=by, today=TODAY)
    actions.record_review_decision(
        case=plan_case, on=date(2026, 3, 20), outcome="maintain", by=by, today=TODAY
    )
    actions.record_review_report(case=plan_case, on=date(2026, 4, 2), by=by, today=TODAY)
    assert plan_case.reviews.get().report_received_on == date(2026, 4, 2)


def test_it_files_a_step_recorded_late_on_the_review_it_belongs_to(personas) -> None:
    case, by = with_plan(personas.case, personas.case_officer), personas.case_officer
    actions.record_review_meeting(case=case, on=date(2025, 6, 2), by=by, today=TODAY)
    actions.record_review_decision(
        case=case, on=date(2025, 6, 20), outcome="maintain", by=by, today=TODAY
    )
    actions.record_review_meeting(case=case, on=MEETING, by=by, today=TODAY)
    actions.record_review_report(case=case, on=date(2025, 6, 10), by=by, today=TODAY)
    reports = dict(case.reviews.values_list("meeting_on", "report_received_on"))
    assert reports == {date(2025, 6, 2): date(2025, 6, 10), MEETING: None}


def test_it_refuses_a_second_request_while_an_assessment_is_in_progress(personas) -> None:
    case, by = assessing(personas.case, personas.case_officer), personas.case_officer
    message = refused(
        "__all__",
        actions.record_request_received,
        case=case,
        on=date(2026, 3, 1),
        source=1,
        by=by,
        today=TODAY,
    )
    assert message.startswith("The assessment requested on 5 January 2026 is still in progress")
