"""Casework actions: one named, typed, atomic function per statutory step.

Each checks the acting user may write to the case, that the case is open and that the
step's dates and values make sense, raising :class:`senda.kernel.ActionError` (nothing is written);
``write_event`` then checks the step can follow the case's recorded steps (the ordering
rules of ``senda.clock.order``), writes the case event and an audit entry and refreshes
the case's deadline rows; the action updates the structured record.
"""

from senda.casework.actions.adulthood import record_adulthood_outcomes
from senda.casework.actions.advice import (
    record_advice_received,
    record_advice_requested,
    record_exception,
)
from senda.casework.actions.assessment import (
    record_assess_decision,
    record_issue_decision,
    record_request_received,
)
from senda.casework.actions.cases import close_case, reassign_case, reassign_cases
from senda.casework.actions.cease import (
    record_cease_appeal_decided,
    record_cease_appealed,
    record_cease_decision,
    record_cease_proposed,
)
from senda.casework.actions.complaints import close_complaint, record_complaint
from senda.casework.actions.outcomes import record_incorporated_advice, set_plan_outcomes
from senda.casework.actions.plan import (
    record_amended_plan,
    record_amendment_notice,
    record_draft_plan,
    record_final_plan,
    record_plan_ceased,
)
from senda.casework.actions.reassessment import (
    record_reassess_decision,
    record_reassessment_outcome,
    record_reassessment_request,
)
from senda.casework.actions.review import (
    record_review_advice_circulated,
    record_review_decision,
    record_review_invitations,
    record_review_logged,
    record_review_meeting,
    record_review_report,
)
from senda.casework.actions.transfer import (
    record_move_out,
    record_phase_transfer,
    record_phase_transfer_plan,
    record_transfer_in_letter,
    record_transferred_in,
    record_transferred_out,
)

__all__ = [
    "close_case",
    "close_complaint",
    "reassign_case",
    "reassign_cases",
    "record_adulthood_outcomes",
    "record_advice_received",
    "record_advice_requested",
    "record_amended_plan",
    "record_amendment_notice",
    "record_assess_decision",
    "record_cease_appeal_decided",
    "record_cease_appealed",
    "record_cease_decision",
    "record_cease_proposed",
    "record_complaint",
    "record_draft_plan",
    "record_exception",
    "record_final_plan",
    "record_incorporated_advice",
    "record_issue_decision",
    "record_move_out",
    "record_phase_transfer",
    "record_phase_transfer_plan",
    "record_plan_ceased",
    "record_reassess_decision",
    "record_reassessment_outcome",
    "record_reassessment_request",
    "record_request_received",
    "record_review_advice_circulated",
    "record_review_decision",
    "record_review_invitations",
    "record_review_logged",
    "record_review_meeting",
    "record_review_report",
    "record_transfer_in_letter",
    "record_transferred_in",
    "record_transferred_out",
    "set_plan_outcomes",
]
