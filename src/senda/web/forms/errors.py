"""Showing an action's refusal (``ActionError``) on the form that asked for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from senda.casework.actions import ActionError


def show_action_error(form: forms.Form, error: ActionError) -> None:
    """The message on the field the action names, or above the form if it names none of
    the form's fields (``__all__``, or an argument the form does not ask for)."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def saved(form: forms.Form, write: Callable[[], Any]) -> bool:
    """Run ``write``; an ``ActionError`` goes on the form and the answer is False."""
    try:
        write()
    except ActionError as error:
        show_action_error(form, error)
        return False
    return True
