"""The reviews a setting has due this term and next, and where each has got to."""

from __future__ import annotations

from datetime import date

import pytest

from senda.casework import actions
from senda.casework.models import CaseEvent, DeadlineRow
from senda.kernel import ActionError
from senda.portal import report_actions
from senda.portal.reviews import (
    cycle_event_rows,
    cycle_events,
    end_of_next_term,
    review_steps,
    reviews_due,
    term_of,
)
from tests.factories import make_setting
from tests.portal.review_flows import DUE, TODAY, planned_case


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (date(2026, 9, 1), (date(2026, 9, 1), date(2026, 12, 31))),
        (date(2026, 12, 31), (date(2026, 9, 1), date(2026, 12, 31))),
        (date(2027, 1, 1), (date(2027, 1, 1), date(2027, 3, 31))),
        (date(2027, 3, 31), (date(2027, 1, 1), date(2027, 3, 31))),
        (date(2027, 4, 1), (date(2027, 4, 1), date(2027, 8, 31))),
        (date(2027, 8, 31), (date(2027, 4, 1), date(2027, 8, 31))),
    ],
)
def test_it_knows_the_terms(day, term) -> None:
    assert term_of(day) == term


def test_next_term_ends_after_this_one() -> None:
    assert end_of_next_term(date(2026, 10, 1)) == date(2027, 3, 31)
    assert end_of_next_term(date(2027, 2, 1)) == date(2027, 8, 31)
    assert end_of_next_term(date(2027, 6, 1)) == date(2027, 12, 31)


def test_it_lists_reviews_due_by_the_end_of_next_term_overdue_first(personas) -> None:
    soon = planned_case(personas)  # due 3 March 2026
    later = planned_case(personas, issued=date(2025, 8, 20))  # due 20 August 2026
    too_far = planned_case(personas, issued=date(2025, 9, 2))  # due 2 September 2026
    late = planned_case(personas, issued=date(2025, 1, 6))  # due 6 January 2026: overdue
    tasks = reviews_due([personas.setting.pk], TODAY)
    assert [t.case_id for t in tasks] == [late.pk, soon.pk, later.pk]
    assert [t.overdue for t in tasks] == [True, False, False]
    assert tasks[1].due_on == DUE
    assert too_far.pk not in {t.case_id for t in tasks}


def test_it_lists_overdue_reviews_however_old(personas) -> None:
    old = planned_case(personas, issued=date(2023, 3, 3))  # due March 2024, never held
    assert [t.case_id for t in reviews_due([personas.setting.pk], TODAY)] == [old.pk]


def test_it_lists_only_the_settings_pupils_and_open_cases(personas) -> None:
    ours = planned_case(personas)
    planned_case(personas, setting=make_setting(personas.la))
    closed = planned_case(personas)
    closed.status = "closed"
    closed.save()
    assert [t.case_id for t in reviews_due([personas.setting.pk], TODAY)] == [ours.pk]


def test_it_keeps_a_review_listed_until_its_report_is_sent(personas, today_is) -> None:
    today_is(TODAY)
    case = planned_case(personas)
    actions.record_review_meeting(case=case, on=date(2026, 2, 5), by=personas.senco)
    [task] = reviews_due([personas.setting.pk], TODAY)
    assert task.is_report_due and task.due_on == date(2026, 2, 19)
    states = {s.slug: s.state for s in task.steps}
    assert states["meeting"] == "completed"
    assert states["report"] == "not-started"
    actions.record_review_report(case=case, on=TODAY, by=personas.senco)
    assert reviews_due([personas.setting.pk], TODAY) == []


