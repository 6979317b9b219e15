"""Admin for improvement plans: for support staff setting up plans, partners and members.

Every model is scoped to the user's area (``senda.people.admin_scope``).
Day-to-day changes go through the service's pages (``senda.improvement.actions``, audited).
Ratings and risk reviews are history: the admin shows them and never changes or deletes
one. Withdrawn actions, milestones and risks are not listed (their default manager).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from senda.improvement.models import (
    Action,
    ActionUpdate,
    Aim,
    BoardPack,
    Feedback,
    ImpactRecord,
    ImprovementArea,
    ImprovementPlan,
    KeyAction,
    KeyActionList,
    Milestone,
    Partner,
    PlanMember,
    PriorityRating,
    PriorityStatement,
    Proposal,
    Rating,
    Recommendation,
    Risk,
    RiskReview,
    SignOff,
)
from senda.people.admin_scope import AreaScopedAdmin


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0


class PlanMemberInline(admin.TabularInline):
    model = PlanMember
    extra = 0
    raw_id_fields = ["user"]


class SignOffInline(admin.TabularInline):
    model = SignOff
    extra = 0


@admin.register(ImprovementPlan)
class ImprovementPlanAdmin(AreaScopedAdmin):
    area = "la_id"
    list_display = ["title", "la", "scale", "inspected_on", "published_on", "created_at"]
    list_filter = ["scale", "la"]
    search_fields = ["title"]
    list_select_related = ["la"]
    inlines = [PartnerInline, PlanMemberInline, SignOffInline]


@admin.register(Partner)
class PartnerAdmin(AreaScopedAdmin):
    area = "plan__la_id"
    list_display = ["name", "kind", "plan"]
    list_filter = ["kind"]
    search_fields = ["name", "plan__title"]
    raw_id_fields = ["plan"]
    list_select_related = ["plan"]


@admin.register(PlanMember)
class PlanMemberAdmin(AreaScopedAdmin):
    area = "plan__la_id"
    list_display = ["user", "plan", "partner", "access"]
    list_filter = ["access"]
    search_fields = ["user__username", "user__email", "plan__title"]
    raw_id_fields = ["plan", "user", "partner"]
    list_select_related = ["user", "plan", "partner"]


class AimInline(admin.TabularInline):
    model = Aim
    extra = 0


@admin.register(ImprovementArea)
class ImprovementAreaAdmin(AreaScopedAdmin):
    area = "plan__la_id"
    list_display = ["number", "title", "plan", "lead"]
    search_fields = ["title", "plan__title"]
    raw_id_fields = ["plan"]
    list_select_related = ["plan"]
    inlines = [AimInline]


@admin.register(Aim)
class AimAdmin(AreaScopedAdmin):
    area = "area__plan__la_id"
    list_display = ["number", "text", "area"]
    raw_id_fields = ["area"]
    list_select_related = ["area"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Action)
class ActionAdmin(AreaScopedAdmin):
    area = "area__plan__la_id"
    list_display = [
        "reference",
        "what",
        "area",
        "timescale",
        "starts_on",
        "ends_on",
        "timescale_resolved",
        "completed_on",
    ]
    list_filter = ["timescale_resolved", "area__plan"]
    search_fields = ["reference", "what", "lead"]
    raw_id_fields = ["area", "aim", "lead_user"]
    filter_horizontal = ["partners"]
    list_select_related = ["area"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(AreaScopedAdmin):
    area = "action__area__plan__la_id"
    list_display = ["title", "action", "due_on", "done_on"]
    raw_id_fields = ["action"]
    list_select_related = ["action"]


@admin.register(ActionUpdate)
class ActionUpdateAdmin(AreaScopedAdmin):
    area = "action__area__plan__la_id"
    list_display = ["action", "on", "author", "author_name", "recorded_at"]
    raw_id_fields = ["action", "author"]
    list_select_related = ["action", "author"]


@admin.register(Rating)
class RatingAdmin(AreaScopedAdmin):
    area = "action__area__plan__la_id"
    list_display = ["action", "value", "rated_on", "author", "suggested", "recorded_at"]
    list_filter = ["value"]
    list_select_related = ["action", "author"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Risk)
class RiskAdmin(AreaScopedAdmin):
    area = "plan__la_id"
    list_display = ["description", "plan", "owner", "severity_before", "severity_after", "status"]
    list_filter = ["status", "severity_after"]
    raw_id_fields = ["plan"]
    list_select_related = ["plan"]


@admin.register(RiskReview)
class RiskReviewAdmin(RatingAdmin):
    """A risk's history, like ratings: shown, never changed."""

    area = "risk__plan__la_id"

    list_display = ["risk", "reviewed_on", "severity_before", "severity_after", "status", "author"]
    list_filter = ["status"]
    list_select_related = ["risk", "author"]


