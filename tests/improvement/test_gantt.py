"""The timeline's geometry: months across, bars in the right month columns, milestones as
diamonds on their dates, today as a line, unreadable timescales listed and not drawn."""

from __future__ import annotations

from datetime import date

from senda.improvement import gantt
from senda.improvement.gantt import LABEL_WIDTH, MONTH_WIDTH, Row, build


def column(x: float) -> int:
    """The month column (0 = the first) that an x position falls in."""
    return int((x - LABEL_WIDTH) // MONTH_WIDTH)


def row(ref: str, start: date | None, end: date | None, area: str = "1. Area", **kw) -> Row:
    return Row(area=area, reference=ref, what=f"Action {ref}", starts_on=start, ends_on=end, **kw)


def test_it_has_a_column_for_every_month_from_the_first_date_to_the_last():
    chart = build([row("1.1", date(2025, 11, 10), date(2026, 2, 3))], date(2026, 1, 1))
    assert [m.first for m in chart.months] == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert [m.label for m in chart.months] == ["Nov 25", "Dec", "Jan 26", "Feb"]
    assert chart.width == LABEL_WIDTH + 4 * MONTH_WIDTH


def test_it_puts_bars_in_their_start_and_end_month_columns():
    rows = [
        row("1.1", date(2026, 1, 1), date(2026, 12, 31)),
        row("1.2", date(2026, 3, 15), date(2026, 6, 30)),
        row("2.1", date(2026, 9, 1), date(2026, 9, 30), area="2. Other"),
    ]
    chart = build(rows, date(2026, 5, 1))
    bars = {bar.row.reference: bar for group in chart.groups for bar in group.bars}
    assert column(bars["1.1"].x) == 0
    assert bars["1.1"].width == 12 * MONTH_WIDTH
    assert column(bars["1.2"].x) == 2  # March
    assert bars["1.2"].x > LABEL_WIDTH + 2 * MONTH_WIDTH  # mid-month
    assert column(bars["1.2"].x + bars["1.2"].width - 0.1) == 5  # ends in June
    assert bars["1.2"].x + bars["1.2"].width == LABEL_WIDTH + 6 * MONTH_WIDTH
    assert column(bars["2.1"].x) == 8
    assert bars["2.1"].width == MONTH_WIDTH


def test_it_groups_rows_by_area_under_a_heading_row():
    rows = [
        row("1.1", date(2026, 1, 1), date(2026, 2, 1)),
        row("1.2", date(2026, 1, 1), date(2026, 2, 1)),
        row("2.1", date(2026, 1, 1), date(2026, 2, 1), area="2. Other"),
    ]
    chart = build(rows, date(2026, 1, 1))
    assert [(g.area, len(g.bars)) for g in chart.groups] == [("1. Area", 2), ("2. Other", 1)]
    ys = [chart.groups[0].y, *(b.y for b in chart.groups[0].bars), chart.groups[1].y]
    assert ys == sorted(ys) and len(set(ys)) == 4
    assert chart.height == chart.groups[1].bars[0].y + gantt.ROW_HEIGHT


def test_it_draws_milestones_on_their_due_dates():
    milestones = (("Month 3 review", date(2026, 4, 1)), ("Launch", date(2027, 1, 20)))
    chart = build(
        [row("1.1", date(2026, 1, 1), date(2026, 12, 31), milestones=milestones)], date(2026, 1, 1)
    )
    bar = chart.groups[0].bars[0]
    assert [column(d.x) for d in bar.diamonds] == [3, 12]  # the chart stretches to January 27
    assert len(chart.months) == 13
    assert all(d.y == bar.middle for d in bar.diamonds)
    assert bar.diamonds[0].points.count(",") == 4


def test_it_draws_a_deadline_over_its_end_month():
    chart = build([row("1.1", None, date(2026, 12, 31))], date(2026, 1, 1))
    bar = chart.groups[0].bars[0]
    assert (column(bar.x), bar.width) == (0, MONTH_WIDTH)


def test_it_lists_unresolved_timescales_and_does_not_draw_them():
    rows = [
        row("1.1", None, None, timescale="When funding allows"),
        row("1.2", date(2026, 1, 1), date(2026, 3, 31)),
    ]
    chart = build(rows, date(2026, 2, 1))
    assert [r.reference for r in chart.unplaced] == ["1.1"]
    assert [b.row.reference for g in chart.groups for b in g.bars] == ["1.2"]


def test_it_is_empty_when_no_action_has_dates():
    chart = build([row("1.1", None, None)], date(2026, 2, 1))
    assert chart.empty and chart.months == () and chart.today_x is None


def test_it_draws_today_only_inside_the_months_shown():
    rows = [row("1.1", date(2026, 1, 1), date(2026, 3, 31))]
    inside = build(rows, date(2026, 2, 15))
    assert column(inside.today_x) == 1
    assert build(rows, date(2026, 4, 1)).today_x is None
    assert build(rows, date(2025, 12, 31)).today_x is None
