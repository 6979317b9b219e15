"""Properties of the clock that hold for any case, checked with hypothesis."""

from __future__ import annotations

import random
from calendar import monthrange
from datetime import date, timedelta

import pytest
from clock_cases import d, ev
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from senda.clock import Deadline, Event, evaluate
from senda.clock.ceasing import plan_ends
from senda.clock.counting import add_months, add_weeks, weeks_before, window_close
from senda.clock.evaluate import ORDER
from senda.clock.model import (
    EVENT_TYPES,
    EXCEPTION_GROUNDS,
    LAWFUL_GROUNDS,
    OUTCOMES,
    PHASE_TRANSFER_KINDS,
)
from senda.clock.status import status

#: Long (Hypothesis) and with no database: the PostgreSQL run has it when there is one
#: (tests/run-suites.sh).
pytestmark = pytest.mark.balance

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
START = date(2024, 1, 1)
STATUSES = {"met", "late", "pending", "overdue", "excepted", "breached", "lapsed"}
EXCEPTABLE = set(LAWFUL_GROUNDS)
#: The minimum periods: met once closed with nothing inside them, so met with no done date.
COMMENT_PERIODS = ("draft-comment-period", "amendment-comment-period")
DISCIPLINES = ("Health", "health ", "Educational psychology", "Social care")

days = st.dates(min_value=START, max_value=START + timedelta(days=1500))
as_of_days = st.dates(min_value=START, max_value=START + timedelta(days=1900))
#: Offsets from a case's first day that sit on or next to the statutory limits.
OFFSETS = (0, 0, 1, 7, 14, 15, 28, 42, 43, 56, 84, 112, 140, 141, 365, 366, 380, 730)


@st.composite
def events(draw: st.DrawFn, on: date | None = None) -> Event:
    kind = draw(st.sampled_from(EVENT_TYPES))
    on = draw(days) if on is None else on
    if kind in OUTCOMES:
        return Event(kind, on, outcome=draw(st.sampled_from(OUTCOMES[kind])))
    if kind in ("advice_requested", "advice_received"):
        return Event(kind, on, discipline=draw(st.sampled_from(DISCIPLINES)))
    if kind == "exception":
        ground = draw(st.sampled_from(EXCEPTION_GROUNDS))
        lawful = sorted(rule for rule, grounds in LAWFUL_GROUNDS.items() if ground in grounds)
        applies = draw(st.none() | st.lists(st.sampled_from(lawful), min_size=1, unique=True))
        return Event(
            kind, on, ground=ground, applies_to=None if applies is None else tuple(applies)
        )
    if kind == "phase_transfer":
        return Event(kind, on, kind=draw(st.sampled_from(PHASE_TRANSFER_KINDS)))
    if kind == "transferred_in":
        last = draw(st.none() | st.dates(min_value=on - timedelta(days=800), max_value=on))
        return Event(kind, on, last_review=last)
    if kind == "move_out_known":
        return Event(kind, on, move_date=on + timedelta(days=draw(st.integers(-30, 90))))
    if kind == "cease_decision":
        outcome = draw(st.sampled_from(OUTCOMES[kind]))
        return Event(kind, on, outcome=outcome, reason=2 if outcome == "cease" else None)
    return Event(kind, on)


def ends(found: list[Event], today: date) -> list[date]:
    """The days plans ended as of ``today``: ceased, transferred out, or after a decision to
    cease once the time to appeal passed."""
    known = sorted((e for e in found if e.on <= today), key=lambda e: (e.on, ORDER[e.type]))
    derived = plan_ends(known)
    return [e.on for e in known if e.type in ("plan_ceased", "transferred_out")] + derived


def distinct(found: list[Event]) -> list[Event]:
    """At most one event of each type per day.

    Two same-type events on one day with different fields (say, an ``assess`` and a
    ``refuse`` decision) are read in input order: see ``test_same_day_conflicts...`` below.
    """
    seen: set[tuple[str, date]] = set()
    kept = []
    for event in found:
        if (event.type, event.on) not in seen:
            seen.add((event.type, event.on))
            kept.append(event)
    return kept


