from senda.quality.models.advice import (
    ADVICE_THEMES,
    AdviceJudgement,
    AdviceModeration,
    LearningSummary,
)
from senda.quality.models.audits import (
    Audit,
    AuditAction,
    AuditAuditor,
    DomainGrade,
    Judgement,
)
from senda.quality.models.frameworks import Criterion, Domain, Framework
from senda.quality.models.grades import Grade, Met, Organisation
from senda.quality.models.moderation import Round, RoundPlan
from senda.quality.models.panels import Panel, PanelItem, PanelLearning, PanelMember
from senda.quality.models.profiles import ProfileAudit, ProfileJudgement
from senda.quality.models.reports import QARecommendation, QAReport
from senda.quality.models.samples import Sample, SampleItem
from senda.quality.models.themes import ThemeCourse

__all__ = [
    "ADVICE_THEMES",
    "AdviceJudgement",
    "AdviceModeration",
    "Audit",
    "AuditAction",
    "AuditAuditor",
    "Criterion",
    "Domain",
    "DomainGrade",
    "Framework",
    "Grade",
    "Judgement",
    "LearningSummary",
    "Met",
    "Organisation",
    "Panel",
    "PanelItem",
    "PanelLearning",
    "PanelMember",
    "ProfileAudit",
    "ProfileJudgement",
    "QARecommendation",
    "QAReport",
    "Round",
    "RoundPlan",
    "Sample",
    "SampleItem",
    "ThemeCourse",
]
