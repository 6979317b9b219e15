"""The places register as a page reads it, and demand against capacity (docs/places.md).

- :func:`register`: each setting's commissioned places of each kind for an academic
  year, the children placed there, and the vacancies;
- :func:`wanted` (one read of the latest stored forecast; :func:`demand_of` and
  :func:`locality_demand_of` a given one): its plans by provision and by locality, year by
  year, and its scenario;
- :func:`gaps`: the shortfall or surplus of places of each kind, year by year: forecast
  demand against commissioned places, the capital pipeline and the places a scenario adds
  or removes (``Wanted.scenario``: the frozen copy of the forecast's scenario);
- :func:`gaps_by_locality`: the same in each locality (a
  scenario's places have no locality: they count as a new setting's).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from senda.people.models import LocalAuthority, Setting
from senda.sufficiency import localities
from senda.sufficiency.localities import NEW_SETTING, NO_LOCALITY
from senda.sufficiency.models import CapitalProject, CommissionedPlaces, ForecastRun
from senda.sufficiency.models.places import PLACE_PROVISIONS
from senda.sufficiency.placed import commissioned, counted_on, placed_at_settings
from senda.sufficiency.scenarios import Scenario

#: The kinds of place, in the order pages show them.
PLACE_KINDS = [name for name, _ in PLACE_PROVISIONS]
#: Kinds shown for a setting with children placed even where no places are recorded
#: (every mainstream sixth form or nursery would otherwise fill the register).
SPECIALIST = ("special", "specialist_base", "ap", "post16_specialist")

#: ``{January census year: {provision: (median, low, high)}}`` of a forecast.
Demand = dict[int, dict[str, tuple[float, float, float]]]
#: The same by ``(locality, provision)``.
LocalDemand = dict[int, dict[tuple[str, str], tuple[float, float, float]]]


@dataclass(frozen=True)
class Line:
    """One setting's places of one kind."""

    setting: Setting
    provision: str
    places: int | None  # None: no places recorded
    placed: int
    record: CommissionedPlaces | None

    @property
    def vacancies(self) -> int | None:
        """Places not filled (negative: more children than places); None without places."""
        return None if self.places is None else self.places - self.placed


def register(la: LocalAuthority, year: int, today: date) -> tuple[list[Line], date]:
    """The register for the academic year starting in September of ``year``, and the day
    its children were counted (``placed.counted_on``)."""
    day = counted_on(year, today)
    places = commissioned(la, year)
    placed = placed_at_settings(la, day)
    keys = set(places) | {key for key in placed if key[1] in SPECIALIST}
    settings = Setting.objects.in_bulk({setting for setting, _ in keys})
    lines = [
        Line(
            settings[setting],
            kind,
            places[(setting, kind)].places if (setting, kind) in places else None,
            placed.get((setting, kind), 0),
            places.get((setting, kind)),
        )
        for setting, kind in keys
    ]
    lines.sort(key=lambda line: (PLACE_KINDS.index(line.provision), line.setting.name))
    return lines, day


@dataclass
class Total:
    places: int = 0
    placed: int = 0
    #: Of those placed, children at settings with no places of their kind recorded.
    unfunded: int = 0

    @property
    def vacancies(self) -> int:
        """Places less the children placed in them."""
        return self.places - (self.placed - self.unfunded)

    def add(self, line: Line) -> None:
        self.places += line.places or 0
        self.placed += line.placed
        self.unfunded += line.placed if line.places is None else 0


def by_provision(lines: list[Line]) -> dict[str, Total]:
    """The register summed by kind of place, in ``PLACE_KINDS`` order."""
    found = {kind: Total() for kind in PLACE_KINDS}
    for line in lines:
        found[line.provision].add(line)
    return {kind: total for kind, total in found.items() if total.places or total.placed}


def by_locality(lines: list[Line]) -> dict[tuple[str, str], Total]:
    """The register summed by ``(locality, kind of place)``, localities in name order."""
    found: dict[tuple[str, str], Total] = defaultdict(Total)
    for line in lines:
        found[(line.setting.locality, line.provision)].add(line)
    return dict(sorted(found.items(), key=lambda i: (i[0][0], PLACE_KINDS.index(i[0][1]))))


@dataclass(frozen=True)
class Wanted:
    """What the latest stored forecast under a scenario wants: plans by provision and by
    (locality, provision) for each January ahead, (median, 5th, 95th percentile), and the
    scenario as that forecast was made (its frozen copy: the places it adds or removes).
    Empty when none has been made (a page never makes one: ``actions.request_forecast``
    asks the queue); no localities when it was made before forecasts had them.
    ``by_locality`` counts children where they are placed, ``by_home`` where they live
    (empty when the area had mapped no postcode district when it was made)."""

    by_provision: Demand
    by_locality: LocalDemand
    scenario: Scenario | None
    by_home: LocalDemand = field(default_factory=dict)


def wanted(la: LocalAuthority, scenario: str) -> Wanted:
    """:class:`Wanted` from ``la``'s latest stored forecast under ``scenario``: one read."""
    run = ForecastRun.objects.latest_done(la.pk, scenario)
    if run is None:
        return Wanted({}, {}, None)
    return Wanted(
        demand_of(run),
        locality_demand_of(run),
        run.spec(),
        locality_demand_of(run, localities.HOME_LOCALITY_PROVISION),
    )


def demand_of(run: ForecastRun) -> Demand:
    """A stored forecast's plans by provision for each January ahead."""
    found: Demand = {}
    for figure in run.figure_list():
        if figure.breakdown == "provision":
            found.setdefault(figure.year, {})[figure.group] = (
                figure.median,
                figure.low,
                figure.high,
            )
    return found


