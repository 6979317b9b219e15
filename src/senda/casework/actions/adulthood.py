"""Preparing-for-adulthood outcomes at a review from Year 9 (reg 20(6); CoP 8.9–8.12).

    record_adulthood_outcomes(review=review, outcomes={"employment": "…", …}, via="officer",
                              by=officer)

Checks the young person was in Year 9 or above on the day of the review meeting, and that
an outcome is given in each of the four areas; writes the row (replacing, never changing,
the review's current one) and audits, in one transaction. The council's casework staff
record from the case; the setting's staff through their review report (the portal's
``submit`` calls this, with the permission the report's receipt needs).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit
from senda.casework.actions.base import begin
from senda.casework.models import PFA_AREAS, AdulthoodOutcomes, Review
from senda.kernel import WHOLE_FORM, ActionError, check_choice
from senda.people.school_year import year_group

__all__ = ["FROM_YEAR", "TEXT_MAX", "from_year_9", "record_adulthood_outcomes"]

#: Preparing for adulthood is part of every review from Year 9 (reg 20(6)).
FROM_YEAR = 9
TEXT_MAX = 10_000


def from_year_9(date_of_birth: date | None, on: date) -> bool:
    """Whether a young person born ``date_of_birth`` is in Year 9 or above on ``on``."""
    return date_of_birth is not None and year_group(date_of_birth, on) >= FROM_YEAR


def check_outcomes(outcomes: Any) -> dict[str, str]:
    """The four areas' outcomes, stripped: each required, each within ``TEXT_MAX``."""
    given = outcomes if isinstance(outcomes, dict) else {}
    clean: dict[str, str] = {}
    for field, label in PFA_AREAS:
        value = given.get(field) or ""
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            raise ActionError(field, f"{label}: enter the outcome agreed at the review")
        if len(text) > TEXT_MAX or "\x00" in text:
            raise ActionError(field, f"{label}: must be {TEXT_MAX:,} characters or fewer")
        clean[field] = text
    return clean


@transaction.atomic
def record_adulthood_outcomes(
    *,
    review: Review,
    outcomes: dict[str, Any],
    via: str,
    by: User,
    today: date | None = None,
) -> AdulthoodOutcomes:
    """Record the preparing-for-adulthood outcomes agreed at ``review``."""
    case, today = begin(
        review.case, by, today, may_be_closed=True, partner_step="review_report_received"
    )
    check_choice(via, AdulthoodOutcomes.Via.values, "via", "how they were recorded")
    review = Review.objects.get(pk=review.pk, case=case)
    if not from_year_9(case.child.date_of_birth, review.meeting_on):
        raise ActionError(
            WHOLE_FORM,
            "Preparing-for-adulthood outcomes are recorded at reviews from Year 9: the young "
            "person was below Year 9 at this review.",
        )
    clean = check_outcomes(outcomes)
    current = (
        AdulthoodOutcomes.objects.select_for_update(of=("self",))
        .current()
        .filter(review=review)
        .first()
    )
    row = AdulthoodOutcomes.objects.create(
        case=case,
        review=review,
        via=via,
        recorded_on=today,
        recorded_by=by,
        replaces=current,
        **clean,
    )
    audit.record(
        user=by,
        verb="write",
        obj=row,
        child=case.child,
        summary=f"case {case.pk}: review {review.pk} preparing-for-adulthood outcomes "
        f"{'replaced' if current else 'recorded'}",
    )
    return row
