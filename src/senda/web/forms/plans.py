"""Forms of the improvement-plan pages: rate an action, add an update, add a milestone and
mark one done, add a board pack. The actions in ``senda.improvement.actions`` validate
again and may raise ``ActionError``; the views put those messages on the field they name."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.improvement.models import Milestone, Scale
from senda.web.forms.fields import GovUKDateField

REASON_NEEDED = "Enter the reason for this rating"
OVERRIDE_REASON_NEEDED = "Enter why you chose a different rating from Senda's suggestion ({})"


class RateForm(forms.Form):
    value = forms.ChoiceField(
        label="Rating",
        widget=forms.RadioSelect,
        error_messages={"required": "Select a rating", "invalid_choice": "Select a rating"},
    )
    rationale = forms.CharField(
        label="Why this rating",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Boards and advisers read this. Say what the rating rests on, and why "
        "if it differs from Senda's suggestion.",
    )

    def __init__(self, *args: Any, scale: Scale, suggested: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scale, self.suggested = scale, suggested
        self.fields["value"].choices = [(v.code, f"{v.label}: {v.meaning}") for v in scale.values]

    def clean(self) -> dict[str, Any]:
        """A reason is always needed; overriding the suggestion asks why."""
        data = super().clean() or {}
        if (data.get("rationale") or "").strip():
            return data
        value = data.get("value")
        if value and value != self.suggested:
            self.add_error("rationale", OVERRIDE_REASON_NEEDED.format(self._label()))
        else:
            self.add_error("rationale", REASON_NEEDED)
        return data

    def _label(self) -> str:
        try:
            return self.scale.value(self.suggested).label
        except KeyError:
            return self.suggested


class UpdateForm(forms.Form):
    text = forms.CharField(
        label="Update",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What has happened since the last update.",
        error_messages={"required": "Enter the update"},
    )
    on = GovUKDateField(
        label="Date of the update",
        required=False,
        help_text="Leave blank for today. For example, 27 3 2026",
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(
        label="Milestone",
        max_length=300,
        error_messages={
            "required": "Enter what the milestone is",
            "max_length": "Milestone must be 300 characters or fewer",
        },
    )
    due_on = GovUKDateField(
        label="Due date",
        help_text="For example, 30 9 2026",
        error_messages={"required": "Enter the due date"},
    )


class MilestoneDoneForm(forms.Form):
    milestone = forms.TypedChoiceField(
        coerce=int,
        label="Milestone reached",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the milestone that was reached",
            "invalid_choice": "Select one of this action's open milestones",
        },
    )
    done_on = GovUKDateField(
        label="Date it was reached",
        help_text="For example, 30 9 2026",
        error_messages={"required": "Enter the date it was reached"},
    )

    def __init__(self, *args: Any, milestones: list[Milestone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["milestone"].choices = [(m.pk, m.title) for m in milestones]


class BoardPackForm(forms.Form):
    meeting_on = GovUKDateField(label="Date of the board meeting")
    title = forms.CharField(
        label="Board (optional)",
        required=False,
        max_length=200,
        help_text="For example, SEND Partnership Board",
    )


class ProposalForm(forms.Form):
    text = forms.CharField(
        label="What do you propose?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A short proposal for the board: what you will do, or what you ask it to decide.",
        error_messages={"required": "Enter what you propose"},
    )


class RiskAppetiteForm(forms.Form):
    appetite = forms.TypedChoiceField(
        label="Highest severity after mitigation the board accepts",
        coerce=int,
        widget=forms.RadioSelect,
        help_text="An open risk above it shows in the exception report.",
        error_messages={
            "required": "Choose a risk appetite",
            "invalid_choice": "Choose a risk appetite",
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["appetite"].choices = choices  # type: ignore[attr-defined]
