"""Showing an action's refusal (``ActionError``) on the form that asked for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from senda.kernel import ActionError
from senda.web.forms.fields import GovUKDateField


def show_action_error(form: forms.Form, error: ActionError) -> None:
    """The message on the field the action names, or above the form if it names none of
    the form's fields (``__all__``, or an argument the form does not ask for).

    An action says "The date must be …"; on a date box the message names the box instead,
    as every date message does (GOV.UK: "Date of the update must be today or in the past").
    A message that names its date itself ("The date the audit is due must be …") is kept
    as it is: putting the box's label in front of it would name the date twice.
    """
    field = form.fields.get(error.field)
    message = error.message
    if isinstance(field, GovUKDateField) and message.startswith("The date must "):
        message = str(field.label or "Date") + message.removeprefix("The date").rstrip(".")
    form.add_error(error.field if field is not None else None, message)


def saved(form: forms.Form, write: Callable[[], Any]) -> bool:
    """Run ``write``; an ``ActionError`` goes on the form and the answer is False."""
    try:
        write()
    except ActionError as error:
        show_action_error(form, error)
        return False
    return True
