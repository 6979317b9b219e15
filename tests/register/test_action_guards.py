"""A step that fails validation raises ActionError and writes nothing at all."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework import actions
from senda.casework.actions import ActionError
from tests.register.flows import REQUEST, TODAY, assessing, requested, snapshot, with_plan


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
