"""One form per statutory step. Each cleans what a person typed; its action decides the rest.

Every form has the step's date (``on``, three boxes) and, for some steps, one more field.
``arguments()`` gives the keyword arguments for the step's action; an :class:`ActionError`
the action raises goes back onto the form with :meth:`StepForm.add_action_error`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from senda.casework.models import AssessmentRequest, Plan, Review
from senda.casework.next_step import Step
from senda.clock import EXCEPTABLE_RULES
from senda.clock.model import LAWFUL_GROUNDS
from senda.clock.rules import RULES
from senda.kernel import ActionError
from senda.people.identifiers import la_code_problem
from senda.web.forms.fields import GovUKDateField

GROUNDS = [
    ("setting-closure", "The school or other setting was closed"),
    ("early-years-closure", "The early years setting was closed"),
    ("personal-circumstances", "Exceptional personal circumstances of the child or family"),
    ("absent-from-area", "The child or family was away from the area"),
    ("missed-appointment", "The child or family missed an appointment (advice only)"),
]


def noun(label: str) -> str:
    """``"Date of the review meeting"`` → ``"The date of the review meeting"``."""
    return f"The {label[0].lower()}{label[1:]}"


def radios(label: str, choices: Any, what: str, coerce: Any = str) -> forms.TypedChoiceField:
    """A required GOV.UK radios question whose empty answer says "Select <what>"."""
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=coerce,
        widget=forms.RadioSelect,
        error_messages={"required": f"Select {what}", "invalid_choice": f"Select {what}"},
    )


class StepForm(forms.Form):
    """The date of the step: not in the future (unless the step is planned); the date field
    holds it within 1900–2200."""

    on = GovUKDateField(label="Date")

    def __init__(self, *args: Any, step: Step, today: date, **kwargs: Any) -> None:
        self.disciplines: list[str] = kwargs.pop("disciplines", [])
        super().__init__(*args, **kwargs)
        self.step, self.today = step, today
        self.fields["on"].label = step.date_label
        self.fields["on"].help_text = (
            "The planned day of the move, for example 1 9 2027"
            if step.may_be_future
            else "For example, 27 3 2026"
        )

    def clean_on(self) -> date | None:
        on: date | None = self.cleaned_data.get("on")
        what = noun(self.step.date_label)
        if on is None:
            return on
        if on > self.today and not self.step.may_be_future:
            raise ValidationError(f"{what} must be today or in the past")
        return on

    def arguments(self) -> dict[str, Any]:
        """Keyword arguments for the step's action (besides ``case`` and ``by``)."""
        return {name: self.cleaned_data[name] for name in self.fields}

    def add_action_error(self, error: ActionError) -> None:
        """Show the action's refusal on its field, or above the form."""
        message = error.message.rstrip(".")
        field = error.field if error.field in self.fields else None
        if field == "on" and message.startswith("The date "):
            message = noun(self.step.date_label) + message.removeprefix("The date")
        self.add_error(field, message)


class RequestForm(StepForm):
    source = radios(
        "Who made the request?", AssessmentRequest.Source.choices, "who made the request", int
    )


class AssessDecisionForm(StepForm):
    outcome = radios(
        "What did the local authority decide?",
        [("assess", "Carry out an EHC needs assessment"), ("refuse", "Refuse to assess")],
        "the decision",
    )


class IssueDecisionForm(StepForm):
    outcome = radios(
        "What did the local authority decide?",
        [("issue", "Issue an EHC plan"), ("not-issue", "Not to issue an EHC plan")],
        "the decision",
    )


class ReviewDecisionForm(StepForm):
    outcome = radios(
        "What did the local authority decide after the review?",
        [
            (Review.Outcome.MAINTAIN, "Maintain the plan as it is"),
            (Review.Outcome.AMEND, "Amend the plan"),
            (Review.Outcome.CEASE, "Cease to maintain the plan"),
        ],
        "the decision",
    )


class AdviceRequestedForm(StepForm):
    discipline = forms.CharField(
        label="Who was the advice requested from?",
        help_text="For example education, health or social care",
        max_length=50,
        error_messages={"required": "Enter who the advice was requested from"},
    )


