"""Today: the one place Senda reads the machine's clock.

The service runs in England, so its day is the date in Europe/London (``settings.TIME_ZONE``
says the same), whatever the server's own zone: at 23:30 UTC on 30 June it is already
1 July. Code that needs today calls :func:`today` once, at its edge (a view, a command, an
action that was given none), and passes the day on as an argument; tests fix the time with
``time_machine``.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

__all__ = ["LONDON", "today"]

#: The service's time zone.
LONDON = ZoneInfo("Europe/London")


def today() -> date:
    """The current date in Europe/London."""
    return datetime.now(LONDON).date()
