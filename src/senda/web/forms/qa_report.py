"""Forms of the termly QA report (``web/views/qa_report.py``): create the next report,
publish it, add a recommendation, mark one implemented. Field names are the actions'
arguments (``senda.quality.report``), which check again and may raise ``ActionError``."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.quality.models import QARecommendation
from senda.quality.report import NOTE_MAX, OWNER_MAX, SUMMARY_MAX, TEXT_MAX
from senda.web.forms.fields import GovUKDateField


def _text(
    label: str, limit: int, missing: str, *, rows: int = 4, hint: str = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": missing,
            "max_length": f"{label} must be {limit:,} characters or fewer",
        },
    )


class CreateReportForm(forms.Form):
    term_start = forms.ChoiceField(
        label="Which term is the report for?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the term",
            "invalid_choice": "Choose the term from the list",
        },
    )

    def __init__(self, *args: Any, terms: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term_start"].choices = terms  # type: ignore[attr-defined]


class PublishForm(forms.Form):
    summary = _text(
        "Summary for partners",
        SUMMARY_MAX,
        "Write the summary",
        rows=8,
        hint="What the figures show, what changed since last term and what happens next.",
    )


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label="Recommendation",
        max_length=TEXT_MAX,
        error_messages={
            "required": "Write the recommendation",
            "max_length": f"Recommendation must be {TEXT_MAX} characters or fewer",
        },
    )
    owner = forms.CharField(
        label="Who owns it",
        max_length=OWNER_MAX,
        help_text="A role or team, for example 'Workforce development lead'.",
        error_messages={
            "required": "Say who owns the recommendation",
            "max_length": f"Who owns it must be {OWNER_MAX} characters or fewer",
        },
    )
    due_on = GovUKDateField(label="Date it is due", help_text="For example, 27 3 2027")


class ImplementedForm(forms.Form):
    recommendation = forms.ModelChoiceField(
        label="Which recommendation has been implemented?",
        queryset=QARecommendation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose the recommendation",
            "invalid_choice": "Choose the recommendation from the list",
        },
    )
    note = _text("What was done", NOTE_MAX, "Say what was done", rows=3)

    def __init__(self, *args: Any, recommendations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].queryset = recommendations  # type: ignore[attr-defined]
        self.fields["recommendation"].label_from_instance = lambda r: r.text  # type: ignore[attr-defined]
