from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from senda.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: nobody adds, changes or deletes audit entries, not even a superuser."""

    list_display = ["at", "user", "verb", "object_type", "object_id", "la", "ip_address"]
    list_filter = ["verb", "object_type", "la"]
    search_fields = ["user__username", "verb", "object_type", "object_id"]
    date_hierarchy = "at"
    list_select_related = ["user", "la"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
