"""Forms of the disabled children's register and of the social care assessment offered on
a case (``senda.pathways.disabled.actions`` and ``casework.actions.social_care`` check
everything again)."""

from __future__ import annotations

from typing import Any

from django import forms

from senda import kernel
from senda.casework.models import OCCASIONS, CaseEvent, SocialCareOffer
from senda.pathways.disabled.actions import checked
from senda.pathways.disabled.models import BreakType, Decision, Kind, Route, Status
from senda.web.forms.errors import check_too
from senda.web.forms.fields import GovUKDateField, text_field

DATE_HINT = "For example, 27 3 2026"


def _radios(label: str, choices: list[tuple[str, str]], missing: str, **kw: Any) -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": missing, "invalid_choice": missing},
        **kw,
    )


def _date(label: str, *, required: bool = True, hint: str = DATE_HINT) -> GovUKDateField:
    return GovUKDateField(label=label, required=required, help_text=hint)


class AddChildForm(forms.Form):
    """Put a child on the register: found by NHS number or UPN and date of birth."""

    identifier = text_field(
        "NHS number or UPN",
        limit=20,
        rows=0,
        hint="The child must already be known to Senda in this area.",
    )
    date_of_birth = _date("Date of birth", hint="For example, 27 3 2015")
    referred_on = _date("Date referred to the disabled children's team")
    decision = _radios(
        "The team's decision",
        [*Decision.choices, ("", "Not decided yet")],
        "Choose the team's decision",
        required=False,
    )
    decided_on = _date("Date of the decision", required=False)


#: The fields each kind of record asks for beside its start date.
KIND_FIELDS = {
    Kind.REFERRAL: ("decision", "ends_on"),
    Kind.SHORT_BREAK: ("route", "break_type", "provider", "ends_on"),
    Kind.DIRECT_PAYMENT: ("provider", "ends_on"),
    Kind.STATUS: ("status", "ends_on"),
    Kind.COMPLAINT: (),
}
START_LABELS = {
    Kind.REFERRAL: "Date referred",
    Kind.SHORT_BREAK: "First day of the break",
    Kind.DIRECT_PAYMENT: "Date payments started",
    Kind.STATUS: "Date it started",
    Kind.COMPLAINT: "Date the complaint was received",
}
END_LABELS = {
    Kind.REFERRAL: "Date of the decision",
    Kind.SHORT_BREAK: "Last day of the break",
    Kind.DIRECT_PAYMENT: "Date payments ended",
    Kind.STATUS: "Date it ended",
}


class RecordForm(forms.Form):
    """One record of ``kind`` on a child's register entry: only the fields it needs. It
    runs the action's checks too (``clean``), so that every mistake is reported at once,
    not the form's first and the action's after they are put right."""

    starts_on = _date("Start")
    decision = _radios("The team's decision", Decision.choices, "Choose the team's decision")
    route = _radios(
        "How the short break was arranged",
        Route.choices,
        "Choose how the short break was arranged",
    )
    break_type = _radios("Kind of break", BreakType.choices, "Choose the kind of break")
    status = _radios("Status", Status.choices, "Choose the status")
    provider = text_field(
        "Provider", limit=200, rows=0, required=False, hint="Optional: who provides it."
    )
    ends_on = _date("End", required=False, hint=f"Leave blank while it lasts. {DATE_HINT}")
    note = text_field("Note", limit=500, rows=3, required=False, hint="Optional. No names.")

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = {"starts_on", *KIND_FIELDS[Kind(kind)], "note"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.fields["starts_on"].label = START_LABELS[Kind(kind)]
        if "ends_on" in self.fields:
            self.fields["ends_on"].label = END_LABELS[Kind(kind)]
        if kind == Kind.REFERRAL:
            self.fields["decision"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_too(self, lambda: checked(self.kind, data, kernel.today()))
        return data

    def arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class CorrectRecordForm(forms.Form):
    """Correct a record's dates, or withdraw it (recorded in error)."""

    what = _radios(
        "What do you want to do?",
        [("correct", "Correct its dates"), ("withdraw", "Withdraw it: it was recorded in error")],
        "Choose whether to correct or withdraw it",
    )
    starts_on = _date("Start", required=False)
    ends_on = _date("End", required=False, hint=f"Leave blank while it lasts. {DATE_HINT}")
    why = text_field("Why", limit=500, rows=3, hint="Say what was wrong. No names.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("what") == "correct" and data.get("starts_on") is None:
            self.add_error("starts_on", "Enter the start date")
        return data


class SocialCareOfferForm(forms.Form):
    """The social care assessment offered with a plan issued or at a review meeting."""

    event = forms.ChoiceField(
        label="Which plan or review",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the plan or review", "invalid_choice": "Choose"},
    )
    answer = _radios(
        "What happened",
        SocialCareOffer.Answer.choices,
        "Choose what happened",
    )
    offered_on = _date("Date offered", required=False)
    answered_on = _date("Date the family answered", required=False)

    def __init__(self, *args: Any, steps: list[CaseEvent], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.steps = {str(step.pk): step for step in steps}
        self.fields["event"].choices = [  # type: ignore[attr-defined]
            (str(step.pk), f"{OCCASIONS[step.type]}, {step.on:%-d %B %Y}") for step in steps
        ]

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "event": self.steps[data["event"]],
            "answer": data["answer"],
            "offered_on": data.get("offered_on"),
            "answered_on": data.get("answered_on"),
        }