@st.composite
def raw_cases(draw: st.DrawFn) -> list[Event]:
    """A case told from its first day: often a request, then events on or near the limits
    (so decisions, advice, exceptions and meetings fall inside cycles), plus strays."""
    first = draw(days)
    found = [Event("request_received", first)] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(min_value=0, max_value=20))):
        offset = draw(st.sampled_from(OFFSETS) | st.integers(min_value=0, max_value=1000))
        found.append(draw(events(first + timedelta(days=offset))))
    found += draw(st.lists(events(), max_size=4))
    return found


cases = raw_cases().map(distinct)


def key(row: Deadline) -> tuple[date, str]:
    return row.due, row.rule


# --- rows ------------------------------------------------------------------------------


@PROPERTY
@given(cases, as_of_days)
def test_evaluate_is_deterministic_and_sorted(found: list[Event], today: date) -> None:
    rows = evaluate(found, today)
    assert rows == evaluate(list(found), today)
    assert [key(row) for row in rows] == sorted(key(row) for row in rows)
    assert all(isinstance(row, Deadline) for row in rows)


@PROPERTY
@given(cases, as_of_days)
def test_status_is_allowed_and_consistent(found: list[Event], today: date) -> None:
    has_exception = any(event.type == "exception" for event in found if event.on <= today)
    for row in evaluate(found, today):
        assert row.status in STATUSES
        assert row.done is None or row.done <= today  # nothing is known from the future
        if row.status == "excepted":
            assert row.rule in EXCEPTABLE and has_exception
        elif row.status == "lapsed":  # would be overdue, but the plan ended after it fell due
            assert row.done is None and status(row.due, None, today) == "overdue"
            assert any(row.due < end <= today for end in ends(found, today))
        elif row.rule in COMMENT_PERIODS:
            if row.done is None:
                assert row.status == ("pending" if row.due >= today else "met")
            else:
                assert row.status == ("met" if row.done > row.due else "breached")
        else:
            assert row.status == status(row.due, row.done, today)
            assert row.status != "breached"
        if row.status in ("met", "late") and row.rule not in COMMENT_PERIODS:
            assert row.done is not None
        assert (row.discipline is not None) == (row.rule == "advice")


@PROPERTY
@given(cases, as_of_days)
def test_every_row_traces_back_to_its_start_and_is_never_due_before_it(
    found: list[Event], today: date
) -> None:
    known = [event for event in found if event.on <= today or event.type == "phase_transfer"]

    def dates(kind: str) -> set[date]:
        return {event.on for event in known if event.type == kind}

    requests, meetings = dates("request_received"), dates("review_meeting")
    starts = {
        "assess-decision": (requests, 6),
        "no-issue-notice": (requests, 16),
        "final-plan": (requests, 20),
        "review-report": (meetings, 2),
        "review-decision": (meetings, 4),
        "review-to-final": (meetings, 12),
        "amended-plan": (dates("amendment_notice_issued"), 8),
        "transfer-in-notice": (dates("transferred_in"), 6),
        "reassessment-plan": (dates("reassess_decision"), 14),
    }
    for row in evaluate(found, today):
        if row.rule in starts:
            begun, weeks = starts[row.rule]
            start = row.due - timedelta(weeks=weeks)
            assert start in begun
            assert row.due >= start
        elif row.rule == "advice":
            start = row.due - timedelta(weeks=6)
            assert any(
                e.type == "advice_requested" and e.on == start and e.discipline == row.discipline
                for e in known
            )
        elif row.rule == "draft-comment-period":
            assert row.due - timedelta(days=14) in dates("draft_plan_issued")
        elif row.rule == "amendment-comment-period":
            assert row.due - timedelta(days=14) in dates("amendment_notice_issued")
        elif row.rule == "reassess-decision":
            assert row.due - timedelta(days=15) in dates("reassessment_requested")
        elif row.rule == "transfer-out":
            # The move, or 15 working days from learning of it (at most 3 weeks and a few
            # bank holidays: never more than 25 calendar days).
            known_moves = [e for e in known if e.type == "move_out_known"]
            assert any(
                row.due == e.move_date
                or e.on + timedelta(days=14) <= row.due <= e.on + timedelta(days=25)
                for e in known_moves
            )
        elif row.rule in ("review-notice", "review-advice-circulated"):
            # "at least 2 weeks before": due is the meeting − 14 days, by design.
            assert row.due + timedelta(days=14) in meetings
        elif row.rule == "annual-review":
            begun = dates("final_plan_issued") | meetings
            assert any(add_months(start, 12) == row.due for start in begun)
        elif row.rule == "transfer-in-review":
            assert any(row.due >= add_months(start, 3) for start in dates("transferred_in"))
        elif row.rule == "review-logged":
            # 5 working days span at most 13 calendar days (Christmas, Boxing Day and New
            # Year's Day with a weekend between: 24 Dec 2025 → 5 Jan 2026 is 12).
            assert row.due - timedelta(days=13) <= max(m for m in meetings if m < row.due)
            assert row.due > min(meetings)
            assert row.due.weekday() < 5
        elif row.rule == "phase-transfer":
            assert (row.due.month, row.due.day) in ((2, 15), (3, 31))
            assert row.due.year in {move.year for move in dates("phase_transfer")}


