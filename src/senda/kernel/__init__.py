"""The shared kernel: what every room's actions use, outside any room.

- :mod:`~senda.kernel.errors`: :class:`ActionError`, the one error an action raises (one
  field's message, or several: ``ActionError.several``), :class:`Refusals`, which gathers
  several checks' refusals into one, and :data:`WHOLE_FORM`, the field name for a message
  about the whole form;
- :mod:`~senda.kernel.checks`: required text and dates, a choice, the permission refusal;
- :mod:`~senda.kernel.dates`: a date not in the future, not before another, in words;
- :mod:`~senda.kernel.time`: :func:`today`, the one place that reads the machine's clock
  (the date in Europe/London).

Pure Python (no Django, no room): every room may import it and it imports none of them.
Import from the package: ``from senda.kernel import ActionError``, and ``from senda import
kernel`` to call ``kernel.today()`` (beside the ``today`` a function is given).
"""

from senda.kernel.checks import check_choice, check_permission, required_date, required_text
from senda.kernel.dates import check_not_before, check_not_future, long_date
from senda.kernel.errors import WHOLE_FORM, ActionError, Refusals
from senda.kernel.time import LONDON, today

__all__ = [
    "LONDON",
    "WHOLE_FORM",
    "ActionError",
    "Refusals",
    "check_choice",
    "check_not_before",
    "check_not_future",
    "check_permission",
    "long_date",
    "required_date",
    "required_text",
    "today",
]
