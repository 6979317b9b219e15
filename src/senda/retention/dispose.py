"""What an approved disposal does to its record: anonymise it (the row stays, everything
that identifies a person goes) or delete it with everything that hangs off it. Answers
what was removed, as record types and counts (identifiers only, for the audit)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from senda.people.models import (
    CapacityDecision,
    Child,
    ChildDetailsChange,
    Delegation,
    FamilyContact,
)
from senda.portal.models import CaseMessage, Message, Upload

REMOVED = "Removed under the area's retention schedule."
#: How deep a chain of protected rows the deletion follows before it gives up.
DEPTH = 12


def delete_all(model: type[models.Model], pks: list[Any], depth: int = 0) -> Counter[str]:
    """Delete ``model``'s rows ``pks`` and every row that refers to them: rows that protect
    them (``PROTECT``, ``RESTRICT``) first, each in turn the same way. Answers the counts
    by model label."""
    counts: Counter[str] = Counter()
    if depth > DEPTH:
        raise RuntimeError(f"Rows refer to {model._meta.label} more than {DEPTH} deep.")
    while True:
        try:
            with transaction.atomic():
                _, deleted = model._default_manager.filter(pk__in=pks).delete()
        except (ProtectedError, RestrictedError) as blocked:
            found = getattr(blocked, "protected_objects", None) or blocked.restricted_objects
            by_model: dict[type[models.Model], list[Any]] = {}
            for row in found:
                by_model.setdefault(type(row), []).append(row.pk)
            for blocker, ids in by_model.items():
                counts += delete_all(blocker, ids, depth + 1)
            continue
        counts.update({label: n for label, n in deleted.items() if n})
        return counts


def _forget_files(uploads: models.QuerySet[Upload]) -> None:
    """Remove the uploads' files from storage once the transaction has committed."""
    names = [name for name in uploads.values_list("file", flat=True) if name]
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def _count(counts: Counter[str]) -> str:
    return ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))


def anonymise_child(child: Child) -> str:
    """Keep the child's row for the area's statistics; remove who they are: name, date of
    birth, identifiers and postcode, their family contacts (and what they were allowed),
    the history of changes to their details, the text of their messages, the files they
    and others uploaded and the addresses notifications went to."""
    counts: Counter[str] = Counter()
    for model in (Delegation, CapacityDecision, ChildDetailsChange, FamilyContact):
        ids = list(model._default_manager.filter(child=child).values_list("pk", flat=True))
        counts += delete_all(model, ids) if ids else Counter()
    counts += _anonymise_rows(CaseMessage.objects.filter(case__child=child))
    counts += _anonymise_rows(Upload.objects.filter(case__child=child))
    counts += _anonymise_rows(Message.objects.filter(case__child=child))
    Child.objects.filter(pk=child.pk).update(
        given_name="Anonymised",
        family_name=f"record {child.pk}",
        date_of_birth=None,
        upn="",
        uln="",
        nhs_number="",
        postcode="",
    )
    counts["people.Child"] = 1
    return _count(+counts)


def _anonymise_rows(rows: models.QuerySet[Any]) -> Counter[str]:
    label = rows.model._meta.label
    if rows.model is CaseMessage:
        return Counter({label: rows.update(body=REMOVED)})
    if rows.model is Upload:
        _forget_files(rows)
        return Counter({label: rows.update(file="", name="removed")})
    return Counter({label: rows.update(to="", personalisation={})})


MODELS: dict[str, type[models.Model]] = {
    "child": Child,
    "case_message": CaseMessage,
    "upload": Upload,
    "notification": Message,
}


def dispose(record_type: str, object_id: int, action: str) -> str:
    """Anonymise or delete one record (``action``); "already gone" if it no longer exists."""
    model = MODELS[record_type]
    rows = model._default_manager.filter(pk=object_id)
    if not rows.exists():
        return "already gone"
    if action == "anonymise":
        if record_type == "child":
            return anonymise_child(rows.get())  # type: ignore[arg-type]
        return _count(+_anonymise_rows(rows))
    if record_type == "child":
        _forget_files(Upload.objects.filter(case__child_id=object_id))
    elif record_type == "upload":
        _forget_files(rows)  # type: ignore[arg-type]
    return _count(delete_all(model, [object_id]))
