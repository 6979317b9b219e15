"""The one lookup of a local area's KPIs: the catalogue's entries in code and the KPIs the
partnership defined itself on the pages (``senda.performance.local_kpis``), alike.

    from senda.performance import kpis
    kpis.get(la, "final-plan-20w")          # Entry; KeyError if the area has no such KPI
    kpis.get(la, "local-attendance-of-cla") # a local KPI's latest version, as an Entry
    kpis.entries(la, ["neet", "local-x"])   # [Entry], in the order asked; KeyError
    kpis.for_area(la)                       # every KPI, grouped by improvement area
    kpis.known(la, ids)                     # the ids that name a KPI, in order
    kpis.names(la, ids)                     # {id: name} for the ids that name a KPI

Everywhere a KPI id is resolved for a local area (the board, a KPI's page, recording,
trajectories and status, the quarterly report, improvement actions naming KPIs) goes
through here. A catalogue id costs no query; local ids (``local-…``) are read in one query
however many. ``la`` is a ``LocalAuthority``, its id, or None (the catalogue alone).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from senda.performance import catalogue
from senda.performance.catalogue.entry import Entry, PeriodKind, Unit
from senda.performance.models.local import PREFIX, LocalKpiVersion

__all__ = ["PREFIX", "entries", "entry_of", "for_area", "get", "is_local", "known", "names"]


def is_local(kpi_id: str) -> bool:
    """Whether the id names a KPI defined on the pages (not in the catalogue's code)."""
    return kpi_id.startswith(PREFIX)


def _la_id(la: Any) -> int | None:
    return None if la is None else (la if isinstance(la, int) else la.pk)


def entry_of(version: LocalKpiVersion, kpi_id: str) -> Entry:
    """A local KPI's version as a catalogue entry: recorded, and marked ``local``."""
    return Entry(
        id=kpi_id,
        name=version.name,
        definition=version.definition,
        numerator=version.numerator,
        denominator=version.denominator,
        unit=cast(Unit, version.unit),
        higher_is_better=version.higher_is_better,
        owner=version.owner,
        area=version.area,
        source="recorded",
        period=cast(PeriodKind, version.period),
        local=True,
        establishing=version.establishing,
        data_source=version.data_source,
        version=version.number,
    )


def _local(la: Any, ids: Iterable[str] | None) -> dict[str, Entry]:
    """The area's local KPIs (only ``ids``, if given) by id, in the order they were added:
    each one's latest version. One query; none when no local id is asked for."""
    la_id = _la_id(la)
    wanted = None if ids is None else [i for i in ids if is_local(i)]
    if la_id is None or wanted == []:
        return {}
    rows = LocalKpiVersion.objects.filter(local_kpi__la_id=la_id).select_related("local_kpi")
    if wanted is not None:
        rows = rows.filter(local_kpi__kpi__in=wanted)
    found: dict[str, LocalKpiVersion] = {}
    for row in rows.order_by("local_kpi_id", "-number"):
        found.setdefault(row.local_kpi.kpi, row)
    return {kpi: entry_of(row, kpi) for kpi, row in found.items()}


def get(la: Any, kpi_id: str) -> Entry:
    """The KPI with that id for the local area; ``KeyError`` if there is none."""
    if not is_local(kpi_id):
        return catalogue.get(kpi_id)
    found = _local(la, [kpi_id])
    return found[kpi_id]


def entries(la: Any, kpi_ids: Iterable[str]) -> list[Entry]:
    """The KPIs ``kpi_ids`` name, in that order without repeats; ``KeyError`` for an id that
    names none."""
    ids = list(dict.fromkeys(kpi_ids))
    local = _local(la, ids)
    return [local[i] if is_local(i) else catalogue.get(i) for i in ids]


def known(la: Any, kpi_ids: Iterable[str]) -> list[str]:
    """The ids among ``kpi_ids`` that name a KPI of the area, in order without repeats."""
    ids = list(dict.fromkeys(kpi_ids))
    local = _local(la, ids)
    return [i for i in ids if i in local or i in catalogue.CATALOGUE]


def names(la: Any, kpi_ids: Iterable[str] | None = None) -> dict[str, str]:
    """Each KPI's name by id: ``kpi_ids`` that name a KPI, or every KPI of the area."""
    if kpi_ids is None:
        return {e.id: e.name for e in for_area(la)}
    ids = list(dict.fromkeys(kpi_ids))
    local = _local(la, ids)
    return {
        i: (local[i] if i in local else catalogue.CATALOGUE[i]).name
        for i in ids
        if i in local or i in catalogue.CATALOGUE
    }


def for_area(la: Any) -> list[Entry]:
    """Every KPI of the local area, grouped by improvement area (``catalogue.AREAS`` order):
    within an area the catalogue's in its order, then the area's own in the order added."""
    rank = {area: index for index, area in enumerate(catalogue.AREAS)}
    every = [*catalogue.CATALOGUE.values(), *_local(la, None).values()]
    return sorted(every, key=lambda entry: rank.get(entry.area, len(rank)))
