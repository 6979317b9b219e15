"""Tallying the computed KPIs' figures from cases' events with the clock, as of a day.

Pure: no Django. ``senda tick`` (``senda.performance.tick``) reads each case's events once,
builds a :class:`CaseRecord` per case and asks :func:`tally` for every period containing
the day; each case is evaluated by the clock once per as-of day, whatever the periods.

    figures(records, start, end, as_of)  # {kpi_id: {(dimension, member): Figure}}

Each KPI is counted by its catalogue entry's definition (``senda.performance.definitions``),
over the clock's rows as the case stood on ``as_of`` (events after ``as_of`` are ignored):
the same definitions the weekly service dashboard counts stored rows with. Not from rows:
``review-logging-errors`` (:class:`~senda.performance.definitions.CorrectedSteps`) counts,
of the steps first recorded in the period (up to ``as_of``;
``CaseRecord.review_steps_recorded``), those corrected or withdrawn since
(``CaseRecord.review_steps_corrected``, however late: a month's figure rises as its mistakes
are found). ``caseload-at-target`` is not here: caseloads are not kept by date, so ``tick``
computes it for today only. Every case KPI is broken down by the case's dimensions (the
phase, type and locality of the child's setting, the child's primary need, the case officer,
the child's vulnerable groups: their values now, not as they were), and by its definition's
row dimension if it has one (``advice-6w`` by discipline, ``overdue-reviews`` by band).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from senda.clock import DEFAULT_POLICY, Child, Deadline, Event, LocalPolicy, evaluate
from senda.performance.catalogue import computed
from senda.performance.definitions import (
    ALL,
    CASE_DIMENSIONS,
    COUNTED,
    EXCEPTED,
    MANY_MEMBERS,
    MISSED,
    CaseFacts,
    CorrectedSteps,
    Definition,
    FromRecords,
    met,
)
from senda.performance.figure import Figure

__all__ = ["ALL", "CASE_DIMENSIONS", "KPIS", "CaseRecord", "Figure", "Figures", "figures", "tally"]

#: Every KPI :func:`tally` computes, with its definition (all computed KPIs but the one
#: known only now).
KPIS: dict[str, Definition] = {
    entry.id: entry.computed_by
    for entry in computed()
    if entry.computed_by is not None
    and entry.computed_by.kind != "now"
    and not isinstance(entry.computed_by, FromRecords)
}
#: By rule: the KPIs counting its rows.
_BY_RULE: dict[str, tuple[tuple[str, Definition], ...]] = {}
for _kpi, _definition in KPIS.items():
    for _rule in _definition.rules:
        _BY_RULE[_rule] = (*_BY_RULE.get(_rule, ()), (_kpi, _definition))
_STEPS = [kpi for kpi, definition in KPIS.items() if isinstance(definition, CorrectedSteps)]


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """What the KPIs need of one case: its events for the clock and what it is broken
    down by. ``closed``: the case is closed now; ``at_setting``: the child has a setting
    now (both read as they are today, like the dashboard). ``review_steps_recorded``: the
    days its annual-review steps were first recorded, sorted (a correction's replacement is
    not one); ``review_steps_corrected``: the days of those since corrected or withdrawn,
    sorted (for ``review-logging-errors``). ``groups``: the child's vulnerable groups now
    (``senda.people.groups``; ``["none"]`` for a child in none), each a member of the
    ``group`` dimension."""

    case_id: int
    closed: bool
    at_setting: bool
    dims: Mapping[str, str]
    events: Sequence[Event]
    child: Child | None = None
    policy: LocalPolicy = DEFAULT_POLICY
    review_steps_recorded: Sequence[date] = ()
    review_steps_corrected: Sequence[date] = ()
    groups: Sequence[str] = ()

    def keys(self) -> list[tuple[str, str]]:
        """The (dimension, member) pairs the case counts under: the whole area, one member
        of each case dimension, and each of the child's ``groups``."""
        dims = self.dims
        single = ((d, dims.get(d, "")) for d in CASE_DIMENSIONS if d not in MANY_MEMBERS)
        return [ALL, *single, *(("group", g) for g in self.groups)]


#: {kpi id: {(dimension, member): Figure}}.
Figures = dict[str, dict[tuple[str, str], Figure]]


def figures(records: Iterable[CaseRecord], start: date, end: date, as_of: date) -> Figures:
    """Every KPI for the period ``start``–``end`` (inclusive) as the cases stood on
    ``as_of``: {kpi id: {(dimension, member): Figure}}; ("all", "") is the whole area and is
    always there (0 / 0 when nothing fell in the period)."""
    return tally(records, [(start, end)], as_of)[0]


