"""The computed KPIs of the catalogue, worked out from cases' events with the clock.

Pure: no Django. ``senda tick`` (``senda.performance.tick``) reads each case's events once,
builds a :class:`CaseRecord` per case and asks :func:`tally` for every period containing
the day; each case is evaluated by the clock once per as-of day, whatever the periods.

    figures(records, start, end, as_of)  # {kpi_id: {(dimension, member): Tally}}

The definitions are those of the weekly service dashboard (``senda.casework.kpis``, whose
docstrings are the definitions), over the clock's rows as the case stood on ``as_of``
(events after ``as_of`` are ignored), plus ``phase-transfer-on-time``:

- ``final-plan-20w``, ``assess-decision-6w``, ``advice-6w``: rows of the rule done in the
  period; numerator done on or before due; exception cases (status ``excepted``) left out of
  both numerator and denominator, and counted in the ``*_with_exceptions`` figures beside.
- ``review-decision-4w``, ``review-to-final-12w``, ``review-logged-5wd``: rows of the rule
  done in the period; numerator done on or before due.
- ``annual-review-on-time`` (rules ``annual-review``, ``transfer-in-review``),
  ``phase-transfer-on-time`` (rule ``phase-transfer``): rows due in the period; numerator
  done on or before due; a row not done and due on or after ``as_of`` is left out (open).
- ``setting-returns-on-time`` (rule ``review-report``): as the reviews, of a child at a
  setting only; a missing return of a closed case is left out.
- ``overdue-reviews``: a count of review rows due before the day the period is judged on
  (its last day, or ``as_of`` while it runs) and not held by then, still owed (not
  ``lapsed``: the plan has ceased), of a case not closed (:func:`overdue_on`, casework's
  ``overdue_on`` in memory); dimension ``band`` is how long overdue (:data:`OVERDUE_BANDS`,
  the dashboard's bands).
- ``review-logging-errors``: not from the clock's rows but from how annual-review steps
  (:data:`REVIEW_STEP_TYPES`) were recorded: of the steps first recorded in the period (up
  to ``as_of``; ``CaseRecord.review_steps_recorded``), those corrected or withdrawn since
  (``CaseRecord.review_steps_corrected``, however late: a month's figure rises as its
  mistakes are found). A correction's replacement is not a step recorded again.

``caseload-at-target`` is not here: caseloads are not kept by date, so ``tick`` computes it
for today only. Every case KPI is broken down by the case's dimensions (the phase, type and
locality of the child's setting, the child's primary need, the case officer: their values
now, not as they were), ``advice-6w`` by discipline too, ``overdue-reviews`` by band.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from senda.clock import DEFAULT_POLICY, OPEN, Child, Deadline, Event, LocalPolicy, evaluate
from senda.clock.model import EVENT_TYPES

ALL = ("all", "")
#: Dimensions a case carries (``CaseRecord.dims``); members are plain strings, "" = unknown.
CASE_DIMENSIONS = ("phase", "need", "setting_type", "locality", "officer")

#: Age bands of an overdue review: (label, fewest days overdue, most days or None). The same
#: bands as the service dashboard's ``overdue-reviews``.
OVERDUE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("Up to 4 weeks", 1, 28),
    ("4 to 13 weeks", 29, 91),
    ("13 to 26 weeks", 92, 182),
    ("26 to 52 weeks", 183, 364),
    ("52 weeks or more", 365, None),
)

#: Rate KPIs whose rows fall in a period by the day they were done: kpi → rule.
DONE_IN_PERIOD = {
    "final-plan-20w": "final-plan",
    "assess-decision-6w": "assess-decision",
    "advice-6w": "advice",
    "review-decision-4w": "review-decision",
    "review-to-final-12w": "review-to-final",
    "review-logged-5wd": "review-logged",
}
#: KPIs that leave exception cases out and report them beside.
WITH_EXCEPTIONS = frozenset({"final-plan-20w", "assess-decision-6w", "advice-6w"})
#: Rate KPIs whose rows fall in a period by their due date: rule → kpi.
DUE_IN_PERIOD = {
    "annual-review": "annual-review-on-time",
    "transfer-in-review": "annual-review-on-time",
    "phase-transfer": "phase-transfer-on-time",
    "review-report": "setting-returns-on-time",
}
REVIEW_RULES = frozenset({"annual-review", "transfer-in-review"})
COUNTS = frozenset({"overdue-reviews"})
#: The share of annual-review steps recorded in the period later corrected or withdrawn.
LOGGING_ERRORS = "review-logging-errors"
#: The annual-review steps it counts: invitations, advice circulated, meeting, report
#: received, logged, decision.
REVIEW_STEP_TYPES: tuple[str, ...] = tuple(t for t in EVENT_TYPES if t.startswith("review_"))

#: Every KPI :func:`figures` computes, with its extra dimension (besides the case's).
KPIS: dict[str, tuple[str, ...]] = {
    "final-plan-20w": (),
    "assess-decision-6w": (),
    "advice-6w": ("discipline",),
    "annual-review-on-time": (),
    "review-decision-4w": (),
    "review-to-final-12w": (),
    "review-logged-5wd": (),
    "overdue-reviews": ("band",),
    "setting-returns-on-time": (),
    "phase-transfer-on-time": (),
    LOGGING_ERRORS: (),
}


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """What the KPIs need of one case: its events for the clock and what it is broken
    down by. ``closed``: the case is closed now; ``at_setting``: the child has a setting
    now (both read as they are today, like the dashboard). ``review_steps_recorded``: the
    days its annual-review steps were first recorded, sorted (a correction's replacement is
    not one); ``review_steps_corrected``: the days of those since corrected or withdrawn,
    sorted (for ``review-logging-errors``)."""

    case_id: int
    closed: bool
    at_setting: bool
    dims: Mapping[str, str]
    events: Sequence[Event]
    child: Child | None = None
    policy: LocalPolicy = DEFAULT_POLICY
    review_steps_recorded: Sequence[date] = ()
    review_steps_corrected: Sequence[date] = ()


@dataclass(slots=True)
class Tally:
    """A rate's numerator and denominator, or a count (denominator None); for KPIs that
    leave exception cases out, the figures with them included beside."""

    numerator: int = 0
    denominator: int | None = 0
    numerator_with_exceptions: int | None = None
    denominator_with_exceptions: int | None = None


Figures = dict[str, dict[tuple[str, str], Tally]]


def figures(records: Iterable[CaseRecord], start: date, end: date, as_of: date) -> Figures:
    """Every KPI for the period ``start``–``end`` (inclusive) as the cases stood on
    ``as_of``: {kpi id: {(dimension, member): Tally}}; ("all", "") is the whole area and is
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
    counters = [_Counter(start, end, as_of) for start, end in periods]
    for record in records:
        rows = evaluate(record.events, as_of, child=record.child, policy=record.policy)
        if seen is not None:
            seen(record, rows)
        keys = [ALL, *((d, record.dims.get(d, "")) for d in CASE_DIMENSIONS)]
        for counter in counters:
            counter.add(record, rows, keys)
    return [counter.result() for counter in counters]


