"""The service dashboard's KPIs: numerators, denominators, weeks, exceptions, the cases
behind each figure, and one query per KPI however many rows.

Rows are built by hand (``row``) with the status the clock would give as of TODAY, so each
test states exactly which deadlines exist. TODAY is a Tuesday: this week runs Monday 23 to
Sunday 29 November 2026, last week Monday 16 to Sunday 22.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

import pytest

from senda.casework.models import Case, CaseEvent, DeadlineRow
from senda.casework.returns import returns_report
from senda.clock.status import status as clock_status
from senda.people.models import Membership
from senda.performance.weekly import dashboard as kpis
from senda.performance.weekly.docs import main as docs_main
from senda.performance.weekly.docs import render as render_docs
from tests.factories import make_case, make_child, make_la, make_setting, make_user

TODAY = date(2026, 11, 24)
THIS_WEEK = kpis.Week(date(2026, 11, 23))
LAST_WEEK = kpis.Week(date(2026, 11, 16))
WEEK_BEFORE = kpis.Week(date(2026, 11, 9))


def row(case, rule, due, done=None, *, status=None, discipline=""):
    return DeadlineRow.objects.create(
        case=case,
        rule=rule,
        due=due,
        done=done,
        status=status or clock_status(due, done, TODAY),
        discipline=discipline,
        citation="reg",
        evaluated_for=TODAY,
    )


def figures(kpi_id, la, weeks=(WEEK_BEFORE, LAST_WEEK, THIS_WEEK), today=TODAY):
    series = kpis.series(kpis.KPIS[kpi_id], la, list(weeks), today)
    return {shown.week: shown for shown in series.figures}


def fig(point):
    figure = point.figure
    return (figure.numerator, figure.denominator)


@pytest.fixture
def la(db):
    return make_la()


@pytest.fixture
def case(la):
    return make_case(la=la)


# Weeks


def test_it_runs_weeks_from_monday_to_sunday():
    assert kpis.week_of(date(2026, 11, 22)) == LAST_WEEK  # a Sunday
    assert kpis.week_of(date(2026, 11, 23)) == THIS_WEEK  # a Monday
    assert LAST_WEEK.end == date(2026, 11, 22)
    assert THIS_WEEK.as_of(TODAY) == TODAY
    assert LAST_WEEK.as_of(TODAY) == date(2026, 11, 22)
    with pytest.raises(ValueError, match="Monday"):
        kpis.Week(date(2026, 11, 24))


def test_it_trends_over_the_last_12_weeks_ending_this_week():
    weeks = kpis.trend(TODAY)
    assert len(weeks) == kpis.TREND_WEEKS == 12
    assert weeks[-1] == THIS_WEEK
    assert weeks[0] == kpis.Week(THIS_WEEK.start - timedelta(weeks=11))
    assert all(b.start - a.start == timedelta(days=7) for a, b in itertools.pairwise(weeks))


# final-plan-20w


def test_final_plan_20w_counts_plans_issued_in_the_week_within_20_weeks(la, case):
    row(case, "final-plan", due=date(2026, 11, 20), done=date(2026, 11, 16))  # Monday: met
    row(case, "final-plan", due=date(2026, 11, 21), done=date(2026, 11, 22))  # Sunday: late
    row(case, "final-plan", due=date(2026, 11, 22), done=date(2026, 11, 22))  # due day: met
    row(case, "final-plan", due=date(2026, 11, 30), done=date(2026, 11, 15))  # week before
    row(case, "final-plan", due=date(2026, 11, 1), done=date(2026, 11, 23))  # this week
    row(case, "final-plan", due=date(2026, 11, 17))  # not issued: in no week
    points = figures("final-plan-20w", la)
    assert fig(points[LAST_WEEK]) == (2, 3)
    assert fig(points[WEEK_BEFORE]) == (1, 1)
    assert fig(points[THIS_WEEK]) == (0, 1)


def test_final_plan_20w_leaves_exception_cases_out_and_shows_them_beside(la, case):
    row(case, "final-plan", due=date(2026, 11, 20), done=date(2026, 11, 17))
    row(case, "final-plan", due=date(2026, 11, 1), done=date(2026, 11, 18), status="excepted")
    row(case, "final-plan", due=date(2026, 11, 30), done=date(2026, 11, 18), status="excepted")
    point = figures("final-plan-20w", la)[LAST_WEEK]
    assert fig(point) == (1, 1)
    with_exceptions = point.with_exceptions
    assert (with_exceptions.numerator, with_exceptions.denominator) == (2, 3)


def test_final_plan_20w_counts_only_the_local_areas_own_cases(la, case):
    row(make_case(la=make_la()), "final-plan", due=date(2026, 11, 20), done=date(2026, 11, 17))
    row(case, "final-plan", due=date(2026, 11, 10), done=date(2026, 11, 17))
    assert fig(figures("final-plan-20w", la)[LAST_WEEK]) == (0, 1)


# assess-decision-6w and advice-6w


def test_assess_decision_6w_counts_decisions_in_the_week_within_6_weeks(la, case):
    row(case, "assess-decision", due=date(2026, 11, 19), done=date(2026, 11, 19))
    row(case, "assess-decision", due=date(2026, 11, 12), done=date(2026, 11, 19))
    row(case, "assess-decision", due=date(2026, 11, 12), done=date(2026, 11, 20), status="excepted")
    row(case, "final-plan", due=date(2026, 11, 30), done=date(2026, 11, 19))  # another rule
    point = figures("assess-decision-6w", la)[LAST_WEEK]
    assert fig(point) == (1, 2)
    assert (point.with_exceptions.numerator, point.with_exceptions.denominator) == (1, 3)


def test_advice_6w_breaks_the_figure_down_by_discipline_whatever_its_case(la, case):
    row(case, "advice", date(2026, 11, 20), date(2026, 11, 18), discipline="education")
    row(case, "advice", date(2026, 11, 10), date(2026, 11, 18), discipline="Health")
    row(case, "advice", date(2026, 11, 20), date(2026, 11, 18), discipline="health")
    row(case, "advice", date(2026, 11, 20), date(2026, 11, 10), discipline="social care")
    point = figures("advice-6w", la)[LAST_WEEK]
    assert fig(point) == (2, 3)
    breakdown = {k: (v.numerator, v.denominator) for k, v in point.breakdown.items()}
    assert breakdown == {"education": (1, 1), "health": (1, 2), "social care": (0, 0)}


# reassess-decision-15d, reassessment-plan-14w and transfer-in-notice-6w (issue 12)


def test_reassess_decision_15d_counts_decisions_in_the_week_and_no_exceptions(la, case):
    row(case, "reassess-decision", due=date(2026, 11, 18), done=date(2026, 11, 18))  # due day
    row(case, "reassess-decision", due=date(2026, 11, 17), done=date(2026, 11, 19))  # late
    row(case, "reassess-decision", due=date(2026, 11, 10), status="lapsed")  # plan ended
    row(case, "reassess-decision", due=date(2026, 11, 20))  # not decided: in no week
    point = figures("reassess-decision-15d", la)[LAST_WEEK]
    assert fig(point) == (1, 2)
    assert point.with_exceptions is None
    kpi = kpis.KPIS["reassess-decision-15d"]
    [counted, missed] = kpis.groups(kpi, la, LAST_WEEK, TODAY)
    assert [(g.label, [r.done for r in g.rows]) for g in (counted, missed)] == [
        ("Within 15 days", [date(2026, 11, 18)]),
        ("After 15 days", [date(2026, 11, 19)]),
    ]


def test_reassessment_plan_14w_leaves_exception_cases_out_and_shows_them_beside(la, case):
    row(case, "reassessment-plan", due=date(2026, 11, 20), done=date(2026, 11, 17))
    row(case, "reassessment-plan", due=date(2026, 11, 16), done=date(2026, 11, 18))
    late = row(case, "reassessment-plan", date(2026, 11, 1), date(2026, 11, 18), status="excepted")
    row(case, "reassessment-plan", date(2026, 11, 30), date(2026, 11, 18), status="excepted")
    row(case, "reassessment-plan", due=date(2026, 11, 12), status="lapsed")  # plan ended first
    point = figures("reassessment-plan-14w", la)[LAST_WEEK]
    assert fig(point) == (1, 2)
    assert (point.with_exceptions.numerator, point.with_exceptions.denominator) == (2, 4)
    groups = kpis.groups(kpis.KPIS["reassessment-plan-14w"], la, LAST_WEEK, TODAY)
    by_part = {g.key: g.rows.count() for g in groups}
    assert by_part == {"counted": 1, "missed": 1, "excepted": 2}
    assert late.pk in {r.pk for g in groups if g.key == "excepted" for r in g.rows}


def test_transfer_in_notice_6w_counts_notices_due_in_the_week(la, case):
    row(case, "transfer-in-notice", due=date(2026, 11, 16), done=date(2026, 11, 2))  # early
    row(case, "transfer-in-notice", due=date(2026, 11, 18), done=date(2026, 11, 24))  # late
    row(case, "transfer-in-notice", due=date(2026, 11, 20))  # never told: overdue
    row(case, "transfer-in-notice", due=date(2026, 11, 21), status="lapsed")  # ended, not told
    row(case, "transfer-in-notice", due=TODAY)  # today, not told yet: may still be on time
    row(case, "transfer-in-notice", due=date(2026, 11, 23), done=date(2026, 11, 23))
    points = figures("transfer-in-notice-6w", la)
    assert fig(points[LAST_WEEK]) == (1, 4)
    assert fig(points[THIS_WEEK]) == (1, 1)
    kpi = kpis.KPIS["transfer-in-notice-6w"]
    [counted, missed, open_] = kpis.groups(kpi, la, THIS_WEEK, TODAY)
    assert (counted.rows.count(), missed.rows.count(), open_.rows.count()) == (1, 0, 1)
    assert open_.label == "Left out: due later, not told yet"


# annual-review-on-time


def test_annual_review_on_time_counts_reviews_due_in_the_week_held_by_the_due_date(la, case):
    row(case, "annual-review", due=date(2026, 11, 16), done=date(2026, 11, 2))  # held early
    row(case, "annual-review", due=date(2026, 11, 22), done=date(2026, 11, 22))  # on the day
    row(case, "transfer-in-review", due=date(2026, 11, 18), done=date(2026, 11, 20))  # late
    row(case, "annual-review", due=date(2026, 11, 20))  # not held: overdue
    row(case, "annual-review", due=date(2026, 11, 23), done=date(2026, 11, 16))  # this week
    points = figures("annual-review-on-time", la)
    assert fig(points[LAST_WEEK]) == (2, 4)
    assert fig(points[THIS_WEEK]) == (1, 1)


def test_annual_review_on_time_leaves_out_reviews_not_due_yet_this_week(la, case):
    row(case, "annual-review", due=date(2026, 11, 23))  # yesterday, not held: overdue
    row(case, "annual-review", due=TODAY)  # today, not held: may still be on time
    row(case, "annual-review", due=date(2026, 11, 29))  # Sunday, not held
    [counted, missed, open_] = kpis.groups(kpis.KPIS["annual-review-on-time"], la, THIS_WEEK, TODAY)
    assert fig(figures("annual-review-on-time", la)[THIS_WEEK]) == (0, 1)
    assert (counted.rows.count(), missed.rows.count(), open_.rows.count()) == (0, 1, 2)


# review-decision-4w, review-to-final-12w, review-logged-5wd

DONE_IN_WEEK_KPIS = [
    ("review-decision-4w", "review-decision"),
    ("review-to-final-12w", "review-to-final"),
    ("review-logged-5wd", "review-logged"),
]


@pytest.mark.parametrize(("kpi_id", "rule"), DONE_IN_WEEK_KPIS)
def test_review_step_kpis_count_steps_done_in_the_week_by_their_due_date(la, case, kpi_id, rule):
    row(case, rule, due=date(2026, 11, 16), done=date(2026, 11, 16))
    row(case, rule, due=date(2026, 11, 25), done=date(2026, 11, 22))
    row(case, rule, due=date(2026, 11, 15), done=date(2026, 11, 17))
    row(case, rule, due=date(2026, 11, 10))  # overdue, not done: in no week
    row(case, rule, due=date(2026, 11, 10), done=date(2026, 11, 15))  # week before
    row(case, "annual-review", due=date(2026, 11, 16), done=date(2026, 11, 16))  # other rule
    points = figures(kpi_id, la)
    assert fig(points[LAST_WEEK]) == (2, 3)
    assert fig(points[WEEK_BEFORE]) == (0, 1)


def test_review_logged_5wd_has_no_figure_when_the_area_switches_the_standard_off(la, case):
    # No review-logged rows exist when the local standard is off: the figure is empty.
    point = figures("review-logged-5wd", la)[LAST_WEEK]
    assert fig(point) == (0, 0)
    assert point.figure.percent is None


# overdue-reviews


def test_overdue_reviews_counts_reviews_overdue_at_the_end_of_each_week(la, case):
    row(case, "annual-review", due=date(2026, 11, 21))  # Saturday: overdue by Sunday
    row(case, "annual-review", due=date(2026, 11, 22))  # Sunday itself: overdue from Monday
    row(case, "annual-review", due=date(2026, 11, 10), done=date(2026, 11, 23))  # held later
    row(case, "transfer-in-review", due=date(2026, 11, 1), done=date(2026, 11, 20))  # held
    row(case, "review-decision", due=date(2026, 11, 1))  # not a review meeting
    points = figures("overdue-reviews", la)
    assert points[WEEK_BEFORE].figure.numerator == 2  # 10 Nov and 1 Nov rows on 15 Nov
    assert points[LAST_WEEK].figure.numerator == 2  # 21 Nov and 10 Nov rows on 22 Nov
    assert points[THIS_WEEK].figure.numerator == 2  # 21 Nov and 22 Nov rows today
    assert points[THIS_WEEK].figure.denominator is None


def test_overdue_reviews_this_week_agrees_with_todays_statuses(la, case):
    for days in (1, 2, 30, 200, 400):
        row(case, "annual-review", due=TODAY - timedelta(days=days))
    row(case, "annual-review", due=TODAY)
    row(case, "annual-review", due=TODAY - timedelta(days=3), done=TODAY)
    stored = DeadlineRow.objects.filter(rule="annual-review", status="overdue").count()
    assert figures("overdue-reviews", la)[THIS_WEEK].figure.numerator == stored == 5


def test_overdue_reviews_bands_how_long_overdue(la, case):
    sunday = LAST_WEEK.end
    for days in (1, 28, 29, 91, 92, 182, 183, 364, 365, 1000):
        row(case, "annual-review", due=sunday - timedelta(days=days))
    bands = figures("overdue-reviews", la)[LAST_WEEK].breakdown
    assert {label: f.numerator for label, f in bands.items()} == {
        "Up to 4 weeks": 2,
        "4 to 13 weeks": 2,
        "13 to 26 weeks": 2,
        "26 to 52 weeks": 2,
        "52 weeks or more": 2,
    }


# setting-returns-on-time and caseload-at-target


def test_setting_returns_on_time_agrees_with_the_settings_returns_page(la):
    setting = make_setting(la)
    at_school = make_case(make_child(la, setting=setting))
    closed = make_case(make_child(la, setting=setting), status=Case.Status.CLOSED)
    home = make_case(la=la)  # no setting: not a setting's return
    row(at_school, "review-report", due=date(2026, 11, 16), done=date(2026, 11, 16))
    row(at_school, "review-report", due=date(2026, 11, 17), done=date(2026, 11, 24))
    row(at_school, "review-report", due=date(2026, 11, 18))  # missing
    row(closed, "review-report", due=date(2026, 11, 18))  # missing, closed: left out
    row(closed, "review-report", due=date(2026, 11, 19), done=date(2026, 11, 19))
    row(home, "review-report", due=date(2026, 11, 19), done=date(2026, 11, 19))
    row(at_school, "review-report", due=date(2026, 11, 26))  # this week, awaiting
    total = returns_report(la, LAST_WEEK.start, LAST_WEEK.end, today=TODAY).total
    points = figures("setting-returns-on-time", la)
    assert fig(points[LAST_WEEK]) == (total.on_time, total.due_so_far) == (2, 4)
    assert fig(points[THIS_WEEK]) == (0, 0)


def test_caseload_at_target_counts_officers_now_and_keeps_no_history(db):
    la = make_la(caseload_target=2)
    at_target, over, part_time = (make_user("case_officer", la) for _ in range(3))
    make_user("team_manager", la)  # not a case officer
    Membership.objects.filter(user=part_time).update(caseload_target=1)
    for officer, cases in ((at_target, 2), (over, 3), (part_time, 2)):
        for _ in range(cases):
            make_case(la=la, officer=officer)
    points = figures("caseload-at-target", la)
    assert fig(points[THIS_WEEK]) == (1, 3)
    assert points[LAST_WEEK].figure is None
    [counted, missed] = kpis.groups(kpis.KPIS["caseload-at-target"], la, THIS_WEEK, TODAY)
    assert [load.officer_id for load in counted.rows] == [at_target.pk]
    assert {load.officer_id for load in missed.rows} == {over.pk, part_time.pk}


# The cases behind each figure


def a_bit_of_everything(la):
    case = make_case(make_child(la, setting=make_setting(la)))
    for rule in (
        "final-plan",
        "assess-decision",
        "advice",
        "review-decision",
        "reassess-decision",
        "reassessment-plan",
    ):
        row(case, rule, date(2026, 11, 18), date(2026, 11, 17), discipline="health")
        row(case, rule, date(2026, 11, 12), date(2026, 11, 19), discipline="education")
        row(case, rule, date(2026, 11, 12), date(2026, 11, 19), status="excepted")
    for rule in ("review-to-final", "review-logged", "review-report", "transfer-in-notice"):
        row(case, rule, date(2026, 11, 18), date(2026, 11, 17))
        row(case, rule, date(2026, 11, 19), date(2026, 11, 20))
        row(case, rule, date(2026, 11, 19))
    row(case, "reassessment-plan", date(2026, 11, 16), status="lapsed")  # never final
    row(case, "transfer-in-notice", date(2026, 11, 20), status="lapsed")  # never told
    for due in (date(2026, 11, 16), date(2026, 11, 20), date(2026, 10, 1), TODAY):
        row(case, "annual-review", due)
    row(case, "annual-review", date(2026, 11, 17), date(2026, 11, 17))
    return case


ROW_KPIS = [k for k in kpis.KPIS if kpis.KPIS[k].kind != "now"]


@pytest.mark.parametrize("kpi_id", ROW_KPIS)
@pytest.mark.parametrize("week", [LAST_WEEK, THIS_WEEK])
def test_the_cases_behind_a_figure_match_it(la, kpi_id, week):
    a_bit_of_everything(la)
    kpi = kpis.KPIS[kpi_id]
    point = figures(kpi_id, la)[week]
    by_part = {group.key: group.rows.count() for group in kpis.groups(kpi, la, week, TODAY)}
    assert by_part["counted"] == point.figure.numerator
    if kpi.kind == "rate":
        assert by_part["counted"] + by_part["missed"] == point.figure.denominator
    if point.with_exceptions is not None:
        assert point.with_exceptions.denominator == point.figure.denominator + by_part["excepted"]


def test_the_cases_behind_a_figure_are_not_all_zero(la):
    """Guards the test above: the shared data gives every part of a rate some rows."""
    a_bit_of_everything(la)
    groups = kpis.groups(kpis.KPIS["final-plan-20w"], la, LAST_WEEK, TODAY)
    assert {g.key: g.rows.count() for g in groups} == {"counted": 1, "missed": 1, "excepted": 1}


# Rows written by the clock, not by hand


def test_it_reads_the_rows_the_clock_writes(la, case):
    from senda.casework.deadlines import refresh_deadlines

    user = make_user("case_officer", la)
    requested = date(2026, 7, 6)
    for kind, on, outcome in (
        ("request_received", requested, ""),
        ("assess_decision", date(2026, 8, 10), "assess"),
        ("final_plan_issued", date(2026, 11, 18), ""),
    ):
        CaseEvent.objects.create(case=case, type=kind, on=on, outcome=outcome, recorded_by=user)
    refresh_deadlines(case, today=TODAY)
    points = figures("final-plan-20w", la)
    assert fig(points[LAST_WEEK]) == (1, 1)  # due 23 Nov (request + 20 weeks), issued 18 Nov
    decided = figures("assess-decision-6w", la, weeks=[kpis.week_of(date(2026, 8, 10))])
    assert [fig(p) for p in decided.values()] == [(1, 1)]


# The registry and its generated reference


def test_every_kpi_has_a_definition_naming_its_measure_and_period():
    assert list(kpis.KPIS) == [
        "final-plan-20w",
        "assess-decision-6w",
        "advice-6w",
        "reassess-decision-15d",
        "reassessment-plan-14w",
        "transfer-in-notice-6w",
        "annual-review-on-time",
        "review-decision-4w",
        "review-to-final-12w",
        "review-logged-5wd",
        "overdue-reviews",
        "setting-returns-on-time",
        "caseload-at-target",
    ]
    for kpi in kpis.KPIS.values():
        assert "Period:" in kpi.weekly_text, kpi.id
        assert ("Numerator:" in kpi.weekly_text) == (kpi.kind != "count"), kpi.id
        assert kpi.statute and kpi.summary


def test_the_dashboard_reference_is_generated_from_the_registry():
    path = Path(__file__).parents[2] / "docs" / "service-dashboard.md"
    assert path.read_text(encoding="utf-8") == render_docs()
    assert docs_main(["--check", str(path)]) == 0


# Speed: one query per KPI, however many rows or weeks


@pytest.mark.parametrize("kpi_id", list(kpis.KPIS))
def test_it_takes_one_query_per_kpi_for_all_12_weeks(la, kpi_id, django_assert_num_queries):
    weeks = kpis.trend(TODAY)
    a_bit_of_everything(la)
    with django_assert_num_queries(1):
        kpis.series(kpis.KPIS[kpi_id], la, weeks, TODAY)
    for _ in range(5):
        a_bit_of_everything(la)
        make_user("case_officer", la)
    with django_assert_num_queries(1):
        kpis.series(kpis.KPIS[kpi_id], la, weeks, TODAY)
