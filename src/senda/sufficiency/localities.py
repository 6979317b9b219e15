"""The forecast by locality (docs/forecast.md, "By locality"): an apportionment, not a
dimension of the model's state. Each run's children in a provision are shared among the
localities in the proportions that provision's children were in at the last census, so
each run's localities add up to its
total, and to its total in each provision; then the runs give the median and interval as
for every breakdown (``summary``). Pure (numpy only).

A child's locality is counted two ways, each its own breakdown: where they are placed
(:data:`LOCALITY`: their placement's setting's, ``where``) and where they live
(:data:`HOME_LOCALITY`: their home postcode's district or sector, as the area's service
managers mapped them, ``home``; a postcode in no mapped district is :data:`NOT_KNOWN`).

Why not a state: a locality in the state would multiply the states by the localities and
thin every rate estimated from them, and children rarely change locality without
changing setting, which the model follows as provision.
"""

from __future__ import annotations

import re
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
#: Where children live (their home postcode's locality), and by provision within it.
HOME_LOCALITY = "home locality"
HOME_LOCALITY_PROVISION = "home locality and provision"
#: A child with no home postcode, or one in no district or sector the area has mapped.
NOT_KNOWN = "Locality not known"
#: (locality, locality and provision) breakdowns of each way of counting.
PLACED_BREAKDOWNS = (LOCALITY, LOCALITY_PROVISION)
HOME_BREAKDOWNS = (HOME_LOCALITY, HOME_LOCALITY_PROVISION)
#: A postcode district (outward code: ``NG7``, ``SW1A``) or sector (district, a space, the
#: inward code's digit: ``NG7 1``), upper case.
PREFIX_SHAPE = re.compile(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]?)(?: [0-9])?$")
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


def prefix(text: str) -> str:
    """A district or sector as the map keeps it: upper case, spaces trimmed and one
    between district and sector (``" ng7  1 "`` → ``NG7 1``). Not checked: see
    :func:`prefix_problem`."""
    return " ".join(text.upper().split())


def prefix_problem(text: str) -> str | None:
    """Why ``text`` (already :func:`prefix`-ed) is not a postcode district or sector."""
    if not text:
        return "Enter a postcode district, like NG7, or sector, like NG7 1"
    if not text.isascii() or not PREFIX_SHAPE.match(text):
        return "Enter a postcode district, like NG7, or sector, like NG7 1 (not a whole postcode)"
    return None


def home(postcode: str, mapping: Mapping[str, str]) -> str:
    """The locality of a home ``postcode``: its sector's when the map names the sector,
    else its district's, else :data:`NOT_KNOWN` (and for a blank postcode)."""
    packed = "".join(postcode.split()).upper()
    if len(packed) < 5:  # the shortest postcode: a two-character district and 1AA
        return NOT_KNOWN
    district, inward = packed[:-3], packed[-3:]
    return mapping.get(f"{district} {inward[0]}") or mapping.get(district) or NOT_KNOWN


def group(provision: str, locality: str) -> str:
    """A ``locality and provision`` group's name: ``special|North``."""
    return f"{provision}|{locality}"


def ungroup(name: str) -> tuple[str, str]:
    """(provision, locality) of a ``locality and provision`` group."""
    provision, locality = name.split("|", 1)
    return provision, locality


def order(names: set[str]) -> list[str]:
    """The area's localities by name, then a new setting, out of area, no locality, not
    placed and not known."""
    last = (NEW_SETTING, OUT_OF_AREA, NO_LOCALITY, NOT_PLACED, NOT_KNOWN)
    return sorted(names - set(last)) + [name for name in last if name in names]


def missing(breakdown: str) -> str:
    """The group of a child with no locality in ``breakdown``'s counting."""
    return NOT_KNOWN if breakdown in HOME_BREAKDOWNS else NOT_PLACED


def shares(
    space: Space, census: Census, placed: Mapping[int, str], nowhere: str = NOT_PLACED
) -> tuple[list[str], np.ndarray]:
    """The localities and, per provision, the share of the census's children in it who
    were in each (provisions × localities; each row adds up to one). A provision nobody
    was in takes the census's whole mix; an empty census puts everyone in
    ``nowhere`` (:data:`NOT_PLACED`, or :data:`NOT_KNOWN` for home localities), where a
    child missing from ``placed`` counts too."""
    names = order({placed.get(child, nowhere) for child in census} | {nowhere})
    column = {name: n for n, name in enumerate(names)}
    k = len(space.provisions)
    counts = np.zeros((k, len(names)))
    for child, state in census.items():
        counts[state % k, column[placed.get(child, nowhere)]] += 1
    overall = counts.sum(0)
    if not overall.any():
        overall[column[nowhere]] = 1
    empty = counts.sum(1) == 0
    counts[empty] = overall
    return names, counts / counts.sum(1, keepdims=True)


def weights(
    space: Space,
    census: Census,
    placed: Mapping[int, str],
    breakdowns: tuple[str, str] = PLACED_BREAKDOWNS,
) -> tuple[list[tuple[str, str]], np.ndarray]:
    """The groups (breakdown, group) and state × group weights: each locality (the share
    of the state's provision in it), then each (provision, locality); ``breakdowns``
    names the two (:data:`PLACED_BREAKDOWNS` or :data:`HOME_BREAKDOWNS`)."""
    names, share = shares(space, census, placed, missing(breakdowns[0]))
    k = len(space.provisions)
    provision = np.arange(space.size) % k  # each state's
    within = np.zeros((space.size, k * len(names)))
    for p in range(k):
        within[provision == p, p * len(names) : (p + 1) * len(names)] = share[p]
    alone, within_provision = breakdowns
    groups = [(alone, name) for name in names]
    groups += [(within_provision, group(p, name)) for p in space.provisions for name in names]
    return groups, np.hstack([share[provision], within])


def figures(
    simulation: Simulation,
    census: Census,
    placed: Mapping[int, str],
    breakdowns: tuple[str, str] = PLACED_BREAKDOWNS,
) -> list[summary.Figure]:
    """The forecast by locality, and by provision within each locality, each summed inside
    every run from the run's own counts (``weights``, ``summary.weighted``)."""
    return summary.weighted(simulation, *weights(simulation.space, census, placed, breakdowns))


def actuals(
    censuses: Mapping[int, Census],
    placed: Mapping[int, Mapping[int, str]],
    breakdown: str = LOCALITY,
) -> list[summary.Figure]:
    """Each census's children by locality, counted (median = low = high = the count)."""
    out: list[summary.Figure] = []
    for year, census in sorted(censuses.items()):
        counted: dict[str, int] = {}
        for child in census:
            name = placed.get(year, {}).get(child, missing(breakdown))
            counted[name] = counted.get(name, 0) + 1
        for name in order(set(counted)):
            value = float(counted[name])
            out.append(summary.Figure(year, breakdown, name, value, value, value, value))
    return out
