"""The demo's fact history: month ends for 18 months and today, so the board's "last
quarter" and "a year ago" have figures."""

from __future__ import annotations

from datetime import date

from senda.demo import perf_facts
from senda.demo.build import Built
from senda.performance import kpi_figures
from senda.performance.models import KpiFact
from senda.performance.periods import containing, history_days
from tests.demo.conftest import TODAY  # the kept demo area's (tests/conftest.py): 10 March 2026


def test_the_demo_history_has_this_quarter_last_quarter_and_a_year_ago(demo_area: Built) -> None:
    """The facts the build wrote (``perf_facts.write``), read as they are: writing them again
    gives the same rows (tests/performance/test_tick.py), so it is not done here (7 s)."""
    built = demo_area
    days = sorted(set(KpiFact.objects.filter(la=built.la).values_list("on", flat=True)))
    assert len(days) == 19
    assert days == history_days(TODAY, perf_facts.HISTORY_MONTHS)
    assert (days[0], days[-2], days[-1]) == (date(2024, 9, 30), date(2026, 2, 28), TODAY)
    quarter = containing(TODAY, "quarter")
    periods = [quarter, quarter.previous(), quarter.year_ago()]
    found = kpi_figures.values(built.la, ["annual-review-on-time", "overdue-reviews"], periods)
    assert len(found) == 6
    assert found[("annual-review-on-time", quarter.previous().key)].as_of == date(2025, 12, 31)
    assert kpi_figures.value(built.la, "caseload-at-target", quarter).as_of == TODAY
    assert kpi_figures.value(built.la, "caseload-at-target", quarter.previous()) is None


def test_a_measure_counted_once_a_day_gives_the_same_figure_for_any_start(
    demo_area: Built,
) -> None:
    """``senda tick`` counts a measure ``records.on_the_day`` names once for a day's month
    and quarter: on the demo area its figure and what lies behind it are the same whatever
    the period's start, on a month end and on the build's day. (Not every measure is:
    one that is not names a measure whose figure the start changes here.)"""
    from senda.performance import records

    la = demo_area.la
    once = sorted(name for name in records.names() if records.on_the_day(name))
    assert "placements-out-of-area" in once and "dq-sen2-errors" in once
    assert "portal-late-settings-supported" not in once
    for day in (date(2025, 12, 31), TODAY):
        for name in once:
            short = records.count(name, la, date(day.year, day.month, 1), day, day)
            long = records.count(name, la, date(day.year - 1, 1, 1), day, day)
            assert (short.numerator, short.denominator) == (long.numerator, long.denominator)
            assert (short.counted, short.missed, short.open) == (
                long.counted,
                long.missed,
                long.open,
            )
    changed = [
        name
        for name in sorted(records.names() - set(once))
        if records.count(name, la, date(2025, 12, 1), date(2025, 12, 31), TODAY).numerator
        != records.count(name, la, date(2025, 1, 1), date(2025, 12, 31), TODAY).numerator
    ]
    assert changed
