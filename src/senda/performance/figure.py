"""A KPI's figure for a period: pure, no Django."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Figure:
    """A numerator over a denominator (a rate), or a count (``denominator`` None); for a KPI
    that leaves exception cases out, the same figure with them included beside
    (``numerator_with_exceptions`` of ``denominator_with_exceptions``). A fact
    (``KpiFact``) stores one per day, period, KPI and dimension member."""

    numerator: int
    denominator: int | None = None
    numerator_with_exceptions: int | None = None
    denominator_with_exceptions: int | None = None

    @property
    def percent(self) -> int | None:
        """Whole per cent, halves rounded up; None for a count or an empty denominator."""
        if not self.denominator:
            return None
        return (200 * self.numerator + self.denominator) // (2 * self.denominator)

    @property
    def with_exceptions(self) -> Figure | None:
        """The figure with exception cases included, if the KPI reports one beside."""
        if self.denominator_with_exceptions is None:
            return None
        return Figure(self.numerator_with_exceptions or 0, self.denominator_with_exceptions)
