"""Named scenarios: levers on the history's counts from a forecast year (``rates.Lever``).
The baseline changes nothing: current rates and the trend in new plans persist, with no
cap on places (past limits on places are already in the rates). Each scenario's levers
start with the first forecast year unless it says otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from senda.sufficiency.rates import Lever


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    levers: tuple[Lever, ...]


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
