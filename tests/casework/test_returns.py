"""Settings' returns: review reports due, received on time or late, or missing, per setting."""

from __future__ import annotations

from datetime import date, timedelta

from senda.casework.models import Case, DeadlineRow
from senda.casework.returns import returns_by_setting, returns_report
from tests.factories import make_case, make_child, make_la, make_setting

TODAY = date(2026, 3, 2)
START, END = date(2026, 1, 1), TODAY


def report(setting, due, done=None, *, status=None, rule="review-report", **case_fields):
    la = setting.la if setting else case_fields.pop("la")
    case = make_case(make_child(la, setting=setting), **case_fields)
    return DeadlineRow.objects.create(
        case=case,
        rule=rule,
        due=due,
        done=done,
        status=status or "pending",
        citation="reg 20(7)",
        evaluated_for=TODAY,
    )


def day(n):
    return date(2026, 2, 1) + timedelta(days=n)


def test_it_counts_each_settings_returns(db):
    la = make_la()
    school = make_setting(la, name="Harbour Primary")
    report(school, day(0), day(0))  # on time (same day)
    report(school, day(1), day(0))  # on time (early)
    report(school, day(0), day(5))  # 5 days late
    report(school, day(0))  # missing: 29 days by today
    report(school, TODAY)  # due today: not yet due
    (row,) = returns_by_setting(la, START, END, today=TODAY)
    assert (row.setting_id, row.name) == (school.pk, "Harbour Primary")
    assert (row.expected, row.on_time, row.late, row.missing, row.awaiting) == (5, 2, 1, 1, 1)
    assert (row.due_so_far, row.share_on_time) == (4, 0.5)
    assert (row.median_days_late, row.max_days_late) == (17, 29)


def test_it_leaves_out_what_is_not_a_settings_return_in_the_period(db):
    la = make_la()
    school = make_setting(la)
    report(school, day(0), day(0))
    report(school, date(2025, 12, 31), day(0))  # due before the period
    report(school, day(0), day(0), rule="review-decision")  # another rule
    report(None, day(0), la=la)  # a child with no setting
    report(make_setting(make_la()), day(0))  # another area's child and setting
    closed = report(school, day(0))
    Case.objects.filter(pk=closed.case_id).update(status=Case.Status.CLOSED)  # no longer chased
    late_then_closed = report(school, day(0), day(3))
    Case.objects.filter(pk=late_then_closed.case_id).update(status=Case.Status.CLOSED)
    (row,) = returns_by_setting(la, START, END, today=TODAY)
    assert (row.expected, row.on_time, row.late, row.missing) == (2, 1, 1, 0)


def test_it_ends_the_period_on_the_end_date(db):
    la = make_la()
    school = make_setting(la)
    report(school, day(10))
    assert returns_by_setting(la, START, day(9), today=TODAY) == []
    assert returns_by_setting(la, day(10), day(10), today=TODAY)[0].missing == 1


def test_it_puts_the_settings_with_most_late_or_missing_first(db):
    la = make_la()
    tidy = make_setting(la, name="A Tidy School")
    slow = make_setting(la, name="B Slow School")
    silent = make_setting(la, name="C Silent School")
    also_silent = make_setting(la, name="D Silent School")
    report(tidy, day(0), day(0))
    report(slow, day(0), day(4))
    report(slow, day(0), day(9))
    report(silent, day(0))
    report(silent, day(0), day(1))
    report(also_silent, day(0))
    report(also_silent, day(0))
    names = [r.name for r in returns_by_setting(la, START, END, today=TODAY)]
    # 2 late or missing each: the most missing first (D 2, C 1, B 0), then the tidy one
    assert names == ["D Silent School", "C Silent School", "B Slow School", "A Tidy School"]


def test_it_orders_equal_settings_by_name(db):
    la = make_la()
    for name in ("b school", "A School", "C School"):
        report(make_setting(la, name=name), day(0))
    names = [r.name for r in returns_by_setting(la, START, END, today=TODAY)]
    assert names == ["A School", "b school", "C School"]


def test_it_totals_the_area(db):
    la = make_la()
    one, two = make_setting(la), make_setting(la)
    report(one, day(0), day(0))
    report(one, day(0), day(2))
    report(two, day(0), day(10))
    report(two, TODAY)
    total = returns_report(la, START, END, today=TODAY).total
    assert (total.setting_id, total.expected, total.on_time, total.late, total.awaiting) == (
        None,
        4,
        1,
        2,
        1,
    )
    assert (total.median_days_late, total.max_days_late) == (6, 10)
    assert total.share_on_time == 1 / 3


def test_it_asks_two_queries_however_many_settings(db, django_assert_num_queries):
    la = make_la()
    for _ in range(5):
        school = make_setting(la)
        report(school, day(0), day(3))
        report(school, day(0))
    with django_assert_num_queries(2):
        rows = returns_by_setting(la, START, END, today=TODAY)
    assert len(rows) == 5
