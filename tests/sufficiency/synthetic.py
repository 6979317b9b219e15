"""Censuses made from a known process, for the model's tests: ``children`` a year join at
random year groups, needs and provisions; each child leaves with ``leave`` a year, moves
provision with ``move``, and otherwise moves up one year group."""

from __future__ import annotations

import numpy as np

from senda.sufficiency.history import Census
from senda.sufficiency.space import Space

NEEDS = ("ASD", "SEMH", "SLCN")
PROVISIONS = ("mainstream", "special", "independent")


def censuses(
    space: Space,
    *,
    years: range,
    start: int = 600,
    joiners: int = 120,
    leave: float = 0.08,
    move: float = 0.04,
    seed: int = 1,
) -> dict[int, Census]:
    rng = np.random.default_rng(seed)
    found: dict[int, Census] = {}
    now: dict[int, int] = {}
    serial = 0
    for year in years:
        after: dict[int, int] = {}
        for child, state in now.items():
            ncy, need, provision = space.state(state)
            if ncy >= space.ncy_high or rng.random() < leave:
                continue
            if rng.random() < move:
                provision = str(rng.choice([p for p in PROVISIONS if p != provision]))
            after[child] = space.index(ncy + 1, need, provision)
        for _ in range(start if not now else joiners):
            after[serial] = space.index(
                int(rng.integers(0, 12)), str(rng.choice(NEEDS)), str(rng.choice(PROVISIONS))
            )
            serial += 1
        found[year] = after
        now = after
    return found
