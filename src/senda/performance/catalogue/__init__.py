"""The KPI catalogue: every KPI of the performance framework, what it measures, whether it
is computed from casework or recorded by a person, and the improvement area it serves.

``docs/kpis.md`` is generated from it (``python -m senda.performance.catalogue.docs``).
Pure: no Django.
"""

from __future__ import annotations

from senda.performance.catalogue import (
    casework,
    data_quality,
    disagreements,
    partnership,
    portal,
    quality,
)
from senda.performance.catalogue.areas import AREAS
from senda.performance.catalogue.entry import DIMENSIONS, Area, Entry, Weekly
from senda.performance.definitions import FromRecords

__all__ = [
    "AREAS",
    "CATALOGUE",
    "DIMENSIONS",
    "Area",
    "Entry",
    "Weekly",
    "computed",
    "from_records",
    "get",
    "recorded",
    "weekly",
]


def _ordered(entries: tuple[Entry, ...]) -> dict[str, Entry]:
    """Entries grouped by area in ``AREAS`` order, in their listed order within an area."""
    ids = [entry.id for entry in entries]
    duplicates = sorted({x for x in ids if ids.count(x) > 1})
    if duplicates:
        raise ValueError(f"KPI ids listed twice: {', '.join(duplicates)}")
    unknown = sorted({entry.area for entry in entries} - set(AREAS))
    if unknown:
        raise ValueError(f"KPIs name areas not in AREAS: {', '.join(unknown)}")
    rank = {area: index for index, area in enumerate(AREAS)}
    return {entry.id: entry for entry in sorted(entries, key=lambda entry: rank[entry.area])}


#: Every KPI, by id, grouped by improvement area (``AREAS`` order).
CATALOGUE: dict[str, Entry] = _ordered(
    (
        *casework.ENTRIES,
        *portal.ENTRIES,
        *disagreements.ENTRIES,
        *quality.ENTRIES,
        *partnership.ENTRIES,
        *data_quality.ENTRIES,
    )
)


def get(kpi_id: str) -> Entry:
    """The KPI with that id; ``KeyError`` if there is none."""
    return CATALOGUE[kpi_id]


def computed() -> list[Entry]:
    """KPIs computed from casework by ``senda tick``, in catalogue order."""
    return [entry for entry in CATALOGUE.values() if entry.source == "computed"]


def weekly() -> dict[str, Entry]:
    """KPIs the weekly service dashboard shows, by id, in the order it shows them."""
    return {entry.id: entry for entry in casework.ENTRIES if entry.weekly is not None}


def from_records() -> list[Entry]:
    """Computed KPIs counted from a room's records rather than the clock's rows
    (``senda.performance.records``), in catalogue order."""
    return [entry for entry in computed() if isinstance(entry.computed_by, FromRecords)]


def recorded() -> list[Entry]:
    """KPIs recorded per period by a person with evidence, in catalogue order."""
    return [entry for entry in CATALOGUE.values() if entry.source == "recorded"]


def in_area(area_id: str) -> list[Entry]:
    """The KPIs serving an improvement area, in catalogue order."""
    return [entry for entry in CATALOGUE.values() if entry.area == area_id]
