"""A case's summary columns follow its events and the clock's answer."""

from datetime import date

import pytest

import senda.clock as clock
from senda.casework.actions import (
    record_assess_decision,
    record_request_received,
    record_review_meeting,
)
from senda.casework.models import Case
from senda.casework.summary import stage_of, summary
from tests.factories import make_case, make_la, make_user

D = date


@pytest.mark.parametrize(
    ("events", "stage"),
    [
        ([], "requested"),
        (
            [
                ("review_invitations_sent", D(2025, 1, 5), None),
                ("review_meeting", D(2025, 2, 5), None),
            ],
            "plan",
        ),
        (
            [
                ("final_plan_issued", D(2024, 1, 5), None),
                ("request_received", D(2025, 1, 5), None),
                ("review_meeting", D(2025, 2, 5), None),
            ],
            "requested",
        ),
        ([("request_received", D(2026, 1, 5), None)], "requested"),
        (
            [
                ("request_received", D(2026, 1, 5), None),
                ("assess_decision", D(2026, 2, 1), "assess"),
            ],
            "assessing",
        ),
        (
            [
                ("request_received", D(2026, 1, 5), None),
                ("assess_decision", D(2026, 2, 1), "refuse"),
            ],
            "requested",
        ),
        ([("final_plan_issued", D(2025, 1, 5), None)], "plan"),
        (
            [("transferred_in", D(2025, 1, 5), None), ("review_meeting", D(2025, 9, 1), None)],
            "plan",
        ),
        (
            [("final_plan_issued", D(2025, 1, 5), None), ("plan_ceased", D(2026, 1, 5), None)],
            "ceased",
        ),
    ],
)
def test_it_names_the_stage_from_the_latest_milestone(events, stage):
    assert stage_of(events) == stage


def test_it_takes_the_earliest_open_deadline_and_the_last_review():
    events = [
        clock.Event("final_plan_issued", D(2024, 3, 1)),
        clock.Event("review_meeting", D(2025, 2, 20)),
    ]
    found = clock.evaluate(events, D(2026, 6, 1))
    values = summary(events, found)
    open_rows = sorted((d.due, d.rule) for d in found if d.status in ("pending", "overdue"))
    assert (values["next_due"], values["next_rule"]) == open_rows[0]
    assert values["last_review_on"] == D(2025, 2, 20)
    assert values["plan_started_on"] == D(2024, 3, 1)
    assert values["stage"] == "plan"


def test_it_clears_the_plan_start_when_the_plan_ceases():
    events = [
        clock.Event("final_plan_issued", D(2024, 3, 1)),
        clock.Event("plan_ceased", D(2025, 3, 1)),
    ]
    assert summary(events, [])["plan_started_on"] is None
    assert summary(events, [])["next_due"] is None


def test_it_updates_the_case_when_an_action_records_a_step(db):
    la = make_la()
    officer = make_user("case_officer", la)
    case = make_case(la=la, officer=officer)
    today = D(2026, 3, 1)
    record_request_received(case=case, on=D(2026, 1, 5), source=1, by=officer, today=today)
    case = Case.objects.get(pk=case.pk)
    assert (case.stage, case.next_rule) == ("requested", "assess-decision")
    assert case.next_due is not None
    record_assess_decision(case=case, on=D(2026, 2, 10), outcome="assess", by=officer, today=today)
    case = Case.objects.get(pk=case.pk)
    assert case.stage == "assessing"
    assert case.next_rule != "assess-decision"
    assert case.last_review_on is None


def test_it_records_the_last_review_meeting(db):
    la = make_la()
    officer = make_user("case_officer", la)
    case = make_case(la=la, officer=officer)
    from senda.casework.actions import record_transferred_in

    record_transferred_in(case=case, on=D(2025, 9, 1), by=officer, today=D(2026, 9, 1))
    record_review_meeting(case=case, on=D(2026, 8, 20), by=officer, today=D(2026, 9, 1))
    case = Case.objects.get(pk=case.pk)
    assert case.last_review_on == D(2026, 8, 20)
    assert case.plan_started_on == D(2025, 9, 1)
