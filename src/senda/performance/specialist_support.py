"""The measure of ``nd-specialist-place-support``: of the children waiting for a school
place on the day judged, the share receiving specialist support recorded while they wait.

It joins two rooms' records: the children waiting for a place are ``sufficiency``'s
(``placed.waiting``: a plan in force and, that day, a main placement of SEN2's "not in
education" NIEO or NIEC), the support is ``pathways``' (``pathways.Support`` of the kind
"specialist support while waiting for a specialist school place", running that day).
Neither room may import the other (docs/architecture.md), and ``performance`` may import
both, so the measure lives here, beside the catalogue that names it (docs/pathways.md).
A case is counted by its id (``of="case"``), so the KPI page links each to its case.
"""

from __future__ import annotations

from datetime import date

from senda.casework.models import Case
from senda.casework.scrutiny import Found, judged
from senda.pathways.models import SupportKind
from senda.pathways.support import supported_children
from senda.people.models import LocalAuthority
from senda.sufficiency.placed import waiting

__all__ = ["MEASURES", "ON_THE_DAY", "count", "specialist_place_support"]


def specialist_place_support(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    day = judged(end, as_of)
    cases = [row.case_id for row in waiting(la, day)]
    child_of = dict(Case.objects.filter(pk__in=cases).values_list("pk", "child_id"))
    supported = supported_children(la.pk, day, [SupportKind.SPECIALIST])
    counted = tuple(case for case in cases if child_of.get(case) in supported)
    missed = tuple(case for case in cases if child_of.get(case) not in supported)
    return Found(counted, missed, of="case")


MEASURES = {"nd-specialist-place-support": specialist_place_support}
#: Read as the records stand on the day judged (``performance.records.on_the_day``).
ON_THE_DAY = frozenset(MEASURES)


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    return MEASURES[name](la, start, end, as_of)