class _Counter:
    """One period's tallies: [numerator, denominator, numerator and denominator with
    exceptions] per (kpi, dimension, member)."""

    __slots__ = ("as_of", "counts", "end", "judged", "start")

    def __init__(self, start: date, end: date, as_of: date) -> None:
        self.start, self.end, self.as_of = start, end, as_of
        self.judged = min(end, as_of)  # the day a count (overdue reviews) is taken
        self.counts: dict[str, dict[tuple[str, str], list[int]]] = {kpi: {} for kpi in KPIS}

    def add(
        self, record: CaseRecord, rows: Sequence[Deadline], keys: list[tuple[str, str]]
    ) -> None:
        start, end, as_of, judged = self.start, self.end, self.as_of, self.judged
        for row in rows:
            rule, due, done, state = row[0], row[1], row[2], row[3]
            for kpi in _KPI_OF_DONE.get(rule, ()):
                if done is None or not start <= done <= end:
                    continue
                on_time = done <= due
                extra = [("discipline", (row[5] or "").strip().lower())] if rule == "advice" else []
                if kpi in WITH_EXCEPTIONS:
                    self._add(kpi, keys, extra, state != "excepted", on_time, True)
                else:
                    self._add(kpi, keys, extra, True, on_time, False)
            due_kpi = DUE_IN_PERIOD.get(rule)
            if due_kpi is not None and start <= due <= end:
                if done is None and due >= as_of:
                    pass  # open: may still be on time
                elif due_kpi != "setting-returns-on-time" or (
                    record.at_setting and not (done is None and record.closed)
                ):
                    self._add(due_kpi, keys, [], True, done is not None and done <= due, False)
            if rule in REVIEW_RULES and not record.closed and overdue_on(row, judged):
                band = _band((judged - due).days)
                counts = self.counts["overdue-reviews"]
                for key in (*keys, ("band", band)):
                    counts.setdefault(key, [0, 0, 0, 0])[0] += 1
        if record.review_steps_recorded:
            self._add_logged(record, keys)

    def _add_logged(self, record: CaseRecord, keys: list[tuple[str, str]]) -> None:
        """Count the case's review steps first recorded from the period's first day to the
        day it is judged on, and those of them since corrected or withdrawn."""
        first, last = self.start, self.judged
        recorded = _between(record.review_steps_recorded, first, last)
        if not recorded:
            return
        corrected = _between(record.review_steps_corrected, first, last)
        counts = self.counts[LOGGING_ERRORS]
        for key in keys:
            cell = counts.get(key)
            if cell is None:
                cell = counts[key] = [0, 0, 0, 0]
            cell[0] += corrected
            cell[1] += recorded

    def _add(
        self,
        kpi: str,
        keys: list[tuple[str, str]],
        extra: list[tuple[str, str]],
        counted: bool,
        on_time: bool,
        beside: bool,
    ) -> None:
        """Count a row in the denominator (and the numerator when on time); ``counted``
        False leaves it out of the main figure (an exception), still counted ``beside``."""
        counts = self.counts[kpi]
        for key in (*keys, *extra):
            cell = counts.get(key)
            if cell is None:
                cell = counts[key] = [0, 0, 0, 0]
            if counted:
                cell[1] += 1
                cell[0] += on_time
            if beside:
                cell[3] += 1
                cell[2] += on_time

    def result(self) -> Figures:
        found: Figures = {}
        for kpi, counts in self.counts.items():
            counts.setdefault(ALL, [0, 0, 0, 0])
            if kpi in COUNTS:
                found[kpi] = {key: Tally(c[0], None) for key, c in counts.items()}
            elif kpi in WITH_EXCEPTIONS:
                found[kpi] = {key: Tally(c[0], c[1], c[2], c[3]) for key, c in counts.items()}
            else:
                found[kpi] = {key: Tally(c[0], c[1]) for key, c in counts.items()}
        return found


_KPI_OF_DONE: dict[str, tuple[str, ...]] = {rule: (kpi,) for kpi, rule in DONE_IN_PERIOD.items()}


def overdue_on(row: Deadline, day: date) -> bool:
    """The clock's row counts as overdue on ``day`` (casework's ``overdue_on``, less the
    case's status): due before ``day``, not done by then, and still owed — a row not done
    is ``pending`` or ``overdue`` (not excepted, nor lapsed because its plan ceased); one
    done after ``day`` counted then unless an exception applies."""
    due, done, state = row[1], row[2], row[3]
    if due >= day:
        return False
    if done is None:
        return state in OPEN
    return done > day and state != "excepted"


def _between(days: Sequence[date], first: date, last: date) -> int:
    """How many of the sorted ``days`` fall from ``first`` to ``last`` inclusive."""
    return bisect_right(days, last) - bisect_left(days, first)


def _band(days: int) -> str:
    for label, fewest, most in OVERDUE_BANDS:
        if days >= fewest and (most is None or days <= most):
            return label
    return OVERDUE_BANDS[0][0]
