"""Scenarios: levers on the history's counts, each from a forecast year (``rates.Lever``),
and changes to the places the area will have (``Capacity``, which only demand against
capacity reads). The baseline changes nothing: current rates and the trend in new plans
persist, with no cap on places (past limits on places are already in the rates).

Four are built in (``SCENARIOS``); a service manager defines others on a page
(``models.StoredScenario``), and every forecast keeps a frozen copy of its scenario
(``as_json`` and ``from_json``), so a later edit changes no forecast made.

:func:`rates_by_year` gives each forecast year the rates of the levers begun by then: a
year before any lever has the baseline's very rates, so with the same seed its figures are
the baseline's. Pure (numpy only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from senda.sufficiency.history import History
from senda.sufficiency.rates import Lever, Rates, estimate, with_levers


@dataclass(frozen=True)
class Capacity:
    """Places of ``provision`` added (or, negative, removed) from the January census of
    ``from_year`` (its academic year began the September before)."""

    provision: str
    places: int
    from_year: int


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    levers: tuple[Lever, ...]
    capacity: tuple[Capacity, ...] = ()

    def places_from(self, year: int) -> dict[str, int]:
        """Places added (negative: removed) of each provision by the census of ``year``."""
        found: dict[str, int] = {}
        for change in self.capacity:
            if change.from_year <= year:
                found[change.provision] = found.get(change.provision, 0) + change.places
        return found


SCENARIOS = {
    scenario.name: scenario
    for scenario in (
        Scenario("baseline", "Baseline: current rates and trend continue", ()),
        Scenario(
            "fewer-independent",
            "Half as many new placements in independent special schools, the rest in "
            "specialist bases",
            (Lever("placements", 0.5, provision="independent", transfer_to="specialist_base"),),
        ),
        Scenario(
            "more-mainstream",
            "A fifth of new special-school placements met in mainstream with support",
            (Lever("placements", 0.8, provision="special", transfer_to="mainstream"),),
        ),
        Scenario(
            "early-help",
            "An early-help programme: a tenth fewer new plans",
            (Lever("joiners", 0.9),),
        ),
    )
}


def rates_by_year(past: History, levers: Sequence[Lever], start: int, years: int) -> list[Rates]:
    """The rates of each of ``years`` forecast years after the census of ``start``: those
    estimated with the levers whose ``from_year`` has come (None: from the first year).
    Years with the same levers share one ``Rates`` object, so the simulation draws them
    once; years before any lever share the baseline's."""
    found: dict[tuple[Lever, ...], Rates] = {}
    shown: list[Rates] = []
    for step in range(years):
        year = start + 1 + step
        begun = tuple(lever for lever in levers if (lever.from_year or start + 1) <= year)
        if begun not in found:
            found[begun] = estimate(with_levers(past, begun)) if begun else estimate(past)
        shown.append(found[begun])
    return shown


def as_json(scenario: Scenario) -> dict[str, Any]:
    """The scenario's levers and capacity changes as plain JSON (a forecast's frozen copy)."""
    return {
        "levers": [
            {k: v for k, v in asdict(lever).items() if v is not None} for lever in scenario.levers
        ],
        "capacity": [asdict(change) for change in scenario.capacity],
    }


def from_json(name: str, title: str, data: Mapping[str, Any]) -> Scenario:
    """The scenario ``as_json`` wrote."""
    levers: Iterable[dict[str, Any]] = data.get("levers", ())
    return Scenario(
        name,
        title,
        tuple(
            Lever(**{**lever, "ncy": tuple(lever["ncy"]) if lever.get("ncy") else None})
            for lever in levers
        ),
        tuple(Capacity(**change) for change in data.get("capacity", ())),
    )
