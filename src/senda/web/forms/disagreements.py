"""Forms for complaints, mediation and appeals (``web/views/case_disagreements.py``).

Each form's fields are named as its action's arguments, so ``arguments()`` hands the
cleaned data straight over; the actions (``casework.actions.complaints`` and
``casework.actions.disagreements``) check again and may raise ``ActionError``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import partial
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from senda.casework.actions.complaints import MAX_MONEY, SUMMARY_LIMIT
from senda.casework.actions.disagreements import APPEAL_STEPS, MEDIATION_STEPS
from senda.casework.models import (
    Appeal,
    AppealCost,
    AppealOrder,
    Case,
    Complaint,
    Issue,
    Mediation,
    RootCauseReview,
)
from senda.web.forms.fields import GovUKDateField, text_field

TEXT_LIMIT = 5000
MONEY = re.compile(r"^\d+(\.\d{1,2})?$")  # the length is capped before matching


class MoneyField(forms.Field):
    """Pounds and pence, as typed ("1,250.50", "£80"): at most £10,000,000, checked on the
    text before any arithmetic, so a huge number is a form error."""

    def __init__(self, *, allow_zero: bool = False, what: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)
        self.allow_zero, self.what = allow_zero, what

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = str(value or "").strip().replace(",", "").removeprefix("£").strip()
        if not text:
            return None
        what = self.what or str(self.label or "The amount")
        if len(text) > 30 or not (text.isascii() and MONEY.match(text)):
            raise ValidationError(f"{what} must be an amount in pounds, like 1250.50")
        amount = Decimal(text)
        if amount > MAX_MONEY:
            raise ValidationError(f"{what} must be £{MAX_MONEY:,.0f} or less")
        if amount == 0 and not self.allow_zero:
            raise ValidationError(f"{what} must be more than £0")
        return amount


#: A text box with GOV.UK's messages, at most ``TEXT_LIMIT`` characters unless told.
_text = partial(text_field, limit=TEXT_LIMIT)


def _radios(
    label: str, choices: Any, *, required: bool = True, missing: str = ""
) -> forms.ChoiceField:
    missing = missing or f"Choose {label[0].lower()}{label[1:]}"
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages={
            "required": missing,
            "invalid_choice": f"{missing} from the list",
        },
    )


def _checkboxes(label: str, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one",
            "invalid_choice": "Choose only from the list",
        },
    )


def _date(
    label: str, *, required: bool = True, hint: str = "For example, 27 3 2026"
) -> GovUKDateField:
    return GovUKDateField(label=label, required=required, help_text=hint)


class ActionForm(forms.Form):
    def arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def date_form(name: str, label: str) -> type[ActionForm]:
    """A form of one date box, ``name`` the action's argument."""
    return type(f"DateForm_{name}", (ActionForm,), {name: _date(label)})


# Complaints ---------------------------------------------------------------------------


class ComplaintForm(ActionForm):
    received_on = _date("Date the complaint was received")
    category = _radios(
        "What is the complaint about?",
        Complaint.Category.choices,
        missing="Choose what the complaint is about",
    )
    summary = _text(
        "Summary of the complaint",
        limit=SUMMARY_LIMIT,
        hint="In the family's words if you can.",
        missing="Enter a summary of the complaint",
    )
    stage = _radios("Stage", Complaint.Stage.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].initial = Complaint.Stage.STAGE_1

    def arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data) | {"stage": int(self.cleaned_data["stage"])}


class ExtendComplaintForm(ActionForm):
    extended_to = _date("New date for the stage 1 response", hint="At most 10 more working days.")
    reason = _text(
        "Reason for the extension",
        hint="The family is told this reason.",
        missing="Enter the reason for the extension",
    )


class CloseComplaintForm(ActionForm):
    on = _date("Date the complaint was closed")
    outcome = _radios("Outcome", Complaint.Outcome.choices)
    learning = _text("What the service learned", required=False)


class OmbudsmanForm(ActionForm):
    on = _date("Date the family went to the Ombudsman")
    reference = forms.CharField(
        label="Ombudsman's reference (optional)",
        required=False,
        max_length=20,
        error_messages={"max_length": "The reference must be 20 characters or fewer"},
    )


