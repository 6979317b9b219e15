"""Recording a young person's transition to adult services: each action is keyword-only,
checks (permission, the kind, the date, a rating's colour, the worker's name), appends the
record and audits, in one transaction; it raises ``kernel.ActionError`` naming the field,
having written nothing.

    record_transition(child=child, kind="rating", on=day, rating="red", by=officer)
    record_transition(child=child, kind="allocated", on=day, worker="A. Worker", by=officer)
    correct_transition(record=record, on=other_day, why="Wrong month", by=officer)
    withdraw_transition(record=record, why="Recorded for the wrong young person", by=officer)

A correction never changes the record it corrects: a new record ``replaces`` it (kept, no
longer current); a withdrawal is a replacement marked ``withdrawn``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from senda import audit, kernel
from senda.kernel import ActionError
from senda.pathways.access import may_record
from senda.pathways.models import Complexity, TransitionKind, TransitionRecord
from senda.people.models import Child

__all__ = ["correct_transition", "record_transition", "withdraw_transition"]

NOT_ALLOWED = "You do not have permission to record a young person's transition."
WHY_MAX = 500
WORKER_MAX = 200


def _fields(
    child: Child, kind: str, on: date | None, rating: str, worker: str, today: date
) -> dict[str, Any]:
    kernel.check_choice(kind, TransitionKind.values, "kind", "what to record")
    on = kernel.required_date(on, "on", "Enter the date.")
    kernel.check_not_future(on, today, "on")
    if child.date_of_birth is not None and on < child.date_of_birth:
        raise ActionError("on", "The date must be after the young person was born.")
    rating = (rating or "").strip() if kind == TransitionKind.RATING else ""
    if kind == TransitionKind.RATING:
        kernel.check_choice(rating, Complexity.values, "rating", "a rating")
    worker = (worker or "").strip() if kind == TransitionKind.ALLOCATED else ""
    if kind == TransitionKind.ALLOCATED and not worker:
        raise ActionError("worker", "Enter the name of the adult social care worker.")
    if len(worker) > WORKER_MAX:
        raise ActionError("worker", f"The worker's name must be {WORKER_MAX} characters or fewer.")
    return {"kind": kind, "on": on, "rating": rating, "worker": worker}


def _audit(by: Any, record: TransitionRecord, what: str) -> None:
    audit.record(
        user=by,
        verb="write",
        obj=record,
        child=record.child,
        summary=f"transition: {record.get_kind_display().lower()} {what} (record {record.pk})",
    )


def _why(why: str) -> str:
    why = (why or "").strip()
    if not why:
        raise ActionError("why", "Say why the record is being changed.")
    if len(why) > WHY_MAX:
        raise ActionError("why", f"Reason must be {WHY_MAX} characters or fewer.")
    return why


@transaction.atomic
def record_transition(
    *,
    child: Child,
    kind: str,
    on: date | None,
    rating: str = "",
    worker: str = "",
    by: Any,
    today: date | None = None,
) -> TransitionRecord:
    """A new record of ``kind`` for ``child``, dated ``on``."""
    today = today or kernel.today()
    kernel.check_permission(may_record(by, child.la), NOT_ALLOWED)
    fields = _fields(child, kind, on, rating, worker, today)
    record = TransitionRecord.objects.create(
        la_id=child.la_id, child=child, recorded_by=by, **fields
    )
    _audit(by, record, "recorded")
    return record


def _current(record: TransitionRecord, by: Any) -> TransitionRecord:
    locked = (
        TransitionRecord.objects.select_for_update().select_related("la", "child").get(pk=record.pk)
    )
    kernel.check_permission(may_record(by, locked.la), NOT_ALLOWED)
    if locked.withdrawn or TransitionRecord.objects.filter(replaces=locked).exists():
        raise ActionError(kernel.WHOLE_FORM, "This record has already been corrected or withdrawn.")
    return locked


@transaction.atomic
def correct_transition(
    *,
    record: TransitionRecord,
    on: date | None,
    rating: str = "",
    worker: str = "",
    why: str,
    by: Any,
    today: date | None = None,
) -> TransitionRecord:
    """Replace ``record`` with one of the same kind, dated ``on`` (the first kept)."""
    today = today or kernel.today()
    old = _current(record, by)
    fields = _fields(old.child, old.kind, on, rating, worker, today)
    new = TransitionRecord.objects.create(
        la_id=old.la_id, child=old.child, replaces=old, why=_why(why), recorded_by=by, **fields
    )
    _audit(by, new, f"corrected (replaces record {old.pk})")
    return new


@transaction.atomic
def withdraw_transition(*, record: TransitionRecord, why: str, by: Any) -> TransitionRecord:
    """Withdraw ``record``, recorded in error (kept, no longer current)."""
    old = _current(record, by)
    row = TransitionRecord.objects.create(
        la_id=old.la_id,
        child=old.child,
        kind=old.kind,
        on=old.on,
        rating=old.rating,
        worker=old.worker,
        replaces=old,
        withdrawn=True,
        why=_why(why),
        recorded_by=by,
    )
    _audit(by, row, f"withdrawn (record {old.pk})")
    return row
