"""The one filter of a SENCo's or a parent's case list: open cases, closed cases or both.

Local authority staff filter their lists with ``senda.web.filters.CaseFilterForm`` and see
open cases only; a SENCo or a parent sees every case of their pupils or their child, so
they choose whether closed ones (a plan that ceased, a move to another area, a request
refused) are listed.
"""

from __future__ import annotations

from typing import Any

from django import forms

from senda.casework.models import Case
from senda.casework.models.cases import CaseQuerySet

ALL = "all"
CHOICES = [(ALL, "Open and closed"), (Case.Status.OPEN, "Open"), (Case.Status.CLOSED, "Closed")]


class CaseStatusForm(forms.Form):
    """Bound to ``request.GET``; no choice lists every case, an unknown one is an error (and
    lists none, as the other case filters do)."""

    case_status = forms.ChoiceField(
        label="Cases",
        choices=CHOICES,
        required=False,
        error_messages={"invalid_choice": "Choose open, closed, or open and closed cases"},
    )

    def chosen(self) -> str:
        """``open``, ``closed`` or ``all``."""
        if self.is_valid() and self.cleaned_data["case_status"]:
            return str(self.cleaned_data["case_status"])
        return ALL

    def narrow(self, cases: CaseQuerySet) -> CaseQuerySet:
        if self.errors:
            return cases.none()
        chosen = self.chosen()
        return cases if chosen == ALL else cases.filter(status=chosen)

    def filters(self) -> dict[str, Any]:
        """For the audit entry: ``case_status=closed``; nothing when every case is listed."""
        chosen = self.chosen()
        return {} if chosen == ALL else {"case_status": chosen}
