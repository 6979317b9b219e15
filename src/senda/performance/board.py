"""The board's view of the KPIs for a quarter: every KPI grouped by improvement area with this
quarter's figure, last quarter's, a year ago's, the target, the status and an 8-quarter trend.

    from senda.performance import board
    for group in board.board(la, quarter, today):          # [AreaGroup]
        group.area.name
        for row in group.rows:                             # [Row], catalogue order
            row.entry.name, row.this, row.target, row.status.label, row.trend
            row.hidden("this")                             # suppressed?

Aggregates only, read from facts and recorded values (``senda.performance.kpi_figures``), in a
constant number of queries however many KPIs. With ``suppress`` (the default, and always for
anything that leaves the service) a figure resting on a small count is replaced by None and
named in ``Row.suppressed`` (``senda.performance.suppress``). The status is judged on the
real figure: it says where the KPI stands, not the count.

``breakdowns`` gives one KPI's figure by dimension for the KPI page, with primary and
secondary suppression.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from senda.people.models import LocalAuthority
from senda.performance import catalogue, kpi_figures, kpis, status_shown, suppress
from senda.performance.catalogue.entry import Area, Entry
from senda.performance.kpi_figures import KpiFigure
from senda.performance.periods import Period, last
from senda.performance.status_rule import Plan
from senda.performance.status_shown import Shown

SUPPRESSED_REASON = (
    "Judged on this quarter's figure, which is not shown because it rests on a small number "
    "of children."
)
#: How many quarters the trend shows, the chosen quarter last.
TREND_QUARTERS = 8


@dataclass(frozen=True)
class Row:
    """One KPI on the board for a quarter.

    ``this``, ``last``, ``year_ago``: the figures for the quarter, the one before and the
    same quarter a year earlier (None: no figure, or suppressed). ``target``: the final
    target and its date in words ("70–75% by 31 Dec 2027"; "" without a trajectory).
    ``trend``: (quarter, value) for ``TREND_QUARTERS`` quarters, oldest first, ending with
    the quarter. ``suppressed``: the names of the hidden figures among "this", "last",
    "year_ago", "this-with-exceptions" and the trend's period keys."""

    entry: Entry
    this: KpiFigure | None
    last: KpiFigure | None
    year_ago: KpiFigure | None
    target: str
    status: Shown
    trend: list[tuple[Period, Decimal | None]]
    suppressed: frozenset[str] = frozenset()

    def hidden(self, name: str) -> bool:
        return name in self.suppressed

    @property
    def plan(self) -> Plan | None:
        return self.status.plan

    @property
    def reason(self) -> str:
        """Why the status is what it is; without the figure when the figure is hidden."""
        if self.hidden("this") and not self.status.overridden:
            return SUPPRESSED_REASON
        return self.status.reason

    @property
    def derived_reason(self) -> str:
        """Why the rule gives the status it derives; without a hidden figure."""
        return SUPPRESSED_REASON if self.hidden("this") else self.status.derived.reason


@dataclass(frozen=True)
class AreaGroup:
    area: Area
    rows: list[Row]


def board(
    la: LocalAuthority,
    quarter: Period,
    today: date,
    *,
    suppress: bool = True,
    kpi_ids: Sequence[str] | None = None,
) -> list[AreaGroup]:
    """Every KPI of the local area (``kpis.for_area``: the catalogue's and its own; or just
    ``kpi_ids``) for ``quarter``, grouped by area in the catalogue's order; areas with no
    KPIs are left out. ``today`` bounds the trend: no
    quarter after the one containing today is asked for."""
    if quarter.kind != "quarter":
        raise ValueError(f"the board is by quarter, not {quarter.kind}")
    entries = kpis.entries(la, kpi_ids) if kpi_ids else kpis.for_area(la)
    ids = [e.id for e in entries]
    trend = quarters_to(quarter, TREND_QUARTERS)
    figures = kpi_figures.values(la, ids, [*trend, quarter.year_ago()])
    shown = status_shown.for_quarter(la, ids, quarter, figures)
    limit = status_shown.threshold() if suppress else 0
    rows = {
        e.id: _row(e, quarter, figures, shown[e.id], trend, limit if e.about == "children" else 0)
        for e in entries
    }
    groups: dict[str, list[Row]] = {}
    for entry in entries:
        groups.setdefault(entry.area, []).append(rows[entry.id])
    return [
        AreaGroup(area, groups[area_id])
        for area_id, area in catalogue.AREAS.items()
        if area_id in groups
    ]


def quarters_to(quarter: Period, count: int) -> list[Period]:
    """``count`` quarters ending with ``quarter``, oldest first."""
    return last(count, "quarter", quarter.start)


