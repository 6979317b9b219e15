"""measures (in memory, from events) and the service dashboard's SQL KPIs (from stored
deadline rows) agree on every week of the dashboard's trend for a demo area."""

from __future__ import annotations

from datetime import date

from senda.casework import kpis
from senda.demo.build import Built
from senda.performance import measures, tick
from senda.performance.measures import ALL

TODAY = date(2026, 3, 10)


def test_every_kpi_matches_the_dashboard_every_week(demo_area: Built) -> None:
    built = demo_area  # seed 7, 300 cases, built for TODAY
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
            extra = measures.KPIS[kpi_id]
            for label, part in point.breakdown.items():
                member = "" if label == "not recorded" else label
                cell = found[kpi_id].get((extra[0], member))
                got = (cell.numerator, cell.denominator) if cell else (0, part.denominator and 0)
                assert got == (part.numerator, part.denominator), (*where, label)


def test_caseload_at_target_is_not_a_measure() -> None:
    assert "caseload-at-target" not in measures.KPIS
