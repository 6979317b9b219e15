"""Improvement-plan records. See the package docstring and docs/improvement-plans.md."""

from senda.improvement.models.actions import Action, ActionUpdate, Milestone, Rating
from senda.improvement.models.impact import ImpactRating, ImpactRecord, Stage
from senda.improvement.models.plans import (
    Aim,
    ImprovementArea,
    ImprovementPlan,
    Partner,
    PlanMember,
    SignOff,
)
from senda.improvement.models.priorities import (
    KeyAction,
    KeyActionList,
    PriorityRating,
    PriorityStatement,
)
from senda.improvement.models.registers import (
    BoardPack,
    Feedback,
    Proposal,
    Recommendation,
    Risk,
    RiskReview,
)
from senda.improvement.models.scales import BRAG, PROGRESS, RAGB, SCALES, Scale

__all__ = [
    "BRAG",
    "PROGRESS",
    "RAGB",
    "SCALES",
    "Action",
    "ActionUpdate",
    "Aim",
    "BoardPack",
    "Feedback",
    "ImpactRating",
    "ImpactRecord",
    "ImprovementArea",
    "ImprovementPlan",
    "KeyAction",
    "KeyActionList",
    "Milestone",
    "Partner",
    "PlanMember",
    "PriorityRating",
    "PriorityStatement",
    "Proposal",
    "Rating",
    "Recommendation",
    "Risk",
    "RiskReview",
    "Scale",
    "SignOff",
    "Stage",
]
