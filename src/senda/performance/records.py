"""The measures the catalogue's KPIs counted from records name (``FromRecords.measure``):
the portal's (``senda.portal.measures``) and the complaints, mediation and appeal records'
(``senda.casework.scrutiny``), the quality assurance records' (``senda.quality.measures``),
the data-quality checks' (``senda.interchange.measures``), the High Needs ledger's
(``senda.sufficiency.measures``), the ND waiting list's and transition's
(``senda.pathways.measures``), the reviews from Year 9 (``senda.casework.adulthood``), the
specialist support of children waiting for a school place
(``senda.performance.specialist_support``) and the disabled children's register's
(``senda.pathways.disabled.measures``), the participation extracts'
(``senda.pathways.destinations``) and the training register's and establishment's
(``senda.people.workforce``). ``senda tick`` and the KPI page's list of what lies
behind a figure both ask here, so a measure is found the same way by both.

    from senda.performance import records
    found = records.count("appeals-registered", la, start, end, as_of)
    found.numerator, found.denominator, found.counted, found.missed, found.open, found.of
"""

from __future__ import annotations

from contextlib import AbstractContextManager, ExitStack
from datetime import date
from types import ModuleType
from typing import Protocol

from senda.casework import adulthood, scrutiny
from senda.interchange import measures as data_quality
from senda.pathways import destinations
from senda.pathways import measures as waiting_list
from senda.pathways.disabled import measures as disabled_children
from senda.people import workforce
from senda.people.models import LocalAuthority
from senda.performance import specialist_support
from senda.portal import measures
from senda.quality import measures as quality
from senda.sufficiency import measures as money


class Found(Protocol):
    """What a measure answers (``portal.measures.Behind``, ``casework.scrutiny.Found``)."""

    @property
    def of(self) -> str: ...
    @property
    def counted(self) -> tuple[int, ...]: ...
    @property
    def missed(self) -> tuple[int, ...]: ...
    @property
    def open(self) -> tuple[int, ...]: ...
    @property
    def rate(self) -> bool: ...
    @property
    def numerator(self) -> int: ...
    @property
    def denominator(self) -> int | None: ...


#: Each room's measures: its ``MEASURES`` (the quality room's ``PROFILE_MEASURES`` too),
#: the ``ON_THE_DAY`` among them, and its ``count``. The portal's are the rest.
ROOMS: tuple[ModuleType, ...] = (
    scrutiny,
    quality,
    data_quality,
    money,
    waiting_list,
    adulthood,
    specialist_support,
    disabled_children,
    destinations,
    workforce,
    measures,
)


def _of(room: ModuleType) -> set[str]:
    return set(room.MEASURES) | set(getattr(room, "PROFILE_MEASURES", ()))


#: Each measure's room, the first of ``ROOMS`` to name it (``senda tick`` asks for a
#: measure thousands of times a run: looked up once here, not room by room each time).
_ROOM_OF: dict[str, ModuleType] = {name: room for room in reversed(ROOMS) for name in _of(room)}
_ON_THE_DAY = frozenset(name for room in ROOMS for name in getattr(room, "ON_THE_DAY", ()))


def names() -> set[str]:
    """Every measure's name."""
    return set(_ROOM_OF)


def on_the_day(name: str) -> bool:
    """Whether the measure ``name`` reads the records as they stand on the day judged and
    not the period's start, so that it gives the same figure for every period judged on
    the same day (``senda tick`` counts it once for a day's month and quarter)."""
    return name in _ON_THE_DAY


def records_unchanged() -> AbstractContextManager[None]:
    """A block in which the records do not change, so a measure may keep what it read for
    the next period judged on the same day (``senda tick`` counts a day's measures in one)."""
    stack = ExitStack()
    stack.enter_context(measures.records_unchanged())
    stack.enter_context(money.records_unchanged())
    return stack


def ledger_unchanged() -> AbstractContextManager[None]:
    """A block in which no record changes over several days counted (``senda tick``'s run):
    what a measure reads independently of the day judged is read once."""
    return money.ledger_unchanged()


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of`` (KeyError: no
    such measure)."""
    found: Found = _ROOM_OF.get(name, measures).count(name, la, start, end, as_of)
    return found
