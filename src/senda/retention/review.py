"""The review: every record of an area past its retention period, as ``Disposal`` rows
awaiting a named officer's approval. Idempotent: a record already listed (awaiting, done,
or rejected in the last year) is not listed again."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from senda.casework.models import Case
from senda.clock.counting import add_months
from senda.kernel import LONDON
from senda.people.models import Child, LocalAuthority
from senda.portal.models import CaseMessage, Message, Upload
from senda.retention.models import Disposal, Rule
from senda.retention.schedule import ensure_schedule

#: A rejected disposal keeps the record this long before the review lists it again.
KEPT_AFTER_REJECTION = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class Found:
    object_id: int
    child_id: int | None
    due_on: date


def years_before(day: date, years: int) -> date:
    return add_months(day, -12 * years)


def _before(day: date) -> datetime:
    """The start of the day after ``day`` in London: a time field before it is on or before."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=LONDON)


def _children(rule: Rule, today: date) -> Iterator[Found]:
    cutoff = years_before(today, rule.keep_years)
    open_cases = Case.objects.filter(status=Case.Status.OPEN).values("child_id")
    rows = (
        Child.objects.filter(la_id=rule.la_id, date_of_birth__lte=cutoff)
        .exclude(pk__in=open_cases)
        .values_list("pk", "date_of_birth")
    )
    for pk, born in rows:
        yield Found(pk, pk, add_months(born, 12 * rule.keep_years))


def _dated(rows: QuerySet[Any], field: str, keep_years: int, child: str) -> Iterator[Found]:
    for pk, at, child_id in rows.values_list("pk", field, child):
        yield Found(pk, child_id, add_months(timezone.localtime(at).date(), 12 * keep_years))


def _on_closed_cases(model: Any, field: str, rule: Rule, today: date) -> Iterator[Found]:
    cutoff = _before(years_before(today, rule.keep_years))
    rows = model.objects.filter(
        case__la_id=rule.la_id, case__status=Case.Status.CLOSED, **{f"{field}__lt": cutoff}
    )
    return _dated(rows, field, rule.keep_years, "case__child_id")


def _notifications(rule: Rule, today: date) -> Iterator[Found]:
    cutoff = _before(years_before(today, rule.keep_years))
    rows = Message.objects.filter(la_id=rule.la_id, created_at__lt=cutoff)
    return _dated(rows, "created_at", rule.keep_years, "case__child_id")


def past_retention(rule: Rule, today: date) -> Iterator[Found]:
    """The records of ``rule``'s type and area whose retention period ended by ``today``."""
    if rule.record_type == "child":
        return _children(rule, today)
    if rule.record_type == "case_message":
        return _on_closed_cases(CaseMessage, "sent_at", rule, today)
    if rule.record_type == "upload":
        return _on_closed_cases(Upload, "uploaded_at", rule, today)
    return _notifications(rule, today)


def _listed(rule: Rule, today: date) -> set[int]:
    """Records of the rule's type not to list again: awaiting, done, or lately rejected."""
    rows = Disposal.objects.filter(record_type=rule.record_type, la_id=rule.la_id)
    recent = timezone.make_aware(datetime.combine(today - KEPT_AFTER_REJECTION, time.min))
    rows = rows.exclude(status=Disposal.Status.REJECTED, decided_at__lt=recent)
    return set(rows.values_list("object_id", flat=True))


def review(la: LocalAuthority, *, today: date) -> list[Disposal]:
    """List every record of ``la`` past retention on ``today`` not listed yet; answers the
    new rows (the schedule is seeded with its defaults first, if the area has none)."""
    made: list[Disposal] = []
    with transaction.atomic():
        for rule in ensure_schedule(la):
            skip = _listed(rule, today)
            made += [
                Disposal(
                    la=la,
                    rule=rule,
                    record_type=rule.record_type,
                    object_id=found.object_id,
                    child_id=found.child_id,
                    action=rule.action,
                    due_on=found.due_on,
                    listed_on=today,
                )
                for found in past_retention(rule, today)
                if found.object_id not in skip
            ]
        Disposal.objects.bulk_create(made, batch_size=500)
    return made
