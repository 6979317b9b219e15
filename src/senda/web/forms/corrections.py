"""Forms to correct or withdraw a recorded step.

A correction form is the step's own form (``forms.steps``: its date and its one detail,
checked the same way) started from what was recorded, with the reason for the change
below; a withdrawal asks for the reason only.
"""

from __future__ import annotations

from typing import Any

from django import forms

from senda.casework.actions.corrections import REASON_MAX, details_of
from senda.casework.models import CaseEvent
from senda.casework.next_step import Step
from senda.kernel import ActionError
from senda.web.forms.steps import StepForm, form_for

#: Form field → the correction action's argument, where their names differ.
ARGUMENTS = {"reason": "cease_reason", "why": "reason"}
#: The action's argument → its form field, for refusals.
FIELDS = {argument: field for field, argument in ARGUMENTS.items()}


def why(doing: str) -> forms.CharField:
    return forms.CharField(
        label=f"Why are you {doing} this step?",
        help_text="For example, the date was typed wrongly. This is kept with the record.",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": f"Enter why you are {doing} this step",
            "max_length": f"The reason must be {REASON_MAX} characters or fewer",
        },
    )


class Correction(forms.Form):
    """Put before a step's form: the reason, and the action's arguments."""

    why = why("correcting")

    def correction_arguments(self) -> dict[str, Any]:
        """Keyword arguments for ``correct_event`` (besides ``event`` and ``by``)."""
        arguments = super().arguments()  # type: ignore[misc]
        if "applies_to" in arguments:
            arguments["applies_to"] = arguments["applies_to"] or None
        return {ARGUMENTS.get(name, name): value for name, value in arguments.items()}

    def add_action_error(self, error: ActionError) -> None:
        field = FIELDS.get(error.field, error.field)
        super().add_action_error(ActionError(field, error.message))  # type: ignore[misc]


def correction_form(step: Step, event: CaseEvent, data: Any, today: Any) -> StepForm:
    """The step's form with the reason, its boxes filled with what was recorded."""
    base = form_for(step)
    form_class = type(f"Correct{base.__name__}", (Correction, base), {})
    details = details_of(event)
    initial = {
        "on": event.on,
        "source": details["source"],
        "outcome": event.outcome,
        "discipline": event.discipline,
        "ground": event.ground,
        "applies_to": event.applies_to or [],
        "kind": event.kind,
        "last_review": event.last_review,
        "move_date": getattr(event, "move_date", None),
        "from_la": details["from_la"],
        "reason": details["cease_reason"],
    }
    form: StepForm = form_class(data, step=step, today=today, initial=initial)
    return form


class WithdrawalForm(forms.Form):
    why = why("withdrawing")

    def add_action_error(self, error: ActionError) -> None:
        field = FIELDS.get(error.field, error.field)
        self.add_error(field if field in self.fields else None, error.message.rstrip("."))
