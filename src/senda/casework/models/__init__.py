from senda.casework.models.adulthood import PFA_AREAS, AdulthoodOutcomes
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
from senda.casework.models.placements import (
    RESIDENTIAL,
    SETTING_CODES,
    NamedSetting,
    Placement,
)
from senda.casework.models.plan_text import (
    SECTION_LETTERS,
    SECTIONS,
    Decision,
    EarlyReview,
    PlanSection,
    PlanVersion,
)
from senda.casework.models.records import (
    AssessmentRequest,
    IncorporatedAdvice,
    Plan,
    PlanOutcome,
    Review,
)

__all__ = [
    "PFA_AREAS",
    "RESIDENTIAL",
    "SECTIONS",
    "SECTION_LETTERS",
    "SETTING_CODES",
    "AdulthoodOutcomes",
    "Appeal",
    "AppealCost",
    "AppealOrder",
    "AssessmentRequest",
    "Case",
    "CaseEvent",
    "Complaint",
    "DeadlineRow",
    "Decision",
    "EarlyReview",
    "EventCorrection",
    "IncorporatedAdvice",
    "Issue",
    "Mediation",
    "NamedSetting",
    "Placement",
    "Plan",
    "PlanOutcome",
    "PlanSection",
    "PlanVersion",
    "Review",
    "RootCauseReview",
    "StaleFacts",
]

from senda.casework.models.social_care import OCCASIONS, SocialCareOffer

__all__ += ["OCCASIONS", "SocialCareOffer"]
