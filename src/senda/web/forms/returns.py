"""The period a list of settings' returns covers."""

from __future__ import annotations

from django import forms

#: Periods to choose from: weeks back from today, by review report due date.
PERIODS = {"4": "Last 4 weeks", "12": "Last 12 weeks", "26": "Last 26 weeks", "52": "Last year"}
DEFAULT_WEEKS = "12"


class PeriodForm(forms.Form):
    weeks = forms.ChoiceField(
        label="Reports due in", choices=list(PERIODS.items()), initial=DEFAULT_WEEKS
    )
