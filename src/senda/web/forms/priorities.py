"""Forms of the priorities' pages: the "I" and "We" statements, a quarter's RAGB rating,
and the key actions for the coming quarter. ``senda.improvement.priority_actions``
validates again and may raise ``ActionError``; the views put its message on the field."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.improvement.models import RAGB
from senda.web.forms.fields import GovUKDateField

LONGEST = 2000


def _text(label: str, missing: str, hint: str = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=LONGEST,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": missing,
            "max_length": f"{label} must be {LONGEST:,} characters or fewer",
        },
    )


class StatementsForm(forms.Form):
    i_statement = _text(
        "“I” statement",
        "Enter the “I” statement",
        "What a child, young person or parent will be able to say, in their words. For "
        "example: I know who to talk to and I don't have to tell my story again.",
    )
    we_statement = _text(
        "“We” statement",
        "Enter the “We” statement",
        "What the partnership will say it does. For example: We will answer families "
        "within 5 working days and keep them told at every step.",
    )


class PriorityRateForm(forms.Form):
    value = forms.ChoiceField(
        label="Progress this quarter",
        widget=forms.RadioSelect,
        choices=[(v.code, f"{v.label}: {v.meaning}") for v in RAGB.values],
        error_messages={"required": "Select a rating", "invalid_choice": "Select a rating"},
    )
    narrative = _text(
        "Narrative",
        "Enter the narrative for this rating",
        "Scrutiny reads this. Say what happened in the quarter and what the rating rests on.",
        rows=6,
    )


class KeyActionForm(forms.Form):
    area = forms.TypedChoiceField(
        coerce=int,
        label="Priority",
        error_messages={
            "required": "Select the priority",
            "invalid_choice": "Select one of the plan's priorities",
        },
    )
    text = _text("Key action", "Enter the key action")
    due_on = GovUKDateField(
        label="Due date (optional)", required=False, help_text="For example, 15 2 2027"
    )

    def __init__(self, *args: Any, areas: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "Choose a priority"), *areas]  # type: ignore[attr-defined]


class RewordForm(forms.Form):
    text = _text("New wording", "Enter the key action")


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label="Why remove it (optional)",
        required=False,
        max_length=500,
        error_messages={"max_length": "Reason must be 500 characters or fewer"},
    )