def test_it_shows_each_step(personas, today_is) -> None:
    today_is(TODAY)
    case = planned_case(personas)
    report = report_actions.start_report(case=case, by=personas.senco)
    [task] = reviews_due([personas.setting.pk], TODAY)
    assert [(s.slug, s.state) for s in task.steps] == [
        ("meeting-date", "not-started"),
        ("invitations", "cannot-start"),
        ("advice", "not-started"),
        ("meeting", "cannot-start"),
        ("report", "not-started"),
    ]
    report_actions.set_meeting_date(report=report, on=date(2026, 2, 20), by=personas.senco)
    report_actions.record_invitations_sent(report=report, on=date(2026, 2, 9), by=personas.senco)
    report_actions.save_section(
        report=report,
        section="advice",
        answers={"health_advice": "yes", "social_care_advice": "no"},
        done=True,
        by=personas.senco,
    )
    [task] = reviews_due([personas.setting.pk], TODAY)
    steps = {s.slug: s for s in task.steps}
    assert steps["meeting-date"].state == "completed"
    assert steps["meeting-date"].note == "20 February 2026"
    assert steps["invitations"].state == "completed"
    assert steps["invitations"].warning, "11 days is less than 2 weeks' notice"
    assert "less than 2 weeks" in steps["invitations"].note
    assert steps["advice"].state == "completed"
    assert steps["meeting"].state == "not-started"
    assert task.report == report


def test_it_does_not_flag_two_weeks_notice(personas, today_is) -> None:
    today_is(TODAY)
    report = report_actions.start_report(case=planned_case(personas), by=personas.senco)
    report_actions.set_meeting_date(report=report, on=date(2026, 2, 20), by=personas.senco)
    report_actions.record_invitations_sent(report=report, on=date(2026, 2, 6), by=personas.senco)
    [task] = reviews_due([personas.setting.pk], TODAY)
    invitations = {s.slug: s for s in task.steps}["invitations"]
    assert invitations.state == "completed" and not invitations.warning


def test_it_counts_an_officers_record_of_the_steps(personas, today_is) -> None:
    today_is(TODAY)
    case = planned_case(personas)
    by = personas.case_officer
    actions.record_review_invitations(case=case, on=date(2026, 1, 5), by=by)
    actions.record_review_advice_circulated(case=case, on=date(2026, 1, 12), by=by)
    [task] = reviews_due([personas.setting.pk], TODAY)
    states = {s.slug: s.state for s in task.steps}
    assert states["invitations"] == states["advice"] == "completed"


def test_it_reads_the_list_in_a_few_queries(personas, django_assert_max_num_queries) -> None:
    for _ in range(2):
        report_actions.start_report(case=planned_case(personas), by=personas.senco, today=TODAY)
    with django_assert_max_num_queries(4):
        assert len(reviews_due([personas.setting.pk], TODAY)) == 2
    for _ in range(6):
        report_actions.start_report(case=planned_case(personas), by=personas.senco, today=TODAY)
    with django_assert_max_num_queries(4):
        tasks = reviews_due([personas.setting.pk], TODAY)
        assert len(tasks) == 8
        assert all(t.child.family_name for t in tasks)


def test_the_rows_come_from_the_clock(personas) -> None:
    case = planned_case(personas)
    row = DeadlineRow.objects.get(case=case, rule="annual-review")
    assert (row.due, row.status) == (DUE, "pending")


def test_it_reads_only_the_review_under_way(personas, today_is) -> None:
    """Earlier reviews' steps are not read back (a case with years of reviews would bring
    them all), and the steps of the review under way still show."""
    today_is(TODAY)
    case = planned_case(personas, issued=date(2024, 3, 4))
    by = personas.case_officer
    old = [
        actions.record_review_invitations(case=case, on=date(2025, 1, 20), by=by),
        actions.record_review_meeting(case=case, on=date(2025, 2, 24), by=by),
    ]
    decision = actions.record_review_decision(
        case=case, on=date(2025, 3, 10), outcome="maintain", by=by
    )
    new = actions.record_review_invitations(case=case, on=date(2026, 1, 26), by=by)
    read = list(cycle_event_rows([case.pk]))
    assert [e.pk for e in read] == [decision.pk, new.pk]
    assert not {e.pk for e in old} & {e.pk for e in read}
    [task] = reviews_due([personas.setting.pk], TODAY)
    states = {s.slug: s.state for s in task.steps}
    assert states["invitations"] == "completed"
    assert states["meeting"] == "cannot-start", "last year's meeting is not this review's"


