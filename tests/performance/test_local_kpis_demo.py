"""The demo's own KPIs (``senda.demo.perf_local``): a termly one with its first value, on
target, and one still being established."""

from __future__ import annotations

from datetime import date

from senda.demo import perf_local
from senda.performance import board, kpis
from senda.performance.models import LocalKpi, RecordedValue
from senda.performance.periods import containing

TODAY = date(2026, 11, 22)


def test_it_adds_a_termly_kpi_with_a_first_value_and_one_being_established(
    personas, today_is
) -> None:
    today_is(TODAY)
    attendance, voice = perf_local.write(personas.la, TODAY, personas.service_manager)
    assert kpis.get(personas.la, attendance).period == "term"
    [row] = RecordedValue.objects.filter(kpi=attendance)
    assert (row.period, row.period_start) == ("term", date(2026, 4, 1))  # the summer term
    q2 = containing(TODAY, "quarter").previous()  # July to September: the summer term's
    rows = {r.entry.id: r for g in board.board(personas.la, q2, TODAY) for r in g.rows}
    assert rows[attendance].this is not None and rows[attendance].status.status == "on-target"
    assert rows[voice].status.label == "Working to establish definition and baseline"
    perf_local.write(personas.la, TODAY, personas.service_manager)  # a rebuild replaces them
    assert LocalKpi.objects.filter(la=personas.la).count() == 2
