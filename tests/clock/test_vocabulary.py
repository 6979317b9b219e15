"""The clock's vocabulary (``senda.clock``): the statuses of a deadline row, the open ones,
the rule ids and their named groups. Every room spells them by these names."""

from __future__ import annotations

from datetime import date

from clock_cases import ev

import senda.clock as clock
from senda.clock.model import Status
from senda.clock.rules import RULES
from senda.clock.status import MEANINGS, status


def test_it_names_every_status_the_type_allows_and_what_each_means():
    assert Status.__args__ == clock.STATUSES
    assert clock.STATUSES[:4] == (clock.MET, clock.LATE, clock.PENDING, clock.OVERDUE)
    assert clock.STATUSES[4:] == (clock.EXCEPTED, clock.BREACHED, clock.LAPSED)
    assert list(MEANINGS) == list(clock.STATUSES)


def test_it_calls_a_deadline_still_owed_open():
    assert {"pending", "overdue"} == clock.OPEN
    assert status(date(2026, 3, 1), None, date(2026, 2, 1)) in clock.OPEN
    assert status(date(2026, 3, 1), None, date(2026, 4, 1)) in clock.OPEN
    assert status(date(2026, 3, 1), date(2026, 2, 1), date(2026, 4, 1)) not in clock.OPEN


def test_every_status_the_clock_gives_is_in_its_vocabulary():
    events = [
        ev("request_received", "2024-10-14"),
        ev("exception", "2024-10-20", ground="personal-circumstances"),
        ev("assess_decision", "2024-11-18", outcome="assess"),
        ev("draft_plan_issued", "2025-02-10"),
        ev("final_plan_issued", "2025-02-12"),
        ev("plan_ceased", "2026-06-01"),
    ]
    rows = clock.evaluate(events, date(2026, 7, 1))
    assert {row.status for row in rows} <= set(clock.STATUSES)
    assert {row.status for row in rows} >= {"excepted", "breached", "lapsed"}


def test_it_names_groups_of_rule_ids_from_the_catalogue():
    assert tuple(RULES) == clock.RULE_IDS
    groups = (
        clock.EXCEPTABLE_RULES,
        clock.LOCAL_RULES,
        clock.REVIEW_DUE_RULES,
        clock.REVIEW_CYCLE_RULES,
    )
    for group in groups:
        assert set(group) <= set(clock.RULE_IDS)
    assert clock.EXCEPTABLE_RULES == (
        "assess-decision",
        "advice",
        "no-issue-notice",
        "final-plan",
        "reassessment-plan",
    )
    assert {"review-logged", "under-five-review"} | set(clock.COMPLAINT_RULES) == clock.LOCAL_RULES
    assert set(clock.DISAGREEMENT_RULES) <= set(clock.RULE_IDS)
    assert set(clock.CASE_RULES).isdisjoint(clock.DISAGREEMENT_RULES)
    assert {"annual-review", "transfer-in-review"} == clock.REVIEW_DUE_RULES
    assert clock.REVIEW_DUE_RULES < clock.REVIEW_CYCLE_RULES
    assert {r for r in clock.RULE_IDS if r.startswith("review-")} < clock.REVIEW_CYCLE_RULES