def test_an_officers_invitations_show_as_done_and_are_not_recorded_twice(
    personas, today_is
) -> None:
    today_is(TODAY)
    case = planned_case(personas)
    actions.record_review_invitations(case=case, on=date(2026, 1, 22), by=personas.case_officer)
    [task] = reviews_due([personas.setting.pk], TODAY)
    steps = {s.slug: s for s in task.steps}
    assert (steps["invitations"].state, steps["invitations"].note) == (
        "completed",
        "Sent 22 January 2026",
    )
    assert steps["meeting-date"].state != "not-started", "invitations went out for a meeting"
    report = report_actions.start_report(case=case, by=personas.senco)
    assert report.invitations_sent_on == date(2026, 1, 22), "start_report takes the date"
    with pytest.raises(ActionError, match="already recorded as sent on 22 January 2026"):
        report_actions.record_invitations_sent(
            report=report, on=date(2026, 2, 9), by=personas.senco
        )
    events = CaseEvent.objects.current().filter(case=case, type="review_invitations_sent")
    assert [e.on for e in events] == [date(2026, 1, 22)]
    report.refresh_from_db()
    assert report.invitations_sent_on == date(2026, 1, 22)


def test_a_recorded_meeting_sets_the_meeting_date(personas, today_is) -> None:
    today_is(TODAY)
    case = planned_case(personas)
    actions.record_review_meeting(case=case, on=date(2026, 2, 3), by=personas.case_officer)
    [task] = reviews_due([personas.setting.pk], TODAY)
    steps = {s.slug: s for s in task.steps}
    assert (steps["meeting-date"].state, steps["meeting-date"].note) == (
        "completed",
        "3 February 2026",
    )
    assert steps["meeting"].state == "completed"
    report = report_actions.start_report(case=case, by=personas.senco)
    assert report.meeting_on == date(2026, 2, 3)


def test_no_later_step_done_with_an_earlier_one_not_started(personas, today_is) -> None:
    today_is(TODAY)
    case = planned_case(personas)
    by = personas.case_officer
    actions.record_review_meeting(case=case, on=date(2026, 2, 3), by=by)
    actions.record_review_report(case=case, on=date(2026, 2, 6), by=by)
    states = [(s.slug, s.state) for s in review_steps(None, cycle_events(case), TODAY)]
    assert dict(states)["report"] == "completed"
    assert dict(states)["meeting"] == dict(states)["meeting-date"] == "completed"
    for meeting_slug in ("meeting-date", "meeting"):
        assert dict(states)[meeting_slug] != "not-started"


def test_invitations_recorded_after_the_report_started_are_adopted(personas, today_is) -> None:
    today_is(TODAY)
    case = planned_case(personas)
    report = report_actions.start_report(case=case, by=personas.senco)
    actions.record_review_invitations(case=case, on=date(2026, 1, 22), by=personas.case_officer)
    report = report_actions.record_invitations_sent(
        report=report, on=date(2026, 2, 9), by=personas.senco
    )
    assert report.invitations_sent_on == date(2026, 1, 22)
    events = CaseEvent.objects.current().filter(case=case, type="review_invitations_sent")
    assert [e.on for e in events] == [date(2026, 1, 22)]
    with pytest.raises(ActionError, match="after the invitations were sent"):
        report_actions.set_meeting_date(report=report, on=date(2026, 1, 15), by=personas.senco)


def test_a_meeting_recorded_on_the_case_cannot_be_moved_from_the_report(personas, today_is) -> None:
    today_is(TODAY)
    case = planned_case(personas)
    report = report_actions.start_report(case=case, by=personas.senco)
    actions.record_review_meeting(case=case, on=date(2026, 2, 3), by=personas.case_officer)
    with pytest.raises(ActionError, match="The meeting is recorded"):
        report_actions.set_meeting_date(report=report, on=date(2026, 2, 20), by=personas.senco)
    assert report_actions.start_report(case=case, by=personas.senco).meeting_on == date(2026, 2, 3)


def test_a_history_report_receipt_reads_as_a_meeting_held(personas, today_is) -> None:
    """History may hold a report's receipt without its meeting: the meeting was held, only
    its date is missing, so no step before the report reads "not started"."""
    today_is(TODAY)
    case = planned_case(personas)
    CaseEvent.objects.create(
        case=case,
        type="review_report_received",
        on=date(2026, 2, 6),
        recorded_by=personas.case_officer,
    )
    states = {s.slug: s.state for s in review_steps(None, cycle_events(case), TODAY)}
    assert states["report"] == states["meeting"] == "completed"
    assert states["meeting-date"] == "incomplete"
