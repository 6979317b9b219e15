"""The Dedicated Schools Grant (DSG) deficit projection: the High Needs allocation against
spend, year by year, with the cumulative deficit, the 90% write-off of the deficit at
31 March 2026 and the end of the statutory override on 31 March 2028. Pure Python (no
Django): plain values in, rows out. docs/money.md explains it.

Years are financial years by the year they start (2025 = April 2025 to March 2026). A
deficit is positive. Each year: in-year result = spend − allocation; cumulative = last
year's cumulative + in-year result − anything written off at the year's end.

:func:`savings` sets the projection beside the same with spend changed by a demand
scenario: its forecast cost's growth against the baseline forecast's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "OVERRIDE_LAST_YEAR",
    "WRITE_OFF_YEAR",
    "Known",
    "Row",
    "Saving",
    "Scenario",
    "project",
    "savings",
    "write_off",
]

#: The statutory override keeps DSG deficits off councils' general funds (The Local
#: Authorities (Capital Finance and Accounting) (England) (Amendment) Regulations 2020,
#: SI 2020/1212); due to end in March 2026, it was extended in June 2025 to 31 March 2028,
#: the end of financial year 2027-28. From 1 April 2028 a deficit still held falls on the
#: council's general fund unless government says otherwise.
OVERRIDE_LAST_YEAR = 2027
#: The High Needs Stability Grant (final local government finance settlement 2026-27, Feb
#: 2026) writes off 90% of each area's DSG high-needs deficit at 31 March 2026 (the end of
#: 2025-26), on DfE's approval of its Local SEND Reform Plan; what happens to the rest is
#: not known, so the share is a scenario's parameter.
WRITE_OFF_YEAR = 2025
PENCE = Decimal("0.01")


def _pounds(value: Decimal) -> Decimal:
    return value.quantize(PENCE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Known:
    """A past year from the ledger: its allocation and what was spent. ``budgeted``: no
    allocation is recorded for the year, so its total budget stands for it."""

    year: int
    allocation: Decimal
    spend: Decimal
    budgeted: bool = False


@dataclass(frozen=True, slots=True)
class Scenario:
    """What a projection assumes. Growth is a share a year (0.07 = 7%). ``allocation`` and
    ``spend``, if given, are the first projected year's own figures (else the last known
    year's grown by a year)."""

    allocation_growth: Decimal = Decimal("0.07")
    spend_growth: Decimal = Decimal("0.10")
    write_off: bool = True
    write_off_share: Decimal = Decimal("0.9")
    opening_deficit: Decimal = Decimal(0)
    years: int = 5
    allocation: Decimal | None = None
    spend: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Row:
    year: int
    allocation: Decimal
    spend: Decimal
    projected: bool
    written_off: Decimal
    cumulative: Decimal  # at the year's end, after any write-off

    @property
    def in_year(self) -> Decimal:
        """Spend over allocation (positive: an overspend)."""
        return self.spend - self.allocation

    @property
    def on_general_fund(self) -> Decimal:
        """The deficit the council's general fund carries at the year's end: all of it
        once the override has ended, nothing before."""
        if self.year <= OVERRIDE_LAST_YEAR:
            return Decimal(0)
        return max(self.cumulative, Decimal(0))


def write_off(year: int, cumulative: Decimal, scenario: Scenario) -> Decimal:
    """What is written off at the end of ``year``: ``write_off_share`` of a deficit held at
    31 March 2026, if the scenario has the write-off; nothing otherwise."""
    if not scenario.write_off or year != WRITE_OFF_YEAR or cumulative <= 0:
        return Decimal(0)
    return _pounds(cumulative * scenario.write_off_share)


def project(
    known: list[Known],
    scenario: Scenario,
    first_year: int | None = None,
    allocations: Mapping[int, Decimal] | None = None,
) -> list[Row]:
    """The known years, then ``scenario.years`` projected ones. ``first_year`` is the first
    projected year when nothing is known (it must be, then, with the scenario's allocation
    and spend); otherwise the year after the last known one. ``allocations``: allocations
    already published for projected years, used instead of growth (later years grow from
    them)."""
    published = allocations or {}
    rows: list[Row] = []
    cumulative = scenario.opening_deficit
    for past in sorted(known, key=lambda k: k.year):
        cumulative += past.spend - past.allocation
        gone = write_off(past.year, cumulative, scenario)
        cumulative -= gone
        rows.append(Row(past.year, past.allocation, past.spend, False, gone, cumulative))
    if rows:
        year, allocation, spend = rows[-1].year + 1, rows[-1].allocation, rows[-1].spend
        allocation = scenario.allocation or _pounds(allocation * (1 + scenario.allocation_growth))
        spend = scenario.spend or _pounds(spend * (1 + scenario.spend_growth))
    elif first_year is None or scenario.allocation is None or scenario.spend is None:
        raise ValueError("with no known year, give the first year, its allocation and spend")
    else:
        year, allocation, spend = first_year, scenario.allocation, scenario.spend
    for step in range(scenario.years):
        if step:
            allocation = _pounds(allocation * (1 + scenario.allocation_growth))
            spend = _pounds(spend * (1 + scenario.spend_growth))
        allocation = published.get(year + step, allocation)
        cumulative += spend - allocation
        gone = write_off(year + step, cumulative, scenario)
        cumulative -= gone
        rows.append(Row(year + step, allocation, spend, True, gone, cumulative))
    return rows


@dataclass(frozen=True, slots=True)
class Saving:
    """One projected year under the baseline forecast's spend growth and under a demand
    scenario's: the same allocation, write-off and opening deficit, different spend."""

    baseline: Row
    scenario: Row

    @property
    def year(self) -> int:
        return self.baseline.year

    @property
    def saving(self) -> Decimal:
        """Baseline spend less the scenario's (negative: the scenario costs more)."""
        return self.baseline.spend - self.scenario.spend


def savings(
    known: list[Known],
    scenario: Scenario,
    baseline_growth: Decimal,
    scenario_growth: Decimal,
    allocations: Mapping[int, Decimal] | None = None,
) -> list[Saving]:
    """The projected years of ``scenario`` itself (the baseline: the same rows as
    :func:`project` gives, one figure for a year's spend) beside the same with spend
    changed by a demand scenario: each year its spend grows by ``(1 + scenario_growth) /
    (1 + baseline_growth)`` times the baseline's growth, the demand scenario's forecast
    cost growth against the baseline forecast's. With the scenario's spend growth set to
    ``baseline_growth`` the demand scenario's spend grows by ``scenario_growth``."""
    ratio = (1 + scenario_growth) / (1 + baseline_growth)
    changed = replace(
        scenario,
        spend_growth=(1 + scenario.spend_growth) * ratio - 1,
        spend=None if scenario.spend is None else _pounds(scenario.spend * ratio),
    )
    base = project(known, scenario, allocations=allocations)
    other = project(known, changed, allocations=allocations)
    return [Saving(b, s) for b, s in zip(base, other, strict=True) if b.projected]
