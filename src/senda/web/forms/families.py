"""Forms of families' accounts (docs/families.md): inviting a family member, a capacity
decision, a young person's sharing, a family member's own details, and the officer's
answer to a change of details."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.people.models import CapacityDecision, Delegation, FamilyContact
from senda.web.forms.fields import GovUKDateField

CHOOSE = "Choose one"


class FamilyInviteForm(forms.Form):
    contact = forms.TypedChoiceField(
        coerce=int,
        label="Who to invite",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who to invite",
            "invalid_choice": "Choose who to invite",
        },
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        help_text="Leave this empty to use the email address on their contact record.",
        error_messages={"invalid": "Enter an email address like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, contacts: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].choices = contacts  # type: ignore[attr-defined]


class CapacityForm(forms.Form):
    decision = forms.ChoiceField(
        label="Which decision",
        choices=CapacityDecision.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision", "invalid_choice": "Choose the decision"},
    )
    assessed_on = GovUKDateField(
        label="Date of assessment",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date of assessment"},
    )
    assessed_by = forms.CharField(
        label="Assessed by",
        max_length=200,
        help_text="Name and role, for example Dr A Shah, educational psychologist.",
        error_messages={"required": "Enter the name and role of the assessor"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=CapacityDecision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome", "invalid_choice": "Choose the outcome"},
    )
    alternative_person = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label="Who acts for the young person (if they lack capacity)",
        error_messages={"invalid_choice": "Choose someone from the child's contacts"},
    )
    basis = forms.ChoiceField(
        required=False,
        label="On what basis (if they lack capacity)",
        choices=[("", CHOOSE), *CapacityDecision.Basis.choices],
        error_messages={"invalid_choice": "Choose the basis"},
    )

    def __init__(self, *args: Any, contacts: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["alternative_person"].choices = [("", CHOOSE), *contacts]  # type: ignore[attr-defined]


class ChangeDecisionForm(forms.Form):
    """The officer's answer to one change of details (the change is the row's)."""

    change = forms.IntegerField(min_value=1, max_value=2**31, widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        choices=[("confirm", "Confirm"), ("reject", "Do not accept")],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label="Why not (the family will see this)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ShareForm(forms.Form):
    contact = forms.TypedChoiceField(
        coerce=int,
        label="Who",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a person", "invalid_choice": "Choose a person"},
    )
    scope = forms.ChoiceField(
        label="What they can do",
        choices=Delegation.Scope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what they can do", "invalid_choice": "Choose one"},
    )

    def __init__(self, *args: Any, contacts: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].choices = contacts  # type: ignore[attr-defined]


class StopSharingForm(forms.Form):
    delegation = forms.IntegerField(min_value=1, max_value=2**31, widget=forms.HiddenInput)


class DetailsForm(forms.Form):
    email = forms.CharField(
        label="Email address",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    address = forms.CharField(
        label="Address",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
    )
    contact_by = forms.ChoiceField(
        label="How should we contact you?",
        choices=FamilyContact.ContactBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how we contact you", "invalid_choice": "Choose one"},
    )
