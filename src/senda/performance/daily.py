"""A computed KPI's count day by day, as ``senda tick`` kept it: for pages that show how a
count moved (the data-quality page's trend), not a period's figure (``kpi_figures``).

    from senda.performance import daily
    daily.counts(la, ["dq-no-officer"], since=date(2026, 11, 5), until=date(2026, 12, 3))
    # {"dq-no-officer": {date(2026, 11, 5): 4, …}}

Each day's count is the whole area's fact (dimension "all") of the month containing that
day, as of that day: the figure the KPI had on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from senda.people.models import LocalAuthority
from senda.performance.models import KpiFact
from senda.performance.models.facts import ALL

__all__ = ["counts"]


def counts(
    la: LocalAuthority, kpi_ids: Iterable[str], *, since: date, until: date
) -> dict[str, dict[date, int]]:
    """``{kpi id: {day: count}}`` for each day from ``since`` to ``until`` (inclusive) that
    ``senda tick`` ran for; a KPI with no facts maps to ``{}``. One query."""
    wanted = list(dict.fromkeys(kpi_ids))
    found: dict[str, dict[date, int]] = {kpi: {} for kpi in wanted}
    rows = KpiFact.objects.filter(
        la=la, kpi__in=wanted, period="month", dimension=ALL, on__gte=since, on__lte=until
    ).values_list("kpi", "on", "period_start", "numerator")
    for kpi, on, period_start, numerator in rows:
        if period_start == on.replace(day=1):
            found[kpi][on] = numerator
    return found
