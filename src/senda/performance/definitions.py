"""KPI definitions: how a computed KPI classifies the clock's deadline rows for a period.

Pure: no Django. A *row* is the clock's ``Deadline`` or a stored ``DeadlineRow``: both have
``rule``, ``due``, ``done``, ``status`` and ``discipline``. A definition puts a row of a period
in one *part*: ``counted`` (numerator and denominator), ``missed`` (denominator only),
``excepted`` (left out for an exception, counted in the figure beside), ``open`` (outcome not
known yet: left out), or ``None`` (not in the period). Both ``senda tick`` (``tally``, over
the clock's rows as of a day) and the weekly service dashboard (``weekly``, over stored
rows) count with these, so they cannot disagree. Each catalogue entry of a computed KPI
names its definition (``senda.performance.catalogue``).

    OnTimeByDone(("final-plan",), exceptions=True).part(row, start, end, as_of, case)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal, Protocol

from senda import clock
from senda.clock.model import EVENT_TYPES

COUNTED, MISSED, EXCEPTED, OPEN = "counted", "missed", "excepted", "open"
#: The parts of a period's rows, in the order the cases behind a figure are listed.
PARTS = (COUNTED, MISSED, EXCEPTED, OPEN)

#: The whole area's figure: (dimension, member).
ALL = ("all", "")
#: Dimensions a case carries; members are plain strings, "" = unknown. ``group`` (the
#: child's vulnerable groups, ``senda.people.groups``) may have several members for a case:
#: a child in two groups counts in both.
CASE_DIMENSIONS = ("phase", "need", "setting_type", "locality", "officer", "group")
#: The case dimensions with more than one member a case (``CaseRecord.groups``).
MANY_MEMBERS = frozenset({"group"})
#: Every dimension a computed KPI's figures may be broken down by, with its name.
DIMENSIONS: dict[str, str] = {
    "phase": "Phase of education",
    "need": "Primary need",
    "setting_type": "Type of setting",
    "locality": "Locality",
    "officer": "Case officer",
    "group": "Vulnerable group",
    "discipline": "Discipline",
    "band": "How long overdue",
}

REVIEW_RULES = tuple(sorted(clock.REVIEW_DUE_RULES))
#: Age bands of an overdue review: (label, fewest days overdue, most days or None).
OVERDUE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("Up to 4 weeks", 1, 28),
    ("4 to 13 weeks", 29, 91),
    ("13 to 26 weeks", 92, 182),
    ("26 to 52 weeks", 183, 364),
    ("52 weeks or more", 365, None),
)
#: The annual-review steps whose corrections ``review-logging-errors`` counts: invitations,
#: advice circulated, meeting, report received, logged, decision.
REVIEW_STEP_TYPES: tuple[str, ...] = tuple(t for t in EVENT_TYPES if t.startswith("review_"))

Kind = Literal["rate", "count", "now"]


class Row(Protocol):
    """A deadline row: the clock's ``Deadline`` or a stored ``DeadlineRow``."""

    @property
    def rule(self) -> str: ...
    @property
    def due(self) -> date: ...
    @property
    def done(self) -> date | None: ...
    @property
    def status(self) -> str: ...
    @property
    def discipline(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What a definition reads of a row's case, as it is now: ``closed``, and whether the
    child has a setting (``at_setting``)."""

    closed: bool = False
    at_setting: bool = False


@dataclass(frozen=True)
class Definition:
    """A computed KPI's rule for rows: which ``rules`` it reads, its ``kind``, whether it
    leaves ``exceptions`` out (reporting them beside), and the row dimension (``by``) its
    figures are also broken down by. ``window``: which date puts a row in a period — its
    ``done`` day, its ``due`` day, or (``owed``) due before and not done by the day it is
    judged on — so a reader of stored rows can fetch the candidates with a plain query."""

    rules: tuple[str, ...] = ()
    kind: ClassVar[Kind] = "rate"
    window: ClassVar[Literal["done", "due", "owed", ""]] = ""
    exceptions: bool = False
    by: str = ""

    def part(self, row: Row, start: date, end: date, as_of: date, case: CaseFacts) -> str | None:
        """The row's part of the period ``start``–``end`` (inclusive) on ``as_of``."""
        return None

    def member(self, row: Row, judged: date) -> str:
        """The row's member of the ``by`` dimension ("" = not recorded)."""
        return ""

    def members(self) -> tuple[str, ...]:
        """The ``by`` dimension's members when they are fixed (bands), else ()."""
        return ()

    def parts(self) -> tuple[str, ...]:
        """The parts :meth:`part` can give, in :data:`PARTS` order."""
        return (COUNTED, MISSED)


def met(row: Row) -> bool:
    """Done on or before the due date."""
    return row.done is not None and row.done <= row.due


@dataclass(frozen=True)
class OnTimeByDone(Definition):
    """Rows done in the period; counted if done on or before due. With ``exceptions``, a row
    with status ``excepted`` is left out (and counted beside). ``by="discipline"``: broken
    down by the row's discipline, matched without regard to case."""

    window: ClassVar[Literal["done"]] = "done"

    def parts(self) -> tuple[str, ...]:
        return (COUNTED, MISSED, EXCEPTED) if self.exceptions else (COUNTED, MISSED)

    def part(self, row: Row, start: date, end: date, as_of: date, case: CaseFacts) -> str | None:
        done = row.done
        if done is None or not start <= done <= end:
            return None
        if self.exceptions and row.status == clock.EXCEPTED:
            return EXCEPTED
        return COUNTED if done <= row.due else MISSED

    def member(self, row: Row, judged: date) -> str:
        return (row.discipline or "").strip().lower()


@dataclass(frozen=True)
class OnTimeByDue(Definition):
    """Rows due in the period; counted if done on or before due; a row not done and due on or
    after ``as_of`` is open (it may still be on time). ``of_setting``: only rows of a child at
    a setting, and a missing one of a closed case is left out (no longer chased)."""

    window: ClassVar[Literal["due"]] = "due"
    of_setting: bool = False

    def parts(self) -> tuple[str, ...]:
        return (COUNTED, MISSED, OPEN)

    def part(self, row: Row, start: date, end: date, as_of: date, case: CaseFacts) -> str | None:
        due, done = row.due, row.done
        if not start <= due <= end:
            return None
        if self.of_setting and (not case.at_setting or (done is None and case.closed)):
            return None
        if done is None:
            return OPEN if due >= as_of else MISSED
        return COUNTED if done <= due else MISSED


@dataclass(frozen=True)
class OverdueCount(Definition):
    """A count of rows overdue on the day the period is judged on (its last day, or
    ``as_of`` while it runs): :func:`overdue_on`, of an open case; ``by="band"``: how long
    overdue (:data:`OVERDUE_BANDS`)."""

    kind: ClassVar[Kind] = "count"
    window: ClassVar[Literal["owed"]] = "owed"

    def part(self, row: Row, start: date, end: date, as_of: date, case: CaseFacts) -> str | None:
        if case.closed or not overdue_on(row, min(end, as_of)):
            return None
        return COUNTED

    def member(self, row: Row, judged: date) -> str:
        return band((judged - row.due).days)

    def members(self) -> tuple[str, ...]:
        return tuple(label for label, _fewest, _most in OVERDUE_BANDS)

    def parts(self) -> tuple[str, ...]:
        return (COUNTED,)


@dataclass(frozen=True)
class CorrectedSteps(Definition):
    """Not from the clock's rows: of the ``steps`` first recorded in the period (to the day
    it is judged on), those since corrected or withdrawn (``tally`` counts them)."""

    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseloadNow(Definition):
    """Not from rows, and only as it stands now (caseloads are not kept by date): case
    officers at or under their caseload target (casework's ``caseload_by_officer``)."""

    kind: ClassVar[Kind] = "now"


@dataclass(frozen=True)
class FromRecords(Definition):
    """Not from the clock's rows: counted from records a room keeps (``measure``: the
    measure's name in ``senda.portal.measures.MEASURES`` or ``senda.casework.scrutiny.
    MEASURES``, the KPI's own id: ``senda.performance.records``), as of the day
    the figure is taken. ``senda tick`` asks the room for each period; ``records`` says
    which records, for the reference."""

    measure: str = ""
    records: str = ""


@dataclass(frozen=True)
class CountFromRecords(FromRecords):
    """A count from records (:class:`FromRecords`): a numerator alone."""

    kind: ClassVar[Kind] = "count"

    def parts(self) -> tuple[str, ...]:
        return (COUNTED,)


def overdue_on(row: Row, day: date) -> bool:
    """The row counts as overdue on ``day`` (casework's ``overdue_on``, less the case's
    status): due before ``day``, not done by then, and still owed — a row not done is
    ``pending`` or ``overdue`` (not excepted, nor lapsed because its plan ceased); one done
    after ``day`` counted then unless an exception applies."""
    due, done = row.due, row.done
    if due >= day:
        return False
    if done is None:
        return row.status in clock.OPEN
    return done > day and row.status != clock.EXCEPTED


def band(days: int) -> str:
    """The :data:`OVERDUE_BANDS` label of a row overdue by ``days``."""
    for label, fewest, most in OVERDUE_BANDS:
        if days >= fewest and (most is None or days <= most):
            return label
    return OVERDUE_BANDS[0][0]