def _row(
    entry: Entry,
    quarter: Period,
    figures: dict[tuple[str, str], KpiFigure],
    status: Shown,
    trend: list[Period],
    limit: int,
) -> Row:
    hidden: set[str] = set()

    def figure(name: str, period: Period) -> KpiFigure | None:
        found = figures.get((entry.id, period.key))
        if found is None or not limit:
            return found
        if is_small(found, limit, entry.unit):
            hidden.add(name)
            return None
        if found.with_exceptions is not None and _variant_small(found, limit, entry.unit):
            hidden.add(f"{name}-with-exceptions")
            return replace(found, with_exceptions=None)
        return found

    this = figure("this", quarter)
    last = figure("last", quarter.previous())
    year_ago = figure("year_ago", quarter.year_ago())
    points = [(p, _number(figure(p.key, p))) for p in trend]
    return Row(
        entry=entry,
        this=this,
        last=last,
        year_ago=year_ago,
        target=target_text(status.plan, entry),
        status=status,
        trend=points,
        suppressed=frozenset(hidden),
    )


def _number(value: KpiFigure | None) -> Decimal | None:
    return None if value is None else value.value


def cell(value: KpiFigure | None, unit: str = "") -> suppress.Cell | None:
    """The counts a figure rests on: its numerator and denominator; a recorded count entered
    as a value alone is that count; None when none is known (a survey's score)."""
    if value is None:
        return None
    if unit == "weeks" and value.numerator is not None and value.denominator is not None:
        return suppress.Cell(value.denominator)  # a wait: hidden when few children behind it
    if value.numerator is not None:
        return suppress.Cell(value.numerator, value.denominator)
    if unit == "count" and value.value is not None:
        return suppress.Cell(int(value.value))
    return None


def is_small(value: KpiFigure, limit: int, unit: str = "") -> bool:
    """Whether the figure is hidden for itself (primary suppression)."""
    return suppress.primary(cell(value, unit), limit)


def _variant_small(value: KpiFigure, limit: int, unit: str = "") -> bool:
    """Whether the figure including exception cases is hidden: for itself, or because the
    exception cases it adds (met, in all, and not met) are few enough to identify."""
    return suppress.variant(cell(value, unit), cell(value.with_exceptions, unit), limit)


def target_text(plan: Plan | None, entry: Entry) -> str:
    """The final target in words: ``70–75% by 31 Dec 2027``; "" without one."""
    final = plan.final if plan is not None else None
    if final is None:
        return ""
    if final.high is None:
        amount = number(final.low, entry.unit)
    else:
        amount = f"{number(final.low, 'number')}–{number(final.high, entry.unit)}"
    return f"{amount} by {final.on.day} {final.on:%b %Y}"


#: A KPI's direction from last quarter's figure to this quarter's, in words.
DIRECTIONS: dict[str, str] = {
    "better": "Improving",
    "worse": "Worsening",
    "same": "No change",
    "": "Not enough figures",
}


def direction(row: Row) -> str:
    """Whether the KPI moved the way it should from last quarter to this: ``better``,
    ``worse``, ``same``, or "" when either figure is missing or hidden (a hidden figure's
    direction is not told, as the figure is not)."""
    if row.hidden("this") or row.hidden("last"):
        return ""
    now, before = _number(row.this), _number(row.last)
    if now is None or before is None:
        return ""
    if now == before:
        return "same"
    return "better" if (now > before) == row.entry.higher_is_better else "worse"


def number(value: Decimal | None, unit: str = "number") -> str:
    """A figure as people write it: ``41.3%``, ``1,204``, ``£2,500``, ``18.5 days``;
    ``no figure`` for None."""
    if value is None:
        return "no figure"
    text = f"{value.normalize():,f}"
    if unit == "percent":
        return f"{text}%"
    if unit == "pounds":
        return f"£{text}"
    if unit in ("days", "weeks"):
        return f"{text} {unit}"
    return text


# --- Breakdowns (the KPI page) -------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One member of a breakdown: its label and figure (None when hidden)."""

    label: str
    value: KpiFigure | None
    hidden: bool


@dataclass(frozen=True)
class Breakdown:
    dimension: str
    name: str
    parts: list[Part]


def breakdowns(
    la: LocalAuthority,
    entry: Entry,
    quarter: Period,
    total: KpiFigure | None,
    *,
    dimensions: Iterable[str],
    suppress_small: bool = True,
) -> list[Breakdown]:
    """The KPI's figure for ``quarter`` by each dimension (``kpi_figures.breakdowns``). With
    ``suppress_small``, small figures are hidden, and enough others that none can be worked
    out from the total (``total``: the whole area's figure) and the rest of the breakdown."""
    found = []
    limit = status_shown.threshold()
    for dimension, rows in kpi_figures.breakdowns(la, entry.id, quarter, list(dimensions)).items():
        if suppress_small and entry.about == "children":
            cells = [cell(v, entry.unit) for _, v in rows]
            hidden = suppress.table(cell(total, entry.unit), cells, limit).rows
        else:
            hidden = tuple(False for _ in rows)
        parts = [
            Part(label, None if off else value, off)
            for (label, value), off in zip(rows, hidden, strict=True)
        ]
        found.append(Breakdown(dimension, kpi_figures.dimension_name(dimension), parts))
    return found
