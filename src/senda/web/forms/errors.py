"""Showing an action's refusal (``ActionError``) on the form that asked for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from senda.kernel import ActionError
from senda.web.forms.fields import GovUKDateField


def show_action_error(form: forms.Form, error: ActionError) -> None:
    """Each of the error's messages (``error.errors``: one, or several from
    ``ActionError.several``) on the field it names, or above the form if it names none of
    the form's fields (``__all__``, or an argument the form does not ask for).

    An action says "The date must be …"; on a date box the message names the box instead,
    as every date message does (GOV.UK: "Date of the update must be today or in the past").
    A message that names its date itself ("The date the audit is due must be …") is kept
    as it is: putting the box's label in front of it would name the date twice.
    """
    for name, message in error.errors:
        _show(form, name, message)


def _show(form: forms.Form, name: str, message: str) -> None:
    field = form.fields.get(name)
    if isinstance(field, GovUKDateField) and message.startswith("The date must "):
        message = str(field.label or "Date") + message.removeprefix("The date").rstrip(".")
    form.add_error(name if field is not None else None, message)


def check_too(form: forms.Form, check: Callable[[], Any]) -> None:
    """Run an action's checks (``check``) beside the form's own, so that one answer shows
    every mistake: each refusal goes on its field unless the form has already found that
    field wrong (it would say the same thing twice). For a form whose fields all
    cleaned, the action's refusals are shown when it runs."""
    try:
        check()
    except ActionError as error:
        for name, message in error.errors:
            if name not in form.errors:
                _show(form, name, message)


def saved(form: forms.Form, write: Callable[[], Any]) -> bool:
    """Run ``write``; an ``ActionError`` goes on the form and the answer is False."""
    try:
        write()
    except ActionError as error:
        show_action_error(form, error)
        return False
    return True
