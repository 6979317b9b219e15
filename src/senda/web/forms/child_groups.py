"""Forms for a child's vulnerable-group periods (``senda.people.groups`` checks everything
again and may raise ``ActionError``)."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.people.models import ChildGroupPeriod
from senda.web.forms.fields import GovUKDateField, text_field

DATE_HINT = "For example, 27 3 2026"


def _radios(label: str, choices: list[tuple[str, str]], missing: str, **kw: Any) -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": missing, "invalid_choice": missing},
        **kw,
    )


class GroupPeriodForm(forms.Form):
    """A new period: the group, how the child left care (previously looked after), dates."""

    group = _radios("Group", ChildGroupPeriod.Group.choices, "Choose the group")
    how = _radios(
        "How the child left care",
        ChildGroupPeriod.How.choices,
        "Choose how the child left care",
        required=False,
        help_text="Only for a previously looked-after or adopted child.",
    )
    start = GovUKDateField(label="Date the period began", help_text=DATE_HINT)
    end = GovUKDateField(
        label="Date the period ended",
        required=False,
        help_text=f"Leave blank if the child is still in the group. {DATE_HINT}",
    )

    def arguments(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "group": d["group"],
            "how": d.get("how") or "",
            "start": d["start"],
            "end": d.get("end"),
        }


class CorrectGroupPeriodForm(forms.Form):
    """Correct a period's dates (or how the child left care), or withdraw it."""

    what = _radios(
        "What do you want to do?",
        [("correct", "Correct it"), ("withdraw", "Withdraw it: it was recorded in error")],
        "Choose whether to correct or withdraw it",
    )
    how = _radios(
        "How the child left care",
        ChildGroupPeriod.How.choices,
        "Choose how the child left care",
        required=False,
        help_text="Only for a previously looked-after or adopted child.",
    )
    start = GovUKDateField(label="Date the period began", required=False, help_text=DATE_HINT)
    end = GovUKDateField(
        label="Date the period ended",
        required=False,
        help_text=f"Leave blank if the child is still in the group. {DATE_HINT}",
    )
    reason = text_field("Why", limit=500, rows=3, hint="Say what was wrong. No names.")

    def __init__(self, *args: Any, period: ChildGroupPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if period.group != ChildGroupPeriod.Group.PREVIOUSLY_LOOKED_AFTER:
            del self.fields["how"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("what") == "correct" and data.get("start") is None:
            self.add_error("start", "Enter the date the period began")
        return data
