"""How well the forecast did before (docs/forecast.md, "Backtest"): for each earlier census
``T`` with at least one year pair behind it and one census after it, fit on the history up
to ``T``, forecast the censuses that followed, and compare with what happened — the error
of the total and, by need and by provision, the weighted absolute percentage error (WAPE,
which small groups do not blow up as MAPE does), and how often the interval held the
actual. A naive forecast (the last year's growth, continued) is scored beside it.
Pure (numpy only).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from senda.sufficiency import summary
from senda.sufficiency.history import History
from senda.sufficiency.rates import estimate
from senda.sufficiency.simulate import simulate


@dataclass(frozen=True)
class Score:
    """A forecast from ``origin`` scored at ``year`` (``horizon`` years on)."""

    origin: int
    year: int
    horizon: int
    actual: int
    median: float
    low: float
    high: float
    naive: float
    wape_need: float
    wape_provision: float
    held: int
    cells: int

    @property
    def error(self) -> float:
        """Signed error of the median total, as a share of the actual."""
        return (self.median - self.actual) / self.actual if self.actual else 0.0

    @property
    def naive_error(self) -> float:
        return (self.naive - self.actual) / self.actual if self.actual else 0.0

    @property
    def inside(self) -> bool:
        return self.low <= self.actual <= self.high

    @property
    def naive_closer(self) -> bool:
        """Whether the naive forecast's total was nearer the actual than the median's."""
        return abs(self.naive - self.actual) < abs(self.median - self.actual)


#: Fewer earlier censuses than this to forecast from is little history: the page says so.
SHORT_ORIGINS = 4


@dataclass(frozen=True)
class Record:
    """A backtest in a few counts, for the page to say in words: how many comparisons
    (origin and year) from how many earlier censuses, in how many the naive forecast was
    nearer than the model, and in how many the interval held the actual total."""

    comparisons: int
    origins: int
    naive_closer: int
    held: int

    @property
    def short(self) -> bool:
        return self.origins < SHORT_ORIGINS


def record(scores: list[Score]) -> Record:
    """:class:`Record` of ``scores`` (a forecast's stored backtest)."""
    return Record(
        comparisons=len(scores),
        origins=len({s.origin for s in scores}),
        naive_closer=sum(s.naive_closer for s in scores),
        held=sum(s.inside for s in scores),
    )


def backtest(history: History, *, simulations: int, seed: int, age_rule: str) -> list[Score]:
    """Scores for every usable origin (none when the history is shorter than three
    censuses: say so on the page)."""
    scores: list[Score] = []
    space = history.space
    for origin in history.years[1:-1]:
        fitted = history.up_to(origin)
        ahead = [year for year in history.years if year > origin]
        rates = estimate(fitted)
        run = simulate(
            space,
            fitted.stock[origin],
            start_year=origin,
            rates=[rates] * len(ahead),
            simulations=simulations,
            seed=seed,
        )
        growth = _growth(fitted)
        for step, year in enumerate(ahead):
            scores.append(_score(run.stock[:, step], history, origin, year, growth, age_rule))
    return scores


def _growth(fitted: History) -> float:
    last, before = fitted.years[-1], fitted.years[-2]
    then = int(fitted.stock[before].sum())
    return int(fitted.stock[last].sum()) / then if then else 1.0


def _score(
    runs: np.ndarray, history: History, origin: int, year: int, growth: float, age_rule: str
) -> Score:
    actual = history.stock[year]
    totals = runs.sum(1)
    low, median, high = np.percentile(totals, [summary.LOW, 50, summary.HIGH])
    wape, held, cells = {}, 0, 0
    for breakdown in ("need", "provision"):
        order, member = summary.groups(history.space, breakdown, age_rule)
        forecast = summary.by_group(runs, member, len(order))
        truth = summary.by_group(actual, member, len(order))
        middle = np.median(forecast, 0)
        wape[breakdown] = float(np.abs(middle - truth).sum() / max(truth.sum(), 1))
        lo, hi = np.percentile(forecast, [summary.LOW, summary.HIGH], axis=0)
        used = (truth > 0) | (middle > 0)
        held += int(((truth >= lo) & (truth <= hi) & used).sum())
        cells += int(used.sum())
    horizon = year - origin
    return Score(
        origin=origin,
        year=year,
        horizon=horizon,
        actual=int(actual.sum()),
        median=float(median),
        low=float(low),
        high=float(high),
        naive=float(history.stock[origin].sum() * growth**horizon),
        wape_need=wape["need"],
        wape_provision=wape["provision"],
        held=held,
        cells=cells,
    )
