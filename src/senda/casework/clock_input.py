"""The one adapter from the database to the clock: stored steps, the child and the local
area's standards as the clock's plain values (``senda.clock.Event``, ``Child``,
``LocalPolicy``).

Everything that asks the clock about stored cases comes through here: the actions'
refresh of a case's deadline rows, the case pages, the demo builder and the nightly
``performance.tick`` over a whole area (:func:`events_by_case`, one query).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import senda.clock as clock

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from senda.casework.models import Case, CaseEvent
    from senda.people.models import LocalAuthority

#: A stored step's fields the clock reads, in the order of ``senda.clock.Event``'s.
EVENT_FIELDS: Final = (
    "type",
    "on",
    "outcome",
    "discipline",
    "ground",
    "applies_to",
    "kind",
    "last_review",
    "move_date",
    "cease_reason",
)
BATCH: Final = 5000


def clock_event(
    type: str,
    on: date,
    outcome: str,
    discipline: str,
    ground: str,
    applies_to: Sequence[str] | None,
    kind: str,
    last_review: date | None,
    move_date: date | None,
    cease_reason: int | None,
) -> clock.Event:
    """One stored step's values (:data:`EVENT_FIELDS`) as the clock's event: blank text is
    None, the list of rule ids an exception applies to a tuple. The stored cease reason is
    the clock's ``reason`` of a decision to cease only (a plan ceasing keeps its reason for
    SEN2; the clock reads none there)."""
    return clock.Event(
        type,
        on,
        outcome or None,
        discipline or None,
        ground or None,
        tuple(applies_to) if applies_to is not None else None,
        kind or None,
        last_review,
        move_date,
        cease_reason if type == "cease_decision" else None,
    )


def clock_events(events: QuerySet[CaseEvent]) -> list[clock.Event]:
    """The stored ``events`` (in the queryset's order) as the clock's, in one query."""
    return [clock_event(*values) for values in events.values_list(*EVENT_FIELDS)]


def events_by_case(events: QuerySet[CaseEvent]) -> dict[int, list[clock.Event]]:
    """The stored ``events`` of many cases as the clock's, by case id, each case's in the
    queryset's order: one query, read in batches (a whole area's, for ``tick``)."""
    found: dict[int, list[clock.Event]] = defaultdict(list)
    rows = events.values_list("case_id", *EVENT_FIELDS).iterator(chunk_size=BATCH)
    for case_id, *values in rows:
        found[case_id].append(clock_event(*values))
    return found


def clock_child(date_of_birth: date | None) -> clock.Child:
    return clock.Child(date_of_birth=date_of_birth)


def clock_policy(la: LocalAuthority | Any) -> clock.LocalPolicy:
    """The local area's standards (``review-logged``'s working days, ``under-five-review``'s
    months; either may be off)."""
    return clock.LocalPolicy(
        review_logged_working_days=la.review_logged_working_days,
        under_five_review_months=la.under_five_review_months,
    )


def case_deadlines(
    case: Case,
    events: Sequence[clock.Event],
    today: date,
    *,
    calendar: clock.WorkingDayCalendar | None = None,
) -> list[clock.Deadline]:
    """The clock's answer for ``case`` with these ``events`` as of ``today``."""
    return clock.evaluate(
        events,
        today,
        child=clock_child(case.child.date_of_birth),
        policy=clock_policy(case.la),
        calendar=calendar,
    )
