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
    probabilities (drawn for a state the first year someone is in it: ``ready``), run ×
    year group ``join`` means (at the history's middle year), run × year group × cell
    ``cumulative`` joiner mix (each row's running sum, plus the row's number, so one
    sorted search places every joiner), and each run's ``growth`` of joiners a year.

    ``searched``: the cumulative mix less the cells no joiner can reach (a cell of no
    weight at its year group, not the row's last: it ends where the cell before it ends,
    so no sorted search stops there), about a quarter of it for an area, and ``cell_of``
    each one's place in ``cumulative`` (then one past the end): the same search, on a
    quarter of the memory."""

    rates: Rates
    leave: np.ndarray
    move: np.ndarray
    ready: np.ndarray
    join: np.ndarray
    cumulative: np.ndarray
    searched: np.ndarray
    cell_of: np.ndarray
    growth: np.ndarray

    def draw_for(self, live: np.ndarray, rng: np.random.Generator) -> None:
        """Every run's leaving and moving probabilities of the ``live`` states not drawn
        for yet (run × state, in ``leave`` and ``move``)."""
        new = live[~self.ready[live]]
        if len(new):
            runs = self.leave.shape[0]
            rates = self.rates
            self.leave[:, new] = rng.beta(rates.leave_a[new], rates.leave_b[new], (runs, len(new)))
            self.move[:, new] = rng.beta(rates.move_a[new], rates.move_b[new], (runs, len(new)))
            self.ready[new] = True


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
    # Year by run by state, so each year is one block, written straight from the year
    # before's; ``Simulation.stock`` is its run × year × state view.
    stock = np.zeros((len(rates), simulations, space.size), np.int32)
    joiners = np.zeros((simulations, len(rates)), np.int64)
    leavers = np.zeros((simulations, len(rates)), np.int64)
    drawn: dict[int, _Drawn] = {}
    now = np.broadcast_to(start.astype(np.int32), (simulations, space.size)).copy()
    for step, year_rates in enumerate(rates):
        if id(year_rates) not in drawn:
            drawn[id(year_rates)] = _draw(space, year_rates, rng, simulations)
        joiners[:, step], leavers[:, step] = _year(
            space, now, stock[step], drawn[id(year_rates)], rng, step
        )
        now = stock[step]
    return Simulation(space, start_year, years, stock.transpose(1, 0, 2), joiners, leavers)


def _draw(space: Space, rates: Rates, rng: np.random.Generator, runs: int) -> _Drawn:
    mix = _dirichlet(rng, np.broadcast_to(rates.join_where, (runs, *rates.join_where.shape)))
    cumulative = mix.cumsum(-1)
    cumulative[..., -1] = 1.0  # no joiner falls off the end by rounding
    rows = np.arange(runs * space.shape[0], dtype=np.float64).reshape(runs, -1, 1)
    cumulative += rows
    reached = rates.join_where > 0
    reached[:, -1] = True
    reached = np.broadcast_to(reached, cumulative.shape)
    return _Drawn(
        rates=rates,
        leave=np.zeros((runs, space.size), np.float32),
        move=np.zeros((runs, space.size), np.float32),
        ready=np.zeros(space.size, bool),
        join=rng.gamma(rates.join_shape, 1 / rates.join_rate, (runs, space.shape[0])),
        cumulative=cumulative.ravel(),
        searched=cumulative[reached],
        cell_of=np.append(np.flatnonzero(reached), cumulative.size),
        growth=rng.normal(rates.growth, rates.growth_sd, (runs, 1)),
    )


def _year(
    space: Space,
    now: np.ndarray,
    after: np.ndarray,
    drawn: _Drawn,
    rng: np.random.Generator,
    step: int,
) -> tuple[np.ndarray, np.ndarray]:
    """One year on from ``now`` (run × state), written into ``after`` (contiguous, nought
    before: its joiners, then everyone who stays, one year group on, at their own or their
    new provision); each run's joiners and leavers.

    Only the (run, state) cells someone is in are drawn for, in the run × state grid's
    order: a binomial of nobody, or at a chance of nought, is nought and uses no random
    numbers, so these are the draws the whole grid would give."""
    runs, size = now.shape
    k = len(space.provisions)
    on = size // space.shape[0]  # one year group on: the same need and provision
    run, state = np.nonzero(now)  # row by row, so in the grid's order
    held = now[run, state]
    occupied = np.zeros(size, bool)
    occupied[state] = True
    drawn.draw_for(np.flatnonzero(occupied), rng)
    left = rng.binomial(held, drawn.leave[run, state])
    rest = held - left
    may_move = drawn.rates.where.sum(1) > 0
    moving = rng.binomial(rest, drawn.move[run, state] * may_move[state])
    rest -= moving
    going = np.flatnonzero(moving)
    moved = _destinations(rng, moving[going], drawn.rates.where[state[going]])
    flat = after.reshape(-1)  # a view: run * size + state
    joined = _joiners(drawn, rng, step, space, flat)
    # Stayers one year group on (each cell once: a plain fancy add); the last year group's
    # leave.
    oldest = state >= size - on
    young = ~oldest
    flat[run[young] * size + state[young] + on] += rest[young].astype(flat.dtype)
    aged_out = np.bincount(run[oldest], rest[oldest], minlength=runs)
    # Movers: each (run, state) row's counts over its year group and need's provisions
    # (two rows may send to one cell: ``add.at``).
    row, provision = np.nonzero(moved)
    count = moved[row, provision]
    who = going[row]
    target = state[who] - state[who] % k + provision
    out = target >= size - on
    aged_out += np.bincount(run[who[out]], count[out], minlength=runs)
    np.add.at(flat, run[who[~out]] * size + target[~out] + on, count[~out].astype(flat.dtype))
    left_by_run = np.bincount(run, left, minlength=runs)
    return joined, (left_by_run + aged_out).astype(np.int64)


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


def _joiners(
    drawn: _Drawn, rng: np.random.Generator, step: int, space: Space, flat: np.ndarray
) -> np.ndarray:
    """Forecast year ``step``'s joiners (0: the first), added to ``flat`` (run × state,
    flattened), and each run's count: how many from each run's mean, then each joiner's
    cell by one sorted search of the runs' cumulative mixes (a multinomial draw, joiner by
    joiner)."""
    runs, ncys = drawn.join.shape
    cells = space.size // ncys
    mean = drawn.join * np.exp(drawn.growth * (drawn.rates.growth_from + _ahead(step)))
    count = (rng.poisson(mean) * (drawn.rates.join_where.sum(1) > 0)).ravel()
    total: np.ndarray = count.reshape(runs, ncys).sum(1)
    by_cell = flat.reshape(runs, ncys, cells)  # a view: the state's numbering
    # Rows with more joiners than cells: one multinomial draw each (its cost is the cells).
    many = np.flatnonzero(count > cells)
    if len(many):
        edges = drawn.cumulative.reshape(-1, cells)[many] - many[:, None]
        mix = np.diff(edges, prepend=0.0, axis=1).clip(0)
        mix /= mix.sum(1, keepdims=True)
        by_cell[many // ncys, many % ncys] += rng.multinomial(count[many], mix).astype(flat.dtype)
        count[many] = 0
    # The rest: joiner by joiner (a sorted search each: cost is the joiners).
    row = np.repeat(np.arange(runs * ncys), count)
    found = drawn.cell_of[np.searchsorted(drawn.searched, row + rng.random(len(row)), side="right")]
    cell = np.minimum(found - row * cells, cells - 1)
    # row * cells: the row's first state. (``add.at`` of an array of ones, not of 1: a
    # scalar takes numpy's slow path, 20 times slower, measured.)
    np.add.at(flat, row * cells + cell, np.ones(len(row), flat.dtype))
    return total


def _ahead(step: int) -> float:
    """The trend's years from the last census to forecast year ``step``, damped."""
    return float(sum(DAMPING**h for h in range(1, step + 2)))


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
