from senda.portal.models.advice import AdviceRequest
from senda.portal.models.families import (
    CaseMessage,
    FamilyViews,
    FeedbackSummary,
    Representation,
    SharedDocument,
    SurveyResponse,
)
from senda.portal.models.invitations import Invitation
from senda.portal.models.messages import Message, ScheduledRun
from senda.portal.models.online_requests import OnlineRequest
from senda.portal.models.profiles import (
    NeedsProfile,
    ProfileAnswer,
    ProfilePilot,
    ProfileQuestion,
    ProfileSection,
)
from senda.portal.models.reports import PortalFeedback, ReportReturn, ReviewReport
from senda.portal.models.support import Escalation, SupportContact
from senda.portal.models.uploads import Upload

__all__ = [
    "AdviceRequest",
    "CaseMessage",
    "Escalation",
    "FamilyViews",
    "FeedbackSummary",
    "Invitation",
    "Message",
    "NeedsProfile",
    "OnlineRequest",
    "PortalFeedback",
    "ProfileAnswer",
    "ProfilePilot",
    "ProfileQuestion",
    "ProfileSection",
    "ReportReturn",
    "Representation",
    "ReviewReport",
    "ScheduledRun",
    "SharedDocument",
    "SupportContact",
    "SurveyResponse",
    "Upload",
]
