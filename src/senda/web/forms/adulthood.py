"""Forms of preparing for adulthood: the outcomes agreed at a review from Year 9 (the
council's recording) and a young person's transition to adult services. The actions
(``senda.casework.actions.adulthood``, ``senda.pathways.transition_actions``) check again
and may raise ``ActionError``."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.casework.actions.adulthood import TEXT_MAX
from senda.casework.models import PFA_AREAS, AdulthoodOutcomes, Review
from senda.pathways.models import Complexity, TransitionKind
from senda.pathways.transition_actions import WHY_MAX, WORKER_MAX
from senda.web.forms.fields import GovUKDateField

HINTS = {
    "employment": "What the young person will do towards work, further or higher education.",
    "independent_living": "Where and how they want to live; skills such as travel and money.",
    "community": "Friends, relationships, clubs and taking part in the community.",
    "health": "Staying healthy as an adult, and moving from children's to adult health care.",
}


class ReviewAdulthoodForm(forms.Form):
    review = forms.ChoiceField(
        label="Which review?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the review",
            "invalid_choice": "Choose a review from the list",
        },
    )

    def __init__(
        self,
        *args: Any,
        reviews: list[Review],
        current: AdulthoodOutcomes | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.reviews = {str(r.pk): r for r in reviews}
        self.fields["review"].choices = [  # type: ignore[attr-defined]
            (str(r.pk), f"Review meeting on {r.meeting_on:%-d %B %Y}") for r in reviews
        ]
        if reviews:
            self.fields["review"].initial = str(reviews[0].pk)
        for field, label in PFA_AREAS:
            self.fields[field] = forms.CharField(
                label=label,
                help_text=HINTS[field],
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=getattr(current, field, ""),
                error_messages={
                    "required": f"{label}: enter the outcome agreed at the review",
                    "max_length": f"{label}: must be {TEXT_MAX:,} characters or fewer",
                },
            )

    def review_chosen(self) -> Review:
        return self.reviews[self.cleaned_data["review"]]

    def outcomes(self) -> dict[str, str]:
        return {field: self.cleaned_data[field] for field, _ in PFA_AREAS}


class TransitionRecordForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you recording?",
        choices=TransitionKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what you are recording",
            "invalid_choice": "Choose what you are recording from the list",
        },
    )
    on = GovUKDateField(
        label="Date",
        help_text="The date it was decided, agreed or completed. For example, 3 4 2026",
        error_messages={"required": "Enter the date"},
    )
    rating = forms.ChoiceField(
        label="Complexity rating",
        help_text="Only for a complexity rating.",
        choices=Complexity.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose red, amber or green"},
    )
    worker = forms.CharField(
        label="Adult social care worker",
        help_text="Only for an allocation: the worker's name.",
        required=False,
        max_length=WORKER_MAX,
        error_messages={
            "max_length": f"The worker's name must be {WORKER_MAX} characters or fewer"
        },
    )

    def arguments(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("kind", "on", "rating", "worker")}


class WithdrawTransitionForm(forms.Form):
    record = forms.IntegerField(
        label="Which record?",
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose the record to withdraw",
            "invalid": "Choose the record to withdraw",
        },
    )
    why = forms.CharField(
        label="Why is this record being withdrawn?",
        max_length=WHY_MAX,
        error_messages={
            "required": "Say why the record is being withdrawn",
            "max_length": f"Reason must be {WHY_MAX} characters or fewer",
        },
    )
