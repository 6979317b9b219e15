"""Preparing-for-adulthood outcomes at reviews from Year 9: the council's recording and
the KPI computed from them (issue 18)."""

from __future__ import annotations

from datetime import date

import pytest

from senda.audit.models import AuditEntry
from senda.casework import actions, adulthood
from senda.casework.models import AdulthoodOutcomes
from senda.kernel import ActionError
from tests.portal.review_flows import planned_case

TODAY = date(2026, 3, 20)
MEETING = date(2026, 3, 4)
PFA = {
    "employment": "Work experience at the garden centre in Year 10.",
    "independent_living": "Makes a simple meal with support.",
    "community": "Joins the youth club with a friend.",
    "health": "Knows how to book a GP appointment.",
}


def _reviewed(personas, born: date):
    case = planned_case(personas, date_of_birth=born)
    actions.record_review_meeting(case=case, on=MEETING, by=personas.case_officer, today=TODAY)
    return case, case.reviews.get()


def test_it_records_replaces_and_counts_outcomes_from_year_9(personas, today_is) -> None:
    today_is(TODAY)
    year_9, review = _reviewed(personas, date(2012, 3, 1))  # Year 9 in 2025/26
    year_10, _ = _reviewed(personas, date(2011, 3, 1))  # none recorded: missed
    year_8, young = _reviewed(personas, date(2013, 3, 1))  # below Year 9: not counted
    officer = personas.case_officer

    with pytest.raises(ActionError, match="enter the outcome") as missing:
        actions.record_adulthood_outcomes(
            review=review, outcomes={**PFA, "community": ""}, via="officer", by=officer
        )
    assert missing.value.field == "community"
    with pytest.raises(ActionError, match="below Year 9"):
        actions.record_adulthood_outcomes(review=young, outcomes=PFA, via="officer", by=officer)
    with pytest.raises(ActionError, match="permission"):
        actions.record_adulthood_outcomes(
            review=review, outcomes=PFA, via="officer", by=personas.parent
        )

    first = actions.record_adulthood_outcomes(
        review=review, outcomes=PFA, via="officer", by=officer
    )
    second = actions.record_adulthood_outcomes(
        review=review, outcomes={**PFA, "health": "Annual health check booked."}, via="officer",
        by=officer,
    )  # fmt: skip
    assert second.replaces == first
    assert list(AdulthoodOutcomes.objects.current()) == [second]
    assert AuditEntry.objects.filter(verb="write", object_id=str(second.pk)).exists()

    found = adulthood.count("pfa-outcomes-in-plans", personas.la, date(2026, 3, 1),
                            date(2026, 3, 31), TODAY)  # fmt: skip
    assert (found.counted, found.missed) == ((year_9.pk,), (year_10.pk,))
    assert (found.numerator, found.denominator) == (1, 2)
    # As it stood before anything was recorded (a past day rebuilt by ``senda tick``).
    before = adulthood.count("pfa-outcomes-in-plans", personas.la, date(2026, 3, 1),
                             date(2026, 3, 31), date(2026, 3, 10))  # fmt: skip
    assert (before.numerator, before.denominator) == (0, 2)
    assert year_8.pk not in found.counted + found.missed
