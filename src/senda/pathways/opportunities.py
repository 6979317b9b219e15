"""The register of supported internships and apprenticeships the partnership created:
places by academic year, kind and employer or provider. Minimal on purpose (issue 18 asks
for "created" beside "filled"; filled comes from the participation extracts): a row is
added, never changed; a mistaken row is corrected by adding one with the difference
(places may not go below zero for the year and kind). Written only here."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Sum

from senda import audit, kernel
from senda.kernel import ActionError
from senda.pathways.access import may_import
from senda.pathways.activities import academic_year
from senda.pathways.models import Opportunity, OpportunityKind
from senda.people.models import LocalAuthority

__all__ = ["MAX_PLACES", "record_opportunity"]

MAX_PLACES = 500


def record_opportunity(
    *,
    la: LocalAuthority,
    kind: str,
    year: int,
    places: int,
    provider: str,
    by: Any,
    today: date | None = None,
) -> Opportunity:
    """Add places (or, negative, take back places recorded in error) for ``year``."""
    today = today or kernel.today()
    if not may_import(by, la):
        raise ActionError("__all__", "Only a team or service manager records opportunities.")
    if kind not in OpportunityKind.values:
        raise ActionError("kind", "Choose a supported internship or an apprenticeship")
    if not 2000 <= year <= academic_year(today) + 1:
        raise ActionError("year", "Enter an academic year up to next year's")
    if places == 0 or abs(places) > MAX_PLACES:
        raise ActionError("places", f"Enter a number of places from 1 to {MAX_PLACES}")
    provider = provider.strip()
    if not provider:
        raise ActionError("provider", "Enter the employer or provider")
    with transaction.atomic():
        found = Opportunity.objects.filter(la=la, kind=kind, year=year)
        held = found.aggregate(n=Sum("places"))["n"] or 0
        if held + places < 0:
            raise ActionError("places", f"Only {held} places are recorded for that year")
        row = Opportunity.objects.create(
            la=la, kind=kind, year=year, places=places, provider=provider[:200], recorded_by=by
        )
        audit.record(
            user=by,
            verb="write",
            obj=row,
            summary=f"opportunity {row.pk} {kind} {year} places={places}",
        )
    return row
