"""Back office for the ND needs profile's form and pilot: the area's sections and their
questions (retired with "active", never deleted, so answers keep their question), and the
settings in the pilot. Scoped to the user's area (``people.admin_scope``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from senda.people.admin_scope import AreaScopedAdmin
from senda.portal.models import ProfilePilot, ProfileQuestion, ProfileSection


class ProfileQuestionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProfileQuestion
    fields = ["order", "text", "hint", "required", "active"]
    extra = 1

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ProfileSection)
class ProfileSectionAdmin(AreaScopedAdmin):
    list_display = ["title", "order", "active", "la"]
    list_filter = ["active", "la"]
    inlines = [ProfileQuestionInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ProfilePilot)
class ProfilePilotAdmin(AreaScopedAdmin):
    list_display = ["setting", "joined_on", "left_on", "la"]
    list_filter = ["la"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
