"""Forms of the online request for an EHC needs assessment (docs/families.md, "Asking for
an assessment online"): the family's request, and the council's accept or reject."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from senda.portal.models import OnlineRequest
from senda.portal.online_requests import LONGEST_TEXT
from senda.web.forms.fields import GovUKDateField

YES_NO = [("yes", "Yes"), ("no", "No")]
PHONE = re.compile(r"^[0-9 +()\-]{6,30}$")
NEW_CHILD = "new"


def _text(label: str, longest: int, missing: str = "", **kwargs: Any) -> forms.CharField:
    messages = {"max_length": f"{label} must be {longest} characters or fewer"}
    if missing:
        messages["required"] = missing
    return forms.CharField(
        label=label,
        max_length=longest,
        required=bool(missing),
        error_messages=messages,
        **kwargs,
    )


def _yes_no(label: str, missing: str, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=hint,
        error_messages={"required": missing, "invalid_choice": missing},
    )


class FamilyRequestForm(forms.Form):
    who = forms.ChoiceField(
        label="Who is asking?",
        choices=[
            (OnlineRequest.Who.PARENT, "I am a parent or carer with parental responsibility"),
            (OnlineRequest.Who.YOUNG_PERSON, "I am the young person, asking for myself"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Say who is asking", "invalid_choice": "Say who is asking"},
    )
    requester_name = _text("Your full name", 200, "Enter your full name")
    relationship = _text(
        "How are you related to the child? (optional)",
        50,
        help_text="For example, mother, father, foster carer. Leave empty if you are the young "
        "person.",
    )
    given_name = _text("Child or young person's first name", 100, "Enter the first name")
    family_name = _text("Child or young person's last name", 100, "Enter the last name")
    date_of_birth = GovUKDateField(label="Date of birth", help_text="For example, 27 3 2015")
    school = _text(
        "School, nursery or college (optional)",
        200,
        help_text="Leave this empty if they do not go to one.",
    )
    needs = _text(
        "Why are you asking for an assessment?",
        LONGEST_TEXT,
        "Tell us why you are asking",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Tell us what they find hard, at school and at home.",
    )
    tried = _text(
        "What help have they had so far? (optional)",
        LONGEST_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example, extra help at school, or a speech therapist.",
    )
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="We will send you your reference and tell you what happens next.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@example.com",
            "max_length": "Your email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = _text(
        "Your phone number (optional)",
        30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent_to_share = _yes_no(
        "Can we share what you tell us with the people who will help?",
        "Say if we can share what you tell us",
        "For example, their school, doctors and social care. We need to ask them for advice.",
    )
    wants_account = _yes_no(
        "Do you want an online account?",
        "Say if you want an online account",
        "With an account you can see how your request is going. We will email you a link.",
    )
    # The honeypot: hidden from people (the template hides its box); a robot fills it.
    website = forms.CharField(label="Leave this empty", required=False, max_length=200)

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None:  # a NUL can be neither kept nor shown back on the page
            data = data.copy()
            for key in list(data.keys()):
                data.setlist(key, [v.replace("\x00", "") for v in data.getlist(key)])
        super().__init__(data, *args, **kwargs)

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError("Enter a phone number, like 01632 960 001")
        return phone

    def is_robot(self) -> bool:
        """Whether the hidden field was filled in (only a robot sees it)."""
        return bool((self.data.get("website") or "").strip())


class AcceptForm(forms.Form):
    child = forms.ChoiceField(
        label="Which child is this?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the child", "invalid_choice": "Choose the child"},
    )
    checked = forms.BooleanField(
        label="I have checked who they are and their parental responsibility (or that the "
        "young person is asking for themselves)",
        error_messages={"required": "Confirm that you have checked who they are"},
    )

    setting = forms.ChoiceField(
        label="School or setting of a new child record",
        required=False,
        help_text="The school they typed, if it is one of the area's settings. Used only "
        "when a new child record is added.",
        error_messages={"invalid_choice": "Choose the setting from the list"},
    )

    def __init__(
        self,
        *args: Any,
        children: list[tuple[str, str]],
        settings: list[tuple[str, str]] | None = None,
        matched: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        child = self.fields["child"]
        if children:
            child.choices = [  # type: ignore[attr-defined]
                *children,
                (NEW_CHILD, "None of these: add a new child record"),
            ]
        else:  # nothing to choose between: a new record is added
            child.choices = [(NEW_CHILD, "Add a new child record")]  # type: ignore[attr-defined]
            child.widget = forms.HiddenInput()
            child.initial = NEW_CHILD
        self.fields["setting"].choices = [  # type: ignore[attr-defined]
            ("", "Not known, or not in the list"),
            *(settings or []),
        ]
        self.fields["setting"].initial = matched


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why can you not accept it?",
        choices=OnlineRequest.Reason.choices,
        widget=forms.RadioSelect,
        help_text="We send this reason to the family.",
        error_messages={"required": "Choose a reason", "invalid_choice": "Choose a reason"},
    )
    note = _text(
        "Note for the council (optional)",
        LONGEST_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed for another reason. The family does not see this note.",
    )
