"""``senda tick``: write the day's KPI facts, and bring stored deadline statuses up to date.

    from senda.performance import tick
    tick.run(la, [date(2026, 11, 22)], today=date(2026, 11, 22))

For each day D (the clock's as-of: events after D are ignored) the facts of every computed
KPI are written for the month and the financial quarter containing D, for the whole area and
each dimension. A day's facts are replaced in one transaction, so running it again gives the
same rows (idempotent), and rebuilding a past day gives the answer as it stood on that day.
"As it stood" is by the events' dates: an event recorded later but dated on or before D
(a correction, a late entry) does change a rebuild of D, as it would change the clock's
answer for that day.

The cases' events are read once per run and every day is worked out in memory
(``tally.tally``: each case is evaluated once per day). With ``workers=2`` or more and at
least ``ELSEWHERE_FROM`` past days (the demo's 18 month ends, ``--history-months``), the
past days' tallies are worked out in a second process forked from this one while this one
counts the KPIs from records for the same days (database reads): the two halves of a
day's work take about as long, so a history takes about half the time on two processors.
The forked process reads no database (it has this one's cases in memory and answers
figures), so it works inside a transaction and on SQLite in memory, and its answers are
those one process gives. One process when this one runs other threads (a web server,
pytest-xdist), as forking such a process is unsafe.

``caseload-at-target`` can only be computed for today: who held which case on a past day is
not recorded. Nor can the data-quality KPIs (``senda.interchange.measures``): a child's
record keeps no history. A run for a past day leaves those KPIs' existing facts for the day
as they were.

When D is today the run also refreshes the stored deadline rows and case summaries that
the passing of time made stale (a pending deadline that is now overdue, a comment period
that has closed): every case is evaluated as of today, and only cases whose answer differs
from the stored one are rewritten.

**Corrections.** Correcting or withdrawing a recorded step (``casework.actions
.corrections``) marks the area's facts stale from the earlier of the step's old and new
dates, ``since`` (``casework.stale_facts``). Facts as of a day before ``since`` saw neither
date, so they stand; facts as of any later day may change, for both of the day's periods
(the month and quarter containing it), every KPI and every dimension (the ALL figure
moves, and ``review-logging-errors`` counts the step in the month and quarter it was first
recorded, never before its date). So every run (any day, any date) first reads the mark,
then rebuilds every day the area holds facts for from ``since`` on, beside its own days,
from the same one read of the cases (each such day is one more evaluation of every case,
the cost of ticking that day), each day in its own transaction as usual, and then clears
the mark, unless a correction marked the area again while it ran (the next run rebuilds
from that mark). Days with no stored facts are not created.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

import senda.clock as clock
from senda import audit, kernel
from senda.casework.clock_input import clock_child, clock_policy, events_by_case
from senda.casework.deadlines import deadline_rows
from senda.casework.models import Case, CaseEvent, DeadlineRow, StaleFacts
from senda.casework.scrutiny import judged
from senda.casework.stale_facts import clear_facts_stale, facts_stale
from senda.casework.summary import SUMMARY_FIELDS, summarise
from senda.interchange import measures as data_quality
from senda.people.groups import NONE, groups_by_child
from senda.people.models import Child, LocalAuthority
from senda.performance import tally
from senda.performance.catalogue import from_records
from senda.performance.definitions import REVIEW_STEP_TYPES, FromRecords
from senda.performance.figure import Figure
from senda.performance.models import KpiFact
from senda.performance.models.facts import ALL
from senda.performance.periods import Period, containing
from senda.performance.tally import CaseRecord
from senda.rows import insert_rows, unsaved

#: The KPI only computed for today (see the module docstring).
TODAY_ONLY = "caseload-at-target"
#: The KPIs counted from records that can only be computed for today: the data-quality
#: checks read children's records as they stand (see the module docstring).
TODAY_ONLY_RECORDS = frozenset(data_quality.MEASURES)
BATCH = 5000
#: Past days at least this many: their tallies are worked out in a second process, when
#: ``run`` is given two workers or more (forking costs ~0.1 s; a day's tally ~0.5 s).
ELSEWHERE_FROM = 4


@dataclass
class Summary:
    """What a run did: days ticked, past days rebuilt after corrections (``rebuilt``, also
    in ``days``), fact rows written, cases read and refreshed."""

    la: str
    days: list[date] = field(default_factory=list)
    rebuilt: list[date] = field(default_factory=list)
    facts: int = 0
    cases: int = 0
    events: int = 0
    refreshed_cases: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    #: Processes that worked out the days' figures (2: past days' tallies forked off).
    processes: int = 1

    def line(self) -> str:
        days = (
            f"{self.days[0]}"
            if len(self.days) == 1
            else f"{len(self.days)} days ({self.days[0]} to {self.days[-1]})"
            if self.days
            else "no day"
        )
        took = sum(self.seconds.values())
        rebuilt = (
            f" ({len(self.rebuilt)} past days rebuilt after corrections)" if self.rebuilt else ""
        )
        return (
            f"{self.la}: {days}{rebuilt}, {self.facts} facts from {self.cases} cases; "
            f"{self.refreshed_cases} cases' deadlines refreshed; {took:.1f} s"
        )


@dataclass
class Started:
    """A run begun by :func:`start`: the days, the stale mark, the cases read and, with
    two workers, the fork already tallying the past days; :func:`run` finishes it."""

    la: LocalAuthority
    today: date
    refresh: bool
    mark: StaleFacts | None
    rebuilt: list[date]
    days: list[date]
    records: Sequence[CaseRecord]
    past: list[date]
    elsewhere: _Elsewhere | None
    read_seconds: float


def start(
    la: LocalAuthority,
    days: Iterable[date],
    *,
    today: date,
    records: Sequence[CaseRecord] | None = None,
    refresh: bool = True,
    workers: int = 1,
) -> Started:
    """The first half of :func:`run`: read the mark and the cases and, with two workers,
    set the fork tallying the past days, so that the caller may write other records while
    it works (the demo writes its money, forecasts and recorded figures): the tallies
    need only the cases' steps, which must not change before :func:`run` finishes it."""
    began = time.perf_counter()
    days = sorted(set(days))
    if any(day > today for day in days):
        raise ValueError(f"cannot tick a day after today ({today})")
    # The mark is read before the cases, so a correction made after this point either is
    # read with the cases or leaves the mark changed (and so not cleared below).
    mark = facts_stale(la.pk)
    rebuilt = stale_days(la, mark, besides=days)
    days = sorted({*days, *rebuilt})
    if records is None:
        records = read_records(la, since=days[0] if days else today)
    past = [day for day in days if not (refresh and day == today)]
    elsewhere = _Elsewhere.start(records, past) if workers > 1 else None
    took = time.perf_counter() - began
    return Started(la, today, refresh, mark, rebuilt, days, records, past, elsewhere, took)


