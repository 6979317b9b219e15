"""Forms for advice requests: the council asks a team (``AdviceRequestForm``); a team
answers (``AnswerForm``), declines (``DeclineForm``) and says whether the portal was easy
to use (``FeedbackForm``). The actions in ``senda.portal.advice`` check again and may raise
``ActionError`` (shown with ``forms.errors.show_action_error``)."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.people.models import AdviceTeam
from senda.portal.advice import ANSWER_MAX, DECLINE_REASONS, QUESTION_MAX
from senda.portal.models import AdviceRequest, PortalFeedback
from senda.web.forms.fields import GovUKDateField


class TeamChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_discipline_display().lower()})"


class AdviceRequestForm(forms.Form):
    team = TeamChoice(
        label="Team",
        queryset=AdviceTeam.objects.none(),
        empty_label="Choose a team",
        error_messages={
            "required": "Choose the team to ask",
            "invalid_choice": "Choose one of this council's advice teams",
        },
    )
    kind = forms.ChoiceField(
        label="What is the advice for?",
        widget=forms.RadioSelect,
        choices=AdviceRequest.Kind.choices,
        error_messages={
            "required": "Choose what the advice is for",
            "invalid_choice": "Choose what the advice is for",
        },
    )
    question = forms.CharField(
        label="What should the team advise on?",
        help_text="The team reads this with the child's name, date of birth and setting.",
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter what the team should advise on",
            "max_length": f"The question must be {QUESTION_MAX:,} characters or fewer",
        },
    )
    on = GovUKDateField(label="Date of the request", help_text="For example, 27 3 2027")
    due_on = GovUKDateField(
        label="Due date (annual reviews only, optional)",
        required=False,
        help_text="Leave blank for 6 weeks after the request. For an assessment the law "
        "gives 6 weeks (reg 8).",
    )

    def __init__(self, *args: Any, la_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = AdviceTeam.objects.filter(la_id=la_id)  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your advice",
        required=False,
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"max_length": f"Your advice must be {ANSWER_MAX:,} characters or fewer"},
    )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why can you not give advice?",
        widget=forms.RadioSelect,
        choices=list(DECLINE_REASONS.items()),
        error_messages={
            "required": "Choose why you cannot give advice",
            "invalid_choice": "Choose why you cannot give advice",
        },
    )
    note = forms.CharField(
        label="Anything the council should know (optional)",
        required=False,
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, when you last saw them or who now works with them.",
        error_messages={"max_length": f"The note must be {ANSWER_MAX:,} characters or fewer"},
    )


class FeedbackForm(forms.Form):
    easy = forms.TypedChoiceField(
        label="The portal was easy to use",
        widget=forms.RadioSelect,
        coerce=int,
        choices=PortalFeedback.Answer.choices,
        error_messages={
            "required": "Choose how far you agree",
            "invalid_choice": "Choose how far you agree",
        },
    )
