"""Back office for local areas, settings, children and staff: each scoped to the user's
area, children and family contacts audited at every page view (``admin_scope``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from senda.people.admin_scope import AreaScopedAdmin
from senda.people.models import (
    CapacityDecision,
    Child,
    ContactChange,
    Delegation,
    FamilyContact,
    LocalAuthority,
    Membership,
    PublicNotices,
    Setting,
    SignInLink,
)


class PublicNoticesInline(admin.StackedInline):  # type: ignore[type-arg]
    """The privacy notice's and the accessibility statement's council details (ADR 0038)."""

    model = PublicNotices
    can_delete = False
    extra = 1
    max_num = 1


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(AreaScopedAdmin):
    area = "pk"
    inlines = [PublicNoticesInline]
    list_display = [
        "code",
        "name",
        "region",
        "review_logged_working_days",
        "under_five_review_months",
        "caseload_target",
        "local_offer_url",
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


class FamilyRecordAdmin(AreaScopedAdmin):
    """Read-only: delegations, capacity decisions and contact changes are written by
    actions that audit them (``docs/families.md``)."""

    child_level = True

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Delegation)
class DelegationAdmin(FamilyRecordAdmin):
    area = "child__la_id"
    list_display = ["id", "child", "contact", "scope", "granted_on", "withdrawn_on"]


@admin.register(CapacityDecision)
class CapacityDecisionAdmin(FamilyRecordAdmin):
    area = "child__la_id"
    list_display = ["id", "child", "decision", "assessed_on", "outcome", "basis"]


@admin.register(ContactChange)
class ContactChangeAdmin(FamilyRecordAdmin):
    area = "contact__child__la_id"
    list_display = ["id", "contact", "status", "requested_at", "decided_at"]


@admin.register(Membership)
class MembershipAdmin(AreaScopedAdmin):
    list_display = ["user", "role", "la", "setting", "caseload_target"]
    search_fields = ["user__username", "user__email"]
    list_filter = ["role", "la"]
    raw_id_fields = ["user", "setting"]
    list_select_related = ["user", "la", "setting"]


@admin.register(SignInLink)
class SignInLinkAdmin(AreaScopedAdmin):
    """Single sign-on links (ADR 0035): seen and removed, never made or edited here (a
    removed link lets the next sign-in match the provider's verified email again)."""

    area = "user__membership__la_id"
    list_display = ["user", "issuer", "subject", "linked_at"]
    search_fields = ["user__username", "issuer"]
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
