"""The audit log, searchable by service managers of their own local area; read-only.

Every search is itself recorded (verb ``read`` on the local area, the filters as ids in the
summary), so who looked at the log is in the log.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senda import audit
from senda.audit.models import AuditEntry
from senda.people.models import Membership, Role
from senda.web.access import membership_for
from senda.web.forms.auth import AuditSearchForm
from senda.web.phone_tables import stacked_table

PAGE_SIZE = 50
AUDITED_APPS = ("casework", "people")


def require_audit_log(user: Any) -> Membership:
    """The service manager's membership; PermissionDenied (403) for anyone else."""
    membership = membership_for(user)
    if membership is None or membership.role != Role.SERVICE_MANAGER:
        raise PermissionDenied("Only service managers can search the audit log.")
    return membership


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    membership = require_audit_log(request.user)
    form = AuditSearchForm(
        request.GET or None, users=_la_users(membership.la_id), object_types=_object_types()
    )
    entries = AuditEntry.objects.filter(la_id=membership.la_id).select_related("user")
    if form.is_valid():
        entries = _filtered(entries, form.cleaned_data)
    elif form.is_bound:
        entries = entries.none()
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    audit.record(
        user=request.user, verb="read", obj=membership.la, request=request, summary=_summary(form)
    )
    context = {
        "form": form,
        "page_obj": page,
        "table": _table(rows),
    }
    return render(request, "web/audit/log.html", context)


def _la_users(la_id: int) -> QuerySet[Any]:
    return get_user_model().objects.filter(membership__la_id=la_id).order_by("username")


def _object_types() -> list[tuple[str, str]]:
    """(label, name) of the models audit entries can be about, by name (no query)."""
    labels = (
        m._meta.label for name in AUDITED_APPS for m in apps.get_app_config(name).get_models()
    )
    return sorted(((label, record_name(label)) for label in labels), key=lambda t: t[1])


def record_name(label: str) -> str:
    """What a reader calls the kind of record an entry is about: "Case" for
    ``casework.Case``; the label itself for a model Senda no longer has."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return label
    return str(model._meta.verbose_name).capitalize()


def _filtered(entries: QuerySet[AuditEntry], data: dict[str, Any]) -> QuerySet[AuditEntry]:
    if data.get("user"):
        entries = entries.filter(user=data["user"])
    if data.get("verb"):
        entries = entries.filter(verb=data["verb"])
    if data.get("object_type"):
        entries = entries.filter(object_type=data["object_type"])
    if data.get("case"):
        case_id = data["case"]
        about_case = Q(object_type="casework.Case", object_id=str(case_id))
        entries = entries.filter(about_case | Q(summary__startswith=f"case {case_id}:"))
    if data.get("child"):
        entries = entries.filter(child_id=data["child"])
    if data.get("since"):
        entries = entries.filter(at__gte=_start_of(data["since"]))
    if data.get("until"):
        entries = entries.filter(at__lt=_start_of(data["until"] + timedelta(days=1)))
    return entries


def _start_of(day: Any) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _summary(form: AuditSearchForm) -> str:
    """The search as identifiers only, e.g. ``audit log search: user=3 case=12``."""
    if not form.is_bound or not form.is_valid():
        return "audit log search"
    values = {k: getattr(v, "pk", v) for k, v in form.cleaned_data.items() if v}
    return " ".join(["audit log search:", *(f"{k}={v}" for k, v in values.items())])


def _table(entries: list[AuditEntry]) -> SafeString:
    head = ["When", "Who", "Action", "Record", "Child", "Details", "From"]
    return stacked_table(
        caption="Audit entries, newest first",
        captionClasses="govuk-visually-hidden",
        head=[{"text": text} for text in head],  # type: ignore[misc]
        rows=[_row(entry) for entry in entries],  # type: ignore[arg-type]
        classes="govuk-table--small-text-until-tablet",
    ).render()


def _row(entry: AuditEntry) -> list[dict[str, Any]]:
    who = entry.user.get_username() if entry.user else "Nobody signed in"
    return [
        {"text": date_format(timezone.localtime(entry.at), "j M Y, H:i:s")},
        {"text": who},
        {"text": entry.get_verb_display()},
        {"html": _record(entry)},
        {"text": str(entry.child_id or "")},
        {"text": entry.summary},
        {"text": entry.ip_address or "Not known"},
    ]


def _record(entry: AuditEntry) -> SafeString:
    label = f"{record_name(entry.object_type)} {entry.object_id}"
    if entry.object_type == "casework.Case" and entry.object_id.isdigit():
        href = reverse("web:case-detail", args=[int(entry.object_id)])
        return format_html('<a class="govuk-link" href="{}">{}</a>', href, label)
    return format_html("{}", label)


urlpatterns: list[URLPattern] = [path("audit/", audit_log, name="audit-log")]
