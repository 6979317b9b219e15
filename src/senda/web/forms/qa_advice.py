"""Forms of advice moderation and learning summaries: drawing a sample
(``SampleForm``), judging a piece of advice against its discipline's framework
(``ModerationForm``: one met / partly / not met / does not apply question and an evidence
box per criterion, themes, good practice, feedback), choosing a period to draft a summary
(``PeriodForm``) and editing a draft (``SummaryForm``). The actions in
``senda.quality.advice`` and ``senda.quality.summaries`` check again and may raise
``ActionError`` (shown with ``forms.errors.show_action_error``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from senda.portal.models import AdviceRequest
from senda.quality.advice import DISCIPLINES, EVIDENCE_MAX, FEEDBACK_MAX, SAMPLE_MAX, THEMES
from senda.quality.models import AdviceModeration, Criterion, Met
from senda.quality.summaries import BODY_MAX, TITLE_MAX, example_line
from senda.web.forms.fields import LARGEST_INTEGER, GovUKDateField, WholeNumberField

ALL = "all"


class SampleForm(forms.Form):
    discipline = forms.ChoiceField(
        label="Which advice?",
        widget=forms.RadioSelect,
        choices=[(ALL, "Every discipline"), *DISCIPLINES.items()],
        initial=ALL,
        error_messages={
            "required": "Choose which advice to sample",
            "invalid_choice": "Choose which advice to sample",
        },
    )
    count = WholeNumberField(
        label="How many pieces of advice",
        min_value=1,
        max_value=SAMPLE_MAX,
        error_messages={"required": "Enter how many pieces of advice to draw"},
    )
    seed = WholeNumberField(
        label="Seed (optional)",
        required=False,
        min_value=0,
        help_text="Leave blank for a new random draw; enter an earlier draw's seed to repeat it.",
    )

    def chosen_discipline(self) -> str | None:
        value = self.cleaned_data["discipline"]
        return None if value == ALL else value


class ModerationForm(forms.Form):
    """Built from the framework's criteria: ``met_<id>`` and ``evidence_<id>`` for each."""

    themes = forms.MultipleChoiceField(
        label="Learning themes",
        choices=list(THEMES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    good_practice = forms.BooleanField(
        label="An example of good practice to share in the learning summary", required=False
    )
    feedback = forms.CharField(
        label="Feedback to the advice-giver",
        help_text="Plain text. The team reads it in the portal.",
        max_length=FEEDBACK_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Write the feedback to the advice-giver",
            "max_length": f"The feedback must be {FEEDBACK_MAX:,} characters or fewer",
        },
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        fixed = {name: self.fields.pop(name) for name in ("themes", "good_practice", "feedback")}
        for criterion in criteria:
            self.fields[f"met_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.text,
                help_text=criterion.good_looks_like,
                choices=Met.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Say whether this is met: {criterion.text}",
                    "invalid_choice": f"Say whether this is met: {criterion.text}",
                },
            )
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                label="What you found (optional)",
                required=False,
                max_length=EVIDENCE_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "max_length": f"The evidence must be {EVIDENCE_MAX:,} characters or fewer"
                },
            )
        self.fields.update(fixed)

    def rows(self) -> list[tuple[Criterion, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"met_{c.pk}"], self[f"evidence_{c.pk}"]) for c in self.criteria]

    def judgements(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"met_{c.pk}"], data[f"evidence_{c.pk}"]) for c in self.criteria}


def moderation_initial(moderation: AdviceModeration) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "themes": moderation.themes,
        "good_practice": moderation.good_practice,
        "feedback": moderation.feedback,
    }
    for judgement in moderation.judgements.all():
        initial[f"met_{judgement.criterion_id}"] = judgement.met
        initial[f"evidence_{judgement.criterion_id}"] = judgement.evidence
    return initial


class PeriodForm(forms.Form):
    period_start = GovUKDateField(label="Start of the period", help_text="For example, 1 4 2026")
    period_end = GovUKDateField(label="End of the period", help_text="For example, 30 9 2026")
    another = forms.BooleanField(
        label="Draft another summary for this period",
        required=False,
        help_text="Only when the area already has a summary for this period, or part of it",
    )


def _check_ids(field: forms.Field, values: list[Any]) -> None:
    """Refuse an id that is not a whole number the database can hold, before the query
    (SQLite cannot take a larger one)."""
    for item in values:
        text = str(item)
        if not (text.isascii() and text.isdigit()) or int(text) > LARGEST_INTEGER:
            raise ValidationError(field.error_messages["invalid_choice"], code="invalid_choice")


class ExampleChoice(forms.ModelMultipleChoiceField):
    """Moderations by id (ids checked first: ``_check_ids``)."""

    def label_from_instance(self, obj: Any) -> str:
        return example_line(obj)

    def clean(self, value: Any) -> Any:
        _check_ids(self, list(value or []))
        return super().clean(value)


class LaterAdviceChoice(forms.ModelChoiceField):
    """A later piece of the team's advice, by id (checked first: ``_check_ids``)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"Case R-{obj.case_id}, sent {obj.answered_on:%-d %B %Y}"

    def clean(self, value: Any) -> Any:
        _check_ids(self, [value] if value not in self.empty_values else [])
        return super().clean(value)


class ResampleForm(forms.Form):
    advice_request = LaterAdviceChoice(
        label="Which later advice?",
        queryset=AdviceRequest.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose the later advice to moderate",
            "invalid_choice": "Choose the later advice to moderate",
        },
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["advice_request"].queryset = choices  # type: ignore[attr-defined]


class SummaryForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX,
        error_messages={
            "required": "Enter a title",
            "max_length": f"The title must be {TITLE_MAX} characters or fewer",
        },
    )
    body = forms.CharField(
        label="Text",
        help_text="Plain text. Never a child's name: refer to advice by case reference.",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 18}),
        error_messages={
            "required": "Enter the text of the summary",
            "max_length": f"The text must be {BODY_MAX:,} characters or fewer",
        },
    )
    examples = ExampleChoice(
        label="Examples of good practice",
        queryset=AdviceModeration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose advice moderated in this period"},
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if choices.exists():
            self.fields["examples"].queryset = choices  # type: ignore[attr-defined]
        else:  # nothing moderated in the period: nothing to choose
            del self.fields["examples"]

    def chosen_examples(self) -> list[AdviceModeration]:
        return list(self.cleaned_data.get("examples") or [])
