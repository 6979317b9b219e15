"""Forms of families' surveys, tagging feedback with themes, recommendations from it and
"You said, we did". The actions (``senda.portal.surveys``, ``senda.portal.feedback_summary``,
``senda.improvement.recommendations``) validate again and may raise ``ActionError``."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.portal import feedback_themes
from senda.portal.feedback_themes import THEMES
from senda.portal.surveys import COMMENT_MAX, QUESTIONS, SCALE, Offer
from senda.web.forms.fields import GovUKDateField

#: Strongly agree first, as GOV.UK's feedback pages ask.
ANSWERS = [(str(value), label) for value, label in sorted(SCALE.choices, reverse=True)]


class SurveyForm(forms.Form):
    """The short survey: which event, 4 statements on a 5-point scale, how to improve."""

    event = forms.ChoiceField(
        label="What are you telling us about?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what you are telling us about",
            "invalid_choice": "Choose what you are telling us about",
        },
    )
    comment = forms.CharField(
        label="How could we improve?",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Do not include your name or your child's name.",
        error_messages={"max_length": f"Your answer must be {COMMENT_MAX} characters or fewer"},
    )

    def __init__(
        self, *args: Any, offers: list[Offer], answered: list[Any] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.offers = {str(offer.event.pk): offer for offer in offers}
        self.events = {key: offer.event for key, offer in self.offers.items()}
        shown = [
            (key, f"{offer.about_label} on {offer.event.on:%-d %B %Y}")
            for key, offer in self.offers.items()
        ]
        # An event already answered is accepted here so the survey's own refusal (a
        # friendly "you have already told us") is what a second attempt sees.
        done = {str(r.event_id): r.event for r in answered}
        self.events.update(done)
        self.fields["event"].choices = shown + [(key, key) for key in done]
        self.fields["event"].widget.choices = shown
        if len(offers) == 1:
            self.fields["event"].initial = next(iter(self.offers))
        questions = {
            name: forms.ChoiceField(
                label=label, choices=ANSWERS, required=False, widget=forms.RadioSelect
            )
            for name, label in QUESTIONS.items()
        }
        comment = self.fields.pop("comment")
        self.fields.update(questions)
        self.fields["comment"] = comment

    def chosen_event(self) -> Any:
        """The event chosen (an open one, or one already answered)."""
        return self.events.get(self.cleaned_data.get("event", ""))

    def answers(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) or None for name in QUESTIONS}


class ThemesForm(forms.Form):
    themes = forms.MultipleChoiceField(
        label="Themes",
        choices=list(THEMES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose themes from the list"},
    )


class RecommendationForm(forms.Form):
    plan = forms.ChoiceField(
        label="Improvement plan", error_messages={"required": "Choose the improvement plan"}
    )
    theme = forms.ChoiceField(
        label="Theme",
        help_text="From families' feedback and complaints, or from appeals' root-cause reviews.",
        choices=[("", "Choose a theme"), *feedback_themes.choices()],
        error_messages={"required": "Choose the theme", "invalid_choice": "Choose the theme"},
    )
    text = forms.CharField(
        label="What should the partnership do?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the partnership should do"},
    )

    def __init__(self, *args: Any, plans: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [("", "Choose a plan"), *((str(k), v) for k, v in plans)]
        self.fields["plan"].error_messages["invalid_choice"] = "Choose the improvement plan"


class LinkActionForm(forms.Form):
    action = forms.ChoiceField(
        label="Improvement action that carries it out",
        error_messages={"required": "Choose the action", "invalid_choice": "Choose the action"},
    )

    def __init__(self, *args: Any, actions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            ("", "Choose an action"),
            *((str(k), v) for k, v in actions),
        ]


class ImplementedForm(forms.Form):
    implemented_on = GovUKDateField(label="Date it was implemented")


class NotAdoptedForm(forms.Form):
    reason = forms.CharField(
        label="Why it will not be done",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Families will read this: use plain English.",
        error_messages={"required": "Enter why it will not be done"},
    )


class YouSaidForm(forms.Form):
    you_said = forms.CharField(
        label="You said",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what families said"},
    )
    we_did = forms.CharField(
        label="We did", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    published_on = GovUKDateField(label="Date published to families (optional)", required=False)
