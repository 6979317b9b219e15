"""The data-quality page's sections: each check with its owner, its trend (the daily
counts ``senda tick`` kept for its KPI) and its cases, each linked to where the problem is
put right: the child's details (identifiers and SEN2 flags) or the case page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString

from senda.interchange.models import CheckOwner
from senda.interchange.quality_checks import CheckResult
from senda.people.names import display_name
from senda.web.formats import day
from senda.web.phone_tables import stacked_table

#: Checks put right on the child's details page; the rest on the case page.
FIXED_IN_DETAILS = frozenset(
    {
        "dq-blank-primary-need",
        "dq-missing-upn",
        "dq-invalid-upn",
        "dq-invalid-uln",
        "dq-invalid-nhs-number",
        "dq-home-education-not-recorded",
        "dq-missing-education-not-recorded",
    }
)
#: How far back the trend looks, in weeks (a point a week, and the latest day).
WEEKS = 4


@dataclass(frozen=True)
class Section:
    result: CheckResult
    owner: str
    trend: SafeString
    change: str
    cases: list[tuple[str, str]]  # (reference, where it is fixed)
    form: Any = None


def trend_points(days: Mapping[date, int], weeks: int = WEEKS) -> list[tuple[date, int]]:
    """A count a week for ``weeks`` weeks back from the latest day counted, oldest first:
    each the latest day counted in the week ending on the point (``senda tick`` runs
    nightly, so a missed night takes the night before)."""
    if not days:
        return []
    latest = max(days)
    points: list[tuple[date, int]] = []
    for n in range(weeks, -1, -1):
        target = latest - timedelta(weeks=n)
        found = [d for d in days if target - timedelta(days=6) <= d <= target]
        if found:
            chosen = max(found)
            if not points or points[-1][0] != chosen:
                points.append((chosen, days[chosen]))
    return points


def change(points: Sequence[tuple[date, int]]) -> str:
    """How the count moved from the first point to the last, in words."""
    if len(points) < 2:
        return (
            "Not enough days counted yet to show a trend."
            if points
            else ("No count kept yet: Senda counts each check every night.")
        )
    (first_day, first), (_, last) = points[0], points[-1]
    if last == first:
        return f"No change since {day(first_day)}."
    way = "Down" if last < first else "Up"
    return f"{way} {abs(last - first)} since {day(first_day)}."


def trend_table(title: str, points: Sequence[tuple[date, int]]) -> SafeString:
    if not points:
        return SafeString("")
    rows = [[{"text": day(on)}, {"text": f"{n:,}", "format": "numeric"}] for on, n in points]
    return stacked_table(
        caption=f"Trend: {title.lower()}",
        captionClasses="govuk-table__caption--s",
        head=[{"text": "Day"}, {"text": "Open cases", "format": "numeric"}],
        rows=rows,
    ).render()


def case_links(
    result: CheckResult, children: Mapping[int, int], *, details: bool
) -> list[tuple[str, str]]:
    """Each case's reference and the page where its problem is put right: the child's
    details when the check is about them and the reader may change them (``details``),
    else the case page."""
    to_details = details and result.check.id in FIXED_IN_DETAILS
    links = []
    for pk in result.case_ids:
        child = children.get(pk)
        if to_details and child is not None:
            links.append((f"R-{pk}", reverse("web:child-details", args=[child])))
        else:
            links.append((f"R-{pk}", reverse("web:case-detail", args=[pk])))
    return links


def sections(
    results: Sequence[CheckResult],
    *,
    owners: Mapping[str, CheckOwner],
    counts: Mapping[str, Mapping[date, int]],
    children: Mapping[int, int],
    details: bool,
    forms: Mapping[str, Any] | None = None,
) -> list[Section]:
    out = []
    for result in results:
        row = owners.get(result.check.id)
        points = trend_points(counts.get(result.check.id, {}))
        out.append(
            Section(
                result=result,
                owner=display_name(row.owner) if row is not None else "",
                trend=trend_table(result.check.title, points),
                change=change(points),
                cases=case_links(result, children, details=details),
                form=(forms or {}).get(result.check.id),
            )
        )
    return out


def trend_since(today: date) -> date:
    """The first day the trend reads."""
    return today - timedelta(weeks=WEEKS, days=6)