@PROPERTY
@given(cases, as_of_days, st.randoms(use_true_random=False))
def test_event_order_never_changes_the_answer(
    found: list[Event], today: date, rnd: random.Random
) -> None:
    shuffled = list(found)
    rnd.shuffle(shuffled)
    assert evaluate(shuffled, today) == evaluate(found, today)
    assert evaluate(list(reversed(found)), today) == evaluate(found, today)


@PROPERTY
@given(cases, as_of_days, st.lists(events(), max_size=10))
def test_events_after_the_as_of_day_change_nothing(
    found: list[Event], today: date, extra: list[Event]
) -> None:
    future = [
        Event(
            e.type,
            today + timedelta(days=1 + (e.on - START).days % 400),
            e.outcome,
            e.discipline,
            e.ground,
            e.applies_to,
            e.kind,
            e.last_review,
        )
        for e in extra
        if e.type != "phase_transfer"
    ]
    assert evaluate(distinct(found + future), today) == evaluate(found, today)
    # ... and evaluating the filtered case is the same as evaluating the whole case.
    kept = [e for e in found if e.on <= today or e.type == "phase_transfer"]
    assert evaluate(kept, today) == evaluate(found, today)


@PROPERTY
@given(cases, st.integers(min_value=0, max_value=800))
def test_time_passing_without_new_events_only_ages_pending_rows(
    found: list[Event], later_by: int
) -> None:
    """Replaying on a later day with no new events: same rows, same dues and dones; only a
    pending row may become overdue (or, for the comment periods, met once they have closed).
    Unless a decision to cease ends the plan in between, which is an event of its own."""
    assume(found)
    first = max([e.on for e in found if e.type != "phase_transfer"], default=START)
    then, now = first, first + timedelta(days=later_by)
    assume(not any(then < end <= now for end in ends(found, now)))
    before, after = evaluate(found, then), evaluate(found, now)
    assert [(r.rule, r.due, r.done, r.discipline) for r in before] == [
        (r.rule, r.due, r.done, r.discipline) for r in after
    ]
    for old, new in zip(before, after, strict=True):
        if old.status != new.status:
            assert old.status == "pending"
            minimum = old.rule in ("draft-comment-period", "amendment-comment-period")
            assert new.status == ("met" if minimum else "overdue")


