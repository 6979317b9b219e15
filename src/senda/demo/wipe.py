"""Wiping the previous demo area: ``senda demo`` always starts from an empty register.

This is for a demo database only. It empties every table of the people, casework,
improvement-plan, performance, portal, quality, sufficiency (forecasts, places, the High
Needs ledger) and audit rooms with plain ``DELETE`` statements (the published national
figures stay: they are public data, not demo data), children before parents — deliberately
including the audit log, whose rows Senda otherwise never changes or deletes — and then
deletes every user who is not a superuser (with their memberships, group links and admin
log entries), so a superuser made with ``senda createsuperuser`` survives a rebuild.
``senda demo`` refuses to run when ``SENDA_ENV=production``.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import connection
from django_tasks_db.models import DBTaskResult

from senda.audit.models import AuditEntry
from senda.casework.models import (
    AdulthoodOutcomes,
    Appeal,
    AppealCost,
    AppealOrder,
    AssessmentRequest,
    Case,
    CaseEvent,
    Complaint,
    DeadlineRow,
    Decision,
    EarlyReview,
    EventCorrection,
    IncorporatedAdvice,
    Mediation,
    NamedSetting,
    Placement,
    Plan,
    PlanOutcome,
    PlanSection,
    PlanVersion,
    Review,
    RootCauseReview,
    SocialCareOffer,
    StaleFacts,
)
from senda.improvement import models as plans
from senda.interchange import models as interchange
from senda.pathways import models as pathways
from senda.people.models import (
    AccessGrant,
    AdviceTeam,
    CapacityDecision,
    Child,
    ChildDetailsChange,
    ContactChange,
    Delegation,
    FamilyContact,
    LocalAuthority,
    Membership,
    Setting,
    SettingMember,
)
from senda.performance import models as performance
from senda.portal import models as portal
from senda.quality import models as quality
from senda.sufficiency import models as sufficiency

#: Every table emptied, in an order that never leaves a row pointing at a deleted one.
WIPED = (
    AuditEntry,
    sufficiency.ForecastRun,
    sufficiency.ScenarioChange,
    sufficiency.StoredScenario,
    sufficiency.Actual,
    sufficiency.Budget,
    sufficiency.LedgerImport,
    sufficiency.LedgerMapping,
    sufficiency.BudgetLine,
    sufficiency.Allocation,
    pathways.TransitionRecord,
    pathways.Support,
    pathways.ExtractMapping,
    pathways.ReferralStep,
    pathways.Referral,
    pathways.ExtractImport,
    quality.ProfileJudgement,
    quality.ProfileAudit,
    portal.ProfileAnswer,
    portal.NeedsProfile,
    portal.ProfileQuestion,
    portal.ProfileSection,
    portal.ProfilePilot,
    pathways.RegisterRecord,
    pathways.DisabledChild,
    pathways.Participation,
    pathways.ParticipationImport,
    pathways.Opportunity,
    interchange.ImportedPerson,
    interchange.Sen2Run,
    interchange.CheckOwner,
    quality.AdviceJudgement,
    quality.LearningSummary.examples.through,
    quality.LearningSummary,
    quality.AdviceModeration,
    quality.PanelLearning,
    quality.PanelItem,
    quality.PanelMember,
    quality.Panel,
    quality.QARecommendation,
    quality.QAReport,
    quality.AuditAction,
    quality.DomainGrade,
    quality.Judgement,
    quality.AuditAuditor,
    quality.Audit,
    quality.RoundPlan,
    quality.Round,
    quality.SampleItem,
    quality.Sample,
    quality.Criterion,
    quality.Domain,
    quality.Framework,
    portal.OnlineRequest,
    portal.FamilyViews,
    portal.Representation,
    portal.SharedDocument,
    portal.CaseMessage,
    portal.SurveyResponse,
    portal.FeedbackSummary,
    portal.Upload,
    portal.ReportReturn,
    portal.ReviewReport,
    portal.PortalFeedback,
    portal.AdviceRequest,
    portal.Escalation.cases.through,
    portal.Escalation,
    portal.SupportContact,
    portal.Message,
    portal.Invitation,
    portal.ScheduledRun,
    DBTaskResult,
    plans.Action.capital_projects.through,
    sufficiency.CapitalPhase,
    sufficiency.CapitalProject,
    sufficiency.CommissionedPlaces,
    performance.KpiFact,
    performance.RecordedValue,
    performance.TrajectoryPoint,
    performance.Trajectory,
    performance.StatusOverride,
    performance.Commentary,
    performance.Comparators,
    plans.Feedback,
    plans.Recommendation,
    plans.Rating,
    plans.ActionUpdate,
    plans.Milestone,
    plans.Action.partners.through,
    plans.Action,
    plans.Aim,
    plans.ImprovementArea,
    plans.PlanMember,
    plans.SignOff,
    plans.RiskReview,
    plans.Risk,
    plans.BoardPack,
    plans.Partner,
    plans.ImprovementPlan,
    AdulthoodOutcomes,
    Complaint,
    SocialCareOffer,
    RootCauseReview,
    AppealCost,
    AppealOrder,
    Appeal,
    Mediation,
    IncorporatedAdvice,
    PlanOutcome,
    NamedSetting,
    Placement,
    DeadlineRow,
    EventCorrection,
    StaleFacts,
    Decision,
    EarlyReview,
    PlanSection,
    PlanVersion,
    CaseEvent,
    Review,
    Plan,
    AssessmentRequest,
    Case,
    Delegation,
    CapacityDecision,
    ContactChange,
    ChildDetailsChange,
    FamilyContact,
    AccessGrant,
    AdviceTeam.members.through,
    AdviceTeam,
    SettingMember,
    Membership,
    Child,
    Setting,
    LocalAuthority,
)


def wipe() -> None:
    """Delete all people, casework and audit rows and all non-superusers. Call it inside
    the transaction that builds the new area."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in WIPED:
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")
    User.objects.filter(is_superuser=False).delete()
