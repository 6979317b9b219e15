"""What the register's January censuses say happened: who joined, left, stayed or moved
between each census and the next (docs/forecast.md, "The model"). Pure (numpy only).

A census is ``{child: state}`` for every child with a plan on the census day. Between
census ``t`` and ``t + 1`` a child

- in both, one year group on, in the same provision: **stayed** (a change of need alone is
  not a move: the model follows provision);
- in both, one year group on, in another provision: **moved** there;
- in both but not exactly one year group on (kept back, moved up, a birth date corrected):
  left out, as witan.send leaves them;
- in ``t`` only: **left** (plan ceased, moved away, aged out);
- in ``t + 1`` only: **joined** (a new plan, or moved in).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from senda.sufficiency.space import Space

Census = Mapping[int, int]  # child → state


@dataclass(frozen=True)
class History:
    """Counts pooled over the year pairs, and the stock at each census.

    - ``stock[year]``: children in each state at that year's census;
    - ``leavers``, ``stayers``, ``movers``: per state at ``t`` (``leavers + stayers + movers``
      is everyone followed from that state, the kept-back left out);
    - ``moves``: (state at ``t``, provision at ``t + 1``) counts of movers;
    - ``joiners``: per year pair (indexed as ``years[1:]``), children joining each state;
    - ``skipped``: children left out for not moving on exactly one year group;
    - ``localities``: ``{year: {child: locality}}`` where the register said where each
      child was (``census.read``; empty when not read), for the locality breakdown;
    - ``homes``: the same for where each child lives (``census.homes``; empty when the
      area has mapped no postcode district), for the home locality breakdown.
    """

    space: Space
    years: tuple[int, ...]
    stock: dict[int, np.ndarray]
    leavers: np.ndarray
    stayers: np.ndarray
    movers: np.ndarray
    moves: np.ndarray
    joiners: np.ndarray
    skipped: int
    censuses: Mapping[int, Census] = field(repr=False, compare=False)
    localities: Mapping[int, Mapping[int, str]] = field(
        default_factory=dict, repr=False, compare=False
    )
    homes: Mapping[int, Mapping[int, str]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def pairs(self) -> int:
        """Year pairs the rates are estimated from."""
        return len(self.years) - 1

    def up_to(self, year: int) -> History:
        """The history as it stood at ``year``'s census (a backtest's fitting data)."""
        return history(self.space, {y: self.censuses[y] for y in self.years if y <= year})


def history(
    space: Space,
    censuses: Mapping[int, Census],
    localities: Mapping[int, Mapping[int, str]] | None = None,
    homes: Mapping[int, Mapping[int, str]] | None = None,
) -> History:
    """Counts from censuses of consecutive years (a gap in the years is refused), with the
    children's ``localities`` and ``homes`` when known."""
    years = tuple(sorted(censuses))
    if not years:
        raise ValueError("no census to learn from")
    if any(b - a != 1 for a, b in pairwise(years)):
        raise ValueError(f"censuses must be of consecutive years, not {years}")
    n, k = space.size, len(space.provisions)
    ncy_step = len(space.needs) * k  # one year group on, same need and provision
    leavers, stayers, movers = (np.zeros(n, np.int64) for _ in range(3))
    moves = np.zeros((n, k), np.int64)
    joiners = np.zeros((max(len(years) - 1, 0), n), np.int64)
    skipped = 0
    for pair, (year, following) in enumerate(pairwise(years)):
        before, after = censuses[year], censuses[following]
        for child, state in before.items():
            later = after.get(child)
            if later is None:
                leavers[state] += 1
                continue
            if later // ncy_step != state // ncy_step + 1:
                skipped += 1
                continue
            provision = later % k
            if provision == state % k:
                stayers[state] += 1
            else:
                movers[state] += 1
                moves[state, provision] += 1
        for child, state in after.items():
            if child not in before:
                joiners[pair, state] += 1
    return History(
        space=space,
        years=years,
        stock={year: _stock(space, censuses[year]) for year in years},
        leavers=leavers,
        stayers=stayers,
        movers=movers,
        moves=moves,
        joiners=joiners,
        skipped=skipped,
        censuses=dict(censuses),
        localities=dict(localities or {}),
        homes=dict(homes or {}),
    )


def _stock(space: Space, census: Census) -> np.ndarray:
    return space.counts(np.fromiter(census.values(), np.int64, len(census)))
