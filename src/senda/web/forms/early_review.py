"""The form that records a plan's early review as held (``casework.actions.early_review.
record_early_review_held``): which early review, if more than one is waiting, and the date
it was held. The action checks again (not in the future, not before it was asked for)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from senda.casework.models import EarlyReview
from senda.kernel import long_date
from senda.web.forms.fields import GovUKDateField


def early_review_text(early: EarlyReview) -> str:
    """``by 1 February 2027 (QA audit 12)``."""
    return f"Asked for by {long_date(early.review_by)} ({early.source})"


class EarlyReviewHeldForm(forms.Form):
    early = forms.ChoiceField(
        label="Which early review was held?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose which early review was held",
            "invalid_choice": "Choose which early review was held",
        },
    )
    held_on = GovUKDateField(label="Date the review was held", help_text="For example, 27 1 2027")

    def __init__(self, data: Any = None, *, waiting: Sequence[EarlyReview], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.waiting = list(waiting)
        field = self.fields["early"]
        field.choices = [(str(e.pk), early_review_text(e)) for e in self.waiting]  # type: ignore[attr-defined]
        if len(self.waiting) == 1:  # nothing to choose
            field.widget = forms.HiddenInput()
            field.initial = str(self.waiting[0].pk)
            field.required = False

    def chosen(self) -> EarlyReview:
        """The early review the valid form names (the only one, if only one waits)."""
        early = self.cleaned_data.get("early") or str(self.waiting[0].pk)
        return next(e for e in self.waiting if str(e.pk) == early)
