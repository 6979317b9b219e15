from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from senda.audit.models import AuditEntry
from senda.people.admin_scope import AreaScopedAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(AreaScopedAdmin):
    """Read-only: nobody adds, changes or deletes audit entries, not even a superuser.

    Scoped to the user's area like every Senda model; entries name children (by id), so
    each page view is itself audited, as searches of the audit log page are.
    """

    child_level = True

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