def run(
    la: LocalAuthority,
    days: Iterable[date],
    *,
    today: date,
    by: Any = None,
    records: Sequence[CaseRecord] | None = None,
    refresh: bool = True,
    workers: int = 1,
    started: Started | None = None,
) -> Summary:
    """Write the facts of each of ``days`` (as of that day); refresh stale deadline rows
    when a day is ``today`` (unless ``refresh`` is False). If corrections marked the area's
    facts stale, also rebuild every stored day from the mark and clear it (see the module
    docstring). One audit entry for the run. ``records`` may be given to reuse cases
    already read (the benchmark); by default they are read from the database. ``workers``
    of 2 or more: past days' tallies in a second process (see the module docstring).
    ``started``: the run :func:`start` began (its days, today and workers are used)."""
    if started is None:
        started = start(la, days, today=today, records=records, refresh=refresh, workers=workers)
    today, refresh, mark, rebuilt = started.today, started.refresh, started.mark, started.rebuilt
    days, records, past, elsewhere = started.days, started.records, started.past, started.elsewhere
    result = Summary(la.code, days, rebuilt)
    result.seconds["read"] = started.read_seconds
    clock_ = _Stopwatch(result.seconds)
    result.cases = len(records)
    result.events = sum(len(r.events) for r in records)
    counted: dict[date, list[KpiFact]] = {}
    try:
        # The ledger, plans and placements stay as they are over the run: a financial year's
        # spend and census are read once for every day (``records.ledger_unchanged``).
        with ledger_unchanged():
            if elsewhere is not None:
                result.processes = 2
                # Meanwhile: the KPIs counted from records, for the same days, in this
                # process; then the days the fork has not reached.
                for day in past:
                    counted[day] = records_facts(la, day, _periods(day), today=day == today)
                elsewhere.take_back()
                clock_.lap("compute")
            for day in days:
                stale = _Stale(la, today) if refresh and day == today else None
                clock_.lap("refresh")
                periods = _periods(day)
                seen = stale.see if stale is not None else None
                if elsewhere is not None and day in counted:
                    found = elsewhere.figures(day)
                else:
                    found = tally.tally(
                        records, [(p.start, p.end) for p in periods], day, seen=seen
                    )
                clock_.lap("compute")
                result.facts += write_day(
                    la, day, periods, found, today=today, counted=counted.get(day)
                )
                clock_.lap("write")
                if stale is not None:
                    result.refreshed_cases = stale.write()
                clock_.lap("refresh")
    finally:
        if elsewhere is not None:
            elsewhere.close()
    if mark is not None:
        clear_facts_stale(mark)
    first, last = (days[0], days[-1]) if days else ("", "")
    since = f" rebuilt={len(rebuilt)} since={mark.since}" if mark is not None else ""
    audit.record(
        user=by,
        verb="write",
        obj=la,
        la_id=la.pk,
        summary=f"tick {len(days)} day(s) {first}..{last} facts={result.facts} "
        f"refreshed={result.refreshed_cases}{since}",
    )
    return result


