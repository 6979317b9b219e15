"""Forms of the retention pages (``senda.retention.actions`` checks everything again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User

from senda.retention.defaults import ACTIONS
from senda.web.forms.fields import text_field


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("approve", "Approve: anonymise or delete it now, as the schedule says"),
            ("reject", "Reject: keep the record (it is listed again in a year)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve or reject"},
    )
    reason = text_field(
        "Why the record is kept",
        limit=2000,
        required=False,
        hint="Needed if you reject: for example a claim, a complaint or an inquiry open.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter why the record is kept")
        return data


class RuleForm(forms.Form):
    keep_years = forms.IntegerField(
        label="Years kept",
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Enter how many years the records are kept",
            "invalid": "Years kept must be a whole number, like 6",
            "min_value": "Years kept must be 1 or more",
            "max_value": "Years kept must be 100 or fewer",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    action = forms.ChoiceField(
        label="What happens after",
        choices=ACTIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens after"},
    )
    source = text_field(
        "Source", limit=2000, rows=4, hint="The schedule or law the period comes from."
    )
    approver = forms.ChoiceField(
        label="Who approves",
        required=False,
        help_text="The named officer who approves these; leave it for any service manager.",
    )

    def __init__(self, *args: Any, managers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.managers = {str(user.pk): user for user in managers}
        self.fields["approver"].choices = [("", "Any service manager")] + [  # type: ignore[attr-defined]
            (str(user.pk), user.get_full_name() or user.get_username()) for user in managers
        ]

    def chosen_approver(self) -> User | None:
        return self.managers.get(self.cleaned_data.get("approver") or "")