@dataclass(frozen=True)
class Gap:
    """Demand against capacity for one kind of place in one year (in one ``locality``,
    or the whole area: ``""``)."""

    year: int  # the January census forecast; its academic year began the September before
    provision: str
    median: float
    high: float
    places: int
    pipeline: int
    #: Whether any places of the kind are recorded for the year (else there is no
    #: capacity to compare, only demand).
    recorded: bool = True
    #: Places the scenario adds (negative: removes) by this year.
    scenario: int = 0
    locality: str = ""

    @property
    def capacity(self) -> int:
        return self.places + self.pipeline + self.scenario

    @property
    def compared(self) -> bool:
        """Whether there is any capacity to compare demand with."""
        return self.recorded or bool(self.pipeline) or bool(self.scenario)

    @property
    def plans(self) -> int:
        """The forecast median in whole plans, as the page shows it (rounded once)."""
        return round(self.median)

    @property
    def plans_high(self) -> int:
        """The forecast's 95th percentile in whole plans."""
        return round(self.high)

    @property
    def shortfall(self) -> int:
        """Forecast plans (the median, as shown) less capacity: above nought a shortfall,
        below it a surplus. From the rounded median, so a row adds up as it reads."""
        return self.plans - self.capacity

    @property
    def shortfall_high(self) -> int:
        """The same at the 95th percentile of the forecast."""
        return self.plans_high - self.capacity


#: ``(locality, kind of place)``; the locality is ``""`` for the whole area.
_Key = tuple[str, str]


def pipeline(la: LocalAuthority, year: int) -> dict[str, int]:
    """Places of each kind still to come from approved, under-way or open projects whose
    places open by 30 September of ``year``."""
    return {kind: n for (_, kind), n in _pipeline(la, year, local=False).items()}


def _pipeline(la: LocalAuthority, year: int, *, local: bool) -> dict[_Key, int]:
    found: dict[_Key, int] = defaultdict(int)
    projects = CapitalProject.objects.filter(la=la, opens_on__lte=date(year, 9, 30))
    for project in projects.select_related("setting"):
        where = (project.setting.locality or NO_LOCALITY) if project.setting else NEW_SETTING
        found[(where if local else "", project.provision)] += project.places_to_come
    return found


def gaps(la: LocalAuthority, demand: Demand, scenario: Scenario | None = None) -> list[Gap]:
    """Each forecast year's demand of each kind of place against the places commissioned
    for its academic year (the latest recorded up to it), the pipeline open by its
    September and the places ``scenario`` adds or removes by then. Kinds with no demand,
    no places, no pipeline and no change are left out."""
    local = {year: {("", kind): n for kind, n in by.items()} for year, by in demand.items()}
    return _gaps(la, local, scenario, local=False)


def locality_demand_of(
    run: ForecastRun, breakdown: str = localities.LOCALITY_PROVISION
) -> LocalDemand:
    """A stored forecast's plans by locality and kind of place for each January ahead:
    where children are placed (``localities.LOCALITY_PROVISION``) or where they live
    (``localities.HOME_LOCALITY_PROVISION``)."""
    found: LocalDemand = {}
    for figure in run.figure_list():
        if figure.breakdown == breakdown:
            provision, locality = localities.ungroup(figure.group)
            found.setdefault(figure.year, {})[(locality, provision)] = (
                figure.median,
                figure.low,
                figure.high,
            )
    return found


def gaps_by_locality(
    la: LocalAuthority, demand: LocalDemand, scenario: Scenario | None = None
) -> list[Gap]:
    """``gaps`` in each locality: the forecast's plans in a locality (placed at its
    settings, or living there: ``wanted``'s ``by_locality`` or ``by_home``) of a kind
    against that locality's places and pipeline, locality by locality (the area's
    in name order, then out of area and the rest), kind by kind, year by year. The places
    ``scenario`` adds or removes have no locality: they count with a capital project's
    that has no setting yet, as :data:`~senda.sufficiency.localities.NEW_SETTING`."""
    found = _gaps(la, demand, scenario, local=True)
    order = localities.order({gap.locality for gap in found})
    found.sort(key=lambda g: (order.index(g.locality), PLACE_KINDS.index(g.provision), g.year))
    return found


def _gaps(
    la: LocalAuthority, demand: LocalDemand, scenario: Scenario | None, *, local: bool
) -> list[Gap]:
    found: list[Gap] = []
    for year, wanted in sorted(demand.items()):
        places: dict[_Key, int] = defaultdict(int)
        for (_, kind), row in commissioned(la, year - 1).items():
            where = (row.setting.locality or NO_LOCALITY) if local else ""
            places[(where, kind)] += row.places
        recorded = set(places)
        coming = _pipeline(la, year - 1, local=local)
        changed = {
            (NEW_SETTING if local else "", kind): n
            for kind, n in (scenario.places_from(year) if scenario is not None else {}).items()
        }
        keys = {key for key in [*wanted, *places, *coming, *changed] if key[1] in PLACE_KINDS}
        for key in sorted(keys, key=lambda k: (k[0], PLACE_KINDS.index(k[1]))):
            median, _, high = wanted.get(key, (0.0, 0.0, 0.0))
            extra = changed.get(key, 0)
            if median or high or places[key] or coming[key] or extra:
                found.append(
                    Gap(
                        year,
                        key[1],
                        median,
                        high,
                        places[key],
                        coming[key],
                        key in recorded,
                        extra,
                        key[0],
                    )
                )
    return found
