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
