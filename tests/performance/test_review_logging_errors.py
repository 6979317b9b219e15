"""review-logging-errors from recorded steps and their corrections, end to end: the actions
record and correct, ``senda tick`` counts, ``read`` gives the month's figure."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from senda.casework import actions
from senda.casework.actions.corrections import correct_event, withdraw_event
from senda.casework.models import CaseEvent
from senda.performance import kpi_figures, tick
from senda.performance.periods import containing
from tests.casework.flows import with_plan

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
MARCH = containing(date(2026, 3, 1), "month")
TODAY = date(2026, 6, 1)


def recorded(event: CaseEvent, *at: int) -> CaseEvent:
    """Say ``event`` was recorded at that local time (year, month, day, hour, minute)."""
    CaseEvent.objects.filter(pk=event.pk).update(recorded_at=datetime(*at, tzinfo=LONDON))
    return CaseEvent.objects.get(pk=event.pk)


def figure(la, period) -> tuple:
    value = kpi_figures.value(la, "review-logging-errors", period)
    return (value.numerator, value.denominator, value.value)


@pytest.fixture
def logged(personas):
    """The personas' first annual review, its steps recorded over late February to early
    April; some corrected or withdrawn (by a manager, as they were recorded long ago)."""
    case, officer, manager = personas.case, personas.case_officer, personas.team_manager
    with_plan(case, officer)

    def step(record, on: date, **fields):
        return record(case=case, on=on, by=officer, today=on, **fields)

    invitations = step(actions.record_review_invitations, date(2026, 2, 10))
    meeting = step(actions.record_review_meeting, date(2026, 3, 2))
    twice = CaseEvent.objects.create(  # the same meeting recorded again, by mistake
        case=case, type="review_meeting", on=date(2026, 3, 2), recorded_by=officer
    )
    report = step(actions.record_review_report, date(2026, 3, 10))
    logged = step(actions.record_review_logged, date(2026, 3, 12))
    decision = step(actions.record_review_decision, date(2026, 3, 20), outcome="maintain")
    request = case.events.get(type="request_received")

    recorded(invitations, 2026, 2, 28, 23, 59)  # the day before March
    recorded(meeting, 2026, 3, 1, 0, 0)  # its first day
    recorded(twice, 2026, 3, 20, 9, 0)
    recorded(report, 2026, 3, 15, 9, 0)
    recorded(logged, 2026, 3, 31, 23, 59)  # its last day (British Summer Time)
    recorded(decision, 2026, 4, 1, 0, 0)  # the day after (still 31 March in UTC)
    recorded(request, 2026, 3, 10, 9, 0)  # not an annual-review step

    def fix(event: CaseEvent, on: date) -> None:
        event = CaseEvent.objects.get(pk=event.pk)
        new = correct_event(event=event, on=on, reason="Wrong date", by=manager, today=TODAY)
        recorded(new, 2026, 3, 25, 9, 0)  # a replacement is not a step recorded again

    withdraw_event(event=twice, reason="Recorded twice", by=manager, today=TODAY)
    fix(meeting, date(2026, 3, 3))
    fix(logged, date(2026, 3, 13))
    fix(invitations, date(2026, 2, 11))
    fix(request, date(2024, 10, 15))
    return personas.la


def test_it_counts_the_months_review_steps_corrected_or_withdrawn_of_those_recorded(
    logged,
) -> None:
    tick.run(logged, [date(2026, 3, 31), date(2026, 4, 30), TODAY], today=TODAY)
    # Recorded in March: the meeting (1st, corrected), the second meeting (withdrawn), the
    # report and the logging (31st, corrected); not the invitations (28 February, corrected),
    # the decision (1 April), the replacements or the corrected request.
    assert figure(logged, MARCH) == (3, 4, 75)
    assert figure(logged, containing(date(2026, 3, 1), "quarter")) == (4, 5, 80)
    assert figure(logged, containing(date(2026, 4, 1), "month")) == (0, 1, 0)


def test_it_counts_only_the_steps_recorded_by_the_day_the_figure_is_taken(logged) -> None:
    tick.run(logged, [date(2026, 3, 15)], today=TODAY)
    assert figure(logged, MARCH) == (1, 2, 50)  # the meeting and the report


def test_a_months_figure_takes_in_a_correction_made_after_it_ended(logged, personas) -> None:
    tick.run(logged, [date(2026, 3, 31), TODAY], today=TODAY)
    assert figure(logged, MARCH) == (3, 4, 75)
    report = personas.case.events.current().get(type="review_report_received")
    correct_event(
        event=report,
        on=date(2026, 3, 11),
        reason="Wrong date",
        by=personas.team_manager,
        today=TODAY,
    )
    tick.run(logged, [TODAY], today=TODAY)  # the nightly run rebuilds 31 March
    assert figure(logged, MARCH) == (4, 4, 100)


def test_it_is_lower_is_better_and_names_the_steps_it_counts() -> None:
    from senda.performance import catalogue

    entry = catalogue.get("review-logging-errors")
    assert (entry.unit, entry.higher_is_better, entry.area) == ("percent", False, "reviews")
    assert set(entry.corrected_steps) == {
        "review_invitations_sent",
        "review_advice_circulated",
        "review_meeting",
        "review_report_received",
        "review_logged",
        "review_decision",
    }
    assert "first recorded" in entry.definition and "settles later" in entry.definition
