"""What an import reports: the problems that stop it (:mod:`senda.sheets`'s), and what it did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from senda.sheets import ImportFailed, Problem

if TYPE_CHECKING:
    from senda.improvement.models import ImprovementPlan

__all__ = ["ImportFailed", "ImportResult", "Joined", "Problem", "Unresolved"]


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A timescale or milestone date Senda could not read: kept verbatim for a person."""

    reference: str
    text: str
    what: str  # "timescale" or "milestone 'Month 3'"
    row: int
    column: str
    sheet: str = ""

    def __str__(self) -> str:
        return f"{self.reference} {self.what} {self.text!r}"


@dataclass(frozen=True, slots=True)
class Joined:
    """A row that continued the action above it (a cell run over a page break)."""

    reference: str
    row: int
    headings: tuple[str, ...]  # the columns it continued
    sheet: str = ""

    def __str__(self) -> str:
        where = f"sheet {self.sheet!r} row {self.row}" if self.sheet else f"row {self.row}"
        return f"{where} joined to {self.reference} ({', '.join(self.headings)})"


@dataclass
class ImportResult:
    plan: ImprovementPlan
    created: int  # actions created
    updated: int  # existing actions whose text changed
    unresolved: list[Unresolved] = field(default_factory=list)
    joined: list[Joined] = field(default_factory=list)
    layout: str = ""
    areas: int = 0
    actions: int = 0
    milestones: int = 0
    updates: int = 0  # ActionUpdates added

    @property
    def summary(self) -> str:
        """One line for a person: what was imported and what is left to resolve."""
        new = f"{self.created} new" + (f", {self.updated} updated" if self.updated else "")
        text = (
            f"Imported {self.plan.title!r}: {self.areas} areas, {self.actions} actions ({new}), "
            f"{self.milestones} milestones"
        )
        if self.joined:
            rows = "; ".join(map(str, self.joined))
            text += f"; {_count(len(self.joined), 'row')} continued the action above: {rows}"
        if not self.unresolved:
            return text + "; every timescale read."
        listed = "; ".join(map(str, self.unresolved))
        return f"{text}; {_count(len(self.unresolved), 'timescale')} to resolve: {listed}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
