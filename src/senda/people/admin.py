"""Back office for local areas, settings, children and staff: each scoped to the user's
area, children and family contacts audited at every page view (``admin_scope``)."""

from __future__ import annotations

from django.contrib import admin

from senda.people.admin_scope import AreaScopedAdmin
from senda.people.models import Child, FamilyContact, LocalAuthority, Membership, Setting


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(AreaScopedAdmin):
    area = "pk"
    list_display = [
        "code",
        "name",
        "region",
        "review_logged_working_days",
        "under_five_review_months",
        "caseload_target",
    ]
    search_fields = ["code", "name"]
    list_filter = ["region"]


@admin.register(Setting)
class SettingAdmin(AreaScopedAdmin):
    list_display = ["name", "urn", "ukprn", "phase", "type", "locality", "la"]
    search_fields = ["name", "urn", "ukprn"]
    list_filter = ["phase", "type", "la"]
    list_select_related = ["la"]


class FamilyContactInline(admin.TabularInline):
    model = FamilyContact
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Child)
class ChildAdmin(AreaScopedAdmin):
    child_level = True
    list_display = ["id", "family_name", "given_name", "date_of_birth", "primary_need", "la"]
    search_fields = ["family_name", "given_name", "upn", "uln", "nhs_number"]
    list_filter = ["primary_need", "la"]
    raw_id_fields = ["setting"]
    list_select_related = ["la"]
    inlines = [FamilyContactInline]


@admin.register(FamilyContact)
class FamilyContactAdmin(AreaScopedAdmin):
    area = "child__la_id"
    child_level = True
    list_display = ["name", "relationship", "child", "user"]
    search_fields = ["name", "email", "child__family_name"]
    raw_id_fields = ["child", "user"]


@admin.register(Membership)
class MembershipAdmin(AreaScopedAdmin):
    list_display = ["user", "role", "la", "setting", "caseload_target"]
    search_fields = ["user__username", "user__email"]
    list_filter = ["role", "la"]
    raw_id_fields = ["user", "setting"]
    list_select_related = ["user", "la", "setting"]
