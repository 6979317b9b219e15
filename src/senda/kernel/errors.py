"""The one error an action raises, naming the form field to show its message on."""

from __future__ import annotations

__all__ = ["WHOLE_FORM", "ActionError"]

#: The field of a message about the whole form: Django's ``NON_FIELD_ERRORS`` (``"__all__"``),
#: which a form shows above its fields.
WHOLE_FORM = "__all__"


class ActionError(Exception):
    """A change cannot be made. ``field`` names the form field (an action's keyword argument,
    or :data:`WHOLE_FORM`) to show ``message`` on; nothing has been written."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
