"""The demo's trajectories, statuses set by a person and commentary
(``senda.demo.perf_trajectories``)."""

from __future__ import annotations

from datetime import date

from senda.audit.models import AuditEntry
from senda.demo import perf_trajectories
from senda.performance import catalogue, status_shown
from senda.performance.models import Commentary, StatusOverride, Trajectory
from senda.performance.periods import Period


def test_it_writes_valid_trajectories_overrides_and_four_quarters_of_commentary(personas):
    today = date(2026, 11, 22)
    written = perf_trajectories.write(personas.la, today, personas.service_manager)
    plans = status_shown.plans_for(personas.la, [p.kpi for p in perf_trajectories.PLANS])
    assert len(plans) == len(perf_trajectories.PLANS) >= 15
    assert all(p.kpi in catalogue.CATALOGUE for p in perf_trajectories.PLANS)
    assert all(plan.ready for plan in plans.values())
    reviews = Trajectory.objects.get(la=personas.la, kpi="annual-review-on-time")
    assert [(p.low, p.high) for p in reviews.points.all()] == [(40, None), (70, 75), (95, 100)]
    latest = Period(date(2026, 7, 1), "quarter")  # Q2 2026-27: the latest complete quarter
    neet = StatusOverride.objects.get(la=personas.la, kpi="neet")
    assert neet.period_start == latest.start and neet.status == "close" and neet.reason
    quarters = sorted(
        set(Commentary.objects.filter(la=personas.la).values_list("period_start", flat=True))
    )
    assert quarters == [date(2025, 10, 1), date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1)]
    assert (
        written
        == Trajectory.objects.count() + StatusOverride.objects.count() + Commentary.objects.count()
    )
    assert AuditEntry.objects.filter(la_id=personas.la.pk).count() == written


def test_it_replaces_what_it_wrote_when_run_again(personas):
    today = date(2026, 11, 22)
    first = perf_trajectories.write(personas.la, today, personas.service_manager)
    perf_trajectories.write(personas.la, today, personas.service_manager)
    rows = Trajectory.objects.count() + StatusOverride.objects.count() + Commentary.objects.count()
    assert rows == first


def test_it_builds_for_a_day_after_the_real_today(personas):
    later = date(2031, 5, 1)
    perf_trajectories.write(personas.la, later, personas.service_manager)
    starts = set(Commentary.objects.values_list("period_start", flat=True))
    assert max(starts) == date(2031, 1, 1)
