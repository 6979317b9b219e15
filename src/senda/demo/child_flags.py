"""The demo's SEN2 facts about each child that its generator does not draw: why a child
has no UPN (SEN2's UN codes), and whether elective home education and "child missing
education" are recorded. Most are recorded, so the data-quality page has a handful of real
gaps to fix, as a council's would. Its own random stream, so the rest of the area is
unchanged."""

from __future__ import annotations

from datetime import date
from random import Random

from senda.people.models import Child, LocalAuthority
from senda.people.school_year import year_group

#: Shares of children left "not recorded" (the gaps the data-quality page shows).
UNRECORDED = 0.02
#: Share of children electively home educated.
HOME_EDUCATED = 0.01


def write_child_flags(*, seed: int, la: LocalAuthority, today: date) -> int:
    """Fill the flags of ``la``'s children; returns how many children were written."""
    rng = Random(f"{seed}-child-flags")
    children = list(Child.objects.filter(la=la).order_by("pk"))
    for child in children:
        if not child.upn and rng.random() >= UNRECORDED:
            young = child.date_of_birth is not None and year_group(child.date_of_birth, today) < 2
            child.upn_unknown = "UN1" if young else rng.choice(("UN2", "UN3", "UN8", "UN9"))
        if rng.random() >= UNRECORDED:
            child.elective_home_education = rng.random() < HOME_EDUCATED
        if rng.random() >= UNRECORDED:
            child.missing_education = False
    Child.objects.bulk_update(
        children, ["upn_unknown", "elective_home_education", "missing_education"], batch_size=500
    )
    return len(children)
