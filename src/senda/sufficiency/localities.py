"""The forecast by locality (docs/forecast.md, "By locality"): an apportionment, not a
dimension of the model's state. Each run's children in a provision are shared among the
localities in the proportions that provision's children were in at the last census (a
child's locality is their placement's setting's), so each run's localities add up to its
total, and to its total in each provision; then the runs give the median and interval as
for every breakdown (``summary``). Pure (numpy only).

Why not a state: a locality in the state would multiply the states by the localities and
thin every rate estimated from them, and children rarely change locality without
changing setting, which the model follows as provision.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from senda.sufficiency import summary
from senda.sufficiency.history import Census
from senda.sufficiency.simulate import Simulation
from senda.sufficiency.space import Space

#: The breakdowns: by locality, and by provision within a locality (``group`` below).
LOCALITY = "locality"
LOCALITY_PROVISION = "locality and provision"
#: A child whose main placement has no setting (home education, not in education, a
#: placement not recorded) or who has no placement.
NOT_PLACED = "No setting: not placed or not known"
#: A child placed at a setting of another area.
OUT_OF_AREA = "Out of area"
#: A child at one of the area's settings whose locality is blank.
NO_LOCALITY = "Setting with no locality recorded"
#: Where a capital project with no setting yet (a new school) will put its places, and
#: where a scenario's places go: it says how many, not where (``capacity.gaps_by_locality``).
NEW_SETTING = "A new setting (no locality yet)"


def where(la_id: int, setting_la_id: int | None, locality: str | None) -> str:
    """A placement's locality: its setting's, or one of the three names above."""
    if setting_la_id is None:
        return NOT_PLACED
    if setting_la_id != la_id:
        return OUT_OF_AREA
    return locality or NO_LOCALITY


def group(provision: str, locality: str) -> str:
    """A ``locality and provision`` group's name: ``special|North``."""
    return f"{provision}|{locality}"


def ungroup(name: str) -> tuple[str, str]:
    """(provision, locality) of a ``locality and provision`` group."""
    provision, locality = name.split("|", 1)
    return provision, locality


def order(names: set[str]) -> list[str]:
    """The area's localities by name, then a new setting, out of area, no locality and
    not placed."""
    last = (NEW_SETTING, OUT_OF_AREA, NO_LOCALITY, NOT_PLACED)
    return sorted(names - set(last)) + [name for name in last if name in names]


def shares(space: Space, census: Census, placed: Mapping[int, str]) -> tuple[list[str], np.ndarray]:
    """The localities and, per provision, the share of the census's children in it who
    were in each (provisions × localities; each row adds up to one). A provision nobody
    was in takes the census's whole mix; an empty census puts everyone in
    :data:`NOT_PLACED`."""
    names = order({placed.get(child, NOT_PLACED) for child in census} | {NOT_PLACED})
    column = {name: n for n, name in enumerate(names)}
    k = len(space.provisions)
    counts = np.zeros((k, len(names)))
    for child, state in census.items():
        counts[state % k, column[placed.get(child, NOT_PLACED)]] += 1
    overall = counts.sum(0)
    if not overall.any():
        overall[column[NOT_PLACED]] = 1
    empty = counts.sum(1) == 0
    counts[empty] = overall
    return names, counts / counts.sum(1, keepdims=True)


def weights(
    space: Space, census: Census, placed: Mapping[int, str]
) -> tuple[list[tuple[str, str]], np.ndarray]:
    """The groups (breakdown, group) and state × group weights: each locality (the share
    of the state's provision in it), then each (provision, locality)."""
    names, share = shares(space, census, placed)
    k = len(space.provisions)
    provision = np.arange(space.size) % k  # each state's
    within = np.zeros((space.size, k * len(names)))
    for p in range(k):
        within[provision == p, p * len(names) : (p + 1) * len(names)] = share[p]
    groups = [(LOCALITY, name) for name in names]
    groups += [(LOCALITY_PROVISION, group(p, name)) for p in space.provisions for name in names]
    return groups, np.hstack([share[provision], within])


def figures(
    simulation: Simulation, census: Census, placed: Mapping[int, str]
) -> list[summary.Figure]:
    """The forecast by locality, and by provision within each locality, each summed inside
    every run from the run's own counts (``weights``, ``summary.weighted``)."""
    return summary.weighted(simulation, *weights(simulation.space, census, placed))


def actuals(
    censuses: Mapping[int, Census], placed: Mapping[int, Mapping[int, str]]
) -> list[summary.Figure]:
    """Each census's children by locality, counted (median = low = high = the count)."""
    out: list[summary.Figure] = []
    for year, census in sorted(censuses.items()):
        counted: dict[str, int] = {}
        for child in census:
            name = placed.get(year, {}).get(child, NOT_PLACED)
            counted[name] = counted.get(name, 0) + 1
        for name in order(set(counted)):
            value = float(counted[name])
            out.append(summary.Figure(year, LOCALITY, name, value, value, value, value))
    return out
