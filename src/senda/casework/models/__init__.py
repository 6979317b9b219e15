from senda.casework.models.cases import Case, CaseEvent
from senda.casework.models.complaints import Complaint
from senda.casework.models.corrections import EventCorrection, StaleFacts
from senda.casework.models.deadlines import DeadlineRow
from senda.casework.models.records import AssessmentRequest, Plan, Review

__all__ = [
    "AssessmentRequest",
    "Case",
    "CaseEvent",
    "Complaint",
    "DeadlineRow",
    "EventCorrection",
    "Plan",
    "Review",
    "StaleFacts",
]
