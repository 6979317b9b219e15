"""The rates a forecast draws from, estimated from a ``History`` with conjugate priors, so
each simulation draws its own rates (the uncertainty of the estimate, not only chance),
and scenario levers that change the counts before estimation (docs/forecast.md).

- **Leaving** from state ``s``: ``Beta(L(s) + π, S(s) + 1 − π)``, ``L`` leavers and ``S``
  the rest followed from ``s``, ``π = (L_y + ½) / (N_y + 1)`` the year group's rate: a prior
  worth one child, so no state has a rate of exactly nought.
- **Moving** (among those who stay): the same, movers against stayers.
- **Where movers go**: ``Dirichlet(moves(s → k) + w_y(k))`` over the other provisions,
  ``w_y`` (mass 1) half the year group's mix of destinations and half an even share.
- **How many join** each year group a year: ``Gamma(J_y + ½, H)`` for the mean, ``J_y``
  joiners over ``H`` year pairs, then Poisson: a negative binomial.
- **The trend in joiners**: a Poisson regression of the year pairs' joiners on the year
  (``poisson_trend``, a GLM fitted as statsmodels fits one; its standard error widened
  by the over-dispersion Pearson's χ² shows) gives the growth a year and its standard
  error; each simulation draws its own growth from that normal and the pooled mean (the
  history's middle year) grows by it to the last census, then by a damped share of it
  each year ahead (``DAMPING``: the trend fades, 0.8, 0.64, … of a year's growth, as a
  damped-trend forecast does; an undamped exponential trend fitted on a few years runs
  away within five). Fewer than three pairs: no trend (two points fit any line exactly,
  and the demo's backtest showed such a trend overshooting by a third).
- **Where joiners go**: ``Dirichlet(joiners into (need, provision) + 1 / m)`` over the
  ``m`` need-and-provision pairs seen at that year group in any census.

Pure (numpy only).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np

from senda.sufficiency.history import History
from senda.sufficiency.space import Space

#: Year pairs needed before the joiners' trend is estimated.
MIN_TREND_PAIRS = 3
#: How much of the trend in joiners carries into each year ahead (``DAMPING ** h``).
DAMPING = 0.8
#: What a lever may change.
LEVER_KINDS = ("joiners", "placements", "leavers")


@dataclass(frozen=True)
class Rates:
    """Parameters of the distributions one simulated year draws from (shapes in the
    module's docstring): per state ``leave``/``move`` (α, β), ``where`` (state ×
    provision) Dirichlet α; per year group ``join`` (shape, rate) and ``join_where``
    (year group × need·provision) Dirichlet α."""

    leave_a: np.ndarray
    leave_b: np.ndarray
    move_a: np.ndarray
    move_b: np.ndarray
    where: np.ndarray
    join_shape: np.ndarray
    join_rate: np.ndarray
    join_where: np.ndarray
    growth: float = 0.0
    growth_sd: float = 0.0
    #: Years from the history's middle year pair to its last.
    growth_from: float = 0.0


@dataclass(frozen=True)
class Lever:
    """A scenario's change to the history's counts before the rates are estimated.

    - ``what="joiners"``: joiners matching ``need``/``provision``/``ncy`` are multiplied by
      ``factor`` (0.9: a tenth fewer new plans);
    - ``what="placements"``: joiners and movers *into* ``provision`` (matching ``need``
      and ``ncy``) are multiplied by ``factor``; with ``transfer_to``, those taken away go
      there instead (fewer independent places, more specialist bases);
    - ``what="leavers"``: leavers from states matching ``need``/``provision``/``ncy`` are
      multiplied by ``factor`` (the others followed from them unchanged, so the leaving
      rate scales by about the factor while it is small).

    ``ncy`` is an inclusive range of year groups; None matches all. The scenario applies
    to forecast years from ``from_year`` (None: all).
    """

    what: str
    factor: float
    need: str | None = None
    provision: str | None = None
    ncy: tuple[int, int] | None = None
    transfer_to: str | None = None
    from_year: int | None = None

    def __post_init__(self) -> None:
        if self.what not in LEVER_KINDS:
            raise ValueError(f"a lever changes joiners, placements or leavers, not {self.what!r}")
        if not 0 <= self.factor <= 100:
            raise ValueError(f"a lever's factor is between 0 and 100, not {self.factor}")
        if self.what == "placements" and self.provision is None:
            raise ValueError("a placements lever names the provision it changes")


def estimate(history: History) -> Rates:
    space = history.space
    by_ncy = space.shape[0], -1
    k = len(space.provisions)
    followed = history.leavers + history.stayers + history.movers
    year_leavers = history.leavers.reshape(by_ncy).sum(1)
    year_followed = followed.reshape(by_ncy).sum(1)
    prior = np.repeat((year_leavers + 0.5) / (year_followed + 1), space.size // space.shape[0])
    leave_a = history.leavers + prior
    leave_b = history.stayers + history.movers + 1 - prior
    year_movers = history.movers.reshape(by_ncy).sum(1)
    year_kept = (history.stayers + history.movers).reshape(by_ncy).sum(1)
    prior = np.repeat((year_movers + 0.5) / (year_kept + 1), space.size // space.shape[0])
    move_a = history.movers + prior
    move_b = history.stayers + 1 - prior
    return Rates(
        leave_a=leave_a,
        leave_b=leave_b,
        move_a=move_a,
        move_b=move_b,
        where=_where(space, history.moves, k),
        join_shape=history.joiners.sum(0).reshape(by_ncy).sum(1) + 0.5,
        join_rate=np.full(space.shape[0], float(max(history.pairs, 1))),
        join_where=_join_where(space, history),
        **_trend(history.joiners.sum(1)),
    )


def _trend(joined: np.ndarray) -> dict[str, float]:
    pairs = len(joined)
    if pairs < MIN_TREND_PAIRS or not joined.all():
        return {}
    _, slope, sd, chi2 = poisson_trend(joined.astype(float))
    # Over-dispersion from Pearson's χ², never below Poisson's own.
    spread = max(1.0, chi2 / max(pairs - 2, 1))
    return {"growth": slope, "growth_sd": sd * spread**0.5, "growth_from": (pairs - 1) / 2}


def poisson_trend(counts: np.ndarray) -> tuple[float, float, float, float]:
    """A Poisson regression of ``counts`` (all above nought) on their position 0, 1, …:
    ``log(mean) = intercept + slope · position``, fitted by iteratively reweighted least
    squares as statsmodels' GLM does (it was that, until its 2 s import was most of a
    forecast's time; ``test_model`` checks the two agree). The intercept, the slope, the
    slope's standard error and Pearson's χ²."""
    x = np.column_stack([np.ones(len(counts)), np.arange(len(counts), dtype=float)])
    mean = (counts + counts.mean()) / 2  # statsmodels' start
    beta = np.zeros(2)
    for _ in range(100):
        # Weights are the means; the working response is the linear predictor moved
        # by the residual over the mean.
        eta = np.log(mean)
        wx = x * mean[:, None]
        new = np.linalg.solve(x.T @ wx, wx.T @ (eta + (counts - mean) / mean))
        done = bool(np.all(np.abs(new - beta) <= 1e-12 * (1 + np.abs(new))))
        beta, mean = new, np.exp(x @ new)
        if done:
            break
    covariance = np.linalg.inv(x.T @ (x * mean[:, None]))
    chi2 = float((((counts - mean) ** 2) / mean).sum())
    return float(beta[0]), float(beta[1]), float(covariance[1, 1] ** 0.5), chi2


def _where(space: Space, moves: np.ndarray, k: int) -> np.ndarray:
    ncys = space.shape[0]
    per_year = moves.reshape(ncys, -1, k).sum(1).astype(float)  # year group × destination
    totals = per_year.sum(1, keepdims=True)
    mix = np.divide(per_year, totals, out=np.full_like(per_year, 1 / k), where=totals > 0)
    prior = np.repeat((mix + 1 / k) / 2, space.size // ncys, axis=0)
    alpha: np.ndarray = moves + prior
    own = np.arange(space.size) % k
    alpha[np.arange(space.size), own] = 0.0  # a move goes somewhere else
    return alpha


def _join_where(space: Space, history: History) -> np.ndarray:
    ncys = space.shape[0]
    joined = history.joiners.sum(0).reshape(ncys, -1).astype(float)
    seen = joined > 0
    for stock in history.stock.values():
        seen |= stock.reshape(ncys, -1) > 0
    valid = seen.sum(1, keepdims=True)
    alpha: np.ndarray = joined + np.divide(seen, valid, out=np.zeros_like(joined), where=valid > 0)
    return alpha


def with_levers(history: History, levers: Iterable[Lever]) -> History:
    """The history with the levers' changes made to its joiner and mover counts."""
    space = history.space
    joiners = history.joiners.astype(float)
    moves = history.moves.astype(float)
    leavers = history.leavers.astype(float)
    for lever in levers:
        match = _matching(space, lever.need, lever.ncy, lever.provision)
        if lever.what == "leavers":
            leavers[match] *= lever.factor
            continue
        if lever.what == "joiners":
            joiners[:, match] *= lever.factor
            continue
        taken = joiners[:, match] * (1 - lever.factor)
        joiners[:, match] -= taken
        target = space.provision_of(lever.provision or "")
        source = _matching(space, lever.need, lever.ncy, None)
        moved = moves[source, target] * (1 - lever.factor)
        moves[source, target] -= moved
        if lever.transfer_to is not None:
            to = space.provision_of(lever.transfer_to)
            joiners[:, match - target + to] += taken
            moves[source, to] += moved
    return replace(history, joiners=joiners, moves=moves, leavers=leavers)


def _matching(
    space: Space, need: str | None, ncys: tuple[int, int] | None, where: str | None
) -> np.ndarray:
    """State numbers with that need, in that range of year groups and that provision
    (None: any)."""
    ncy = np.arange(space.size) // (len(space.needs) * len(space.provisions)) + space.ncy_low
    kinds = np.arange(space.size) // len(space.provisions) % len(space.needs)
    provision = np.arange(space.size) % len(space.provisions)
    keep = np.ones(space.size, bool)
    if ncys is not None:
        keep &= (ncy >= ncys[0]) & (ncy <= ncys[1])
    if need is not None:
        keep &= kinds == space.need_of(need)
    if where is not None:
        keep &= provision == space.provision_of(where)
    return np.flatnonzero(keep)
