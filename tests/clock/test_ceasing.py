"""Ceasing a plan (``senda.clock.ceasing``): when a decision to cease ends it, and which cease
reasons the law allows for the young person's age and record."""

from __future__ import annotations

from datetime import date

import pytest
from clock_cases import d, ev, one, rules

from senda.clock import case_state, evaluate
from senda.clock.ceasing import appeal_deadline, plan_ends, reason_refusal

PLAN = [ev("final_plan_issued", "2025-03-03"), ev("cease_proposed", "2026-01-05")]
DECIDED = [*PLAN, ev("cease_decision", "2026-02-02", outcome="cease", reason=2)]


def test_the_time_to_appeal_is_two_months_from_the_decision() -> None:
    assert appeal_deadline(d("2026-02-02")) == d("2026-04-02")
    assert appeal_deadline(d("2025-12-31")) == d("2026-02-28")


def test_a_decision_to_cease_ends_the_plan_the_day_after_the_time_to_appeal() -> None:
    assert plan_ends(DECIDED) == [d("2026-04-03")]
    # Kept, or never decided: no end.
    assert plan_ends([*PLAN, ev("cease_decision", "2026-02-02", outcome="maintain")]) == []
    assert plan_ends(PLAN) == []


def test_an_appeal_keeps_the_plan_until_it_is_decided() -> None:
    appealed = [*DECIDED, ev("cease_appealed", "2026-03-20")]
    assert plan_ends(appealed) == []  # still under way: no end yet
    upheld = [*appealed, ev("cease_appeal_decided", "2026-07-01", outcome="cease")]
    assert plan_ends(upheld) == [d("2026-07-02")]
    kept = [*appealed, ev("cease_appeal_decided", "2026-07-01", outcome="maintain")]
    assert plan_ends(kept) == []
    # An appeal after the time to appeal does not hold the end back.
    late = [*DECIDED, ev("cease_appealed", "2026-04-10")]
    assert plan_ends(late) == [d("2026-04-03")]


def test_a_plan_that_ends_another_way_first_owes_nothing_to_the_decision() -> None:
    moved = [*DECIDED, ev("transferred_out", "2026-03-01")]
    assert plan_ends(moved) == []


def test_the_clock_reads_the_plan_as_ended_from_that_day() -> None:
    # The annual review fell due on 3 Mar 2026, before the end: lapsed after it, overdue before.
    assert one(evaluate(DECIDED, d("2026-04-02")), "annual-review").status == "overdue"
    assert one(evaluate(DECIDED, d("2026-04-03")), "annual-review").status == "lapsed"
    state = case_state(DECIDED, today=d("2026-04-02"))
    assert (state.plan_live, state.plan_ends, state.stage) == (True, d("2026-04-03"), "plan")
    state = case_state(DECIDED, today=d("2026-04-03"))
    assert (state.plan_live, state.stage) == (False, "ceased")
    # Without a day to read it on, the end is only projected.
    assert case_state(DECIDED).plan_live is True
    # An appeal under way: no end in sight, the plan is current.
    appealed = [*DECIDED, ev("cease_appealed", "2026-03-20")]
    state = case_state(appealed, today=d("2026-06-01"))
    assert (state.plan_live, state.plan_ends, state.cease_appealed) == (True, None, True)
    assert "annual-review" in rules(evaluate(appealed, d("2026-06-01")))


BORN = date(2007, 5, 10)  # 18 on 10 May 2025, 25 on 10 May 2032


@pytest.mark.parametrize(
    ("reason", "decided", "born", "meetings", "expected"),
    [
        (2, "2020-01-10", BORN, [], None),  # needs met: any age
        (8, "2020-01-10", None, [], None),  # no date needed
        (5, "2026-01-10", BORN, [], "transfer out"),
        (6, "2025-05-09", BORN, ["2025-01-01"], "Under 18"),
        (6, "2026-01-10", BORN, [], "record the review meeting first"),
        (6, "2026-01-10", BORN, ["2024-12-01"], "record the review meeting first"),
        (6, "2026-01-10", BORN, ["2025-06-01"], None),
        (6, "2026-01-10", None, ["2025-06-01"], "date of birth"),
        (1, "2031-07-31", BORN, [], "not that old yet"),  # the year before they turn 25
        (1, "2031-09-01", BORN, [], None),  # the academic year in which they turn 25
        (10, "2026-01-10", BORN, [], "SEN2's codes"),
    ],
)
def test_cease_reasons_that_need_more_than_a_date_are_checked(
    reason: int, decided: str, born: date | None, meetings: list[str], expected: str | None
) -> None:
    found = reason_refusal(reason, d(decided), born, [d(m) for m in meetings])
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected in found
