"""The statutory clock: a pure engine that knows the SEND statutory limits.

Imports nothing from Django or other Senda rooms. ``today`` is always an argument.

    from senda.clock import evaluate, Event
    rows = evaluate([Event("request_received", date(2026, 1, 5))], today=date(2026, 2, 1))

``refusal(recorded, new)`` says why a step cannot follow a case's events (``order.py``).
"""

from senda.clock.calendar import BankHolidayCalendar, WorkingDayCalendar, england_and_wales
from senda.clock.evaluate import evaluate
from senda.clock.model import DEFAULT_POLICY, Child, Deadline, Event, LocalPolicy
from senda.clock.order import ORDER_RULES, Refusal, first_refusal, refusal
from senda.clock.rules import RULE_IDS, RULES

__all__ = [
    "DEFAULT_POLICY",
    "ORDER_RULES",
    "RULES",
    "RULE_IDS",
    "BankHolidayCalendar",
    "Child",
    "Deadline",
    "Event",
    "LocalPolicy",
    "Refusal",
    "WorkingDayCalendar",
    "england_and_wales",
    "evaluate",
    "first_refusal",
    "refusal",
]