def tally(
    records: Iterable[CaseRecord],
    periods: Sequence[tuple[date, date]],
    as_of: date,
    *,
    seen: Callable[[CaseRecord, list[Deadline]], None] | None = None,
) -> list[Figures]:
    """:func:`figures` for several periods at once: each case is evaluated once (and its
    rows handed to ``seen``, if given, e.g. to refresh stored rows)."""
    counters = [Counter(start, end, as_of) for start, end in periods]
    for record in records:
        rows = evaluate(record.events, as_of, child=record.child, policy=record.policy)
        if seen is not None:
            seen(record, rows)
        keys = record.keys()
        case = CaseFacts(record.closed, record.at_setting)
        for counter in counters:
            counter.add(rows, case, keys)
            if record.review_steps_recorded:
                counter.add_steps(record, keys)
    return [counter.result() for counter in counters]


class Counter:
    """One period's figures, counted row by row with the KPIs' definitions: [numerator,
    denominator, numerator and denominator with exceptions] per (kpi, dimension, member).
    The weekly dashboard counts stored rows with it too."""

    __slots__ = ("as_of", "counts", "end", "judged", "start")

    def __init__(self, start: date, end: date, as_of: date) -> None:
        self.start, self.end, self.as_of = start, end, as_of
        self.judged = min(end, as_of)  # the day a count (overdue reviews) is taken
        self.counts: dict[str, dict[tuple[str, str], list[int]]] = {kpi: {} for kpi in KPIS}

    def add(
        self, rows: Iterable[Deadline], case: CaseFacts, keys: Sequence[tuple[str, str]]
    ) -> None:
        """Count the case's rows in every KPI whose definition reads their rule."""
        start, end, as_of = self.start, self.end, self.as_of
        for row in rows:
            for kpi, definition in _BY_RULE.get(row.rule, ()):
                part = definition.part(row, start, end, as_of, case)
                if part is not None:
                    self.count(kpi, definition, row, part, keys)

    def count(
        self,
        kpi: str,
        definition: Definition,
        row: Deadline,
        part: str,
        keys: Sequence[tuple[str, str]],
    ) -> None:
        """Count one row of ``part`` under each of ``keys`` (and its definition's row
        dimension): counted and missed in the denominator (counted in the numerator), and
        beside for a KPI that leaves exceptions out, where excepted rows count too."""
        if part not in (COUNTED, MISSED, EXCEPTED):
            return
        counts = self.counts[kpi]
        extra = ((definition.by, definition.member(row, self.judged)),) if definition.by else ()
        on_time = part == COUNTED or (part == EXCEPTED and met(row))
        for key in (*keys, *extra):
            cell = counts.get(key)
            if cell is None:
                cell = counts[key] = [0, 0, 0, 0]
            if part != EXCEPTED:
                cell[1] += 1
                cell[0] += on_time
            if definition.exceptions:
                cell[3] += 1
                cell[2] += on_time

    def add_steps(self, record: CaseRecord, keys: Sequence[tuple[str, str]]) -> None:
        """Count the case's review steps first recorded from the period's first day to the
        day it is judged on, and those of them since corrected or withdrawn."""
        first, last = self.start, self.judged
        recorded = _between(record.review_steps_recorded, first, last)
        if not recorded:
            return
        corrected = _between(record.review_steps_corrected, first, last)
        for kpi in _STEPS:
            counts = self.counts[kpi]
            for key in keys:
                cell = counts.get(key)
                if cell is None:
                    cell = counts[key] = [0, 0, 0, 0]
                cell[0] += corrected
                cell[1] += recorded

    def result(self) -> Figures:
        found: Figures = {}
        for kpi, counts in self.counts.items():
            counts.setdefault(ALL, [0, 0, 0, 0])
            definition = KPIS[kpi]
            if definition.kind == "count":
                found[kpi] = {key: Figure(c[0], None) for key, c in counts.items()}
            elif definition.exceptions:
                found[kpi] = {key: Figure(c[0], c[1], c[2], c[3]) for key, c in counts.items()}
            else:
                found[kpi] = {key: Figure(c[0], c[1]) for key, c in counts.items()}
        return found


def _between(days: Sequence[date], first: date, last: date) -> int:
    """How many of the sorted ``days`` fall from ``first`` to ``last`` inclusive."""
    return bisect_right(days, last) - bisect_left(days, first)
