"""The statutory clock: a pure engine that knows the SEND statutory limits.

Imports nothing from Django or other Senda rooms. ``today`` is always an argument.

    from senda.clock import evaluate, Event
    rows = evaluate([Event("request_received", date(2026, 1, 5))], today=date(2026, 2, 1))

``refusal(recorded, new)`` says why a step cannot follow a case's events (``order.py``);
``case_state(events)`` replays them into what they say about the case now (``state.py``).
The clock owns its vocabulary: the statuses of a deadline row and the open ones
(``status.py``), the rule ids and their groups (``rules.py``). Every room spells them by
these names. The limits of mediation, appeals, tribunal orders and complaints are computed
from their own records by ``disagreements.py`` (``mediation_deadlines`` and the rest), never
by ``evaluate``.
"""

from senda.clock.calendar import BankHolidayCalendar, WorkingDayCalendar, england_and_wales
from senda.clock.disagreements import (
    AppealFacts,
    MediationFacts,
    OrderFacts,
    appeal_deadline,
    appeal_deadlines,
    complaint_deadlines,
    mediation_deadlines,
    order_deadlines,
    rights_transfer_deadline,
)
from senda.clock.evaluate import evaluate
from senda.clock.model import DEFAULT_POLICY, Child, Deadline, Event, LocalPolicy
from senda.clock.order import ORDER_RULES, Refusal, first_refusal, refusal
from senda.clock.rules import (
    APPEAL_RULES,
    CASE_RULES,
    COMPLAINT_RULES,
    DISAGREEMENT_RULES,
    EXCEPTABLE_RULES,
    FAMILY_RULES,
    LOCAL_RULES,
    MEDIATION_RULES,
    REVIEW_CYCLE_RULES,
    REVIEW_DUE_RULES,
    RULE_IDS,
    RULES,
    TRIBUNAL_ORDER_RULES,
)
from senda.clock.state import STAGES, CaseState, case_state
from senda.clock.status import (
    BREACHED,
    EXCEPTED,
    LAPSED,
    LATE,
    MET,
    OPEN,
    OVERDUE,
    PENDING,
    STATUSES,
)

__all__ = [
    "APPEAL_RULES",
    "BREACHED",
    "CASE_RULES",
    "COMPLAINT_RULES",
    "DEFAULT_POLICY",
    "DISAGREEMENT_RULES",
    "EXCEPTABLE_RULES",
    "EXCEPTED",
    "FAMILY_RULES",
    "LAPSED",
    "LATE",
    "LOCAL_RULES",
    "MEDIATION_RULES",
    "MET",
    "OPEN",
    "ORDER_RULES",
    "OVERDUE",
    "PENDING",
    "REVIEW_CYCLE_RULES",
    "REVIEW_DUE_RULES",
    "RULES",
    "RULE_IDS",
    "STAGES",
    "STATUSES",
    "TRIBUNAL_ORDER_RULES",
    "AppealFacts",
    "BankHolidayCalendar",
    "CaseState",
    "Child",
    "Deadline",
    "Event",
    "LocalPolicy",
    "MediationFacts",
    "OrderFacts",
    "Refusal",
    "WorkingDayCalendar",
    "appeal_deadline",
    "appeal_deadlines",
    "case_state",
    "complaint_deadlines",
    "england_and_wales",
    "evaluate",
    "first_refusal",
    "mediation_deadlines",
    "order_deadlines",
    "refusal",
    "rights_transfer_deadline",
]
