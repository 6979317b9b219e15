"""Moving cases between officers: which cases, and to whom."""

from __future__ import annotations

from typing import Any

from django import forms


class ReassignForm(forms.Form):
    cases = forms.TypedMultipleChoiceField(
        coerce=int,
        label="Cases to move",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the cases to move",
            "invalid_choice": "A case you selected is no longer on this list: select again",
        },
    )
    officer = forms.TypedChoiceField(
        coerce=int,
        label="Move them to",
        error_messages={
            "required": "Select the officer to move the cases to",
            "invalid_choice": "Select a case officer of your local area",
        },
    )

    def __init__(
        self,
        *args: Any,
        case_choices: list[tuple[int, str]],
        officer_choices: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = list(case_choices)
        self.fields["officer"].choices = [("", "Choose an officer"), *officer_choices]
