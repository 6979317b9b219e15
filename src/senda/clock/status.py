"""The status vocabulary of a deadline row, and how a row's status is read.

Every room that stores, filters or shows deadline rows spells a status by these names, and
asks :data:`OPEN` whether a deadline is still owed: the words live here, once.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from senda.clock.model import Status

MET: Final = "met"
LATE: Final = "late"
PENDING: Final = "pending"
OVERDUE: Final = "overdue"
EXCEPTED: Final = "excepted"
BREACHED: Final = "breached"
LAPSED: Final = "lapsed"

#: Every status a deadline row may have, in the order the reference lists them.
STATUSES: Final[tuple[str, ...]] = Status.__args__  # type: ignore[attr-defined]
#: A deadline still owed: not done, no exception, its plan not ceased.
OPEN: Final = frozenset({PENDING, OVERDUE})
#: What each status means (``docs/clock.md`` prints this table).
MEANINGS: Final[dict[str, str]] = {
    MET: "done on or before due",
    LATE: "done after due",
    PENDING: "not done, due on or after as-of",
    OVERDUE: "not done, due before as-of",
    EXCEPTED: "an exception applies",
    BREACHED: (
        "the family's time to comment (`draft-comment-period`, `amendment-comment-period`) "
        "only: the plan came on or before the window's last day"
    ),
    LAPSED: "not done, fell due before the plan ceased: missed, no longer owed, never `overdue`",
}


def status(due: date, done: date | None, today: date) -> str:
    """``met`` done on or before due · ``late`` done after due · ``pending`` not done, due on
    or after today · ``overdue`` not done, due before today."""
    if done is None:
        return PENDING if due >= today else OVERDUE
    return MET if done <= due else LATE
