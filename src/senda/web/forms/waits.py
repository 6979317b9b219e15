"""Forms of the neurodevelopmental waiting list's recording pages (docs/pathways.md): a new
referral, a step (triage, first assessment, outcome, leaving the list), a step's correction
or withdrawal, support while waiting and its correction, and the NHS extract's upload."""

from __future__ import annotations

from typing import Any

from django import forms

from senda.pathways.extract import FIELDS, LABELS
from senda.pathways.models import (
    CloseReason,
    Outcome,
    Pathway,
    ProviderKind,
    RejectReason,
    Source,
    StepType,
    SupportKind,
)
from senda.web.forms.fields import GovUKDateField, text_field
from senda.web.forms.spreadsheet import SpreadsheetUpload

DATE_HINT = "For example, 3 9 2025"
CHOOSE = "Select one of the options"

#: The steps a page records, by the ``?step=`` it is asked for.
STEPS = {
    "triage": "Triage decision",
    "assessment": "First assessment appointment",
    "outcome": "Diagnosis or outcome",
    "closure": "Left the list without an assessment",
}


def _choice(label: str, choices: Any, missing: str, **kw: Any) -> forms.ChoiceField:
    kw.setdefault("widget", forms.RadioSelect)
    return forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={"required": missing, "invalid_choice": CHOOSE},
        **kw,
    )


def _optional(label: str, choices: Any, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "Choose"), *list(choices)],
        required=False,
        error_messages={"invalid_choice": CHOOSE},
        **kw,
    )


class ReferralForm(forms.Form):
    pathway = _choice("Pathway", Pathway.choices, "Select the pathway")
    referred_on = GovUKDateField(label="Date referred", help_text=DATE_HINT)
    source = _choice("Who referred", Source.choices, "Select who referred")
    setting = _optional("The child's school or setting when referred (optional)", [])
    provider_ref = forms.CharField(
        label="The NHS provider's reference (optional)",
        required=False,
        max_length=40,
        error_messages={"max_length": "The reference must be 40 characters or fewer"},
    )

    def __init__(self, *args: Any, settings: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["setting"].choices = [("", "Not recorded"), *settings]


class StepForm(forms.Form):
    """One step; the fields depend on which (``step``: a key of ``STEPS``)."""

    on = GovUKDateField(label="Date", help_text=DATE_HINT)

    def __init__(self, *args: Any, step: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        if step == "triage":
            self.fields["decision"] = _choice(
                "Decision",
                [("accepted", "Accepted"), ("rejected", "Rejected")],
                "Select the triage decision",
            )
            self.fields["reason"] = _optional(
                "If rejected, why", RejectReason.choices, help_text="Only if it was rejected."
            )
        elif step == "outcome":
            self.fields["outcome"] = _choice("Outcome", Outcome.choices, "Select the outcome")
        elif step == "closure":
            self.fields["reason"] = _choice(
                "Why the child left the list", CloseReason.choices, "Select why"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.step == "triage" and data.get("decision") == "rejected" and not data.get("reason"):
            self.add_error("reason", "Select why it was rejected")
        return data


#: The detail each step type carries, and its choices, for a correction.
DETAILS: dict[str, tuple[str, str, Any]] = {
    StepType.REFERRED: ("source", "Who referred", Source.choices),
    StepType.REJECTED: ("reason", "Why it was rejected", RejectReason.choices),
    StepType.OUTCOME: ("outcome", "Outcome", Outcome.choices),
    StepType.CLOSED: ("reason", "Why the child left the list", CloseReason.choices),
}


class StepCorrectionForm(forms.Form):
    """Correct a step's date or detail, or withdraw it (recorded in error)."""

    what = _choice(
        "What do you want to do?",
        [("correct", "Correct it"), ("withdraw", "Withdraw it: it was recorded in error")],
        "Select whether to correct or withdraw the step",
    )
    on = GovUKDateField(label="Date", help_text=DATE_HINT, required=False)
    why = text_field("Why", limit=500, rows=3, missing="Say why")

    def __init__(self, *args: Any, type: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.detail = DETAILS.get(type)
        if self.detail is not None:
            name, label, choices = self.detail
            self.fields[name] = _optional(label, choices)
        if type == StepType.REFERRED:
            self.fields["what"].choices = [("correct", "Correct it")]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("what") == "correct" and data.get("on") is None and "on" not in self.errors:
            self.add_error("on", "Enter the date")
        return data


class SupportForm(forms.Form):
    kind = _choice("Support", SupportKind.choices, "Select the support")
    provider_kind = _choice("Who provides it", ProviderKind.choices, "Select who provides it")
    provider = text_field(
        "Name of the organisation, setting or team",
        limit=200,
        rows=0,
        hint="For example, Oak Primary School or the Early Help team.",
    )
    starts_on = GovUKDateField(label="Date it started", help_text=DATE_HINT)
    ends_on = GovUKDateField(
        label="Date it ends (optional)",
        required=False,
        help_text="Leave blank while it continues. " + DATE_HINT,
    )


class SupportCorrectionForm(SupportForm):
    what = _choice(
        "What do you want to do?",
        [
            ("correct", "Correct it, or record when it ended"),
            ("withdraw", "Withdraw it: it was recorded in error"),
        ],
        "Select whether to correct or withdraw the support",
    )
    why = text_field("Why", limit=500, rows=3, missing="Say why")

    field_order = ["what", "kind", "provider_kind", "provider", "starts_on", "ends_on", "why"]


class ExtractUploadForm(SpreadsheetUpload):
    file = forms.FileField(
        label="The NHS provider's extract",
        help_text="A CSV or XLSX file, smaller than 5 MB.",
        error_messages={
            "required": "Select the extract to import",
            "empty": "The selected file is empty",
            "invalid": "Select the extract to import",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in FIELDS:
            self.fields[f"col_{field}"] = forms.CharField(
                label=f"Column for {LABELS[field]} (optional)",
                required=False,
                max_length=200,
                error_messages={"max_length": "A heading must be 200 characters or fewer"},
            )

    def mapping(self) -> dict[str, str]:
        data = self.cleaned_data
        return {f: data[f"col_{f}"].strip() for f in FIELDS if data.get(f"col_{f}", "").strip()}

    def heading_fields(self) -> list[Any]:
        return [self[f"col_{field}"] for field in FIELDS]

    @staticmethod
    def initial_for(columns: dict[str, str]) -> dict[str, str]:
        return {f"col_{field}": heading for field, heading in columns.items() if field in FIELDS}
