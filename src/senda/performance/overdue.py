"""Overdue statutory work by the SEND team's case officers, for the board's exception report.

    from senda.performance import overdue
    overdue.by_officer(la, today)   # [Overdue], most overdue first; only those with any

Counts of deadline rows only (casework's ``caseload_by_officer``, the caseloads page's own
figures), never a child's record: ``improvement``, which may not read casework, asks here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from senda.casework.caseloads import caseload_by_officer
from senda.people.models import LocalAuthority


@dataclass(frozen=True, slots=True)
class Overdue:
    officer_id: int
    name: str
    deadlines: int  # statutory deadlines overdue on the day, on the officer's open cases
    reviews: int  # of which annual reviews


def by_officer(la: LocalAuthority, today: date) -> list[Overdue]:
    """Each case officer with overdue statutory deadlines on ``today``, most first."""
    loads = caseload_by_officer(la, today=today)
    found = [
        Overdue(load.officer_id, load.name, load.overdue_deadlines, load.overdue_reviews)
        for load in loads
        if load.overdue_deadlines
    ]
    return sorted(found, key=lambda x: (-x.deadlines, x.name.lower()))
