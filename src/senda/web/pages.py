"""What several pages share: the addresses they send the user back to, and the sentence
that says which statutory step is next."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format

from senda.casework.next_step import NextStep
from senda.performance.catalogue.entry import Entry
from senda.performance.periods import Period


def kpi_page(entry: Entry, quarter: Period | None = None) -> str:
    """The KPI's page (for ``quarter``, if given): where a form returns once done."""
    found = reverse("web:kpi", kwargs={"kpi_id": entry.id})
    return f"{found}?quarter={quarter.key}" if quarter else found


def next_text(found: NextStep | None) -> str:
    """``"Next: review decision due 14 December 2026 (SEND Regulations 2014 reg 20(10))"``."""
    if found is None:
        return "No statutory step is due now."
    if found.due is None:
        return f"Next: {found.step.name}."
    what = f"{found.step.name} ({found.discipline})" if found.discipline else found.step.name
    return f"Next: {what} due {date_format(found.due, 'j F Y')} ({found.citation})."