class AdviceReceivedForm(StepForm):
    """The disciplines still awaited are offered as radios; otherwise a text box."""

    discipline = forms.CharField(
        label="Who was the advice from?",
        help_text="For example education, health or social care",
        max_length=50,
        error_messages={"required": "Enter who the advice was from"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.disciplines:
            choices = [(d, d.capitalize()) for d in self.disciplines]
            self.fields["discipline"] = radios(
                "Who was the advice from?", choices, "who the advice was from"
            )


class ExceptionForm(StepForm):
    ground = radios("What is the ground for the exception?", GROUNDS, "the ground")
    applies_to = forms.MultipleChoiceField(
        label="Which time limits does it apply to?",
        help_text="Leave all unticked for the limits the law allows for this ground",
        choices=[(rule, RULES[rule].title) for rule in EXCEPTABLE_RULES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ground, rules = data.get("ground"), data.get("applies_to") or []
        for rule in rules:
            if ground and ground not in LAWFUL_GROUNDS[rule]:
                title = RULES[rule].title
                self.add_error(
                    "applies_to", f"An exception to ‘{title}’ cannot be made on that ground"
                )
        return data

    def arguments(self) -> dict[str, Any]:
        return super().arguments() | {"applies_to": self.cleaned_data["applies_to"] or None}


class PhaseTransferForm(StepForm):
    kind = radios(
        "What kind of move is it?",
        [
            ("school", "Between schools, such as primary to secondary (plan by 15 February)"),
            ("post16", "From secondary school to post-16 education (plan by 31 March)"),
        ],
        "the kind of move",
    )


#: The reasons a plan ends without a decision to cease: the young person left England, or
#: died. Every other reason follows a decision (the cease-decision step).
UNDECIDED_REASONS = (Plan.CeaseReason.LEFT_ENGLAND, Plan.CeaseReason.DECEASED)


class PlanCeasedForm(StepForm):
    """A plan that ended without a decision to cease: only the reasons that need none (a
    correction of an older record also keeps the reason it was recorded with)."""

    reason = radios(
        "Why did the plan end?",
        [c for c in Plan.CeaseReason.choices if c[0] in UNDECIDED_REASONS],
        "why the plan ended",
        int,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recorded = self.initial.get("reason")
        field: forms.TypedChoiceField = self.fields["reason"]
        if recorded not in (None, *UNDECIDED_REASONS, Plan.CeaseReason.TRANSFERRED):
            field.choices = [
                c for c in Plan.CeaseReason.choices if c[0] in (*UNDECIDED_REASONS, recorded)
            ]


class ReassessmentRequestForm(StepForm):
    source = radios(
        "Who asked for the re-assessment?",
        [
            (
                AssessmentRequest.Source.PARENT_OR_YOUNG_PERSON,
                "The family (the young person or parent)",
            ),
            (AssessmentRequest.Source.SETTING, "The school or other setting"),
        ],
        "who asked for the re-assessment",
        int,
    )


class ReassessDecisionForm(StepForm):
    outcome = radios(
        "What did the local authority decide?",
        [("reassess", "Carry out a re-assessment"), ("refuse", "Refuse to re-assess")],
        "the decision",
    )


class ReassessmentOutcomeForm(StepForm):
    outcome = radios(
        "What was issued after the re-assessment?",
        [
            ("amend", "An amended plan"),
            ("replace", "A replacement plan"),
            ("no-change", "A notice that the plan stays as it is"),
        ],
        "what was issued",
    )


class MoveOutForm(StepForm):
    """The day the local authority learnt of the move, and the day of the move itself."""

    move_date = GovUKDateField(
        label="Date of the move",
        help_text=(
            "The day the child moves to the other local authority. It may be in the "
            "future, for example 1 9 2027"
        ),
        error_messages={"required": "Enter the date of the move"},
    )


#: SEN2's reasons a decision to cease can give: not 5, which a transfer out records.
CEASE_DECISION_REASONS = [
    c for c in Plan.CeaseReason.choices if c[0] != Plan.CeaseReason.TRANSFERRED
]


class CeaseDecisionForm(StepForm):
    """Cease or keep the plan; with cease, SEN2's reason, a second question answered only
    when ceasing (checked in :meth:`clean`). Not a conditional reveal: GOV.UK Frontend's
    reveal sets ``aria-expanded`` on the radio, which WCAG checkers (axe-core) refuse."""

    outcome = forms.TypedChoiceField(
        label="What did the local authority decide?",
        choices=[("cease", "Cease to maintain the plan"), ("maintain", "Keep the plan")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the decision",
            "invalid_choice": "Select the decision",
        },
    )
    reason = forms.TypedChoiceField(
        label="If the plan is ceasing, why?",
        help_text="Only when the decision is to cease the plan",
        choices=CEASE_DECISION_REASONS,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select why the plan is ceasing"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == "cease" and data.get("reason") is None:
            if "reason" not in self.errors:
                self.add_error("reason", "Select why the plan is ceasing")
        elif data.get("outcome") == "maintain":
            data["reason"] = None  # a decision to keep the plan has no reason
        return data


class CeaseAppealDecidedForm(StepForm):
    outcome = radios(
        "What did the tribunal decide?",
        [("cease", "The plan ceases"), ("maintain", "The plan is kept")],
        "the decision",
    )


class TransferredInForm(StepForm):
    """Required here, though the action allows a blank (old records, imports): SEN2's
    TransferLA needs it, and the other authority's number is on its letter or the plan."""

    from_la = forms.CharField(
        label="Which local authority did the plan transfer from?",
        help_text=(
            "The 3-digit DfE number of the local authority that maintained the plan, "
            "for example 931"
        ),
        max_length=3,
        strip=True,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the number of the local authority the plan transferred from",
            "max_length": "Enter the local authority's number as 3 digits, for example 931",
        },
    )
    last_review = GovUKDateField(
        label="Date of the last review meeting",
        required=False,
        help_text="The last annual review by the other local authority, if known",
    )

    def clean_from_la(self) -> str:
        code: str = self.cleaned_data.get("from_la", "")
        problem = la_code_problem(code)
        if problem:
            raise ValidationError(problem.rstrip("."))
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on, last = data.get("on"), data.get("last_review")
        if on and last and last > on:
            self.add_error(
                "last_review",
                "The date of the last review meeting must be the same as or before "
                "the date the plan transferred in",
            )
        return data


#: The form for each step slug; steps not listed need only their date.
STEP_FORMS: dict[str, type[StepForm]] = {
    "request-received": RequestForm,
    "assess-decision": AssessDecisionForm,
    "advice-requested": AdviceRequestedForm,
    "advice-received": AdviceReceivedForm,
    "exception": ExceptionForm,
    "issue-decision": IssueDecisionForm,
    "review-decision": ReviewDecisionForm,
    "phase-transfer": PhaseTransferForm,
    "plan-ceased": PlanCeasedForm,
    "transferred-in": TransferredInForm,
    "reassessment-requested": ReassessmentRequestForm,
    "reassess-decision": ReassessDecisionForm,
    "reassessment-outcome": ReassessmentOutcomeForm,
    "move-out-known": MoveOutForm,
    "cease-decision": CeaseDecisionForm,
    "cease-appeal-decided": CeaseAppealDecidedForm,
}


def form_for(step: Step) -> type[StepForm]:
    return STEP_FORMS.get(step.slug, StepForm)
