"""A final or amended plan is not issued inside the family's 15 days to comment (reg 13(1),
reg 22(2)(c)), unless the family has said they have finished commenting."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework import actions
from senda.casework.models import CaseEvent
from senda.kernel import ActionError
from tests.casework.flows import assessing, with_plan

TODAY = date(2026, 12, 3)


def test_it_refuses_a_final_plan_inside_the_draft_comment_window(personas) -> None:
    case, by = personas.case, personas.case_officer
    assessing(case, by)
    actions.record_draft_plan(case=case, on=date(2026, 11, 28), by=by, today=TODAY)
    with pytest.raises(ActionError) as refused:
        actions.record_final_plan(case=case, on=date(2026, 12, 3), by=by, today=TODAY)
    assert refused.value.field == "on"
    assert refused.value.message == (
        "The family has until 12 December 2026 to comment on the draft (SEND Regulations "
        "2014 reg 13(1)). Record the final plan after that, or once the family has said "
        "they have finished commenting."
    )
    assert not CaseEvent.objects.filter(case=case, type="final_plan_issued").exists()


def test_it_takes_the_final_plan_once_the_window_closes_or_the_family_has_finished(
    personas,
) -> None:
    case, by = personas.case, personas.case_officer
    assessing(case, by)
    actions.record_draft_plan(case=case, on=date(2026, 11, 18), by=by, today=TODAY)
    with pytest.raises(ActionError):  # the window's last day is still inside it
        actions.record_final_plan(case=case, on=date(2026, 12, 2), by=by, today=TODAY)
    actions.record_final_plan(case=case, on=date(2026, 12, 3), by=by, today=TODAY)


def test_it_takes_an_early_final_plan_when_the_family_has_finished(personas) -> None:
    case, by = personas.case, personas.case_officer
    assessing(case, by)
    actions.record_draft_plan(case=case, on=date(2026, 11, 28), by=by, today=TODAY)
    actions.record_final_plan(
        case=case, on=date(2026, 12, 3), by=by, today=TODAY, family_finished=True
    )
    assert CaseEvent.objects.filter(case=case, type="final_plan_issued").exists()


def test_it_refuses_an_amended_plan_inside_the_amendment_comment_window(personas) -> None:
    case, by = personas.case, personas.case_officer
    with_plan(case, by)
    actions.record_amendment_notice(case=case, on=date(2026, 11, 28), by=by, today=TODAY)
    with pytest.raises(ActionError) as refused:
        actions.record_amended_plan(case=case, on=date(2026, 12, 3), by=by, today=TODAY)
    assert refused.value.field == "on"
    assert "until 12 December 2026" in refused.value.message
    assert "reg 22(2)(c)" in refused.value.message
    actions.record_amended_plan(
        case=case, on=date(2026, 12, 3), by=by, today=TODAY, family_finished=True
    )
