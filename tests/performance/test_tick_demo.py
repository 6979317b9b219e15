"""The demo's fact history: month ends for 18 months and today, so the board's "last
quarter" and "a year ago" have figures."""

from __future__ import annotations

from datetime import date

import pytest

from senda.demo import perf_facts
from senda.demo.build import build_area
from senda.performance import kpi_figures
from senda.performance.models import KpiFact
from senda.performance.periods import containing

TODAY = date(2026, 11, 22)


@pytest.mark.django_db
def test_the_demo_history_has_this_quarter_last_quarter_and_a_year_ago() -> None:
    built = build_area(seed=7, today=TODAY, cases=300, password="demo-test-password")
    summary = perf_facts.write(built.la, TODAY)
    days = sorted(set(KpiFact.objects.filter(la=built.la).values_list("on", flat=True)))
    assert len(days) == 19 == len(summary.days)
    assert (days[0], days[-2], days[-1]) == (date(2025, 5, 31), date(2026, 10, 31), TODAY)
    quarter = containing(TODAY, "quarter")
    periods = [quarter, quarter.previous(), quarter.year_ago()]
    found = kpi_figures.values(built.la, ["annual-review-on-time", "overdue-reviews"], periods)
    assert len(found) == 6
    assert found[("annual-review-on-time", quarter.previous().key)].as_of == date(2026, 9, 30)
    assert kpi_figures.value(built.la, "caseload-at-target", quarter).as_of == TODAY
    assert kpi_figures.value(built.la, "caseload-at-target", quarter.previous()) is None