class OmbudsmanDecisionForm(ActionForm):
    on = _date("Date of the Ombudsman's decision")
    decision = _radios("Decision", Complaint.OmbudsmanDecision.choices)
    remedy = _text("Remedy (optional)", required=False)
    payment = MoneyField(
        label="Payment (optional)", required=False, allow_zero=True, what="The payment"
    )


# Mediation ------------------------------------------------------------------------------


class MediationForm(ActionForm):
    kind = _radios("Kind", Mediation.Kind.choices)
    decision_on = _date("Date the decision notice was sent")
    issues = _checkboxes("What is it about?", Issue.choices)


class MediationStepForm(ActionForm):
    field = _radios(
        "Which step?",
        [(k, v[0].upper() + v[1:]) for k, v in MEDIATION_STEPS.items()],
        missing="Choose the step",
    )
    on = _date("Date of the step")


class MediationChoiceForm(ActionForm):
    choice = _radios(
        "Does the family want mediation?",
        Mediation.Choice.choices,
        missing="Choose whether the family wants mediation",
    )
    arranged_by = _radios(
        "Who arranges it?",
        Mediation.ArrangedBy.choices,
        required=False,
        missing="Choose who arranges it",
    )


class MediationOutcomeForm(ActionForm):
    outcome = _radios("Outcome", Mediation.Outcome.choices)
    child_views = _radios(
        "Were the child's views heard?",
        [("yes", "Yes"), ("no", "No")],
        required=False,
        missing="Choose whether the child's views were heard",
    )
    how = forms.CharField(
        label="How were they heard? (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "How must be 200 characters or fewer"},
    )

    def arguments(self) -> dict[str, Any]:
        views = self.cleaned_data.get("child_views")
        return dict(self.cleaned_data) | {"child_views": None if not views else views == "yes"}


class CertificateForm(ActionForm):
    kind = _radios("Kind of certificate", Mediation.Certificate.choices)
    on = _date("Date the certificate was issued")


class MediationCostForm(ActionForm):
    cost = MoneyField(label="Cost to the council", allow_zero=True)


# Appeals --------------------------------------------------------------------------------


class AppealForm(ActionForm):
    decision_on = _date("Date the decision notice was sent")
    grounds = _checkboxes("What is the appeal about?", Issue.choices)
    extended = forms.BooleanField(
        label="The family asks for recommendations on health or social care",
        required=False,
    )
    mediation = forms.ModelChoiceField(
        label="Mediation before the appeal (optional)",
        queryset=Mediation.objects.none(),
        required=False,
        empty_label="No mediation",
        error_messages={"invalid_choice": "Choose a mediation from the list"},
    )
    reference = forms.CharField(
        label="Tribunal's reference (optional)",
        required=False,
        max_length=30,
        error_messages={"max_length": "The reference must be 30 characters or fewer"},
    )
    lodged_on = _date("Date the tribunal received the appeal (optional)", required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mediation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = case.mediations.all()
        field.label_from_instance = lambda m: f"Decision of {m.decision_on:%-d %B %Y}"


class AppealStepForm(ActionForm):
    field = _radios(
        "Which step?",
        [(k, v[0].upper() + v[1:]) for k, v in APPEAL_STEPS.items()],
        missing="Choose the step",
    )
    on = _date("Date", hint="The response's due date and the hearing may be in the future.")


class ConcessionForm(ActionForm):
    concession = _radios(
        "When did the council concede?",
        Appeal.Concession.choices,
        missing="Choose when the council conceded",
    )


class DecisionForm(ActionForm):
    outcome = _radios("Outcome", Appeal.Outcome.choices)
    decided_on = _date("Date of the decision")


class OrderForm(ActionForm):
    kind = _radios("What was ordered?", AppealOrder.Kind.choices, missing="Choose what was ordered")
    made_on = _date("Date of the order or the notice of concession")
    by_concession = forms.BooleanField(label="The council conceded this", required=False)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "The note must be 200 characters or fewer"},
    )


class CostForm(ActionForm):
    line = _radios("Kind of cost", AppealCost.Line.choices)
    amount = MoneyField(label="Amount")
    on = _date("Date of the cost")
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "The note must be 200 characters or fewer"},
    )


class RootCauseForm(ActionForm):
    themes = _checkboxes("Why was the appeal lost?", RootCauseReview.Theme.choices)
    what_happened = _text("What happened")
    learning = _text("What the service will do differently (optional)", required=False)
