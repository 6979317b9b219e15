"""The register at each January census, as the forecast's states: every child of the area
with a plan in force on the census day (issued or transferred in on or before it, not
ceased by it), with their year group that day, their primary need and the provision of
the placement they attended that day (rank 1; "other" when none is recorded); and, for
the locality breakdown (``localities``), where that placement's setting is.

A child's need is the one recorded now: Senda keeps no history of needs, and the model
follows provision, not need (``history``). Reads four tables once, whatever the years.

Where each child lives (``homes``): the locality of their home postcode as it is recorded
now, by the area's map of postcode districts (``models.PostcodeLocality``); Senda keeps no
history of addresses either, so a child who moved counts where they live now at every
census.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from senda.casework.models import Placement, Plan
from senda.interchange.sen2.export import census_day
from senda.people.models import Child, LocalAuthority
from senda.people.school_year import year_group
from senda.sufficiency import categories, localities
from senda.sufficiency.history import Census
from senda.sufficiency.models import PostcodeLocality
from senda.sufficiency.space import Space

_Spell = tuple[date, date | None]
#: A main placement: entered, left, setting type, SEN2 code, unit, where (``localities``).
_Place = tuple[date, date | None, str | None, str, bool, str]
#: ``{year: {child id: locality}}`` of the children in each census.
Localities = dict[int, dict[int, str]]


def censuses(la: LocalAuthority, years: Iterable[int], space: Space) -> dict[int, Census]:
    """``{year: {child id: state}}`` for each January census of ``years``."""
    return dict(read(la, years, space)[0].items())


def read(
    la: LocalAuthority, years: Iterable[int], space: Space
) -> tuple[dict[int, dict[int, int]], Localities]:
    """Each January census of ``years`` as states (``censuses``), and the locality of each
    child in it: their placement's setting's (``localities.where``)."""
    plans: dict[int, list[_Spell]] = defaultdict(list)
    for child, issued, transferred, ceased in Plan.objects.filter(case__la=la).values_list(
        "case__child_id", "issued_on", "transferred_in_on", "ceased_on"
    ):
        start = min(d for d in (issued, transferred) if d) if issued or transferred else None
        if start is not None:
            plans[child].append((start, ceased))
    places: dict[int, list[_Place]] = defaultdict(list)
    for row in (
        Placement.objects.current()
        .filter(case__la=la, rank=1)
        .order_by("entered_on", "id")
        .values_list(
            "case__child_id",
            "entered_on",
            "left_on",
            "setting__type",
            "setting_code",
            "sen_unit",
            "resourced_provision",
            "setting__la_id",
            "setting__locality",
        )
    ):
        child, entered, left, kind, code, unit, resourced, setting_la, locality = row
        located = localities.where(la.pk, setting_la, locality)
        places[child].append((entered, left, kind, code, unit or resourced, located))
    children: dict[int, tuple[date | None, str]] = {
        child: (born, need)
        for child, born, need in Child.objects.filter(cases__la=la)
        .values_list("id", "date_of_birth", "primary_need")
        .distinct()
    }
    found: dict[int, dict[int, int]] = {}
    placed: Localities = {}
    for year in years:
        day = census_day(year)
        found[year], placed[year] = {}, {}
        for child, spells in plans.items():
            if not _in_force(spells, day):
                continue
            state = _state(space, day, *children.get(child, (None, "")), places.get(child, ()))
            if state is not None:
                found[year][child], placed[year][child] = state
    return found, placed


def homes(la: LocalAuthority, found: dict[int, dict[int, int]]) -> Localities:
    """``{year: {child: home locality}}`` of the children in each census of ``found``
    (``localities.home``; "Locality not known" for a postcode the map does not cover),
    or nothing at all when the area has mapped no postcode district."""
    mapping = PostcodeLocality.objects.as_map(la.pk)
    if not mapping:
        return {}
    where = {
        child: localities.home(postcode or "", mapping)
        for child, postcode in Child.objects.filter(cases__la=la)
        .values_list("id", "postcode")
        .distinct()
    }
    return {
        year: {child: where.get(child, localities.NOT_KNOWN) for child in census}
        for year, census in found.items()
    }


def _in_force(spells: list[_Spell], day: date) -> bool:
    """``PlanQuerySet.in_force`` for one child's plans already read."""
    return any(start <= day and (ceased is None or ceased > day) for start, ceased in spells)


def _state(
    space: Space,
    day: date,
    born: date | None,
    need: str,
    places: Iterable[_Place],
) -> tuple[int, str] | None:
    """The child's state that day and their locality, or None outside the space."""
    if born is None:
        return None
    ncy = year_group(born, day)
    if not space.ncy_low <= ncy <= space.ncy_high:
        return None
    kind, code, unit, locality = None, "", False, localities.NOT_PLACED
    for entered, left, setting_type, setting_code, is_unit, where in places:
        if entered <= day and (left is None or left > day):
            kind, code, unit, locality = setting_type, setting_code, is_unit, where
    provision = categories.provision(setting_type=kind, setting_code=code, unit=unit, ncy=ncy)
    return space.index(ncy, need if need in space.needs else "NONE", provision), locality


def home_counts(la: LocalAuthority, day: date) -> dict[str, int]:
    """The area's children with a plan in force on ``day`` by home locality
    (``localities.home``; all "Locality not known" when the map is empty), in
    ``localities.order``."""
    mapping = PostcodeLocality.objects.as_map(la.pk)
    counted: dict[str, int] = defaultdict(int)
    for postcode in Child.objects.filter(
        pk__in=Plan.objects.filter(case__la=la).in_force(day).values("case__child_id")
    ).values_list("postcode", flat=True):
        counted[localities.home(postcode or "", mapping)] += 1
    return {name: counted[name] for name in localities.order(set(counted))}
