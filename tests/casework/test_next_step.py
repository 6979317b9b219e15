"""The next statutory step and the steps that make sense now (pure: the clock's values)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import senda.clock as clock
from senda.casework.next_step import STEPS, available_steps, case_state, next_step
from senda.clock.model import EVENT_TYPES, EXCEPTION_GROUNDS, OUTCOMES, PHASE_TRANSFER_KINDS
from senda.clock.order import NAMES, first_refusal, refusal

TODAY = date(2026, 6, 30)


def ev(type: str, on: date, **fields) -> clock.Event:
    return clock.Event(type, on, **fields)


def nxt(events, today=TODAY, *, is_open=True):
    return next_step(events, clock.evaluate(events, today), is_open=is_open)


def slugs(events, *, is_open=True) -> list[str]:
    return [step.slug for step in available_steps(events, is_open=is_open)]


REQUEST = [ev("request_received", date(2026, 1, 5))]
ASSESSING = [*REQUEST, ev("assess_decision", date(2026, 2, 10), outcome="assess")]
PLAN = [
    ev("request_received", date(2024, 10, 14)),
    ev("assess_decision", date(2024, 11, 18), outcome="assess"),
    ev("draft_plan_issued", date(2025, 2, 10)),
    ev("final_plan_issued", date(2025, 3, 3)),
]
MET = [*PLAN, ev("review_meeting", date(2026, 2, 26))]


def test_it_has_a_step_for_every_event_type_and_slugs_from_the_type():
    assert {step.event_type for step in STEPS.values()} == set(EVENT_TYPES)
    for slug, step in STEPS.items():
        assert slug == step.event_type.replace("_", "-")
    assert STEPS["transferred-out"].event_type == "transferred_out"
    assert STEPS["review-meeting"].title == "Record review meeting"


def test_it_starts_an_empty_case_with_a_request():
    found = nxt([])
    assert found is not None
    assert found.step.slug == "request-received"
    assert found.due is None
    assert slugs([]) == ["request-received", "transferred-in"]


def test_it_asks_for_the_decision_to_assess_after_a_request():
    found = nxt(REQUEST)
    assert found is not None
    assert (found.step.slug, found.due, found.status) == (
        "assess-decision",
        date(2026, 2, 16),
        "overdue",
    )
    assert "reg 5(1)" in found.citation
    assert slugs(REQUEST)[:3] == ["assess-decision", "advice-requested", "exception"]
    assert "request-received" not in slugs(REQUEST)


def test_it_asks_for_the_earliest_outstanding_advice():
    events = [
        *ASSESSING,
        ev("advice_requested", date(2026, 2, 12), discipline="health"),
        ev("advice_requested", date(2026, 2, 11), discipline="Education"),
    ]
    found = nxt(events, today=date(2026, 3, 1))
    assert found is not None
    assert (found.step.slug, found.discipline, found.due) == (
        "advice-received",
        "education",
        date(2026, 3, 25),
    )
    assert "advice-received" in slugs(events)


def test_it_offers_no_advice_received_once_all_advice_is_in():
    events = [
        *ASSESSING,
        ev("advice_requested", date(2026, 2, 12), discipline="health"),
        ev("advice_received", date(2026, 3, 12), discipline="health"),
    ]
    assert "advice-received" not in slugs(events)
    found = nxt(events)
    assert found is not None
    assert (found.step.slug, found.due) == ("draft-plan-issued", date(2026, 5, 25))


def test_it_asks_for_the_final_plan_after_the_draft():
    events = [*ASSESSING, ev("draft_plan_issued", date(2026, 5, 1))]
    found = nxt(events, today=date(2026, 5, 10))
    assert found is not None
    assert (found.step.slug, found.due, found.status) == (
        "final-plan-issued",
        date(2026, 5, 25),
        "pending",
    )
    assert "final-plan-issued" in slugs(events)


def test_it_offers_no_final_plan_before_a_draft():
    assert "final-plan-issued" not in slugs(ASSESSING)
    assert "issue-decision" in slugs(ASSESSING)


def test_it_ends_the_assessment_on_a_refusal():
    events = [*REQUEST, ev("assess_decision", date(2026, 2, 10), outcome="refuse")]
    assert nxt(events) is None
    assert slugs(events) == ["request-received", "transferred-in"]


def test_it_ends_the_assessment_on_a_decision_not_to_issue():
    events = [*ASSESSING, ev("issue_decision", date(2026, 4, 1), outcome="not-issue")]
    assert nxt(events) is None
    assert "draft-plan-issued" not in slugs(events)
    assert "issue-decision" not in slugs(events)


def test_it_still_moves_on_when_an_exception_lifts_the_limit():
    events = [*ASSESSING, ev("exception", date(2026, 3, 1), ground="personal-circumstances")]
    found = nxt(events)
    assert found is not None
    assert (found.step.slug, found.status) == ("draft-plan-issued", "excepted")


def test_it_asks_for_the_review_meeting_once_the_plan_is_final():
    found = nxt(PLAN, today=date(2025, 6, 1))
    assert found is not None
    assert (found.step.slug, found.due) == ("review-meeting", date(2026, 3, 3))
    assert "CFA 2014 s44(1)" in found.citation
    available = slugs(PLAN)
    assert "request-received" in available  # a new request for a reassessment
    assert "final-plan-issued" not in available
    assert "transferred-in" not in available
    assert {"review-meeting", "plan-ceased", "transferred-out", "phase-transfer"} <= set(available)


def test_it_asks_for_the_deadline_due_first_after_the_meeting():
    found = nxt(MET, today=date(2026, 2, 27))
    assert found is not None
    assert (found.step.slug, found.due) == ("review-logged", date(2026, 3, 5))
    assert found.citation.startswith("local standard")
    assert {"review-report-received", "review-decision", "review-logged"} <= set(slugs(MET))
    logged = [*MET, ev("review_logged", date(2026, 2, 27))]
    found = nxt(logged, today=date(2026, 2, 27))
    assert found is not None
    assert (found.step.slug, found.due) == ("review-report-received", date(2026, 3, 12))


def test_it_asks_for_the_review_decision_once_the_report_is_in():
    events = [
        *MET,
        ev("review_report_received", date(2026, 3, 5)),
        ev("review_logged", date(2026, 3, 5)),
    ]
    found = nxt(events, today=date(2026, 3, 6))
    assert found is not None
    assert (found.step.slug, found.due) == ("review-decision", date(2026, 3, 26))
    assert "reg 20(10)" in found.citation
    assert "review-report-received" not in slugs(events)


def test_it_asks_for_the_next_review_once_the_review_is_done():
    events = [
        *MET,
        ev("review_report_received", date(2026, 3, 2)),
        ev("review_logged", date(2026, 3, 2)),
        ev("review_decision", date(2026, 3, 2), outcome="maintain"),
    ]
    found = nxt(events, today=date(2026, 3, 3))
    assert found is not None
    assert (found.step.slug, found.due) == ("review-meeting", date(2027, 2, 26))


def test_it_asks_for_the_amendment_notice_after_an_amend_decision():
    events = [
        *MET,
        ev("review_report_received", date(2026, 3, 2)),
        ev("review_logged", date(2026, 3, 2)),
        ev("review_decision", date(2026, 3, 10), outcome="amend"),
    ]
    found = nxt(events, today=date(2026, 3, 11))
    assert found is not None
    assert (found.step.slug, found.due) == ("amendment-notice-issued", date(2026, 5, 21))
    assert "amended-plan-issued" not in slugs(events)
    notice = [*events, ev("amendment_notice_issued", date(2026, 3, 20))]
    found = nxt(notice, today=date(2026, 3, 21))
    assert found is not None
    assert (found.step.slug, found.due) == ("amended-plan-issued", date(2026, 5, 21))
    assert "amended-plan-issued" in slugs(notice)
    done = [*notice, ev("amended_plan_issued", date(2026, 4, 20))]
    assert "amended-plan-issued" not in slugs(done)


def test_it_asks_for_the_phase_transfer_plan():
    events = [*PLAN, ev("phase_transfer", date(2026, 9, 1), kind="school")]
    found = nxt(events, today=date(2025, 12, 1))
    assert found is not None
    assert (found.step.slug, found.due) == ("phase-transfer-plan-issued", date(2026, 2, 15))
    done = [*events, ev("phase_transfer_plan_issued", date(2026, 2, 1))]
    assert "phase-transfer-plan-issued" not in slugs(done)


def test_it_offers_nothing_on_the_plan_once_it_has_ceased():
    events = [*MET, ev("plan_ceased", date(2026, 3, 1))]
    available = slugs(events)
    assert "review-meeting" not in available
    assert "transferred-out" not in available
    assert "transferred-in" in available


def test_it_asks_for_the_first_review_after_a_transfer_in():
    events = [ev("transferred_in", date(2026, 1, 10), last_review=date(2025, 6, 1))]
    found = nxt(events, today=date(2026, 2, 1))
    assert found is not None  # the family's letter (reg 15(4), 6 weeks) comes first
    assert (found.step.slug, found.due) == ("transfer-in-notified", date(2026, 2, 21))
    events.append(ev("transfer_in_notified", date(2026, 1, 20)))
    found = nxt(events, today=date(2026, 2, 1))
    assert found is not None
    assert (found.step.slug, found.due) == ("review-meeting", date(2026, 6, 1))
    assert "reg 15" in found.citation


def test_it_ignores_an_undone_review_of_an_earlier_chain():
    events = [
        *PLAN,
        ev("plan_ceased", date(2026, 5, 1)),
        ev("transferred_in", date(2026, 6, 1)),
        ev("transfer_in_notified", date(2026, 6, 2)),
    ]
    found = nxt(events, today=date(2026, 6, 2))
    assert found is not None
    assert (found.step.slug, found.due) == ("review-meeting", date(2026, 9, 1))


def test_it_offers_nothing_on_a_closed_case():
    assert slugs(MET, is_open=False) == []
    assert nxt(MET, is_open=False) is None
    assert nxt([], is_open=False) is None


def test_it_takes_a_review_meeting_as_a_current_plan_that_predates_the_record():
    events = [ev("review_meeting", date(2026, 2, 26))]
    assert {"review-invitations-sent", "amendment-notice-issued", "plan-ceased"} <= set(
        slugs(events)
    )
    assert "review-meeting" not in slugs(events)  # the guards: this review has no decision
    moving = [
        *events,
        ev("review_report_received", date(2026, 3, 2)),
        ev("review_logged", date(2026, 3, 2)),
        ev("review_decision", date(2026, 3, 2), outcome="maintain"),
        ev("phase_transfer", date(2027, 9, 1), kind="school"),
    ]
    found = nxt(moving, today=date(2026, 11, 22))
    assert found is not None
    assert (found.step.slug, found.due) == ("phase-transfer-plan-issued", date(2027, 2, 15))


def test_it_lets_the_plan_records_say_whether_a_plan_is_current():
    with_plan = [step.slug for step in available_steps([], live_plan=True)]
    assert "review-meeting" in with_plan
    assert "transferred-in" not in with_plan
    ceased = [step.slug for step in available_steps(MET, live_plan=False)]
    assert "review-meeting" not in ceased


def test_it_asks_for_a_review_of_a_plan_the_events_do_not_date():
    found = next_step([], [], live_plan=True)
    assert found is not None
    assert (found.step.slug, found.due) == ("review-meeting", None)


# --- re-assessment, moving between areas and ceasing ----------------------------------------

REVIEWED = [
    *MET,
    ev("review_report_received", date(2026, 3, 2)),
    ev("review_logged", date(2026, 3, 2)),
    ev("review_decision", date(2026, 3, 10), outcome="maintain"),
]
REASSESS_ASKED = [*REVIEWED, ev("reassessment_requested", date(2026, 5, 1))]
REASSESSING = [*REASSESS_ASKED, ev("reassess_decision", date(2026, 5, 10), outcome="reassess")]


def test_it_offers_a_request_for_a_re_assessment_only_on_a_plan_with_none_open():
    assert "reassessment-requested" in slugs(MET)
    assert "reassessment-requested" not in slugs(REQUEST)
    assert "reassessment-requested" not in slugs([*MET, ev("plan_ceased", date(2026, 3, 1))])
    assert "reassessment-requested" not in slugs(REASSESS_ASKED)
    assert "reassessment-requested" not in slugs(REASSESSING)
    refused = [*REASSESS_ASKED, ev("reassess_decision", date(2026, 5, 10), outcome="refuse")]
    assert "reassessment-requested" in slugs(refused)
    answered = [*REASSESSING, ev("reassessment_outcome", date(2026, 6, 1), outcome="amend")]
    assert "reassessment-requested" in slugs(answered)


def test_it_offers_the_decision_then_the_plan_after_a_re_assessment():
    assert "reassess-decision" not in slugs(MET)
    assert "reassess-decision" in slugs(REASSESS_ASKED)
    assert "reassessment-outcome" not in slugs(REASSESS_ASKED)
    assert "reassess-decision" not in slugs(REASSESSING)
    assert "reassessment-outcome" in slugs(REASSESSING)
    refused = [*REASSESS_ASKED, ev("reassess_decision", date(2026, 5, 10), outcome="refuse")]
    assert "reassessment-outcome" not in slugs(refused)
    answered = [*REASSESSING, ev("reassessment_outcome", date(2026, 6, 1), outcome="no-change")]
    assert "reassessment-outcome" not in slugs(answered)


def test_it_offers_an_exception_during_a_re_assessment():
    assert "exception" not in slugs(REASSESS_ASKED)
    assert {"advice-requested", "exception"} <= set(slugs(REASSESSING))


def test_next_step_asks_for_the_decision_whether_to_re_assess():
    found = nxt(REASSESS_ASKED, today=date(2026, 5, 2))
    assert found is not None
    assert (found.step.slug, found.due) == ("reassess-decision", date(2026, 5, 16))
    assert "reg 25(1)" in found.citation


def test_next_step_asks_for_the_plan_after_the_re_assessment():
    found = nxt(REASSESSING, today=date(2026, 5, 11))
    assert found is not None
    assert (found.step.slug, found.due) == ("reassessment-outcome", date(2026, 8, 16))
    assert "reg 27(2)" in found.citation


def test_it_offers_the_letter_after_a_transfer_in_until_it_is_recorded():
    arrived = [ev("transferred_in", date(2026, 1, 10), last_review=date(2025, 6, 1))]
    assert "transfer-in-notified" in slugs(arrived)
    found = nxt(arrived, today=date(2026, 1, 11))
    assert found is not None
    assert (found.step.slug, found.due) == ("transfer-in-notified", date(2026, 2, 21))
    assert "reg 15(4)" in found.citation
    told = [*arrived, ev("transfer_in_notified", date(2026, 1, 20))]
    assert "transfer-in-notified" not in slugs(told)
    assert "transfer-in-notified" not in slugs(MET)  # a plan issued here has no letter due


def test_it_offers_a_move_out_and_a_transfer_out_on_a_current_plan_only():
    assert {"move-out-known", "transferred-out"} <= set(slugs(MET))
    ceased = [*MET, ev("plan_ceased", date(2026, 3, 1))]
    assert not {"move-out-known", "transferred-out"} & set(slugs(ceased))
    assert not {"move-out-known", "transferred-out"} & set(slugs(ASSESSING))


def test_next_step_asks_for_the_transfer_out_once_a_move_is_known():
    moving = [*REVIEWED, ev("move_out_known", date(2026, 6, 1), move_date=date(2026, 9, 1))]
    found = nxt(moving, today=date(2026, 6, 2))
    assert found is not None
    assert (found.step.slug, found.due) == ("transferred-out", date(2026, 9, 1))
    assert "reg 15(2)" in found.citation
    gone = [*moving, ev("transferred_out", date(2026, 9, 1))]
    assert "transferred-out" not in slugs(gone)
    assert "review-meeting" not in slugs(gone)


CEASE_PROPOSED = [*MET, ev("cease_proposed", date(2026, 5, 1))]
CEASE_DECIDED = [
    *CEASE_PROPOSED,
    ev("cease_decision", date(2026, 6, 1), outcome="cease", reason=2),
]
CEASE_APPEALED = [*CEASE_DECIDED, ev("cease_appealed", date(2026, 6, 20))]


def test_it_offers_the_cease_steps_in_turn():
    assert "cease-proposed" in slugs(MET)
    assert not {"cease-decision", "cease-appealed", "cease-appeal-decided"} & set(slugs(MET))
    assert "cease-decision" in slugs(CEASE_PROPOSED)
    assert "cease-appealed" not in slugs(CEASE_PROPOSED)
    decided = [s.slug for s in available_steps(CEASE_DECIDED, today=date(2026, 6, 2))]
    assert "cease-decision" not in decided
    assert "cease-appealed" in decided
    assert "cease-appeal-decided" not in decided
    appealed = [s.slug for s in available_steps(CEASE_APPEALED, today=date(2026, 6, 21))]
    assert "cease-appealed" not in appealed
    assert "cease-appeal-decided" in appealed


def test_it_offers_no_appeal_after_a_decision_to_keep_the_plan():
    kept = [*CEASE_PROPOSED, ev("cease_decision", date(2026, 6, 1), outcome="maintain")]
    offered = [s.slug for s in available_steps(kept, today=date(2026, 6, 2))]
    assert "cease-appealed" not in offered
    assert "cease-decision" not in offered
    assert "cease-proposed" in offered


def test_it_offers_nothing_on_the_plan_once_the_time_to_appeal_has_passed():
    # Decided 1 June 2026: the time to appeal ends 1 August, the plan ends on 2 August.
    before = [s.slug for s in available_steps(CEASE_DECIDED, today=date(2026, 8, 1))]
    assert "review-meeting" in before or "cease-appealed" in before
    after = [s.slug for s in available_steps(CEASE_DECIDED, today=date(2026, 8, 2))]
    assert "cease-appealed" not in after
    assert "review-invitations-sent" not in after
    assert "transferred-in" in after
    assert case_state(CEASE_DECIDED, today=date(2026, 8, 1)).plan_ends == date(2026, 8, 2)


def test_it_names_the_new_steps_in_plain_english():
    assert STEPS["reassessment-requested"].title == "Record request for a re-assessment"
    assert STEPS["cease-appeal-decided"].name == "appeal decision"
    assert STEPS["plan-ceased"].name == "plan ended without a decision"
    assert STEPS["transfer-in-notified"].name == "letter to the family after the transfer in"
    assert not any(step.may_be_future for slug, step in STEPS.items() if slug != "phase-transfer")


# --- the offered steps agree with the step guards (senda.clock.order) ------------------------

DECIDED = [
    *MET,
    ev("review_report_received", date(2026, 3, 2)),
    ev("review_logged", date(2026, 3, 2)),
    ev("review_decision", date(2026, 3, 10), outcome="amend"),
]
HISTORIES = {
    "empty": [],
    "requested": REQUEST,
    "assessing": ASSESSING,
    "refused": [*REQUEST, ev("assess_decision", date(2026, 2, 10), outcome="refuse")],
    "advice asked": [*ASSESSING, ev("advice_requested", date(2026, 2, 12), discipline="health")],
    "drafted": [*ASSESSING, ev("draft_plan_issued", date(2026, 5, 1))],
    "plan": PLAN,
    "met, no decision": MET,
    "met and decided": DECIDED,
    "notice in force": [*DECIDED, ev("amendment_notice_issued", date(2026, 3, 20))],
    "moving": [*PLAN, ev("phase_transfer", date(2026, 9, 1), kind="school")],
    "ceased": [*MET, ev("plan_ceased", date(2026, 3, 1))],
    "transferred in": [ev("transferred_in", date(2026, 1, 10), last_review=date(2025, 6, 1))],
    "re-assessment asked": [*MET, ev("reassessment_requested", date(2026, 5, 1))],
    "re-assessing": [
        *MET,
        ev("reassessment_requested", date(2026, 5, 1)),
        ev("reassess_decision", date(2026, 5, 10), outcome="reassess"),
    ],
    "cease proposed": [*MET, ev("cease_proposed", date(2026, 5, 1))],
    "cease decided": [
        *MET,
        ev("cease_proposed", date(2026, 5, 1)),
        ev("cease_decision", date(2026, 6, 1), outcome="cease", reason=2),
    ],
    "cease appealed": [
        *MET,
        ev("cease_proposed", date(2026, 5, 1)),
        ev("cease_decision", date(2026, 6, 1), outcome="cease", reason=2),
        ev("cease_appealed", date(2026, 6, 20)),
    ],
    "moving out": [*MET, ev("move_out_known", date(2026, 6, 1), move_date=date(2026, 8, 1))],
}


def accepted_today(events: list[clock.Event], slug: str, today: date) -> bool:
    """The officer can record ``slug`` today in some form its page offers."""
    step = STEPS[slug]
    kind = step.event_type
    if kind == "cease_decision":
        forms = [ev(kind, today, outcome="cease", reason=2), ev(kind, today, outcome="maintain")]
    elif kind in OUTCOMES:
        forms = [ev(kind, today, outcome=o) for o in OUTCOMES[kind]]
    elif kind == "move_out_known":
        forms = [ev(kind, today, move_date=today)]
    elif kind == "advice_received":
        forms = [ev(kind, today, discipline=d) for d in case_state(events).outstanding_advice]
    elif kind == "exception":
        forms = [ev(kind, today, ground=g) for g in EXCEPTION_GROUNDS]
    elif kind == "phase_transfer":
        forms = [ev(kind, today, kind=k) for k in PHASE_TRANSFER_KINDS]
    else:
        forms = [ev(kind, today)]
    return any(refusal(events, form) is None for form in forms)


def test_it_offers_no_second_review_meeting_before_the_last_reviews_decision():
    assert refusal(MET, ev("review_meeting", TODAY)) is not None  # what the guards say
    offered = [s.slug for s in available_steps(MET, today=TODAY)]
    assert "review-meeting" not in offered
    assert {"review-report-received", "review-decision", "review-logged"} <= set(offered)
    found = next_step(MET, clock.evaluate(MET, TODAY), today=TODAY)
    assert found is not None and found.step.slug != "review-meeting"
    decided = [s.slug for s in available_steps(DECIDED, today=TODAY)]
    assert "review-meeting" in decided


def test_it_asks_the_guards_with_the_date_given():
    # Advice asked of health today: asking health again today is the same step twice.
    asked = [*ASSESSING, ev("advice_requested", TODAY, discipline="health")]
    assert "advice-received" in [s.slug for s in available_steps(asked, today=TODAY)]
    received = [*asked, ev("advice_received", TODAY, discipline="health")]
    offered = [s.slug for s in available_steps(received, today=TODAY)]
    assert "advice-received" not in offered
    # A meeting dated in the future (a typing slip) leaves nothing after it recordable today.
    ahead = [*PLAN, ev("review_meeting", TODAY + timedelta(days=30))]
    offered = [s.slug for s in available_steps(ahead, today=TODAY)]
    assert "review-decision" not in offered and "review-report-received" not in offered
    later = [s.slug for s in available_steps(ahead, today=TODAY + timedelta(days=31))]
    assert "review-decision" in later


@pytest.mark.parametrize("name", sorted(HISTORIES))
def test_it_offers_only_steps_the_guards_accept_today(name):
    events = HISTORIES[name]
    assert first_refusal(events) is None  # each history is one the guards accept
    offered = [s.slug for s in available_steps(events, today=TODAY)]
    for slug in offered:
        assert accepted_today(events, slug, TODAY), slug
    found = next_step(events, clock.evaluate(events, TODAY), today=TODAY)
    assert found is None or found.step.slug in offered


START = date(2024, 1, 1)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[clock.Event], date]:
    """A history the guards accept, recorded one step at a time (a drawn step is kept only
    if the guards allow it), half of them from a plan; and a day on or after its last step."""
    history: list[clock.Event] = list(PLAN) if draw(st.booleans()) else []
    kinds = sorted(NAMES)
    for _ in range(draw(st.integers(min_value=1, max_value=40))):
        base = draw(st.sampled_from(history)).on if history else START
        on = base + timedelta(days=draw(st.sampled_from((0, 1, 14, 30)) | st.integers(-30, 400)))
        kind = draw(st.sampled_from(kinds))
        if kind == "cease_decision":
            outcome = draw(st.sampled_from(OUTCOMES[kind]))
            event = ev(kind, on, outcome=outcome, reason=2 if outcome == "cease" else None)
        elif kind in OUTCOMES:
            event = ev(kind, on, outcome=draw(st.sampled_from(OUTCOMES[kind])))
        elif kind == "move_out_known":
            event = ev(kind, on, move_date=on + timedelta(days=draw(st.integers(0, 60))))
        elif kind.startswith("advice_"):
            event = ev(kind, on, discipline=draw(st.sampled_from(("health", "ep"))))
        elif kind == "exception":
            event = ev(kind, on, ground="personal-circumstances")
        elif kind == "phase_transfer":
            event = ev(kind, on, kind="school")
        else:
            event = ev(kind, on)
        if refusal(history, event) is None:
            history.append(event)
    last = max((e.on for e in history if e.type != "phase_transfer"), default=START)
    return history, last + timedelta(days=draw(st.sampled_from((0, 1)) | st.integers(0, 400)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.sampled_from((None, True, False)))
def test_every_offered_step_is_one_the_guards_accept_today(drawn, live) -> None:
    """``live``: whether the plan records say a plan is current (None: the events decide)."""
    events, today = drawn
    offered = [s.slug for s in available_steps(events, today=today, live_plan=live)]
    for slug in offered:
        assert accepted_today(events, slug, today), (slug, today)
    found = next_step(events, clock.evaluate(events, today), today=today, live_plan=live)
    assert found is None or found.step.slug in offered


def test_next_step_asks_for_a_review_meeting_under_the_under_fives_guidance():
    from senda.clock.model import Child, LocalPolicy

    events = REVIEWED  # reviewed 26 February 2026; the annual review is due in 2027
    child = Child(date_of_birth=date(2023, 1, 1))
    rows = clock.evaluate(
        events, date(2026, 4, 1), child=child, policy=LocalPolicy(under_five_review_months=3)
    )
    assert any(row.rule == "under-five-review" for row in rows)
    found = next_step(events, rows, today=date(2026, 4, 1))
    assert found is not None
    assert (found.step.slug, found.due) == ("review-meeting", date(2026, 5, 26))
    assert "guidance" in found.citation
