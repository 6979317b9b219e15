"""The audit room: an append-only log of reads, writes and exports of children's records.

from senda import audit
audit.record(user=request.user, verb="read", obj=case, child=case.child, request=request)
audit.record_list(user=request.user, request=request, page="triage", obj=la, filters=chosen)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import Model
    from django.http import HttpRequest

    from senda.audit.models import AuditEntry

__all__ = ["describe", "latest_write", "record", "record_list"]


def latest_write(la_id: int | None) -> int:
    """The id of the area's latest audited write (0 if none).

    Every write to casework is audited in the same transaction, so this number changes
    whenever anything in the area does: pages that are costly to compute use it as their
    cache version.
    """
    from django.db.models import Max

    from senda.audit.models import AuditEntry

    found = AuditEntry.objects.filter(la_id=la_id, verb="write").aggregate(last=Max("id"))
    return found["last"] or 0


def _la_id(obj: Model | None, user: Any) -> int | None:
    """The LA the object belongs to: its own ``la``, its case's or child's, else the user's."""
    for holder in (obj, getattr(obj, "case", None), getattr(obj, "child", None)):
        la_id = getattr(holder, "la_id", None)
        if la_id is not None:
            return la_id
    membership = getattr(user, "membership", None) if user is not None else None
    return membership.la_id if membership is not None else None


def _ip(request: HttpRequest | None) -> str | None:
    """The request's address; without a request, that of the one being served, if any."""
    if request is None:
        from senda.audit.context import current_address

        return current_address()
    return request.META.get("REMOTE_ADDR") or None


def record(
    *,
    user: Any,
    verb: str,
    obj: Model | type[Model],
    child: Model | None = None,
    request: HttpRequest | None = None,
    summary: str = "",
    la_id: int | None = None,
) -> AuditEntry:
    """Write one audit entry. ``summary`` holds identifiers only, never names or notes.

    ``obj`` is the record read, written or exported, or a model (a class) for a list of its
    records (the entry then has no object id). The entry's local area is ``la_id`` if given,
    else found from ``obj`` (or the user).
    """
    from senda.audit.models import AuditEntry  # imported late: this package loads before apps

    if verb not in AuditEntry.Verb.values:
        raise ValueError(f"unknown audit verb {verb!r}")
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None  # AnonymousUser
    listing = isinstance(obj, type)
    if la_id is None:
        la_id = _la_id(None if listing else obj, user)  # type: ignore[arg-type]
    return AuditEntry.objects.create(
        user=user,
        la_id=la_id,
        verb=verb,
        object_type=obj._meta.label,
        object_id="" if listing else str(obj.pk),
        child=child,
        summary=summary,
        ip_address=_ip(request),
    )


def describe(filters: Mapping[str, Any]) -> str:
    """Filters as identifiers only, sorted by name: ``officer=3 stage=plan``.

    A model instance is written as its id, a date as YYYY-MM-DD; empty values are left out.
    """
    parts = []
    for name, value in sorted(filters.items()):
        if value in (None, "", [], ()):
            continue
        shown = value.isoformat() if hasattr(value, "isoformat") else getattr(value, "pk", value)
        parts.append(f"{name}={shown}")
    return " ".join(parts) or "no filters"


def record_list(
    *,
    user: Any,
    request: HttpRequest | None,
    page: str,
    obj: Model | type[Model],
    filters: Mapping[str, Any] | None = None,
    number: int | None = None,
    la_id: int | None = None,
) -> AuditEntry:
    """One ``read`` entry for a page view of a list that names children.

    ``page`` names the list (``case list``, ``caseload`` …); ``obj`` is what the list is of
    (the local area, a setting, an officer); ``filters`` the filters it was shown with (ids
    and choices only, never a name or search words) and ``number`` the page of the list.
    The summary reads ``caseload: officer=3 stage=plan page=2``. The entry is filed under
    ``la_id`` if given, else as :func:`record` finds it.
    """
    summary = f"{page}: {describe(filters or {})}"
    if number is not None:
        summary += f" page={number}"
    return record(user=user, verb="read", obj=obj, request=request, summary=summary, la_id=la_id)
