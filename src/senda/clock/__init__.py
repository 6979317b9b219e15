"""The statutory clock: a pure engine that knows the SEND statutory limits.

Imports nothing from Django or other Senda rooms. ``today`` is always an argument.

    from senda.clock import evaluate, Event
    rows = evaluate([Event("request_received", date(2026, 1, 5))], today=date(2026, 2, 1))
"""

from senda.clock.model import Child, Deadline, Event, LocalPolicy

__all__ = ["Child", "Deadline", "Event", "LocalPolicy"]
