"""The one adapter from the database to the clock (``casework.clock_input``)."""

from datetime import date

import senda.clock as clock
from senda.casework.actions import (
    record_advice_requested,
    record_exception,
    record_request_received,
)
from senda.casework.clock_input import (
    case_deadlines,
    clock_event,
    clock_policy,
    events_by_case,
)
from senda.casework.models import CaseEvent
from tests.factories import make_case, make_la, make_user

D = date
TODAY = D(2026, 3, 1)


def test_it_reads_blank_text_as_none_and_a_list_of_rules_as_a_tuple():
    event = clock_event(
        "exception", D(2026, 1, 5), "", "", "absent-from-area", ["advice"], "", None, None, None
    )
    assert event == clock.Event(
        "exception", D(2026, 1, 5), ground="absent-from-area", applies_to=("advice",)
    )


def test_it_gives_the_same_events_one_case_at_a_time_and_for_a_whole_area(db):
    la = make_la()
    officer = make_user("case_officer", la)
    cases = [make_case(la=la, officer=officer) for _ in range(2)]
    for case in cases:
        record_request_received(case=case, on=D(2026, 1, 5), source=1, by=officer, today=TODAY)
    record_advice_requested(
        case=cases[0], on=D(2026, 1, 20), discipline="ep", by=officer, today=TODAY
    )
    record_exception(
        case=cases[1], on=D(2026, 1, 21), ground="absent-from-area", by=officer, today=TODAY
    )
    found = events_by_case(CaseEvent.objects.current().order_by("case_id", "on", "id"))
    for case in cases:
        assert found[case.pk] == case.clock_events()
        assert found[case.pk] == [e.as_clock_event() for e in case.events.order_by("on", "id")]
    assert found[cases[0].pk][1].discipline == "ep"
    assert found[cases[1].pk][1].outcome is None


def test_it_asks_the_clock_with_the_childs_and_the_areas_values(db):
    la = make_la()
    la.review_logged_working_days = 10
    assert clock_policy(la) == clock.LocalPolicy(review_logged_working_days=10)
    case = make_case(la=la, officer=make_user("case_officer", la))
    events = [clock.Event("request_received", D(2026, 1, 5))]
    assert case_deadlines(case, events, TODAY) == clock.evaluate(
        events, TODAY, policy=clock_policy(la)
    )


def test_it_gives_the_clock_the_move_date_and_a_decisions_cease_reason_only() -> None:
    moving = clock_event(
        "move_out_known", D(2026, 3, 2), "", "", "", None, "", None, D(2026, 6, 1), None
    )
    assert moving == clock.Event("move_out_known", D(2026, 3, 2), move_date=D(2026, 6, 1))
    decision = clock_event(
        "cease_decision", D(2026, 3, 2), "cease", "", "", None, "", None, None, 2
    )
    assert decision == clock.Event("cease_decision", D(2026, 3, 2), outcome="cease", reason=2)
    ceased = clock_event("plan_ceased", D(2026, 3, 2), "", "", "", None, "", None, None, 2)
    assert ceased == clock.Event("plan_ceased", D(2026, 3, 2))
