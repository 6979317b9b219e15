"""The form for a child's identifiers and SEN2 flags. The action
(``senda.people.child_details.update_child_details``) checks everything again and may
raise ``ActionError``; the form keeps lengths sane so hostile input is refused politely."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.people.ethnicity import ETHNICITY_CODES
from senda.people.models import SEN_TYPES, UPN_UNKNOWN_REASONS, Child, ChildDetailsChange

#: Radios for a flag: the stored value is True, False or None (not recorded).
FLAG_CHOICES = [("yes", "Yes"), ("no", "No"), ("unknown", "Not recorded")]
_FLAG = {"yes": True, "no": False, "unknown": None}


def _flag_initial(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "unknown")  # type: ignore[arg-type]


def _text(label: str, help_text: str, max_length: int, what: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=max_length,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={"max_length": f"{what} must be {max_length} characters or fewer"},
    )


def _flag(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=FLAG_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": f"Choose yes, no or not recorded for ‘{label.lower()}’",
            "invalid_choice": "Choose yes, no or not recorded",
        },
    )


class ChildDetailsForm(forms.Form):
    upn = _text(
        "Unique pupil number (UPN)",
        "13 characters, for example A123456789012. Leave blank if the child has none.",
        20,
        "The UPN",
    )
    upn_unknown = forms.ChoiceField(
        label="Why there is no UPN",
        help_text="Only when the child has no UPN (SEN2's missing-UPN reason).",
        required=False,
        choices=[("", "Not applicable"), *UPN_UNKNOWN_REASONS],
        error_messages={"invalid_choice": "Choose a reason from the list"},
    )
    uln = _text("Unique learner number (ULN)", "10 digits. Leave blank if unknown.", 20, "The ULN")
    nhs_number = _text(
        "NHS number",
        "10 digits, for example 943 476 5919. Leave blank if unknown.",
        20,
        "The NHS number",
    )
    primary_need = forms.ChoiceField(
        label="Primary need",
        required=False,
        choices=[("", "Not recorded"), *SEN_TYPES],
        error_messages={"invalid_choice": "Choose a primary need from the list"},
    )
    secondary_need = forms.ChoiceField(
        label="Secondary need",
        help_text="Only if the plan names a second need.",
        required=False,
        choices=[("", "Not recorded"), *SEN_TYPES],
        error_messages={"invalid_choice": "Choose a secondary need from the list"},
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        help_text="The DfE's ethnicity codes, as the school census and SEN2 use them.",
        required=False,
        choices=[("", "Not recorded"), *((c, f"{c}: {d}") for c, d in ETHNICITY_CODES)],
        error_messages={"invalid_choice": "Choose an ethnicity from the list"},
    )
    postcode = _text(
        "Home postcode", "For example SW1A 1AA. Leave blank if unknown.", 10, "The postcode"
    )
    elective_home_education = _flag("Electively home educated")
    missing_education = _flag("Child missing education")

    @classmethod
    def initial_for(cls, child: Child) -> dict[str, Any]:
        return {
            "upn": child.upn,
            "upn_unknown": child.upn_unknown,
            "uln": child.uln,
            "nhs_number": child.nhs_number,
            "primary_need": child.primary_need,
            "secondary_need": child.secondary_need,
            "ethnicity": child.ethnicity,
            "postcode": child.postcode,
            "elective_home_education": _flag_initial(child.elective_home_education),
            "missing_education": _flag_initial(child.missing_education),
        }

    def arguments(self) -> dict[str, Any]:
        """The action's keyword arguments from the cleaned data."""
        data = self.cleaned_data
        return {
            "upn": data["upn"],
            "upn_unknown": data["upn_unknown"],
            "uln": data["uln"],
            "nhs_number": data["nhs_number"],
            "primary_need": data["primary_need"],
            "secondary_need": data["secondary_need"],
            "ethnicity": data["ethnicity"],
            "postcode": data["postcode"],
            "elective_home_education": _FLAG[data["elective_home_education"]],
            "missing_education": _FLAG[data["missing_education"]],
        }


#: How the history names each field.
FIELD_LABELS = {
    "upn": "UPN",
    "upn_unknown": "Why there is no UPN",
    "uln": "ULN",
    "nhs_number": "NHS number",
    "primary_need": "Primary need",
    "secondary_need": "Secondary need",
    "ethnicity": "Ethnicity",
    "postcode": "Home postcode",
    "elective_home_education": "Electively home educated",
    "missing_education": "Child missing education",
}


def _shown(value: Any) -> str:
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return str(value) if value not in (None, "") else "Not recorded"


def describe_change(change: ChildDetailsChange) -> dict[str, Any]:
    """One save in the history, ready for the page: who, when, and each field's old and
    new value."""
    rows = [
        {
            "field": FIELD_LABELS.get(name, name),
            "before": _shown(change.before.get(name)),
            "after": _shown(change.after.get(name)),
        }
        for name in change.after
    ]
    return {"change": change, "rows": rows}
