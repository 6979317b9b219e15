"""Back-office views of casework. Read-only: every write goes through an action, so that
it is validated, audited and refreshes the deadlines. Each model shows a child's record:
scoped to the user's area and every page view audited (``senda.people.admin_scope``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from senda.casework.models import (
    Appeal,
    AppealCost,
    AppealOrder,
    AssessmentRequest,
    Case,
    CaseEvent,
    Complaint,
    DeadlineRow,
    EventCorrection,
    Mediation,
    Plan,
    Review,
    RootCauseReview,
)
from senda.people.admin_scope import AreaScopedAdmin


class ReadOnlyAdmin(AreaScopedAdmin):
    area = "case__la_id"
    child_level = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = ["on", "type", "outcome", "discipline", "ground", "kind", "recorded_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    area = "la_id"
    list_display = ["id", "child", "la", "officer", "status", "opened_on"]
    search_fields = ["id", "child__family_name", "child__upn", "officer__username"]
    list_filter = ["status", "la"]
    list_select_related = ["child", "la", "officer"]
    inlines = [CaseEventInline]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "case", "type", "on", "outcome", "discipline", "recorded_by"]
    search_fields = ["case__id", "type"]
    list_filter = ["type"]
    date_hierarchy = "on"


@admin.register(EventCorrection)
class EventCorrectionAdmin(ReadOnlyAdmin):
    list_display = ["id", "case", "event_type", "kind", "was_on", "now_on", "by", "at"]
    search_fields = ["case__id", "event_type"]
    list_filter = ["kind", "event_type"]
    list_select_related = ["case", "by"]
    date_hierarchy = "at"


@admin.register(DeadlineRow)
class DeadlineRowAdmin(ReadOnlyAdmin):
    list_display = ["case", "rule", "due", "done", "status", "discipline", "evaluated_for"]
    search_fields = ["case__id", "rule"]
    list_filter = ["status", "rule"]
    date_hierarchy = "due"


@admin.register(AssessmentRequest)
class AssessmentRequestAdmin(ReadOnlyAdmin):
    list_display = ["id", "case", "received_on", "source", "assess_outcome", "issue_outcome"]
    search_fields = ["case__id"]
    list_filter = ["source", "assess_outcome", "issue_outcome"]


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["id", "case", "issued_on", "transferred_in_on", "amended_on", "ceased_on"]
    search_fields = ["case__id"]
    list_filter = ["cease_reason"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["id", "case", "meeting_on", "report_received_on", "outcome", "decided_on"]
    search_fields = ["case__id"]
    list_filter = ["outcome"]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ["id", "case", "received_on", "stage", "closed_on", "outcome"]
    search_fields = ["case__id"]
    list_filter = ["stage", "outcome"]


@admin.register(Mediation)
class MediationAdmin(ReadOnlyAdmin):
    list_display = ["id", "case", "kind", "decision_on", "choice", "meeting_on", "certificate"]
    search_fields = ["case__id"]
    list_filter = ["kind", "choice", "outcome", "certificate"]


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ["id", "case", "reference", "decision_on", "registered_on", "outcome"]
    search_fields = ["case__id", "reference"]
    list_filter = ["outcome", "concession"]


@admin.register(AppealOrder)
class AppealOrderAdmin(ReadOnlyAdmin):
    area = "appeal__case__la_id"
    list_display = ["id", "appeal", "kind", "made_on", "done_on"]
    list_filter = ["kind"]


@admin.register(AppealCost)
class AppealCostAdmin(ReadOnlyAdmin):
    area = "appeal__case__la_id"
    list_display = ["id", "appeal", "line", "amount", "on"]
    list_filter = ["line"]


@admin.register(RootCauseReview)
class RootCauseReviewAdmin(ReadOnlyAdmin):
    area = "appeal__case__la_id"
    list_display = ["id", "appeal", "reviewed_on"]
