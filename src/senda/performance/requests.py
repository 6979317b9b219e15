"""Local request figures (docs/performance.md, "Requests, refusals and new plans"):
requests for an EHC needs assessment, requests refused (decided not to assess) and new EHC
plans issued, counted from the register's steps by calendar year and age band, beside the
figures DfE publishes for the area and England.

Counted from casework's current steps (corrections applied, withdrawn steps left out):

- a **request**: each ``request_received`` step dated in the year;
- a **refusal**: each ``assess_decision`` step with outcome ``refuse`` dated in the year;
- a **new plan**: each ``final_plan_issued`` step dated in the year.

The age band is the child's age in whole years on the step's day (DfE's SEN2 bands: under
5, 5 to 10, 11 to 15, 16 to 19, 20 and over); "Age not known" without a date of birth.
DfE's published figures are the area's and England's totals for the calendar year
(``performance.dfe.measures``: ``requests``, ``requests-refused``, ``new-plans``): Senda
imports only DfE's "All" rows, not its age breakdown, so only totals stand beside ours.
Small numbers are suppressed (``suppress.table``), as on every page of figures.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from senda.casework.models import CaseEvent
from senda.people.models import LocalAuthority
from senda.performance import benchmarks, suppress
from senda.performance.dfe.reader import ENGLAND

__all__ = ["AGE_BANDS", "FIGURES", "Figures", "Line", "age_band", "figures"]

#: (label, youngest, oldest or None): DfE's SEN2 age bands.
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("Under 5", 0, 4),
    ("5 to 10", 5, 10),
    ("11 to 15", 11, 15),
    ("16 to 19", 16, 19),
    ("20 and over", 20, None),
)
NOT_KNOWN = "Age not known"


@dataclass(frozen=True)
class Measure:
    id: str
    name: str
    step: str
    outcome: str
    dfe: str


#: What is counted, in the page's order.
FIGURES: tuple[Measure, ...] = (
    Measure("requests", "Requests for an EHC needs assessment", "request_received", "", "requests"),
    Measure(
        "refusals",
        "Requests refused (decided not to assess)",
        "assess_decision",
        "refuse",
        "requests-refused",
    ),
    Measure("new-plans", "New EHC plans issued", "final_plan_issued", "", "new-plans"),
)


def age_band(born: date | None, on: date) -> str:
    """The :data:`AGE_BANDS` label of a child born on ``born`` on ``on``."""
    if born is None or born > on:
        return NOT_KNOWN
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    for label, youngest, oldest in AGE_BANDS:
        if age >= youngest and (oldest is None or age <= oldest):
            return label
    return NOT_KNOWN


@dataclass(frozen=True)
class Line:
    """One measure's figures for a year: the total and each band (None: suppressed), and
    DfE's published totals for the area and England (None: not published or not imported)."""

    measure: Measure
    year: int
    total: int | None
    bands: tuple[int | None, ...]
    dfe_area: str | None
    dfe_england: str | None


@dataclass(frozen=True)
class Figures:
    years: tuple[int, ...]
    bands: tuple[str, ...]
    lines: tuple[Line, ...]
    published_code: str
    partial: int | None  # the year still running, if shown


def _counts(la: LocalAuthority, first: date, last: date) -> dict[tuple[str, int], Counter[str]]:
    wanted = {m.step for m in FIGURES}
    rows = (
        CaseEvent.objects.current()
        .filter(case__la=la, type__in=wanted, on__gte=first, on__lte=last)
        .values_list("type", "outcome", "on", "case__child__date_of_birth")
    )
    found: dict[tuple[str, int], Counter[str]] = {}
    for step, outcome, on, born in rows:
        for measure in FIGURES:
            if measure.step == step and (not measure.outcome or measure.outcome == outcome):
                found.setdefault((measure.id, on.year), Counter())[age_band(born, on)] += 1
    return found


def figures(la: LocalAuthority, today: date, *, years: int = 3, threshold: int = 5) -> Figures:
    """The last ``years`` calendar years to ``today``'s (that one so far), newest first."""
    shown = tuple(range(today.year, today.year - years, -1))
    counts = _counts(la, date(shown[-1], 1, 1), today)
    labels = (*(label for label, _, _ in AGE_BANDS), NOT_KNOWN)
    own = benchmarks.comparators_of(la).own
    published = benchmarks.published([m.dfe for m in FIGURES], [c for c in (own, ENGLAND) if c])
    lines = []
    for measure in FIGURES:
        for year in shown:
            found = counts.get((measure.id, year), Counter())
            cells = [suppress.Cell(found[label]) for label in labels]
            total = suppress.Cell(sum(found.values()))
            hidden = suppress.table(total, cells, threshold)
            area = published.get((measure.dfe, own, str(year))) if own else None
            england = published.get((measure.dfe, ENGLAND, str(year)))
            lines.append(
                Line(
                    measure,
                    year,
                    None if hidden.total else total.numerator,
                    tuple(
                        None if off else c.numerator
                        for c, off in zip(cells, hidden.rows, strict=True)
                    ),
                    area.shown if area else None,
                    england.shown if england else None,
                )
            )
    return Figures(shown, labels, tuple(lines), own, today.year)
