"""The base of every Senda model in the Django admin: scoped to the user's area, and audited.

- **Scope.** A superuser (the service's operators, who set up local areas) sees every
  area. Anyone else sees only the rows of their own local area, and only if their role sees
  the whole area (case officer, team manager, QA auditor, service manager); everyone else
  sees nothing. The same rule governs the choices of related records in a form, so no form
  can point at another area's setting, child or plan, and no list filter offers another
  area's. ``area`` names the path from the model to its local area.
- **Audit.** A model whose pages show a child's record (``child_level``) writes one
  ``read`` audit entry for each list page and each record page viewed, like Senda's own
  pages: a list with its filters as ids (a search is noted, never its words), a record (its
  page or its history) with its child.
- **Titles.** A child-level record's page is titled by its type and id, never by a child's
  or a family member's name (browser history, tab titles).

Why scope rather than keep child-level models from everyone but superusers: service
managers use the admin as a back office for their area (memberships, settings, plans) and
read its records there; one rule for every model (their area, as on Senda's pages) closes
the door for all of them, audit entries and improvement plans included, not only for the
child-level ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.views.main import PAGE_VAR, SEARCH_VAR
from django.db.models import ForeignKey, ManyToManyField, Model, QuerySet
from django.forms import Field
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from senda import audit
from senda.people.models import Membership, Role

#: Roles that see their whole area in the admin (as on Senda's pages).
AREA_ROLES = frozenset(
    {Role.CASE_OFFICER, Role.TEAM_MANAGER, Role.QA_AUDITOR, Role.SERVICE_MANAGER}
)
#: Query parameters of the admin's list pages that are not filters.
NOT_FILTERS = frozenset({SEARCH_VAR, PAGE_VAR, "_changelist_filters", "_popup", "_to_field"})


def area_of(user: Any) -> int | None:
    """The id of the local area whose rows ``user`` sees in the admin (None: no rows)."""
    try:
        membership: Membership = user.membership
    except (AttributeError, Membership.DoesNotExist):
        return None
    return membership.la_id if membership.role in AREA_ROLES else None


def scoped(queryset: QuerySet[Any], user: Any, area: str) -> QuerySet[Any]:
    """``queryset`` narrowed to what ``user`` may see: every row for a superuser, else the
    rows whose ``area`` (a path to a local area's id) is the user's area, else none."""
    if getattr(user, "is_superuser", False):
        return queryset
    la_id = area_of(user)
    if la_id is None:
        return queryset.none()
    return queryset.filter(**{area: la_id})


def child_of(obj: Model) -> Model | None:
    """The child a record is about: itself, its ``child``, its case's child, its appeal's
    case's child or its family contact's child."""
    from senda.people.models import Child

    if isinstance(obj, Child):
        return obj
    appeal = getattr(obj, "appeal", None)
    holders = (obj, getattr(obj, "case", None), getattr(appeal, "case", None))
    for holder in (*holders, getattr(obj, "contact", None)):
        child = getattr(holder, "child", None)
        if child is not None:
            return child  # type: ignore[no-any-return]
    return None


class AreaScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin limited to the user's area (see the module's docstring)."""

    #: The path from this model to its local area's id, for ``filter()``.
    area: str = "la_id"
    #: Whether its pages show a child's record: each view is audited, titles name no one.
    child_level: bool = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scoped(super().get_queryset(request), request.user, self.area)

    def get_list_filter(self, request: HttpRequest) -> Sequence[Any]:
        """A filter by a related record (``la``, ``plan``) offers only those in the user's
        rows, not every area's."""
        return [
            (entry, admin.RelatedOnlyFieldListFilter)
            if isinstance(entry, str) and get_fields_from_path(self.model, entry)[-1].is_relation
            else entry
            for entry in super().get_list_filter(request)
        ]

    def _related_choices(self, db_field: Any, request: HttpRequest, kwargs: dict[str, Any]) -> None:
        related = self.admin_site._registry.get(db_field.remote_field.model)
        if isinstance(related, AreaScopedAdmin) and "queryset" not in kwargs:
            kwargs["queryset"] = related.get_queryset(request)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Field | None:
        self._related_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Field | None:
        self._related_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # --- Child-level pages: audited, titled without names ---------------------------------

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        listed = isinstance(response, TemplateResponse) and response.status_code == 200
        if self.child_level and listed:
            self._audit_list(request, response)  # type: ignore[arg-type]
        return response

    def _audit_list(self, request: HttpRequest, response: TemplateResponse) -> None:
        filters: dict[str, Any] = {
            name: value for name, value in request.GET.items() if name not in NOT_FILTERS
        }
        if request.GET.get(SEARCH_VAR):
            filters["search"] = "words not recorded"
        changelist = (response.context_data or {}).get("cl")
        number = getattr(changelist, "page_num", None)
        audit.record_list(
            user=request.user,
            request=request,
            page="admin list",
            obj=self.model,
            filters=filters,
            number=number,
            la_id=area_of(request.user),
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if self.child_level:
            title = f"{self.opts.verbose_name} {object_id}"
            extra_context = {"subtitle": title.capitalize(), **(extra_context or {})}
        response = super().change_view(request, object_id, form_url, extra_context)
        if self.child_level and isinstance(response, TemplateResponse):
            self._audit_record(request, response, "original", "admin")
        return response

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if self.child_level:
            title = f"Change history: {self.opts.verbose_name} {object_id}"
            extra_context = {"title": title, **(extra_context or {})}
        response = super().history_view(request, object_id, extra_context)
        if self.child_level and isinstance(response, TemplateResponse):
            self._audit_record(request, response, "object", "admin history")
        return response

    def _audit_record(
        self, request: HttpRequest, response: TemplateResponse, key: str, summary: str
    ) -> None:
        """One ``read`` entry for a record page the admin showed (``key`` in its context)."""
        shown = (response.context_data or {}).get(key)
        if response.status_code == 200 and shown is not None:
            audit.record(
                user=request.user,
                verb="read",
                obj=shown,
                child=child_of(shown),
                request=request,
                summary=summary,
            )