@admin.register(Feedback)
class FeedbackAdmin(AreaScopedAdmin):
    area = "plan__la_id"
    list_display = ["theme", "plan", "source", "received_on", "published_on"]
    search_fields = ["theme", "source"]
    raw_id_fields = ["plan"]
    list_select_related = ["plan"]


@admin.register(Recommendation)
class RecommendationAdmin(AreaScopedAdmin):
    """Recommendations from families' feedback; their pages change them
    (``senda.improvement.recommendations``, audited)."""

    area = "plan__la_id"
    list_display = ["theme", "plan", "source", "made_on", "implemented_on"]
    list_filter = ["source", "theme"]
    raw_id_fields = ["plan", "action"]
    list_select_related = ["plan"]


@admin.register(SignOff)
class SignOffAdmin(AreaScopedAdmin):
    area = "plan__la_id"
    list_display = ["partner", "plan", "signed_by", "signed_on"]
    raw_id_fields = ["plan", "partner"]
    list_select_related = ["plan", "partner"]


@admin.register(BoardPack)
class BoardPackAdmin(AreaScopedAdmin):
    area = "plan__la_id"
    list_display = ["meeting_on", "title", "plan", "created_at"]
    raw_id_fields = ["plan"]
    list_select_related = ["plan"]


@admin.register(Proposal)
class ProposalAdmin(RatingAdmin):
    """Proposals for the exception report, appended: shown, never changed."""

    area = "plan__la_id"
    list_display = ["subject", "plan", "author", "recorded_at"]
    list_filter = []
    list_select_related = ["plan", "author"]


@admin.register(PriorityStatement)
class PriorityStatementAdmin(RatingAdmin):
    """A priority's "I" and "We" statements, appended: shown, never changed."""

    area = "area__plan__la_id"
    list_display = ["area", "written_on", "author", "recorded_at"]
    list_filter = []
    list_select_related = ["area", "author"]


@admin.register(PriorityRating)
class PriorityRatingAdmin(RatingAdmin):
    """A priority's RAGB rating for a quarter, appended: shown, never changed."""

    area = "area__plan__la_id"
    list_display = ["area", "quarter", "value", "rated_on", "author", "recorded_at"]
    list_filter = ["value"]
    list_select_related = ["area", "author"]


@admin.register(KeyActionList)
class KeyActionListAdmin(RatingAdmin):
    """A report quarter's key actions list: its pages draft, edit and publish it (audited)."""

    area = "plan__la_id"
    list_display = ["plan", "quarter", "published_on"]
    list_filter = []
    list_select_related = ["plan"]


@admin.register(KeyAction)
class KeyActionAdmin(RatingAdmin):
    """A key action of a list; a reworded or removed one is kept (its pages change them)."""

    area = "key_list__plan__la_id"
    list_display = ["text", "key_list", "due_on", "added_by"]
    list_filter = []
    list_select_related = ["key_list", "added_by"]


@admin.register(ImpactRecord)
class ImpactRecordAdmin(RatingAdmin):
    """An action's stage and impact at a review, appended: shown, never changed (a
    correction is a new record on the action's impact page)."""

    area = "action__area__plan__la_id"
    list_display = ["action", "stage", "impact", "recorded_on", "author", "corrects"]
    list_filter = ["stage", "impact"]
    list_select_related = ["action", "author", "corrects"]
