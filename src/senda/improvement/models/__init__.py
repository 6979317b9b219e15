"""Improvement-plan records. See the package docstring and docs/improvement-plans.md."""

from senda.improvement.models.actions import Action, ActionUpdate, Milestone, Rating
from senda.improvement.models.plans import (
    Aim,
    ImprovementArea,
    ImprovementPlan,
    Partner,
    PlanMember,
    SignOff,
)
from senda.improvement.models.registers import (
    BoardPack,
    Feedback,
    Proposal,
    Recommendation,
    Risk,
    RiskReview,
)
from senda.improvement.models.scales import BRAG, PROGRESS, SCALES, Scale

__all__ = [
    "BRAG",
    "PROGRESS",
    "SCALES",
    "Action",
    "ActionUpdate",
    "Aim",
    "BoardPack",
    "Feedback",
    "ImprovementArea",
    "ImprovementPlan",
    "Milestone",
    "Partner",
    "PlanMember",
    "Proposal",
    "Rating",
    "Recommendation",
    "Risk",
    "RiskReview",
    "Scale",
    "SignOff",
]
