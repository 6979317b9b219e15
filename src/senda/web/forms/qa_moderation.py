"""Forms for moderation rounds (``web/views/qa_moderation.py``): open a round, record the
agreed grade of one plan, record the meeting. Field names follow the actions' arguments
(``quality.moderation``), which check again and may raise ``ActionError``."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.people.models import Membership, Role
from senda.people.names import display_name
from senda.quality import moderation
from senda.quality.models import Framework, Grade, Organisation
from senda.web.forms.fields import GovUKDateField

#: Who may rate: the area's QA staff and its partners (SENCos, advice-givers).
RATER_ROLES = (
    Role.QA_AUDITOR,
    Role.SERVICE_MANAGER,
    Role.TEAM_MANAGER,
    Role.CASE_OFFICER,
    Role.SENCO,
    Role.ADVICE_GIVER,
)
MAX_CANDIDATES = 200
REFERENCES_MAX = 2000


def rater_field(user_id: int) -> str:
    return f"rater_{user_id}"


class RoundForm(forms.Form):
    name = forms.CharField(
        label="Name of the round",
        max_length=moderation.NAME_MAX,
        help_text="For example, February 2027.",
        error_messages={
            "required": "Enter a name for the round",
            "max_length": f"The name must be {moderation.NAME_MAX} characters or fewer",
        },
    )
    framework = forms.ModelChoiceField(
        label="Framework",
        queryset=Framework.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the framework the raters grade against",
            "invalid_choice": "Choose a framework from the list",
        },
    )
    references = forms.CharField(
        label="Plans to moderate",
        help_text="Case references, one a line (for example 1234).",
        max_length=REFERENCES_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter the case reference of at least one plan",
            "max_length": f"The list must be {REFERENCES_MAX:,} characters or fewer",
        },
    )
    grading_due_on = GovUKDateField(label="Date grading is due", help_text="For example, 20 2 2027")
    meeting_on = GovUKDateField(
        label="Date of the moderation meeting", help_text="For example, 25 2 2027"
    )

    def __init__(self, data: Any = None, *, la: Any, initial: Any = None) -> None:
        super().__init__(data, initial=initial)
        self.la = la
        framework = self.fields["framework"]
        assert isinstance(framework, forms.ModelChoiceField)
        framework.queryset = Framework.objects.filter(
            la=la, subject="plan", status=Framework.Status.PUBLISHED
        ).order_by("-published_on", "-id")
        self.candidates = list(
            Membership.objects.filter(la=la, role__in=RATER_ROLES)
            .select_related("user")
            .order_by("role", "user__last_name", "user__first_name", "user_id")[:MAX_CANDIDATES]
        )
        for member in self.candidates:
            self.fields[rater_field(member.user_id)] = forms.ChoiceField(
                label=f"{display_name(member.user)} ({member.get_role_display()})",
                required=False,
                choices=[("", "Not rating"), *Organisation.choices],
                initial="",
                error_messages={"invalid_choice": "Choose an organisation from the list"},
            )
        self.plans: list[Any] = []

    def rater_fields(self) -> list[forms.BoundField]:
        return [self[rater_field(m.user_id)] for m in self.candidates]

    def other_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("name", "framework", "references")]

    def clean_references(self) -> str:
        text = self.cleaned_data["references"]
        lines = [line for line in text.splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError("Enter the case reference of at least one plan")
        if len(lines) > moderation.MAX_PLANS:
            raise forms.ValidationError(f"A round can have at most {moderation.MAX_PLANS} plans")
        plans, missing = moderation.plans_by_reference(self.la, lines)
        if missing:
            shown = ", ".join(m[:20] for m in missing[:5])
            raise forms.ValidationError(f"No plan found in this area for: {shown}")
        self.plans = plans
        return text

    def arguments(self) -> dict[str, Any]:
        raters = [
            (member.user, self.cleaned_data[rater_field(member.user_id)])
            for member in self.candidates
            if self.cleaned_data.get(rater_field(member.user_id))
        ]
        return {
            "name": self.cleaned_data["name"],
            "framework": self.cleaned_data["framework"],
            "plans": self.plans,
            "raters": raters,
            "grading_due_on": self.cleaned_data["grading_due_on"],
            "meeting_on": self.cleaned_data["meeting_on"],
        }


class AgreedForm(forms.Form):
    grade = forms.TypedChoiceField(
        label="Agreed grade",
        choices=Grade.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the agreed grade",
            "invalid_choice": "Choose the agreed grade from the list",
        },
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=moderation.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": f"The note must be {moderation.NOTE_MAX:,} characters or fewer"
        },
    )

    def arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class MeetingForm(forms.Form):
    held_on = GovUKDateField(label="Date the meeting was held", help_text="For example, 25 2 2027")
    themes = forms.CharField(
        label="Themes",
        required=False,
        max_length=moderation.THEMES_MAX,
        help_text="What the raters disagreed about, and what the area will do.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": f"The themes must be {moderation.THEMES_MAX:,} characters or fewer"
        },
    )

    def arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
