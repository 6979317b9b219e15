"""The review report's forms: the meeting date, the invitations, one form per section (built
from ``senda.portal.report_sections``, so the form asks what the action checks), the send
button and the one question after sending."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from senda.portal.models import PortalFeedback
from senda.portal.report_sections import LONG, SHORT, Question, clean_answers
from senda.web.forms.fields import GovUKDateField

DONE_CHOICES = (("yes", "Yes, I've completed this section"), ("no", "No, I'll come back later"))


class MeetingForm(forms.Form):
    on = GovUKDateField(
        label="Date of the review meeting",
        help_text="The day it is planned for, or took place. For example, 27 3 2027",
    )


class InvitationsForm(forms.Form):
    on = GovUKDateField(
        label="Date the invitations were sent",
        help_text="Everyone invited needs at least 2 weeks' notice. For example, 27 3 2027",
    )


class SendForm(forms.Form):
    """No fields: the button, and the place the action's refusal is shown."""


class FeedbackForm(forms.Form):
    answer = forms.TypedChoiceField(
        label="The portal was easy to use",
        choices=PortalFeedback.Answer.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how much you agree",
            "invalid_choice": "Select how much you agree",
        },
    )


def _field(question: Question) -> forms.Field:
    common: dict[str, Any] = {"label": question.label, "required": False}
    if question.hint:
        common["help_text"] = question.hint
    if question.kind == "date":
        return GovUKDateField(**common)
    if question.kind == "choice":
        error = {"invalid_choice": f"{question.label}: select one of the options"}
        return forms.ChoiceField(
            choices=question.choices, widget=forms.RadioSelect, error_messages=error, **common
        )
    length = SHORT if question.kind == "short" else LONG
    error = {"max_length": f"{question.label}: must be {length:,} characters or fewer"}
    widget = forms.TextInput if question.kind == "short" else forms.Textarea
    return forms.CharField(max_length=length, widget=widget, error_messages=error, **common)


class SectionForm(forms.Form):
    """One section's questions and "Have you completed this section?". Saved answers fill
    it in again (``saved``)."""

    def __init__(
        self, data: Any = None, *, questions: list[Question], saved: dict[str, str], done: bool
    ) -> None:
        initial: dict[str, Any] = {"done": "yes" if done else None}
        for q in questions:
            value = saved.get(q.id, "")
            initial[q.id] = _date(value) if q.kind == "date" else value
        super().__init__(data, initial=initial)
        self.questions = questions
        for q in questions:
            self.fields[q.id] = _field(q)
        self.fields["done"] = forms.ChoiceField(
            label="Have you completed this section?",
            choices=DONE_CHOICES,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Select whether you have completed this section",
                "invalid_choice": "Select whether you have completed this section",
            },
        )

    @property
    def done(self) -> bool:
        return self.cleaned_data.get("done") == "yes"

    def answers(self) -> dict[str, str]:
        """The answers as the report stores them (text; a date as YYYY-MM-DD)."""
        found = {}
        for q in self.questions:
            value = self.cleaned_data.get(q.id)
            found[q.id] = value.isoformat() if isinstance(value, date) else str(value or "")
        return found

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        _, problems = clean_answers(self.questions, self.answers(), done=self.done)
        for question_id, message in problems.items():
            self.add_error(question_id, message)
        return cleaned


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