def _periods(day: date) -> list[Period]:
    """The periods a day's facts are written for: its month and its financial quarter."""
    return [containing(day, "month"), containing(day, "quarter")]


class _Elsewhere:
    """Past days' tallies worked out by a process forked from this one (``tally.tally`` is
    pure: it reads the cases this process read, inherited by the fork, and no database),
    one task a day in date order. Once this process has counted the KPIs from records it
    takes back the last days the fork has not begun (``take_back``), so both stay busy to
    the end whatever the two halves cost on the machine."""

    def __init__(
        self,
        pool: ProcessPoolExecutor,
        records: Sequence[CaseRecord],
        tasks: dict[date, Future[list[tally.Figures]]],
    ) -> None:
        self.pool, self.records, self.tasks = pool, records, tasks
        self.here: dict[date, list[tally.Figures]] = {}

    @classmethod
    def start(cls, records: Sequence[CaseRecord], days: list[date]) -> _Elsewhere | None:
        """The second process at work on ``days``; None when one process is better or
        safer (few days, other threads running, no fork on this system)."""
        if len(days) < ELSEWHERE_FROM or not _may_fork():
            return None
        global _RECORDS
        _RECORDS = records
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        try:
            tasks = {day: pool.submit(_tally_day, day, _periods(day)) for day in days}
        finally:
            _RECORDS = ()  # the fork has its copy
        return cls(pool, records, tasks)

    def take_back(self) -> None:
        """Tally here, from the last, the days the fork has not begun."""
        for day in sorted(self.tasks, reverse=True):
            if not self.tasks[day].cancel():
                break
            self.here[day] = _tally(self.records, day, _periods(day))

    def figures(self, day: date) -> list[tally.Figures]:
        if day in self.here:
            return self.here[day]
        return self.tasks[day].result()

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


#: The cases a forked process tallies (set just before the fork, cleared after it).
_RECORDS: Sequence[CaseRecord] = ()


def _may_fork() -> bool:
    """Whether this process may fork a worker: fork exists here and no other thread runs
    (a thread holding a lock at the fork would leave the child stuck on it)."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _tally(records: Sequence[CaseRecord], day: date, periods: list[Period]) -> list[tally.Figures]:
    return tally.tally(records, [(p.start, p.end) for p in periods], day)


def _tally_day(day: date, periods: list[Period]) -> list[tally.Figures]:
    """In the forked process: the day's figures for its periods."""
    return _tally(_RECORDS, day, periods)


def stale_days(
    la: LocalAuthority, mark: StaleFacts | None, *, besides: Iterable[date]
) -> list[date]:
    """The days, other than ``besides``, whose stored facts a correction may have changed:
    every day from ``mark.since`` the area holds facts for (one indexed query)."""
    if mark is None:
        return []
    stored = (
        KpiFact.objects.filter(la=la, on__gte=mark.since)
        .order_by("on")
        .values_list("on", flat=True)
        .distinct()
    )
    return sorted(set(stored) - set(besides))


class _Stopwatch:
    """Adds the time since the last lap to ``seconds[name]``."""

    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds, self.last = seconds, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = self.seconds.get(name, 0.0) + now - self.last
        self.last = now


# --- reading cases -------------------------------------------------------------------------


