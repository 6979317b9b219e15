"""Reviews from Year 9 and their preparing-for-adulthood outcomes: which reviews must have
them, which have, and the KPI ``pfa-outcomes-in-plans`` ``senda tick`` computes from them
(shaped as ``senda.casework.scrutiny``'s measures: the case ids behind the figure, one per
review).

A review counts when its meeting falls in the period (to the day judged) and the young
person was in Year 9 or above on that day; it has clear outcomes when outcomes in all four
areas (employment, independent living, community, health) were recorded for it by the day
judged — from the setting's review report or by the council.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from senda.casework.actions.adulthood import FROM_YEAR, from_year_9
from senda.casework.models import AdulthoodOutcomes, Review
from senda.casework.scrutiny import Found, judged
from senda.people.models import LocalAuthority
from senda.people.school_year import academic_year_start

__all__ = ["MEASURES", "ReviewPfa", "count", "reviews_from_year_9"]

Measure = Callable[[LocalAuthority, date, date, date], Found]


@dataclass(frozen=True, slots=True)
class ReviewPfa:
    review_id: int
    case_id: int
    meeting_on: date
    recorded: bool


def reviews_from_year_9(la_id: int, start: date, end: date, as_of: date) -> list[ReviewPfa]:
    """The reviews met from ``start`` to ``end`` of young people then in Year 9 or above,
    each with whether its outcomes were recorded by ``as_of``; earliest first."""
    # Born by this day: in Year 9 or above by the period's last academic year (a bound the
    # database can use; each review's own year is checked below).
    oldest_year_9 = date(academic_year_start(end) - FROM_YEAR - 4, 8, 31)
    rows = (
        Review.objects.filter(
            case__la_id=la_id,
            meeting_on__gte=start,
            meeting_on__lte=end,
            case__child__date_of_birth__lte=oldest_year_9,
        )
        .order_by("meeting_on", "id")
        .values_list("pk", "case_id", "meeting_on", "case__child__date_of_birth")
    )
    reviews = [(pk, case, on) for pk, case, on, born in rows if from_year_9(born, on)]
    done = set(
        AdulthoodOutcomes.objects.filter(
            review_id__in=[pk for pk, _, _ in reviews], recorded_on__lte=as_of
        ).values_list("review_id", flat=True)
    )
    return [ReviewPfa(pk, case, on, pk in done) for pk, case, on in reviews]


def pfa_outcomes(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    reviews = reviews_from_year_9(la.pk, start, judged(end, as_of), as_of)
    return Found(
        counted=tuple(r.case_id for r in reviews if r.recorded),
        missed=tuple(r.case_id for r in reviews if not r.recorded),
    )


MEASURES: dict[str, Measure] = {"pfa-outcomes-in-plans": pfa_outcomes}


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    return MEASURES[name](la, start, end, as_of)
