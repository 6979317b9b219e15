from senda.casework.models.cases import Case, CaseEvent
from senda.casework.models.complaints import Complaint
from senda.casework.models.corrections import EventCorrection, StaleFacts
from senda.casework.models.deadlines import DeadlineRow
from senda.casework.models.disagreements import (
    Appeal,
    AppealCost,
    AppealOrder,
    Issue,
    Mediation,
    RootCauseReview,
)
from senda.casework.models.records import (
    AssessmentRequest,
    IncorporatedAdvice,
    Plan,
    PlanOutcome,
    Review,
)

__all__ = [
    "Appeal",
    "AppealCost",
    "AppealOrder",
    "AssessmentRequest",
    "Case",
    "CaseEvent",
    "Complaint",
    "DeadlineRow",
    "EventCorrection",
    "IncorporatedAdvice",
    "Issue",
    "Mediation",
    "Plan",
    "PlanOutcome",
    "Review",
    "RootCauseReview",
    "StaleFacts",
]
