"""The retention schedule in the admin (area-scoped, ``senda.people.admin_scope``): an
area's service manager (or the operators) may change a rule's period, what happens after,
its source and its approver; each change is audited as the schedule page's are. Disposals
are history: shown, never added, changed or deleted here (decisions are the retention
page's)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from senda import audit
from senda.people.admin_scope import AreaScopedAdmin
from senda.retention.models import Disposal, Rule


@admin.register(Rule)
class RuleAdmin(AreaScopedAdmin):
    list_display = ("record_type", "la", "keep_years", "action", "approver")
    list_filter = ("la", "action")
    fields = ("la", "record_type", "keep_years", "action", "source", "approver", "changed_by")
    readonly_fields = ("la", "record_type", "changed_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # each area's schedule is seeded from the defaults, one rule a type

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Rule, form: Any, change: bool) -> None:
        obj.changed_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
        summary = f"retention rule {obj.record_type} (admin)"
        audit.record(user=request.user, verb="write", obj=obj, request=request, summary=summary)


@admin.register(Disposal)
class DisposalAdmin(AreaScopedAdmin):
    child_level = True
    list_display = ("pk", "record_type", "object_id", "status", "due_on", "decided_at")
    list_filter = ("status", "record_type")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
