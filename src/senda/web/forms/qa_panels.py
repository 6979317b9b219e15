"""Forms of decision panels: a new panel, a member, a case on the agenda, the meeting
held, a decision on an item, and learning (added, acted on). The actions
(``senda.quality.panels``) check again and may raise ``ActionError``."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.quality.models import PanelItem
from senda.quality.models.grades import Organisation
from senda.quality.panels import CLOCK_OUTCOMES, NAME_MAX, PERSON_MAX, TEXT_MAX
from senda.web.forms.fields import GovUKDateField

DATE_HINT = "For example, 3 4 2026"
YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label: str, limit: int, missing: str, *, rows: int = 0, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": missing,
            "max_length": f"{label} must be {limit:,} characters or fewer",
        },
        **kwargs,
    )


class PanelForm(forms.Form):
    name = _text(
        "Name of the panel",
        NAME_MAX,
        "Enter the panel's name",
        help_text="For example, Assessment panel",
    )
    meets_on = GovUKDateField(label="Date the panel meets", help_text=DATE_HINT)
    chair = forms.ChoiceField(
        label="Chair",
        choices=[],
        error_messages={"required": "Choose the chair", "invalid_choice": "Choose the chair"},
    )

    def __init__(self, *args: Any, chairs: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].choices = [("", "Choose the chair")] + [
            (str(pk), name) for pk, name in chairs
        ]


class MemberForm(forms.Form):
    prefix = "member"
    name = _text(
        "Member's name",
        PERSON_MAX,
        "Enter the member's name",
        help_text="And their role, for example Dr A Khan, designated clinical officer",
    )
    organisation = forms.ChoiceField(
        label="Organisation",
        choices=Organisation.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the member's organisation",
            "invalid_choice": "Choose the member's organisation",
        },
    )
    present = forms.BooleanField(label="Present at the meeting", required=False, initial=True)


class ItemForm(forms.Form):
    prefix = "item"
    case = forms.IntegerField(
        label="Case number",
        min_value=1,
        max_value=2**31 - 1,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the case number",
            "invalid": "Enter the case number as digits",
            "min_value": "Enter a case number of this council",
            "max_value": "Enter a case number of this council",
        },
    )
    question = forms.ChoiceField(
        label="What does the panel decide?",
        choices=PanelItem.Question.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what the panel decides",
            "invalid_choice": "Choose what the panel decides",
        },
    )


class HeldForm(forms.Form):
    prefix = "held"
    held_on = GovUKDateField(label="Date the panel met", help_text=DATE_HINT)
    quorum_met = forms.ChoiceField(
        label="Was the panel quorate?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no", "invalid_choice": "Choose yes or no"},
    )


DECISION_LABELS = {
    "assess": [("assess", "Assess"), ("refuse", "Refuse to assess")],
    "issue": [("issue", "Issue a plan"), ("not-issue", "Do not issue a plan")],
}


class DecisionForm(forms.Form):
    reasons = _text(
        "Reasons for the decision",
        TEXT_MAX,
        "Enter the reasons for the decision",
        rows=5,
        help_text="The evidence considered and the criteria applied.",
    )
    decided_on = GovUKDateField(label="Date of the decision", help_text=DATE_HINT)
    family_told_on = GovUKDateField(
        label="Date the family was told (optional)", help_text=DATE_HINT, required=False
    )

    def __init__(self, *args: Any, question: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if question in CLOCK_OUTCOMES:
            self.fields["decision"] = forms.ChoiceField(
                label="Decision",
                choices=DECISION_LABELS[question],
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose the decision",
                    "invalid_choice": "Choose the decision",
                },
            )
        else:
            self.fields["decision"] = _text("Decision", 300, "Enter the decision")
        if question == "top_up":
            self.fields["band"] = _text("Top-up band", 20, "Enter the top-up band")
        self.order_fields(["decision", "band", "reasons", "decided_on", "family_told_on"])


class LearningForm(forms.Form):
    prefix = "learning"
    text = _text(
        "What the panel learnt",
        TEXT_MAX,
        "Enter what the panel learnt",
        rows=4,
        help_text="Do not name children.",
    )
    partner = _text(
        "Shared with",
        PERSON_MAX,
        "Enter who it is shared with",
        help_text="For example, Educational psychology service",
    )
    team = forms.ChoiceField(label="Advice team (optional)", choices=[], required=False)

    def __init__(self, *args: Any, teams: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "Not one of the advice teams")] + [
            (str(pk), name) for pk, name in teams
        ]


class ActedForm(forms.Form):
    note = _text("What was done", TEXT_MAX, "Enter what was done", rows=3)
