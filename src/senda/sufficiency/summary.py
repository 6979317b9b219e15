"""A simulation's figures: each breakdown (total, age band, year group, need, provision,
LSRP provision line) is summed inside every run first, then the runs give the median and
the interval — the 5th and 95th percentiles of the runs, the spread of what may happen, not
the uncertainty of a mean — so the parts of a breakdown are each run's parts and add up
run by run. Pure (numpy only).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from senda.sufficiency import categories
from senda.sufficiency.simulate import Simulation
from senda.sufficiency.space import Space

#: The interval's percentiles.
LOW, HIGH = 5, 95
BREAKDOWNS = ("total", "age band", "year group", "need", "provision", "LSRP provision")


@dataclass(frozen=True)
class Figure:
    """One cell of a forecast: ``year``, ``breakdown`` and ``group``, the runs' median,
    ``low``/``high`` percentiles and mean."""

    year: int
    breakdown: str
    group: str
    median: float
    low: float
    high: float
    mean: float


def within_spread(first: Figure, other: Figure) -> bool:
    """Whether two forecasts' figures differ by no more than their runs' spread: either's
    median inside the other's interval. Such a difference is not a clear one (with 100
    simulations, two runs of the same scenario differ this much by chance)."""
    return first.low <= other.median <= first.high or other.low <= first.median <= other.high


def groups(space: Space, breakdown: str, age_rule: str) -> tuple[list[str], np.ndarray]:
    """The breakdown's groups in order and, per state, its group's position."""
    order, member = _groups(space, breakdown, age_rule)
    return list(order), member


@functools.lru_cache(maxsize=64)
def _groups(space: Space, breakdown: str, age_rule: str) -> tuple[tuple[str, ...], np.ndarray]:
    """``groups``, worked out once a process (a label per state: 3,900 of them each time,
    for every forecast, backtest and census); the positions read-only, as they are
    shared."""
    label: Callable[[int, str, str], str] = {
        "total": lambda ncy, need, where: "All plans",
        "age band": lambda ncy, need, where: categories.age_band(ncy, age_rule),
        "year group": lambda ncy, need, where: f"{ncy}",
        "need": lambda ncy, need, where: need,
        "provision": lambda ncy, need, where: where,
        "LSRP provision": lambda ncy, need, where: categories.LSRP_PROVISION[where],
    }[breakdown]
    names = [label(*space.state(i)) for i in range(space.size)]
    order = tuple(dict.fromkeys(names))
    position = {name: i for i, name in enumerate(order)}
    member = np.array([position[name] for name in names])
    member.flags.writeable = False
    return order, member


def by_group(stock: np.ndarray, member: np.ndarray, count: int) -> np.ndarray:
    """``stock`` (… × state) summed into groups: … × group."""
    one_hot = np.zeros((stock.shape[-1], count), np.float64)
    one_hot[np.arange(stock.shape[-1]), member] = 1
    flat = stock.reshape(-1, stock.shape[-1]) @ one_hot  # 2-D: see ``figures``
    return flat.reshape(*stock.shape[:-1], count)


def figures(simulation: Simulation, *, age_rule: str) -> list[Figure]:
    """Every breakdown's figures for every simulated year: all breakdowns' groups summed
    in one product (float32 holds every count exactly below 16.7 million)."""
    parts = [(b, *groups(simulation.space, b, age_rule)) for b in BREAKDOWNS]
    one_hot = np.zeros(
        (simulation.space.size, sum(len(order) for _, order, _ in parts)), np.float32
    )
    first = 0
    for _, order, member in parts:
        one_hot[np.arange(simulation.space.size), first + member] = 1
        first += len(order)
    stock = simulation.stock
    # A 2-D product a year (each year's run × state block is contiguous): numpy's stacked
    # (3-D) product was 80 times slower, measured.
    summed = np.empty((*stock.shape[:-1], one_hot.shape[1]), np.float32)
    for y in range(stock.shape[1]):  # run × year × every group
        summed[:, y] = stock[:, y].astype(np.float32) @ one_hot
    low, median, high = np.percentile(summed, [LOW, 50, HIGH], axis=0)
    mean = summed.mean(0, dtype=np.float64)
    used: np.ndarray = np.asarray(summed.any(0))
    out: list[Figure] = []
    first = 0
    for breakdown, order, _ in parts:
        for y, year in enumerate(simulation.years):
            for g, name in enumerate(order, start=first):
                if used[y, g]:
                    out.append(
                        Figure(
                            year,
                            breakdown,
                            name,
                            float(median[y, g]),
                            float(low[y, g]),
                            float(high[y, g]),
                            float(mean[y, g]),
                        )
                    )
        first += len(order)
    return out


#: The breakdown of a forecast's cost: each run's plans priced at a unit cost a year by
#: provision, summed inside the run (``costed``).
COST = "cost"
#: The cost breakdown's total.
ALL_PRICED = "All priced placements"


def costed(
    simulation: Simulation, prices: Mapping[str, float], labels: Mapping[str, str]
) -> list[Figure]:
    """The forecast's yearly cost at constant ``prices`` (pounds a plan a year, by
    provision; a provision without one is not priced): by ``labels`` (provision → the
    placement type it is priced as) and in all, each summed inside every run first."""
    space = simulation.space
    order = list(dict.fromkeys(labels[p] for p in prices if p in labels))
    if not order:
        return []
    weights = np.zeros((space.size, len(order) + 1), np.float64)
    for state in range(space.size):
        provision = space.state(state)[2]
        if provision in prices and provision in labels:
            weights[state, order.index(labels[provision])] = prices[provision]
            weights[state, -1] = prices[provision]
    names = [(COST, name) for name in [*order, ALL_PRICED]]
    return weighted(simulation, names, weights, every=True)


def weighted(
    simulation: Simulation,
    groups: Sequence[tuple[str, str]],
    weights: np.ndarray,
    *,
    every: bool = False,
) -> list[Figure]:
    """Breakdowns made by weighting each state's count (``weights``: state × group, a
    price or a share; ``groups``: each column's breakdown and group), summed inside every
    run first, then the median and interval over runs. A group that is nought in every
    run of a year is left out of that year, unless ``every``."""
    stock = simulation.stock
    live = np.flatnonzero(stock.any((0, 1)))  # states someone is in
    summed = np.empty((*stock.shape[:-1], weights.shape[1]))
    for y in range(stock.shape[1]):  # a year at a time: a run × state copy, not five
        summed[:, y] = stock[:, y, live].astype(np.float64) @ weights[live]
    low, median, high = np.percentile(summed, [LOW, 50, HIGH], axis=0)
    mean = summed.mean(0)
    used = np.asarray(summed.any(0)) | every
    return [
        Figure(
            year,
            breakdown,
            name,
            float(median[y, g]),
            float(low[y, g]),
            float(high[y, g]),
            float(mean[y, g]),
        )
        for y, year in enumerate(simulation.years)
        for g, (breakdown, name) in enumerate(groups)
        if used[y, g]
    ]


def actuals(space: Space, stock: dict[int, np.ndarray], *, age_rule: str) -> list[Figure]:
    """The censuses' own figures, in the same breakdowns (median = low = high = actual)."""
    out: list[Figure] = []
    for breakdown in BREAKDOWNS:
        order, member = groups(space, breakdown, age_rule)
        for year, counts in sorted(stock.items()):
            summed = by_group(counts, member, len(order))
            for g, name in enumerate(order):
                if summed[g]:
                    value = float(summed[g])
                    out.append(Figure(year, breakdown, name, value, value, value, value))
    return out
