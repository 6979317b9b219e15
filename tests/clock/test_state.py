"""What a case's events say about it now (``senda.clock.case_state``): the clock's one
replay of the event list, asked by casework's next step and case summary."""

from __future__ import annotations

import random

from clock_cases import d, ev

import senda.clock as clock
from senda.clock import STAGES, case_state
from senda.clock.evaluate import ORDER

REQUEST = [ev("request_received", "2026-01-05")]
PLAN = [
    ev("request_received", "2024-10-14"),
    ev("assess_decision", "2024-11-18", outcome="assess"),
    ev("draft_plan_issued", "2025-02-10"),
    ev("final_plan_issued", "2025-03-03"),
]


def test_it_reads_an_empty_history_as_a_case_not_yet_requested():
    state = case_state([])
    assert state.stage == "requested"
    assert (state.request, state.plan_live, state.assessing) == (None, False, False)
    assert (state.plan_started, state.last_review, state.meeting) == (None, None, None)


def test_it_follows_an_assessment_through_its_decisions():
    state = case_state([*REQUEST, ev("assess_decision", "2026-02-10", outcome="assess")])
    assert (state.request, state.assess, state.stage) == (d("2026-01-05"), "assess", "assessing")
    assert state.assessing


def test_it_reads_a_refusal_as_the_end_of_the_assessment_and_the_requested_stage():
    state = case_state([*REQUEST, ev("assess_decision", "2026-02-10", outcome="refuse")])
    assert state.stage == "requested"
    assert not state.assessing


def test_it_counts_advice_still_awaited_by_discipline():
    state = case_state(
        [
            *REQUEST,
            ev("advice_requested", "2026-02-11", discipline="Health"),
            ev("advice_requested", "2026-02-11", discipline="ep"),
            ev("advice_received", "2026-03-01", discipline="health"),
        ]
    )
    assert state.outstanding_advice == ["ep"]


def test_it_has_a_live_plan_from_the_final_plan_until_it_ceases():
    live = case_state(PLAN)
    assert (live.plan_live, live.plan_started, live.stage) == (True, d("2025-03-03"), "plan")
    assert not live.assessing
    ceased = case_state([*PLAN, ev("plan_ceased", "2026-01-05")])
    assert (ceased.plan_live, ceased.plan_started, ceased.stage) == (False, None, "ceased")


def test_it_reads_a_review_meeting_as_a_current_plan_older_than_the_record():
    state = case_state([ev("review_meeting", "2025-02-05")])
    assert state.plan_live
    assert state.stage == "plan"
    assert state.plan_started is None  # no event dates the plan's start
    assert state.last_review == d("2025-02-05")


def test_it_takes_the_plan_records_word_on_a_live_plan_when_given():
    assert not case_state(PLAN, live_plan=False).plan_live
    assert case_state([], live_plan=True).plan_live


def test_it_tracks_the_review_in_progress_and_forgets_it_when_a_new_plan_starts():
    reviewed = [
        *PLAN,
        ev("review_meeting", "2026-02-26"),
        ev("review_report_received", "2026-03-05"),
    ]
    state = case_state(reviewed)
    assert (state.meeting, state.after_meeting) == (d("2026-02-26"), {"review_report_received"})
    moved = case_state([*reviewed, ev("transferred_in", "2026-06-01")])
    assert (moved.meeting, moved.after_meeting) == (None, set())
    assert moved.last_review == d("2026-02-26")
    assert moved.plan_started == d("2026-06-01")


def test_it_keeps_an_amendment_notice_open_until_the_amended_plan():
    notice = [*PLAN, ev("amendment_notice_issued", "2025-09-01")]
    assert case_state(notice).notice_open
    assert not case_state([*notice, ev("amended_plan_issued", "2025-10-01")]).notice_open


def test_it_asks_for_a_plan_for_each_planned_move():
    move = [*PLAN, ev("phase_transfer", "2026-09-01", kind="school")]
    assert case_state(move).transfer_plan_due
    assert not case_state([*move, ev("phase_transfer_plan_issued", "2026-02-01")]).transfer_plan_due


def test_it_reads_events_in_the_clocks_order_whatever_order_they_come_in():
    events = [*PLAN, ev("review_meeting", "2026-02-26"), ev("plan_ceased", "2026-02-26")]
    expected = case_state(events)
    for seed in range(20):
        shuffled = list(events)
        random.Random(seed).shuffle(shuffled)
        assert case_state(shuffled) == expected
    assert expected.stage == "ceased"  # ceasing comes after the meeting on the same day
    assert sorted(events, key=lambda e: (e.on, ORDER[e.type])) == events


def test_its_stages_are_the_clocks():
    assert STAGES == ("requested", "assessing", "draft", "plan", "ceased")
    assert case_state(PLAN[:3]).stage == "draft"
    assert clock.CaseState is type(case_state([]))
