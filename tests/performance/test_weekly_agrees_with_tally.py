"""tick's tally (in memory, replaying events with the clock) and the weekly service
dashboard (from stored deadline rows, fetched by a plain query) count with the same
definitions, so they agree on every week of the dashboard's trend for a demo area: this
checks the two readers of rows (the clock's replay and the stored rows) give each
definition the same rows."""

from __future__ import annotations

from datetime import date

from senda.demo.build import Built
from senda.performance import tally, tick
from senda.performance.tally import ALL
from senda.performance.weekly import dashboard as kpis

TODAY = date(2026, 3, 10)


def test_every_kpi_matches_the_dashboard_every_week(demo_area: Built) -> None:
    built = demo_area  # seed 7, 300 cases, built for TODAY
    weeks = kpis.trend(TODAY)
    mine = tally.tally(tick.read_records(built.la), [(w.start, w.end) for w in weeks], TODAY)
    shared = sorted(set(tally.KPIS) & set(kpis.KPIS))
    tested_by_hand = {"phase-transfer-on-time", "review-logging-errors"}
    assert set(tally.KPIS) - set(shared) == tested_by_hand
    for kpi_id in shared:
        series = kpis.series(kpis.KPIS[kpi_id], built.la, weeks, TODAY)
        assert sum(p.figure.denominator or p.figure.numerator for p in series.figures), kpi_id
        for week_figure, found in zip(series.figures, mine, strict=True):
            where = (kpi_id, week_figure.week)
            counted = found[kpi_id][ALL]
            figure = week_figure.figure
            assert (counted.numerator, counted.denominator) == (
                figure.numerator,
                figure.denominator,
            ), where
            if week_figure.with_exceptions is not None:
                beside = (counted.numerator_with_exceptions, counted.denominator_with_exceptions)
                other = week_figure.with_exceptions
                assert beside == (other.numerator, other.denominator), where
            extra = (tally.KPIS[kpi_id].by,)
            for label, part in week_figure.breakdown.items():
                member = "" if label == "not recorded" else label
                cell = found[kpi_id].get((extra[0], member))
                got = (cell.numerator, cell.denominator) if cell else (0, part.denominator and 0)
                assert got == (part.numerator, part.denominator), (*where, label)


def test_caseload_at_target_is_not_tallied() -> None:
    assert "caseload-at-target" not in tally.KPIS
