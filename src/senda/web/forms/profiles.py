"""Forms of the ND needs profile: the school's profile (built from the area's questions),
starting and amending one, and the QA side's sample and grading."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.portal.models import ProfileQuestion
from senda.portal.profiles import ANSWER_MAX
from senda.quality.advice import SAMPLE_MAX
from senda.quality.models import Criterion
from senda.web.forms.fields import WholeNumberField
from senda.web.forms.qa_advice import ModerationForm


class ProfileForm(forms.Form):
    """``q<id>`` for each of the form's questions; blanks allowed (a draft)."""

    def __init__(
        self, data: Any = None, *, questions: list[ProfileQuestion], saved: dict[int, str]
    ) -> None:
        super().__init__(data, initial={f"q{q.pk}": saved.get(q.pk, "") for q in questions})
        self.questions = questions
        for q in questions:
            self.fields[f"q{q.pk}"] = forms.CharField(
                label=q.text if q.required else f"{q.text} (optional)",
                help_text=q.hint,
                required=False,
                max_length=ANSWER_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"max_length": f"Answer in {ANSWER_MAX:,} characters or fewer"},
            )

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}


class StartForm(forms.Form):
    child = forms.TypedChoiceField(
        label="Which child?",
        coerce=int,
        error_messages={
            "required": "Choose the child",
            "invalid_choice": "Choose a child at your school or setting",
        },
    )

    def __init__(self, *args: Any, children: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [("", "Choose a child"), *children]  # type: ignore[attr-defined]


class AmendForm(forms.Form):
    why = forms.CharField(
        label="Why are you amending the profile?",
        max_length=500,
        error_messages={"required": "Say why you are amending the profile"},
    )


class ProfileSampleForm(forms.Form):
    count = WholeNumberField(
        label="How many profiles",
        min_value=1,
        max_value=SAMPLE_MAX,
        error_messages={"required": "Enter how many profiles to draw"},
    )
    seed = WholeNumberField(
        label="Seed (optional)",
        required=False,
        min_value=0,
        help_text="Leave blank for a new random draw; enter an earlier draw's seed to repeat it.",
    )


class ProfileGradeForm(ModerationForm):
    """The advice moderation's criterion rows, with feedback for the setting (optional) and
    no themes."""

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, criteria=criteria, **kwargs)
        del self.fields["themes"], self.fields["good_practice"]
        self.fields["feedback"].label = "Feedback for the school (optional)"
        self.fields["feedback"].help_text = ""
        self.fields["feedback"].required = False
