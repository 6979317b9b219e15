"""Addresses of pages that several views send the user back to."""

from __future__ import annotations

from django.urls import reverse

from senda.performance.catalogue.entry import Entry
from senda.performance.periods import Period


def kpi_page(entry: Entry, quarter: Period | None = None) -> str:
    """The KPI's page (for ``quarter``, if given): where a form returns once done."""
    found = reverse("web:kpi", kwargs={"kpi_id": entry.id})
    return f"{found}?quarter={quarter.key}" if quarter else found