def read_records(la: LocalAuthority, *, since: date | None = None) -> list[CaseRecord]:
    """Every case of the area as a :class:`CaseRecord`: six queries (cases, events, review
    steps, the children's vulnerable groups today: ``senda.people.groups``). ``since``: the
    earliest day to be ticked (review steps recorded before its quarter began count in no
    period of a later day, and are not read)."""
    cases = (
        Case.objects.filter(la=la)
        .order_by("pk")
        .values_list(
            "pk",
            "status",
            "officer_id",
            "child__date_of_birth",
            "child__primary_need",
            "child__setting_id",
            "child__setting__phase",
            "child__setting__type",
            "child__setting__locality",
            "child_id",
        )
    )
    events = events_by_case(
        CaseEvent.objects.current()
        .filter(case__la=la)
        .order_by("case_id", "on", "recorded_at", "id")
    )
    recorded, corrected = _review_steps(la, None if since is None else _period_starts(since))
    policy = clock_policy(la)
    in_groups = groups_by_child(Child.objects.filter(la=la), kernel.today())
    records = []
    for pk, status, officer, born, need, setting, phase, kind, locality, child in cases:
        dims = {
            "phase": phase or "",
            "need": need or "",
            "setting_type": kind or "",
            "locality": locality or "",
            "officer": str(officer) if officer else "",
        }
        records.append(
            CaseRecord(
                pk,
                status == Case.Status.CLOSED,
                setting is not None,
                dims,
                events.get(pk, []),
                clock_child(born),
                policy,
                recorded.get(pk, ()),
                corrected.get(pk, ()),
                in_groups.get(child) or [NONE],
            )
        )
    return records


def _period_starts(day: date) -> date:
    """The first day of the earliest period containing ``day`` (its quarter's)."""
    return min(containing(day, "month").start, containing(day, "quarter").start)


def _review_steps(
    la: LocalAuthority, since: date | None
) -> tuple[dict[int, list[date]], dict[int, list[date]]]:
    """For ``review-logging-errors``: by case, the days (in the service's time zone) its
    annual-review steps were first recorded (from ``since``, if given), and the days of
    those since corrected or withdrawn, each sorted. A correction's replacement is left
    out: it is not the step recorded again. One query."""
    recorded: dict[int, list[date]] = defaultdict(list)
    corrected: dict[int, list[date]] = defaultdict(list)
    rows = CaseEvent.objects.filter(case__la=la, type__in=REVIEW_STEP_TYPES, replaces__isnull=True)
    zone = timezone.get_current_timezone()
    if since is not None:
        rows = rows.filter(
            recorded_at__gte=datetime.combine(since, datetime.min.time(), tzinfo=zone)
        )
    found = rows.order_by("case_id", "recorded_at").values_list(
        "case_id", "recorded_at", "correction"
    )
    for case_id, at, correction in found.iterator(chunk_size=BATCH):
        day = at.astimezone(zone).date()
        recorded[case_id].append(day)
        if correction is not None:
            corrected[case_id].append(day)
    return recorded, corrected


# --- writing facts -------------------------------------------------------------------------


def write_day(
    la: LocalAuthority,
    day: date,
    periods: Sequence[Period],
    found: Sequence[tally.Figures],
    *,
    today: date,
    counted: list[KpiFact] | None = None,
) -> int:
    """Replace the area's facts as of ``day`` with ``found`` (one per period) in one
    transaction; ``caseload-at-target`` is replaced only when ``day`` is ``today``.
    ``counted``: the day's facts of the KPIs counted from records, if already counted
    (``records_facts``); else they are counted here."""
    facts = [
        _fact(la, day, period, kpi, key, value)
        for period, figures in zip(periods, found, strict=True)
        for kpi, by_key in figures.items()
        for key, value in by_key.items()
    ]
    if day == today:
        facts += _caseload_facts(la, day, periods)
    if counted is None:
        counted = records_facts(la, day, periods, today=day == today)
    facts += counted
    with transaction.atomic():
        old = KpiFact.objects.filter(la=la, on=day)
        if day != today:
            old = old.exclude(kpi__in={TODAY_ONLY, *TODAY_ONLY_RECORDS})
        old.delete()
        insert_rows(facts)
    return len(facts)


def _fact(
    la: LocalAuthority, day: date, period: Period, kpi: str, key: tuple[str, str], value: Figure
) -> KpiFact:
    return unsaved(
        KpiFact,
        la_id=la.pk,
        kpi=kpi,
        on=day,
        period=period.kind,
        period_start=period.start,
        dimension=key[0],
        member=key[1][:100],
        numerator=value.numerator,
        denominator=value.denominator,
        numerator_with_exceptions=value.numerator_with_exceptions,
        denominator_with_exceptions=value.denominator_with_exceptions,
    )


