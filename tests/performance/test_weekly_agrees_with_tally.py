"""tick's tally (in memory, replaying events with the clock) and the weekly service
dashboard (from stored deadline rows, fetched by a plain query) count with the same
definitions, so they agree on every week of the dashboard's trend for a demo area: this
checks the two readers of rows (the clock's replay and the stored rows) give each
definition the same rows."""

from __future__ import annotations

from datetime import date

from senda.demo.build import build_area
from senda.performance import tally as measures
from senda.performance import tick
from senda.performance.tally import ALL
from senda.performance.weekly import dashboard as kpis

TODAY = date(2026, 3, 10)


def test_every_kpi_matches_the_dashboard_every_week(db: None) -> None:
    built = build_area(seed=7, today=TODAY, cases=300, password="demo-test-password")
    weeks = kpis.trend(TODAY)
    mine = measures.tally(tick.read_records(built.la), [(w.start, w.end) for w in weeks], TODAY)
    shared = sorted(set(measures.KPIS) & set(kpis.KPIS))
    tested_by_hand = {"phase-transfer-on-time", "review-logging-errors"}
    assert set(measures.KPIS) - set(shared) == tested_by_hand
    for kpi_id in shared:
        series = kpis.series(kpis.KPIS[kpi_id], built.la, weeks, TODAY)
        assert sum(p.figure.denominator or p.figure.numerator for p in series.points), kpi_id
        for point, found in zip(series.points, mine, strict=True):
            where = (kpi_id, point.week)
            tally = found[kpi_id][ALL]
            figure = point.figure
            assert (tally.numerator, tally.denominator) == (
                figure.numerator,
                figure.denominator,
            ), where
            if point.with_exceptions is not None:
                beside = (tally.numerator_with_exceptions, tally.denominator_with_exceptions)
                other = point.with_exceptions
                assert beside == (other.numerator, other.denominator), where
            extra = (measures.KPIS[kpi_id].by,)
            for label, part in point.breakdown.items():
                member = "" if label == "not recorded" else label
                cell = found[kpi_id].get((extra[0], member))
                got = (cell.numerator, cell.denominator) if cell else (0, part.denominator and 0)
                assert got == (part.numerator, part.denominator), (*where, label)


def test_caseload_at_target_is_not_a_measure() -> None:
    assert "caseload-at-target" not in measures.KPIS