@PROPERTY
@given(cases, as_of_days)
def test_rows_only_for_rules_that_apply(found: list[Event], today: date) -> None:
    known = [e for e in found if e.on <= today or e.type == "phase_transfer"]
    types = {e.type for e in known}
    rows = {row.rule for row in evaluate(found, today)}
    needs = {
        "assess-decision": {"request_received"},
        "advice": {"advice_requested"},
        "no-issue-notice": {"request_received", "issue_decision"},
        "final-plan": {"request_received"},
        "draft-comment-period": {"request_received", "draft_plan_issued"},
        "review-notice": {"review_meeting", "review_invitations_sent"},
        "review-advice-circulated": {"review_meeting", "review_advice_circulated"},
        "review-report": {"review_meeting"},
        "review-decision": {"review_meeting"},
        "review-logged": {"review_meeting"},
        "review-to-final": {"review_meeting", "review_decision"},
        "amended-plan": {"amendment_notice_issued"},
        "phase-transfer": {"phase_transfer"},
        "transfer-in-review": {"transferred_in"},
        "transfer-in-notice": {"transferred_in"},
        "transfer-out": {"move_out_known"},
        "amendment-comment-period": {"amendment_notice_issued"},
        "reassess-decision": {"reassessment_requested"},
        "reassessment-plan": {"reassessment_requested", "reassess_decision"},
    }
    for rule in rows:
        assert needs.get(rule, set()) <= types, rule
    if "advice" in rows:  # asked for an assessment or a re-assessment
        assert types & {"request_received", "reassessment_requested"}
    assert not (
        {"final-plan", "draft-comment-period"} & rows
        and not (
            "final_plan_issued" in types
            or any(e.type == "assess_decision" and e.outcome == "assess" for e in known)
        )
    )
    if "annual-review" in rows:
        assert types & {"final_plan_issued", "review_meeting"}


# --- counting --------------------------------------------------------------------------

any_day = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@PROPERTY
@given(any_day, st.integers(min_value=-240, max_value=240))
def test_add_months(start: date, n: int) -> None:
    result = add_months(start, n)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
    assert result.day <= start.day
    assert result.day == min(start.day, monthrange(result.year, result.month)[1])
    if start.day <= 28:
        assert result.day == start.day
        assert add_months(result, -n) == start  # a round trip returns home
    if n > 0:
        assert result > start
    # A fallen-back day never goes back further than the month's end.
    assert add_months(result, -n) <= start if n >= 0 else True


@PROPERTY
@given(any_day, st.integers(min_value=0, max_value=52))
def test_weeks_and_windows(start: date, n: int) -> None:
    assert add_weeks(start, n) >= start
    assert (add_weeks(start, n) - start).days == 7 * n
    assert add_weeks(start, n).weekday() == start.weekday()
    assert weeks_before(add_weeks(start, n), n) == start
    if n >= 1:
        assert window_close(start, n) >= start
        assert (window_close(start, n) - start).days + 1 == n  # n days including the first


@pytest.mark.parametrize("weeks", [53, 104, -1])
def test_add_weeks_is_plain_arithmetic_for_any_count(weeks: int) -> None:
    start = d("2026-01-05")
    assert add_weeks(start, weeks) == start + timedelta(days=7 * weeks)
    assert weeks_before(start, weeks) == start - timedelta(days=7 * weeks)


def test_add_months_falls_back_to_the_months_last_day() -> None:
    assert add_months(d("2024-02-29"), 12) == d("2025-02-28")
    assert add_months(d("2024-02-29"), 48) == d("2028-02-29")
    assert add_months(d("2026-01-31"), 1) == d("2026-02-28")
    assert add_months(d("2025-11-30"), 3) == d("2026-02-28")
    assert add_months(d("2026-08-31"), -2) == d("2026-06-30")


# --- a known order dependence ------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            ev("assess_decision", "2026-02-10", outcome="assess"),
            ev("assess_decision", "2026-02-10", outcome="refuse"),
        ),
        (
            ev("review_decision", "2026-03-10", outcome="amend"),
            ev("review_decision", "2026-03-10", outcome="maintain"),
        ),
        (
            ev("issue_decision", "2026-04-10", outcome="issue"),
            ev("issue_decision", "2026-04-10", outcome="not-issue"),
        ),
        (
            ev("advice_requested", "2026-02-02", discipline="Health"),
            ev("advice_requested", "2026-02-02", discipline="health "),
        ),
    ],
)
def test_same_day_conflicts_do_not_depend_on_event_order(first: Event, second: Event) -> None:
    base = [
        ev("request_received", "2026-01-05"),
        ev("assess_decision", "2026-01-20", outcome="assess")
        if first.type == "issue_decision"
        else ev("review_meeting", "2026-03-04"),
        ev("advice_received", "2026-02-20", discipline="HEALTH"),
    ]
    today = d("2026-06-01")
    assert evaluate([*base, first, second], today) == evaluate([*base, second, first], today)
