"""When the demo's steps were recorded, and a few annual-review steps recorded wrongly and
corrected or withdrawn later, so the timeline shows corrections and the KPI
``review-logging-errors`` has a figure.

Every step is recorded on its own day, one dated later than the build's day (a
planned phase transfer) when the area is built. Then, from their own random stream (so the
rest of the area is unchanged), some of the main area's annual-review steps first recorded
in the months the demo keeps facts for are made mistakes: most were recorded with the
wrong date and corrected (the story's event is the correction, the mistaken original is
added beside it), the rest recorded twice and the second withdrawn. The share falls from
about 8% of a month's review steps 18 months ago to about 3% now; a mistake is found 1 to
60 days after it was recorded, and one not found by the build's day is left uncorrected
(so the latest months' figures are still settling). Corrections of steps recorded more
than ``SENDA_CORRECTION_MANAGER_AFTER_DAYS`` before were made by the team manager, as the
action requires.

The rows are written in bulk, as the rest of the demo is: the story's events are already
the current ones, so the deadlines, records and summaries built from the stories stand,
and the KPI facts are written afterwards (no stale mark is needed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from random import Random

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import DateTimeField, Model
from django.db.models.functions import Cast

from senda.casework.models import Case, CaseEvent, EventCorrection
from senda.performance.definitions import REVIEW_STEP_TYPES

BATCH = 2000
#: The share of a month's review steps recorded wrongly: 18 months ago, and now.
FIRST_RATE, LAST_RATE = 0.08, 0.03
HISTORY_DAYS = 19 * 31
#: Of the mistakes, the share recorded twice (withdrawn); the rest had the wrong date.
TWICE = 0.25
FOUND_AFTER_DAYS = (1, 60)
#: When in the day (UTC) a mistake was corrected: the correction and its step.
FOUND_AT = timedelta(hours=10)
WRONG_DATE_REASONS = (
    "Typed the wrong date",
    "The date of the letter was entered, not the date it was sent",
    "The meeting was moved; the planned date was recorded",
    "Wrong week entered",
)
TWICE_REASON = "Recorded twice"


@dataclass(frozen=True, slots=True)
class Mistakes:
    corrected: int
    withdrawn: int


@dataclass(frozen=True, slots=True)
class _Mistake:
    """A mistaken ``original``, first recorded on ``recorded``, found on ``found`` and
    corrected by ``new`` (the story's event) or withdrawn (``new`` None)."""

    original: CaseEvent
    new: CaseEvent | None
    recorded: date
    found: date
    reason: str


def record_days(today: date) -> None:
    """Each step recorded on its own day (at midnight UTC, in the first hour of that day in
    the UK): one UPDATE for every step dated before ``today`` (the others keep the build's
    time)."""
    CaseEvent.objects.filter(on__lt=today).update(recorded_at=Cast("on", DateTimeField()))


def write_mistakes(
    rng: Random,
    events: Sequence[CaseEvent],
    cases: dict[int, Case],
    manager: User,
    today: date,
) -> Mistakes:
    """Mistaken originals of some of ``events`` (the main area's, as written), each linked
    to its correction or withdrawal; ``record_days`` must have run."""
    mistakes = _choose(rng, events, today)
    CaseEvent.objects.bulk_create([m.original for m in mistakes], batch_size=BATCH)
    # bulk_create stamps the time it runs (auto_now_add): the right times are set after.
    _stamp(
        CaseEvent,
        "recorded_at",
        [(_at(m.recorded), m.original.pk) for m in mistakes]
        + [(_at(m.found) + FOUND_AT, m.new.pk) for m in mistakes if m.new is not None],
    )
    late = settings.SENDA_CORRECTION_MANAGER_AFTER_DAYS
    corrections = []
    for m in mistakes:
        case, original, new = cases[m.original.case_id], m.original, m.new
        needed_manager = (m.found - m.recorded).days > late
        corrections.append(
            EventCorrection(
                la_id=case.la_id,
                case=case,
                event=original,
                replacement=new,
                kind=EventCorrection.Kind.WITHDRAWN
                if new is None
                else EventCorrection.Kind.CORRECTED,
                event_type=original.type,
                was_on=original.on,
                now_on=None if new is None else new.on,
                affected_from=original.on if new is None else min(original.on, new.on),
                reason=m.reason,
                by_id=manager.pk if needed_manager or not case.officer_id else case.officer_id,
                needed_manager=needed_manager,
            )
        )
    EventCorrection.objects.bulk_create(corrections, batch_size=BATCH)
    _stamp(
        EventCorrection,
        "at",
        [(_at(m.found) + FOUND_AT, c.pk) for c, m in zip(corrections, mistakes, strict=True)],
    )
    withdrawn = sum(1 for m in mistakes if m.new is None)
    return Mistakes(len(mistakes) - withdrawn, withdrawn)


def _choose(rng: Random, events: Sequence[CaseEvent], today: date) -> list[_Mistake]:
    first = today - timedelta(days=HISTORY_DAYS)
    mistakes = []
    for event in events:
        if event.type not in REVIEW_STEP_TYPES or not first <= event.on < today:
            continue
        share = LAST_RATE + (FIRST_RATE - LAST_RATE) * (today - event.on).days / HISTORY_DAYS
        if rng.random() >= share:
            continue
        twice = rng.random() < TWICE
        wrong = event.on if twice else _wrong_date(rng, event.on, today)
        recorded = max(event.on, wrong)
        found = recorded + timedelta(days=rng.randint(*FOUND_AFTER_DAYS))
        if found >= today:
            continue  # not found yet
        if twice:
            mistakes.append(_Mistake(_copy(event, wrong), None, recorded, found, TWICE_REASON))
        else:
            reason = rng.choice(WRONG_DATE_REASONS)
            mistakes.append(_Mistake(_copy(event, wrong), event, recorded, found, reason))
    return mistakes


def _wrong_date(rng: Random, on: date, today: date) -> date:
    """A date a few days or a week out, never after the build's day."""
    days = rng.choice([-7, -3, -2, -1, 1, 2, 3, 7])
    wrong = on + timedelta(days=days)
    return wrong if wrong < today else on - timedelta(days=abs(days))


def _at(day: date) -> datetime:
    """Midnight UTC: the first hour of ``day`` in the UK, as ``record_days`` writes."""
    return datetime.combine(day, time(), tzinfo=UTC)


def _stamp(model: type[Model], column: str, values: list[tuple[datetime, int]]) -> None:
    """Set ``column`` (a date and time) of the rows with those ids, in one statement run
    for each row (``executemany``): ``bulk_update`` builds a CASE of every row."""
    ops = connection.ops
    table, name = ops.quote_name(model._meta.db_table), ops.quote_name(column)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {name} = %s WHERE id = %s",
            [(ops.adapt_datetimefield_value(at), pk) for at, pk in values],
        )


def _copy(event: CaseEvent, on: date) -> CaseEvent:
    return CaseEvent(
        case_id=event.case_id,
        type=event.type,
        on=on,
        outcome=event.outcome,
        discipline=event.discipline,
        ground=event.ground,
        applies_to=event.applies_to,
        kind=event.kind,
        last_review=event.last_review,
        from_la=event.from_la,
        source=event.source,
        cease_reason=event.cease_reason,
        recorded_by_id=event.recorded_by_id,
    )
