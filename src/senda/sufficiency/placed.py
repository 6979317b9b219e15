"""Who is placed where, for the places register (docs/places.md): children counted from
the placements Senda holds, never typed.

A child counts where their main placement (rank 1, not superseded by a correction) runs
on the day counted: entered on or before it, not left by it. Its provision is the
forecast's (``categories.provision``: a mainstream school's unit or resourced provision is
a specialist base, Year 12 on is post-16), so the register, the forecast and the demand
against capacity group children the same way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from senda.casework.models import Placement, Plan
from senda.interchange.sen2.export import census_day
from senda.people.models import LocalAuthority
from senda.people.school_year import academic_year_start, year_group
from senda.sufficiency import categories
from senda.sufficiency.models import CommissionedPlaces

#: SEN2's codes for a child with a plan and no school or college who is waiting for one.
WAITING_CODES = ("NIEO", "NIEC")


def in_force(day: date) -> Q:
    """Placements running on ``day``: the main one, current, entered and not left."""
    return Q(rank=1, superseded_on__isnull=True, entered_on__lte=day) & (
        Q(left_on__isnull=True) | Q(left_on__gt=day)
    )


def _provision(kind: str | None, code: str, unit: bool, born: date | None, day: date) -> str:
    ncy = year_group(born, day) if born else 0
    return categories.provision(setting_type=kind, setting_code=code, unit=unit, ncy=ncy)


def _counted(placements: QuerySet[Placement], day: date) -> list[tuple[int, int, str, str]]:
    """(setting id, the setting's area, its type, provision) of each placement at a
    setting."""
    rows = placements.filter(setting__isnull=False).values_list(
        "setting_id",
        "setting__la_id",
        "setting__type",
        "setting_code",
        "sen_unit",
        "resourced_provision",
        "case__child__date_of_birth",
    )
    return [
        (setting, area, kind, _provision(kind, code, unit or resourced, born, day))
        for setting, area, kind, code, unit, resourced, born in rows
    ]


def placed_at_settings(la: LocalAuthority, day: date) -> Counter[tuple[int, str]]:
    """Children placed at each of ``la``'s settings on ``day``, by provision: ``{(setting
    id, provision): children}``, whichever area holds their plan (a setting's roll may
    include other areas' children)."""
    found = Placement.objects.filter(in_force(day), setting__la=la)
    return Counter((setting, where) for setting, _, _, where in _counted(found, day))


@dataclass(frozen=True)
class Elsewhere:
    """The area's children placed outside its own settings on a day, by provision."""

    out_of_area: Counter[str]
    independent: Counter[str]


def placed_elsewhere(la: LocalAuthority, day: date) -> Elsewhere:
    """``la``'s children placed on ``day`` at a setting of another area, and at an
    independent or non-maintained special school (of any area)."""
    found = Placement.objects.filter(in_force(day), case__la=la)
    out, independent = Counter[str](), Counter[str]()
    for _, area, kind, where in _counted(found, day):
        if area != la.pk:
            out[where] += 1
        if kind == "independent_special":
            independent[where] += 1
    return Elsewhere(out, independent)


def counted_on(year: int, today: date) -> date:
    """The day children are counted for academic year ``year``: today in the current year
    or one to come; for a past year, that year's January census day."""
    return census_day(year + 1) if year < academic_year_start(today) else today


def commissioned(la: LocalAuthority, year: int) -> dict[tuple[int, str], CommissionedPlaces]:
    return CommissionedPlaces.objects.of_area(la.pk).select_related("setting").for_year(year)


@dataclass(frozen=True)
class Waiting:
    """A child with a plan in force and no school or college, waiting for a place."""

    case_id: int
    code: str
    since: date
    days: int
    need: str
    year_group: int | None


def waiting(la: LocalAuthority, day: date) -> list[Waiting]:
    """``la``'s children whose plan is in force on ``day`` and whose main placement that
    day is SEN2's "not in education — other" (NIEO) or "— notice to cease issued" (NIEC),
    longest waiting first, with the days since that placement began."""
    cases = Plan.objects.in_force(day).filter(case__la=la).values("case_id")
    rows = (
        Placement.objects.filter(in_force(day), case_id__in=cases, setting_code__in=WAITING_CODES)
        .order_by("entered_on", "case_id")
        .values_list(
            "case_id", "setting_code", "entered_on", "case__child__primary_need",
            "case__child__date_of_birth",
        )
    )  # fmt: skip
    return [
        Waiting(
            case, code, since, (day - since).days, need, year_group(born, day) if born else None
        )
        for case, code, since, need, born in rows
    ]
