from __future__ import annotations

from datetime import date

import senda.clock as clock
from senda.casework.deadlines import refresh_deadlines
from senda.casework.models import CaseEvent, DeadlineRow
from tests.casework.flows import assessing


def _add(case, type: str, on: date, by, **fields) -> None:
    CaseEvent.objects.create(case=case, type=type, on=on, recorded_by=by, **fields)


def test_it_stores_exactly_what_the_clock_answers(personas) -> None:
    case, by = personas.case, personas.case_officer
    _add(case, "request_received", date(2026, 1, 5), by)
    _add(case, "review_meeting", date(2026, 3, 4), by)
    today = date(2026, 3, 20)
    rows = refresh_deadlines(case, today=today)
    expected = clock.evaluate(
        [
            clock.Event("request_received", date(2026, 1, 5)),
            clock.Event("review_meeting", date(2026, 3, 4)),
        ],
        today,
        child=clock.Child(date_of_birth=personas.child.date_of_birth),
    )
    stored = [
        clock.Deadline(r.rule, r.due, r.done, r.status, r.citation, r.discipline or None)
        for r in DeadlineRow.objects.filter(case=case).order_by("id")
    ]
    assert stored == expected
    assert len(rows) == len(expected)
    assert {r.evaluated_for for r in DeadlineRow.objects.all()} == {today}
    due = {r.rule: r.due for r in rows}
    assert due["assess-decision"] == date(2026, 2, 16)
    assert due["review-report"] == date(2026, 3, 18)
    assert due["review-decision"] == date(2026, 4, 1)


def test_it_replaces_a_cases_rows_and_leaves_other_cases_alone(personas) -> None:
    case, by = assessing(personas.case, personas.case_officer), personas.case_officer
    other = assessing(
        type(case).objects.create(la=case.la, child=case.child, opened_on=case.opened_on), by
    )
    other_rows = set(other.deadlines.values_list("id", flat=True))
    first = {r.pk for r in refresh_deadlines(case, today=date(2026, 2, 20))}
    refresh_deadlines(case, today=date(2026, 6, 1))
    assert not case.deadlines.filter(pk__in=first).exists()
    assert case.deadlines.get(rule="final-plan").status == "overdue"
    assert set(other.deadlines.values_list("id", flat=True)) == other_rows


def test_it_builds_clock_events_from_case_events(personas) -> None:
    case, by = personas.case, personas.case_officer
    _add(case, "exception", date(2026, 1, 9), by, ground="absent-from-area", applies_to=None)
    _add(case, "request_received", date(2026, 1, 5), by)
    assert case.clock_events() == [
        clock.Event("request_received", date(2026, 1, 5)),
        clock.Event("exception", date(2026, 1, 9), ground="absent-from-area"),
    ]
