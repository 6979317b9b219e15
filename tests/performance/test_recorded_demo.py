"""The demo's recorded values: two years of several recorded KPIs, valid, repeatable."""

from __future__ import annotations

from datetime import date

from senda.demo import perf_recorded
from senda.performance import catalogue
from senda.performance.models import RecordedValue

TODAY = date(2026, 11, 20)


def test_it_records_two_years_of_several_recorded_kpis(personas) -> None:
    count = perf_recorded.write(personas.la, TODAY, personas.service_manager)
    rows = RecordedValue.objects.filter(la=personas.la)
    assert rows.count() == count
    kpis = set(rows.values_list("kpi", flat=True))
    assert {"parent-satisfaction", "multiagency-advice-in-review"} <= kpis
    # computed from the demo's participation extracts and training register
    assert not kpis & {"neet", "staff-trained", "training-confidence"}
    assert all(catalogue.get(kpi).source == "recorded" for kpi in kpis)
    quarters = rows.filter(kpi="parent-satisfaction").values_list("period_start", flat=True)
    assert sorted(quarters)[0] == date(2024, 10, 1)  # 8 complete quarters before Q3 2026-27
    assert sorted(quarters)[-1] == date(2026, 7, 1)
    assert all(row.entered_at.date() <= TODAY for row in rows)


def test_it_shows_a_correction_superseding_an_entry(personas) -> None:
    perf_recorded.write(personas.la, TODAY, personas.service_manager)
    corrected = RecordedValue.objects.filter(
        la=personas.la, kpi="parent-satisfaction", period_start=date(2026, 4, 1)
    ).order_by("-entered_at")
    assert corrected.count() == 2
    assert corrected[0].evidence.endswith("(late responses added)")


def test_it_gives_the_same_figures_when_run_again(personas) -> None:
    def figures() -> list[tuple[str, date, object]]:
        rows = RecordedValue.objects.filter(la=personas.la).order_by("kpi", "period_start", "id")
        return [(r.kpi, r.period_start, r.value) for r in rows]

    perf_recorded.write(personas.la, TODAY, personas.service_manager)
    first = figures()
    perf_recorded.write(personas.la, TODAY, personas.service_manager)
    assert figures() == first
