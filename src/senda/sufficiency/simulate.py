"""Simulating the years ahead (docs/forecast.md). Each of ``simulations`` runs first draws
its own rates from their distributions (``rates.Rates``): the uncertainty of the estimate,
held through that run's years. Then every year it draws its children (chance):

1. from each state, leavers ~ Binomial(N, p_leave), then movers ~ Binomial(rest, p_move),
   sent to other provisions ~ Dirichlet-multinomial (a single mover: one draw from the
   mean mix, which is the same distribution);
2. everyone left ages one year group (the last year group's leave);
3. joiners per year group ~ Poisson(the run's mean, grown by the run's trend), placed ~
   Multinomial(the run's mix).

All runs go at once on arrays (run × state); only states someone is in are drawn for. A
scenario's rates from a year are drawn once too, beside the baseline's. Pure (numpy only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from senda.sufficiency.rates import DAMPING, Rates
from senda.sufficiency.space import Space


@dataclass(frozen=True)
class Simulation:
    """``stock``: run × year × state (the years after the start census, in order);
    ``joiners`` and ``leavers``: run × year totals (leavers include those aging out)."""

    space: Space
    start_year: int
    years: tuple[int, ...]
    stock: np.ndarray
    joiners: np.ndarray
    leavers: np.ndarray


@dataclass(frozen=True)
class _Drawn:
    """One set of rates drawn for every run: run × state ``leave`` and ``move``
    probabilities, run × year group ``join`` means (at the history's middle year),
    run × year group × cell ``mix``, and each run's ``growth`` of joiners a year."""

    rates: Rates
    leave: np.ndarray
    move: np.ndarray
    join: np.ndarray
    mix: np.ndarray
    growth: np.ndarray


def simulate(
    space: Space,
    start: np.ndarray,
    *,
    start_year: int,
    rates: Sequence[Rates],
    simulations: int,
    seed: int,
) -> Simulation:
    """``start``: children per state at the start census; ``rates``: one per year ahead
    (the same object for years that share rates)."""
    if simulations < 1:
        raise ValueError("at least one simulation")
    rng = np.random.default_rng(seed)
    years = tuple(start_year + 1 + i for i in range(len(rates)))
    stock = np.zeros((simulations, len(rates), space.size), np.int32)
    joiners = np.zeros((simulations, len(rates)), np.int64)
    leavers = np.zeros((simulations, len(rates)), np.int64)
    drawn: dict[int, _Drawn] = {}
    now = np.broadcast_to(start.astype(np.int64), (simulations, space.size)).copy()
    for step, year_rates in enumerate(rates):
        if id(year_rates) not in drawn:
            drawn[id(year_rates)] = _draw(space, year_rates, rng, simulations)
        now, joined, left = _year(space, now, drawn[id(year_rates)], rng, step)
        stock[:, step] = now
        joiners[:, step] = joined
        leavers[:, step] = left
    return Simulation(space, start_year, years, stock, joiners, leavers)


def _draw(space: Space, rates: Rates, rng: np.random.Generator, runs: int) -> _Drawn:
    size = (runs, space.size)
    mix = _dirichlet(rng, np.broadcast_to(rates.join_where, (runs, *rates.join_where.shape)))
    return _Drawn(
        rates=rates,
        leave=rng.beta(rates.leave_a, rates.leave_b, size).astype(np.float32),
        move=rng.beta(rates.move_a, rates.move_b, size).astype(np.float32),
        join=rng.gamma(rates.join_shape, 1 / rates.join_rate, (runs, space.shape[0])),
        mix=mix,
        growth=rng.normal(rates.growth, rates.growth_sd, (runs, 1)),
    )


def _year(
    space: Space, now: np.ndarray, drawn: _Drawn, rng: np.random.Generator, step: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    runs, size = now.shape
    k = len(space.provisions)
    live = np.flatnonzero(now.any(0))
    held = now[:, live]
    left = rng.binomial(held, drawn.leave[:, live])
    rest = held - left
    where = drawn.rates.where[live]
    moving = rng.binomial(rest, drawn.move[:, live] * (where.sum(1) > 0))
    after = np.zeros_like(now)
    after[:, live] = rest - moving
    run, at = np.nonzero(moving)
    moved = _destinations(rng, moving[run, at], where[at])
    targets = (live[at] - live[at] % k)[:, None] + np.arange(k)
    after += _scatter(run, targets, moved, runs, size)
    # One year group on: the oldest leave.
    by_year = after.reshape(runs, space.shape[0], -1)
    aged_out = by_year[:, -1].sum(1)
    aged = np.zeros_like(by_year)
    aged[:, 1:] = by_year[:, :-1]
    joined = _joiners(drawn, rng, step)
    aged += joined
    return aged.reshape(runs, size), joined.sum((1, 2)), left.sum(1) + aged_out


def _destinations(rng: np.random.Generator, count: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Dirichlet-multinomial draws, row by row: ``count[i]`` movers over ``alpha[i]``."""
    out = np.zeros(alpha.shape, np.int64)
    one = count == 1
    if one.any():  # one mover: a single draw from the mean mix
        mean = alpha[one] / alpha[one].sum(1, keepdims=True)
        pick = (mean.cumsum(1) < rng.random((int(one.sum()), 1))).sum(1)
        out[np.flatnonzero(one), np.minimum(pick, alpha.shape[1] - 1)] = 1
    many = ~one
    if many.any():
        out[many] = rng.multinomial(count[many], _dirichlet(rng, alpha[many]))
    return out


def _joiners(drawn: _Drawn, rng: np.random.Generator, step: int) -> np.ndarray:
    """run × year group × (need, provision) joiners in forecast year ``step`` (0: the
    first)."""
    runs, ncys, cells = drawn.mix.shape
    ahead = sum(DAMPING**h for h in range(1, step + 2))
    mean = drawn.join * np.exp(drawn.growth * (drawn.rates.growth_from + ahead))
    count = rng.poisson(mean) * (drawn.rates.join_where.sum(1) > 0)
    run, at = np.nonzero(count)
    placed = rng.multinomial(count[run, at], drawn.mix[run, at])
    targets = at[:, None] * cells + np.arange(cells)
    return _scatter(run, targets, placed, runs, ncys * cells).reshape(runs, ncys, cells)


def _dirichlet(rng: np.random.Generator, alpha: np.ndarray) -> np.ndarray:
    """A Dirichlet draw for each row of ``alpha`` (a row with no mass: all on its first
    column; nobody is sent by such a row)."""
    drawn = rng.gamma(alpha)
    total = drawn.sum(-1, keepdims=True)
    empty = total[..., 0] <= 0
    drawn[empty, 0] = 1.0
    total[empty] = 1.0
    drawn /= total
    return drawn


def _scatter(
    run: np.ndarray, columns: np.ndarray, values: np.ndarray, runs: int, size: int
) -> np.ndarray:
    """run × size: ``values[i, j]`` added at (``run[i]``, ``columns[i, j]``)."""
    out = np.zeros((runs, size), np.int64)
    np.add.at(out, (run[:, None], columns), values)
    return out
