"""Forms of the council's side of the portal: returning a report, support and challenge
for a setting, a plan's outcomes and the advice incorporated in it. The actions
(``senda.portal.tray``, ``senda.portal.support``, ``senda.casework.actions``) check again
and may raise ``ActionError``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from senda.casework.actions.outcomes import MAX_OUTCOMES, TEXT_MAX
from senda.casework.models import Case, PlanOutcome
from senda.portal.models import Escalation, SupportContact
from senda.portal.support import NOTE_MAX
from senda.portal.tray import REASON_MAX
from senda.web.forms.fields import GovUKDateField

#: Blank boxes offered below a plan's outcomes for new ones.
SPARE_OUTCOMES = 3


class LogReportForm(forms.Form):
    """Just the button: logging takes today's date."""


class ReturnReportForm(forms.Form):
    reason = forms.CharField(
        label="Why are you returning the report?",
        help_text=(
            "Say what the setting needs to change. This is sent to the setting's staff by "
            f"email, so do not name the child. At most {REASON_MAX} characters."
        ),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why you are returning the report",
            "max_length": f"The reason must be {REASON_MAX} characters or fewer",
        },
    )


class SupportContactForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of contact",
        choices=SupportContact.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of contact"},
    )
    on = GovUKDateField(label="Date of the contact", help_text="For example, 3 4 2026")
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=NOTE_MAX,
        help_text="What was discussed or agreed. Do not name children.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"The note must be {NOTE_MAX} characters or fewer"},
    )


class EscalationForm(forms.Form):
    level = forms.ChoiceField(
        label="Escalate to",
        choices=Escalation.Level.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who to escalate to"},
    )
    reason = forms.CharField(
        label="Why are you escalating?",
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why you are escalating",
            "max_length": f"The reason must be {NOTE_MAX} characters or fewer",
        },
    )
    cases = forms.MultipleChoiceField(
        label="Cases with a late or missing report",
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one case with a late or missing report",
            "invalid_choice": "Choose only this setting's cases with a late report",
        },
    )
    on = GovUKDateField(label="Date of the escalation", help_text="For example, 3 4 2026")

    def __init__(self, *args: Any, late: list[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [(str(c.pk), f"{c.child} (case {c.pk})") for c in late]  # type: ignore[attr-defined]


class ResolveForm(forms.Form):
    escalation = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


class PlanOutcomesForm(forms.Form):
    """One area and one box per outcome: the plan's current ones, then a few blank ones
    (leave a box empty to drop an outcome)."""

    def __init__(self, *args: Any, current: list[PlanOutcome], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        count = min(MAX_OUTCOMES, len(current) + SPARE_OUTCOMES)
        areas = [("", "No area"), *PlanOutcome.Area.choices]
        for n in range(1, count + 1):
            now = current[n - 1] if n <= len(current) else None
            self.fields[f"area_{n}"] = forms.ChoiceField(
                label=f"Area of outcome {n}",
                choices=areas,
                required=False,
                initial=now.area if now else "",
                error_messages={"invalid_choice": f"Choose an area for outcome {n} from the list"},
            )
            self.fields[f"text_{n}"] = forms.CharField(
                label=f"Outcome {n}",
                required=False,
                max_length=TEXT_MAX,
                initial=now.text if now else "",
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "max_length": f"Outcome {n} must be {TEXT_MAX} characters or fewer"
                },
            )
        self.count = count

    def outcomes(self) -> list[tuple[str, str]]:
        """(area, text) of each box with text, in order."""
        data = self.cleaned_data
        return [
            (data.get(f"area_{n}") or "", data[f"text_{n}"].strip())
            for n in range(1, self.count + 1)
            if (data.get(f"text_{n}") or "").strip()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not self.outcomes():
            self.add_error("text_1", "Enter at least one outcome")
        return cleaned


class IncorporatedAdviceForm(forms.Form):
    issued_on = forms.ChoiceField(
        label="Which issue of the plan?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose which issue of the plan",
            "invalid_choice": "Choose an issue of the plan from the list",
        },
    )
    advice = forms.MultipleChoiceField(
        label="Advice incorporated in the plan",
        help_text="Select all that apply. Leave both unticked if neither was incorporated.",
        required=False,
        choices=[("health", "Health advice"), ("social_care", "Social care advice")],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose health or social care advice"},
    )

    def __init__(self, *args: Any, issues: list[tuple[date, bool]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.issues = dict(issues)
        self.fields["issued_on"].choices = [  # type: ignore[attr-defined]
            (day.isoformat(), f"{'Amended' if amended else 'Issued'} {day:%-d %B %Y}")
            for day, amended in issues
        ]

    def arguments(self) -> dict[str, Any]:
        day = date.fromisoformat(self.cleaned_data["issued_on"])
        advice = set(self.cleaned_data["advice"])
        return {
            "issued_on": day,
            "amended": self.issues[day],
            "health": "health" in advice,
            "social_care": "social_care" in advice,
        }
