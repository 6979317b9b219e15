from senda.portal.models.advice import AdviceRequest
from senda.portal.models.invitations import Invitation
from senda.portal.models.messages import Message, ScheduledRun
from senda.portal.models.reports import PortalFeedback, ReportReturn, ReviewReport
from senda.portal.models.support import Escalation, SupportContact
from senda.portal.models.uploads import Upload

__all__ = [
    "AdviceRequest",
    "Escalation",
    "Invitation",
    "Message",
    "PortalFeedback",
    "ReportReturn",
    "ReviewReport",
    "ScheduledRun",
    "SupportContact",
    "Upload",
]
