"""The demo's SEN2 facts about each child that its generator does not draw: why a child
has no UPN (SEN2's UN codes), and whether elective home education and "child missing
education" are recorded. Most are recorded, so the data-quality page has a handful of real
gaps to fix, as a council's would. Its own random stream, so the rest of the area is
unchanged. Drawn in memory and written with the children (``build``), and the service's
filling-in of the gaps over the last months is replayed by ``demo.sen2.write_history``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from senda.demo.area import AreaPlan
from senda.people.school_year import year_group

#: Shares of children left "not recorded" (the gaps the data-quality page shows).
UNRECORDED = 0.02
#: Share of children electively home educated.
HOME_EDUCATED = 0.01


@dataclass(frozen=True, slots=True)
class Flags:
    """A child's ``upn_unknown``, ``elective_home_education`` and ``missing_education``."""

    upn_unknown: str = ""
    elective_home_education: bool | None = None
    missing_education: bool | None = None


def draw_child_flags(*, seed: int, area: AreaPlan, today: date) -> list[Flags]:
    """The flags of each of ``area``'s children, in order."""
    rng = Random(f"{seed}-child-flags")
    found = []
    for case in area.cases:
        child = case.child
        upn_unknown = ""
        ehe = missing = None
        if not child.upn and rng.random() >= UNRECORDED:
            young = year_group(child.dob, today) < 2
            upn_unknown = "UN1" if young else rng.choice(("UN2", "UN3", "UN8", "UN9"))
        if rng.random() >= UNRECORDED:
            ehe = rng.random() < HOME_EDUCATED
        if rng.random() >= UNRECORDED:
            missing = False
        found.append(Flags(upn_unknown, ehe, missing))
    return found
