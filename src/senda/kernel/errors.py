"""The one error an action raises, naming the form field to show its message on, and
:class:`Refusals`, which gathers the refusals of several checks into one error so that a
form reports every mistake at once (GOV.UK: the error summary lists them all)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

__all__ = ["WHOLE_FORM", "ActionError", "Refusals"]

#: The field of a message about the whole form: Django's ``NON_FIELD_ERRORS`` (``"__all__"``),
#: which a form shows above its fields.
WHOLE_FORM = "__all__"


class ActionError(Exception):
    """A change cannot be made. ``field`` names the form field (an action's keyword argument,
    or :data:`WHOLE_FORM`) to show ``message`` on; nothing has been written.

    ``errors`` is every (field, message) the action found, in the order of the form: one
    pair for most errors; several for one raised by :meth:`several` (``field`` and
    ``message`` are then the first's, so a caller that shows one message still shows one).
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.errors: tuple[tuple[str, str], ...] = ((field, message),)

    @classmethod
    def several(cls, errors: Iterable[tuple[str, str]]) -> ActionError:
        """One error carrying every (field, message) of ``errors`` (at least one)."""
        found = tuple(errors)
        if not found:
            raise ValueError("ActionError.several needs at least one error.")
        error = cls(*found[0])
        error.errors = found
        if len(found) > 1:
            error.args = ("; ".join(f"{field}: {message}" for field, message in found),)
        return error


class Refusals:
    """Gathers the :class:`ActionError` of several checks, so an action refuses once with
    all of them::

        refusals = Refusals()
        with refusals.check():
            starts_on = required_date(...)
        with refusals.check():
            check_choice(...)
        refusals.raise_any()

    A check's block stops at its refusal (later lines in the same block do not run); the
    next block runs. Only :class:`ActionError` is gathered: any other exception passes.
    """

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    @contextmanager
    def check(self) -> Iterator[None]:
        try:
            yield
        except ActionError as error:
            self.errors.extend(error.errors)

    def refused(self, field: str) -> bool:
        """Whether a check has refused ``field`` already (a later check that depends on
        it can be skipped)."""
        return any(name == field for name, _ in self.errors)

    def raise_any(self) -> None:
        """Raise one :class:`ActionError` with every refusal gathered, if there is one."""
        if self.errors:
            raise ActionError.several(self.errors)
