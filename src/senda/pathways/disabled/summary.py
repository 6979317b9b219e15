"""The register as its pages read it: one row a child (open statuses, short breaks in the
last year, whether a direct payment is running), and a child's records, corrections kept
beside what they corrected; finding a child of the area to add."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from senda.pathways.disabled.models import DisabledChild, Kind, RegisterRecord, Status
from senda.people.models import Child

__all__ = ["Row", "find_child", "records_of", "rows"]


@dataclass
class Row:
    entry: DisabledChild
    statuses: list[str] = field(default_factory=list)
    breaks: int = 0
    local_offer: int = 0
    direct_payment: bool = False


def _open(record: RegisterRecord, today: date) -> bool:
    return record.starts_on <= today and (record.ends_on is None or record.ends_on >= today)


def rows(la_id: int, today: date, status: str = "") -> list[Row]:
    """Every child on the area's register (``status``: only those with it open today)."""
    entries = {
        e.pk: Row(e)
        for e in DisabledChild.objects.of_area(la_id)
        .select_related("child")
        .order_by("-added_on", "-id")
    }
    labels = dict(Status.choices)
    year_ago = today - timedelta(days=365)
    for record in RegisterRecord.objects.current().of_area(la_id).order_by("starts_on", "id"):
        row = entries[record.entry_id]
        if record.kind == Kind.STATUS and _open(record, today):
            row.statuses.append(labels[record.status])
        elif record.kind == Kind.SHORT_BREAK and record.starts_on >= year_ago:
            row.breaks += 1
            row.local_offer += record.route == "local_offer"
        elif record.kind == Kind.DIRECT_PAYMENT and _open(record, today):
            row.direct_payment = True
    found = list(entries.values())
    if status:
        found = [row for row in found if labels.get(status) in row.statuses]
    return found


def records_of(entry: DisabledChild) -> list[tuple[RegisterRecord, bool]]:
    """Every record of ``entry`` as recorded, each with whether it still stands."""
    every = list(
        RegisterRecord.objects.filter(entry=entry)
        .select_related("recorded_by")
        .order_by("kind", "starts_on", "id")
    )
    replaced = {r.replaces_id for r in every if r.replaces_id}
    return [(r, r.pk not in replaced and not r.withdrawn) for r in every]


def find_child(la_id: int, identifier: str, born: date | None) -> Child | None:
    """The area's child with this NHS number or UPN and date of birth (both must match)."""
    text = "".join(identifier.split()).upper()
    if not text or born is None:
        return None
    return (
        Child.objects.filter(la_id=la_id, date_of_birth=born)
        .filter(Q(nhs_number=text) | Q(upn=text))
        .first()
    )
