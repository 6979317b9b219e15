"""The filter forms above case lists (My caseload, all cases, the CSV export, triage).

Every filter is a GET parameter holding an id or a code, never a name:
``stage``, ``status``, ``setting``, ``phase``, ``need``, ``year``, ``officer``, ``sort``.
The forms only validate the query string; the cases are filtered, annotated and sorted in
the database by ``Case.objects`` (``senda.casework.models.cases.CaseQuerySet``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.forms.utils import pretty_name

from senda.casework.caseloads import case_holders
from senda.casework.models.cases import DUE_SOON_DAYS
from senda.casework.summary import STAGES
from senda.casework.triage import DEFAULT_WINDOW_DAYS, WEIGHTS
from senda.clock.rules import RULES
from senda.people.models import SEN_TYPES, LocalAuthority, Setting
from senda.people.names import display_name

STATUSES = {
    "overdue": "Overdue",
    "due-soon": f"Due within {DUE_SOON_DAYS} days",
    "on-track": "On track",
    "none": "No open deadline",
}
SORTS = {
    "due": "Next due (overdue first)",
    "child": "Child's name",
    "setting": "Setting",
    "status": "Status, then child's name",
}
YEAR_CHOICES = [
    ("early", "Early years"),
    ("0", "Reception"),
    *[(str(y), f"Year {y}") for y in range(1, 14)],
    ("post19", "Post-19"),
]


def _any(label: str, choices: Any) -> list[tuple[str, str]]:
    return [("", label), *(choices.items() if isinstance(choices, dict) else choices)]


class FilterForm(forms.Form):
    """A form of filters read from the query string, where anything may arrive.

    A value that is not one of a list's choices is dropped with a message that names the
    list and never repeats what was sent (Django's default echoes it, and a control
    character echoed into the page is not even valid HTML). Numbers and dates are the
    shared bounded fields (``senda.web.forms.fields``), so an out-of-range id or a year
    9999 is a message too, never an error from the database or the calendar.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                what = field.label or pretty_name(name)
                field.error_messages["invalid_choice"] = f"Select an option from the ‘{what}’ list"


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return display_name(obj)


class CaseFilterForm(FilterForm):
    """The filters above a case list. Bound to ``request.GET``; every field is optional."""

    officer = OfficerChoiceField(
        queryset=User.objects.none(), required=False, empty_label="Any officer", label="Officer"
    )
    stage = forms.ChoiceField(choices=_any("Any stage", STAGES), required=False)
    status = forms.ChoiceField(choices=_any("Any status", STATUSES), required=False)
    setting = forms.ModelChoiceField(
        queryset=Setting.objects.none(), required=False, empty_label="Any setting"
    )
    phase = forms.ChoiceField(choices=_any("Any phase", Setting.Phase.choices), required=False)
    need = forms.ChoiceField(
        choices=_any("Any need", SEN_TYPES), required=False, label="Primary need"
    )
    year = forms.ChoiceField(choices=_any("Any year", YEAR_CHOICES), required=False)
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False, label="Sort by")

    def __init__(self, data: Any, *, la: LocalAuthority, with_officer: bool, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["setting"].queryset = Setting.objects.filter(la=la).only("pk", "name")  # type: ignore[attr-defined]
        if with_officer:
            self.fields["officer"].queryset = case_holders(la)  # type: ignore[attr-defined]
        else:
            del self.fields["officer"]

    def filters(self) -> dict[str, Any]:
        """The valid filter values (invalid ones are dropped; the form shows their errors)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {k: v for k, v in cleaned.items() if v not in (None, "")}


def describe(filters: dict[str, Any]) -> str:
    """The filters as identifiers only, for an audit summary: ``stage=plan setting=12``."""
    parts = []
    for name, value in sorted(filters.items()):
        parts.append(f"{name}={getattr(value, 'pk', value)}")
    return " ".join(parts) or "no filters"


WINDOWS = [("7", "7 days"), ("14", "14 days"), ("28", "28 days"), ("56", "8 weeks")]
WINDOWS += [("91", "13 weeks")]


class TriageFilterForm(FilterForm):
    """Triage filters: officer, rule and how far ahead to look (``window`` days)."""

    officer = OfficerChoiceField(
        queryset=User.objects.none(), required=False, empty_label="Any officer", label="Officer"
    )
    rule = forms.ChoiceField(required=False, label="Deadline")
    window = forms.TypedChoiceField(
        choices=WINDOWS, coerce=int, required=False, label="Include work due within"
    )

    def __init__(self, data: Any, *, la: LocalAuthority, **kwargs: Any) -> None:
        data = data.copy()
        data.setdefault("window", str(DEFAULT_WINDOW_DAYS))
        super().__init__(data, **kwargs)
        self.fields["officer"].queryset = case_holders(la)  # type: ignore[attr-defined]
        rules = [(rule, RULES[rule].title) for rule in WEIGHTS]
        self.fields["rule"].choices = _any("Any deadline", rules)  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        found = {k: v for k, v in cleaned.items() if v not in (None, "")}
        found.setdefault("window", DEFAULT_WINDOW_DAYS)
        return found
