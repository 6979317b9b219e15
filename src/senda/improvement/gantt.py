"""The plan's timeline (Gantt) as geometry: months across, actions down, grouped by area.

Pure: takes plain rows and ``today``, returns numbers an SVG template draws. One column per
calendar month; a bar runs from its start date to its end date, placed within the month by
day; a milestone is a diamond on its due date; "today" is a vertical line. An action whose
timescale Senda could not read (no dates) is not drawn: it is returned in ``unplaced`` for
the page to list, never guessed. An action with only an end date (a deadline, "Dec 26") is
drawn over its end month.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

#: Room for the action references on the left, one month's width, one row's height.
LABEL_WIDTH = 72
MONTH_WIDTH = 44
ROW_HEIGHT = 24
HEADER_HEIGHT = 36
BAR_HEIGHT = 12
DIAMOND = 6  # half the diagonal


@dataclass(frozen=True, slots=True)
class Row:
    """One action as the timeline needs it."""

    area: str
    reference: str
    what: str
    starts_on: date | None
    ends_on: date | None
    rating: str = ""  # the current rating's code, for the bar's colour class
    timescale: str = ""  # as the plan wrote it, listed when it could not be read
    milestones: tuple[tuple[str, date], ...] = ()


@dataclass(frozen=True, slots=True)
class Month:
    first: date
    x: int
    label: str  # "Jan" (with the year in January and in the first column)


@dataclass(frozen=True, slots=True)
class Diamond:
    title: str
    on: date
    x: float
    y: float

    @property
    def points(self) -> str:
        x, y, d = self.x, self.y, DIAMOND
        return f"{x:g},{y - d:g} {x + d:g},{y:g} {x:g},{y + d:g} {x - d:g},{y:g}"


@dataclass(frozen=True, slots=True)
class Bar:
    row: Row
    y: int  # top of the row
    x: float
    width: float
    diamonds: tuple[Diamond, ...]

    @property
    def bar_y(self) -> float:
        return self.y + (ROW_HEIGHT - BAR_HEIGHT) / 2

    @property
    def middle(self) -> float:
        return self.y + ROW_HEIGHT / 2


@dataclass(frozen=True, slots=True)
class Group:
    area: str
    y: int  # top of the heading row
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    months: tuple[Month, ...]
    groups: tuple[Group, ...]
    width: int
    height: int
    today_x: float | None  # None when today lies outside the months shown
    unplaced: tuple[Row, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.groups


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s to ``last``'s, inclusive."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def span(row: Row) -> tuple[date, date] | None:
    """The dates a row's bar covers, or None when it cannot be drawn."""
    if row.ends_on is None and row.starts_on is None:
        return None
    end = row.ends_on or row.starts_on
    start = row.starts_on or month_start(end)  # type: ignore[arg-type]
    assert end is not None
    return (min(start, end), max(start, end))


def x_of(day: date, first: date, *, end_of_day: bool = False) -> float:
    """Where ``day`` falls across the chart whose first month is ``first``."""
    index = (day.year - first.year) * 12 + day.month - first.month
    days = calendar.monthrange(day.year, day.month)[1]
    within = (day.day - (0 if end_of_day else 1)) / days
    return round(LABEL_WIDTH + (index + within) * MONTH_WIDTH, 1)


def build(rows: Sequence[Row], today: date) -> Chart:
    """The chart for ``rows`` (in display order; grouped by consecutive ``area``)."""
    placed = [(row, span(row)) for row in rows]
    unplaced = tuple(row for row, dates in placed if dates is None)
    drawn = [(row, dates) for row, dates in placed if dates is not None]
    if not drawn:
        return Chart((), (), LABEL_WIDTH, HEADER_HEIGHT, None, unplaced)
    days = [d for _, dates in drawn for d in dates]
    days += [on for row, _ in drawn for _, on in row.milestones]
    months = months_between(min(days), max(days))
    first = months[0]
    groups: list[Group] = []
    y = HEADER_HEIGHT
    for row, (start, end) in drawn:
        if not groups or groups[-1].area != row.area:
            groups.append(Group(row.area, y, ()))
            y += ROW_HEIGHT
        x = x_of(start, first)
        bar = Bar(row, y, x, round(x_of(end, first, end_of_day=True) - x, 1), ())
        diamonds = tuple(
            Diamond(title, on, _middle_of(on, first), bar.middle) for title, on in row.milestones
        )
        bar = Bar(row, y, bar.x, bar.width, diamonds)
        groups[-1] = Group(groups[-1].area, groups[-1].y, (*groups[-1].bars, bar))
        y += ROW_HEIGHT
    inside = first <= today < next_month(months[-1])
    return Chart(
        months=tuple(
            Month(m, LABEL_WIDTH + n * MONTH_WIDTH, _month_label(m, n == 0))
            for n, m in enumerate(months)
        ),
        groups=tuple(groups),
        width=LABEL_WIDTH + len(months) * MONTH_WIDTH,
        height=y,
        today_x=x_of(today, first) if inside else None,
        unplaced=unplaced,
    )


def _middle_of(day: date, first: date) -> float:
    return round((x_of(day, first) + x_of(day, first, end_of_day=True)) / 2, 1)


def _month_label(month: date, first: bool) -> str:
    name = calendar.month_abbr[month.month]
    return f"{name} {month:%y}" if first or month.month == 1 else name