def _caseload_facts(la: LocalAuthority, day: date, periods: Sequence[Period]) -> list[KpiFact]:
    """Case officers at or under their caseload target now (the team view's rule)."""
    from senda.casework.caseloads import caseload_by_officer

    loads = caseload_by_officer(la, today=day)
    at = sum(1 for load in loads if load.at_target)
    figure = Figure(at, len(loads))
    return [_fact(la, day, period, TODAY_ONLY, (ALL, ""), figure) for period in periods]


def ledger_unchanged() -> AbstractContextManager[None]:
    """``senda.performance.records.ledger_unchanged``: the run's days share what a measure
    reads independently of the day judged."""
    from senda.performance import records

    return records.ledger_unchanged()


def records_facts(
    la: LocalAuthority, day: date, periods: Sequence[Period], *, today: bool = True
) -> list[KpiFact]:
    """The KPIs counted from records (the portal's, and the complaints, mediation and
    appeal records: ``senda.performance.records``), as of ``day``, for the whole area: a
    rate's numerator of its denominator, a count alone. Unless ``day`` is ``today``, those
    only computed for today (``TODAY_ONLY_RECORDS``) are left out. A measure that reads the
    records as they stand on the day judged (``records.on_the_day``) is counted once for
    the periods judged on the same day (a day's month and its quarter, on most days)."""
    from senda.performance import records as measures

    facts = []
    with measures.records_unchanged():
        for entry in from_records():
            name = entry.computed_by.measure if isinstance(entry.computed_by, FromRecords) else ""
            if not today and (name or entry.id) in TODAY_ONLY_RECORDS:
                continue
            once = measures.on_the_day(name or entry.id)
            judged_on: dict[date, Any] = {}
            for period in periods:
                on = judged(period.end, day)
                found = judged_on.get(on) if once else None
                if found is None:
                    found = measures.count(name or entry.id, la, period.start, period.end, day)
                    judged_on[on] = found
                figure = Figure(found.numerator, found.denominator)
                facts.append(_fact(la, day, period, entry.id, (ALL, ""), figure))
    return facts


# --- refreshing stale deadline rows ----------------------------------------------------------


class _Stale:
    """Compares each case's stored deadline rows with the clock's answer as of today and
    rewrites those that differ (rows and summary). The stored rows are kept as one digest
    per case (a national register has ~10 million rows)."""

    def __init__(self, la: LocalAuthority, today: date) -> None:
        self.la, self.today = la, today
        self.stored: dict[int, int] = {}
        rows = (
            DeadlineRow.objects.filter(case__la=la)
            .order_by("case_id")
            .values_list("case_id", "rule", "due", "done", "status", "citation", "discipline")
        )
        current: int | None = None
        group: list[tuple[Any, ...]] = []
        for case_id, *row in rows.iterator(chunk_size=BATCH):
            if case_id != current:
                if current is not None:
                    self.stored[current] = _digest(group)
                current, group = case_id, []
            group.append(tuple(row))
        if current is not None:
            self.stored[current] = _digest(group)
        self.changed: list[tuple[CaseRecord, list[clock.Deadline]]] = []

    @property
    def see(self) -> Callable[[CaseRecord, list[clock.Deadline]], None]:
        return self._see

    def _see(self, record: CaseRecord, rows: list[clock.Deadline]) -> None:
        if _digest(map(_key, rows)) != self.stored.get(record.case_id, _NONE):
            self.changed.append((record, rows))

    def write(self) -> int:
        """Rewrite the changed cases' rows and summaries; how many cases were rewritten."""
        if not self.changed:
            return 0
        ids = [record.case_id for record, _rows in self.changed]
        with transaction.atomic():
            cases = Case.objects.in_bulk(ids)
            for start in range(0, len(ids), BATCH):
                DeadlineRow.objects.filter(case_id__in=ids[start : start + BATCH]).delete()
            new_rows = []
            for record, rows in self.changed:
                case = cases[record.case_id]
                summarise(case, record.events, rows, today=self.today)
                new_rows += deadline_rows(case, rows, self.today)
            DeadlineRow.objects.bulk_create(new_rows, batch_size=BATCH)
            Case.objects.bulk_update(list(cases.values()), SUMMARY_FIELDS, batch_size=BATCH)
        return len(ids)


def _key(d: clock.Deadline) -> tuple[Any, ...]:
    return (d.rule, d.due, d.done, d.status, d.citation, d.discipline or "")


def _digest(rows: Iterable[tuple[Any, ...]]) -> int:
    """The same number for the same rows in any order (a multiset's hash)."""
    return hash(frozenset(Counter(rows).items()))


_NONE = _digest(())
