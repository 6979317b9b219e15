"""Suppression of small numbers, so that no child can be identified from a published figure.
Pure: no Django. See ``docs/suppression.md``.

- **Primary**: a count from 1 to ``threshold - 1`` is not shown. For a rate, the rate is not
  shown when its numerator, its denominator or the difference (those not
  counted) is such a count. Zero is shown.
- **A variant beside its figure** (the figure including exception cases beside the one
  leaving them out): the variant is not shown when it is small for itself, or when what it
  adds (its counts less the figure's: the exception cases, how many of them were counted
  and how many missed) has a small count. 100 of 150 beside 107 of 159 adds 7 of 9: the 2
  exception cases missed could be worked out.
- **Secondary**: in a breakdown whose total is shown, a single hidden row could be worked out
  by subtracting the shown rows from the total. So while a breakdown has exactly one hidden
  row (counting, as hidden, whatever the rows do not account for), the smallest shown row is
  hidden too.

The threshold is the setting ``SENDA_SUPPRESS_BELOW`` (default 5); Django code reads it with
``senda.performance.status_shown.threshold()`` and passes it in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class Cell:
    """A figure's counts: a plain count (``denominator`` None) or a rate's two counts."""

    numerator: int
    denominator: int | None = None

    def counts(self) -> tuple[int, ...]:
        """The counts a reader could learn: the count, or numerator, denominator and the
        difference between them."""
        if self.denominator is None:
            return (self.numerator,)
        return (self.numerator, self.denominator, self.denominator - self.numerator)


@dataclass(frozen=True)
class Table:
    """Which figures of a breakdown are hidden: the total and each row, in order."""

    total: bool
    rows: tuple[bool, ...]


def small(count: int | None, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether a count is from 1 to ``threshold - 1``."""
    return count is not None and 0 < count < threshold


def primary(cell: Cell | None, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether a figure is hidden for itself (primary suppression)."""
    return cell is not None and any(small(count, threshold) for count in cell.counts())


def variant(figure: Cell | None, beside: Cell | None, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether ``beside``, a variant of ``figure`` that counts more cases (exception cases
    included), is hidden: for itself, or because the cases it adds have a small count (a
    rate's added numerator, denominator, or the difference between them)."""
    if beside is None:
        return False
    if primary(beside, threshold):
        return True
    if figure is None:
        return False
    if figure.denominator is None or beside.denominator is None:
        added = Cell(beside.numerator - figure.numerator)
    else:
        added = Cell(beside.numerator - figure.numerator, beside.denominator - figure.denominator)
    return primary(added, threshold)


def table(
    total: Cell | None, rows: Sequence[Cell | None], threshold: int = DEFAULT_THRESHOLD
) -> Table:
    """Primary and secondary suppression of a breakdown of ``total`` into ``rows`` (a row
    None has no figure and is neither shown nor counted)."""
    hidden = [primary(row, threshold) for row in rows]
    total_hidden = primary(total, threshold)
    if total is not None and not total_hidden:
        while _recoverable(total, rows, hidden, threshold):
            hidden[_smallest_shown(rows, hidden)] = True
    return Table(total_hidden, tuple(hidden))


def _recoverable(
    total: Cell, rows: Sequence[Cell | None], hidden: list[bool], threshold: int
) -> bool:
    """Whether one hidden part of the total could be worked out by subtraction.

    What the rows do not account for (``rest``: cases with no member, say) is not shown
    either, so it is a hidden part too when it is not zero. One hidden row with nothing
    unaccounted for can be worked out; so can an unaccounted rest that is itself small when
    no row is hidden. Two hidden parts cannot be told apart."""
    present = [(row, off) for row, off in zip(rows, hidden, strict=True) if row is not None]
    if all(off for _, off in present):
        return False
    hidden_rows = sum(off for _, off in present)
    for index, whole in enumerate(total.counts()):
        rest = whole - sum(row.counts()[index] for row, _ in present)
        if hidden_rows == 1 and rest == 0:
            return True
        if hidden_rows == 0 and small(rest, threshold):
            return True
    return False


def _smallest_shown(rows: Sequence[Cell | None], hidden: list[bool]) -> int:
    """The shown row with the fewest cases (the denominator of a rate)."""
    candidates = [
        (row.numerator if row.denominator is None else row.denominator, index)
        for index, (row, off) in enumerate(zip(rows, hidden, strict=True))
        if row is not None and not off
    ]
    return min(candidates)[1]
