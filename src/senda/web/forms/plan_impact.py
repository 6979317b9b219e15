"""The form of an action's impact page: its stage, the impact rating, the evidence, the
KPIs the evidence cites, and whether it corrects the latest record (with a reason). The
rules (evidence for a claim of impact, sustained only after impact evidenced, a reason to
go back) are ``senda.improvement.impact``'s: it refuses, and the view shows its messages."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.improvement.models.impact import (
    IMPACT_MEANINGS,
    STAGE_MEANINGS,
    ImpactRating,
    Stage,
)


def _described(choices: Any, meanings: dict[Any, str]) -> list[tuple[str, str]]:
    return [(code, f"{label}: {meanings[code]}") for code, label in choices]


class ImpactForm(forms.Form):
    stage = forms.ChoiceField(
        label="Stage",
        widget=forms.RadioSelect,
        choices=_described(Stage.choices, STAGE_MEANINGS),
        error_messages={"required": "Select the stage", "invalid_choice": "Select the stage"},
    )
    impact = forms.ChoiceField(
        label="Impact rating",
        widget=forms.RadioSelect,
        choices=_described(ImpactRating.choices, IMPACT_MEANINGS),
        help_text="How much difference the evidence shows for children and families. This "
        "is separate from the delivery rating.",
        error_messages={
            "required": "Select the impact rating",
            "invalid_choice": "Select the impact rating",
        },
    )
    evidence = forms.CharField(
        label="Evidence",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="What shows it: a KPI's movement, audit findings, families' feedback. "
        "Needed for “Impact evidenced”, “Sustained” and any impact rating other than "
        "“Not yet known”.",
    )
    kpi_ids = forms.MultipleChoiceField(
        label="KPIs the evidence cites",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply, or none.",
        error_messages={"invalid_choice": "Choose only KPIs this action names"},
    )
    correct = forms.BooleanField(
        label="This corrects the latest record (it stays in the history, marked corrected)",
        required=False,
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Needed if the stage goes back, or if this corrects the latest record.",
    )

    def __init__(
        self, *args: Any, kpis: list[tuple[str, str]], can_correct: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if kpis:
            self.fields["kpi_ids"].choices = kpis
        else:
            del self.fields["kpi_ids"]
        if not can_correct:
            del self.fields["correct"]
