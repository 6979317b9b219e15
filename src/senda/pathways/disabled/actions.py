"""Recording on the disabled children's register: each action is keyword-only, checks
(permission, the kind's fields, dates), writes, and audits, in one transaction; it raises
``kernel.ActionError`` naming the field, having written nothing.

    entry = add_child(child=child, referred_on=day, decision="accepted", decided_on=day,
                      by=social_worker)
    record(entry=entry, kind="short_break", starts_on=day, route="local_offer",
           break_type="day", provider="Saturday club", by=social_worker)
    correct_record(record=rec, why="Wrong month", by=social_worker, starts_on=other_day)
    withdraw_record(record=rec, why="Another child's", by=social_worker)

A correction never changes the record it corrects: a new record ``replaces`` it (the
original is kept, no longer current); a withdrawal is a replacement marked ``withdrawn``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from senda import audit, kernel
from senda.kernel import WHOLE_FORM, ActionError
from senda.pathways.disabled.access import may_see_register
from senda.pathways.disabled.models import (
    BreakType,
    Decision,
    DisabledChild,
    Kind,
    RegisterRecord,
    Route,
    Status,
)
from senda.people.models import Child

__all__ = ["add_child", "correct_record", "record", "withdraw_record"]

NOT_ALLOWED = "You do not have permission to record on the disabled children's register."
#: The fields a record carries beside its dates, by kind.
DETAILS = ("decision", "route", "break_type", "status", "provider", "note")


def _date(on: date | None, today: date, field: str) -> date:
    on = kernel.required_date(on, field, "Enter the date.")
    kernel.check_not_future(on, today, field)
    return on


def checked(kind: str, fields: dict[str, Any], today: date) -> dict[str, Any]:
    """The record's fields for ``kind``, checked and cleaned (those that do not apply
    blanked); one ActionError naming every field that is wrong (``kernel.Refusals``)."""
    kernel.check_choice(kind, Kind.values, "kind", "what to record")
    refusals = kernel.Refusals()
    starts_on: date | None = None
    with refusals.check():
        starts_on = _date(fields.get("starts_on"), today, "starts_on")
    ends_on = fields.get("ends_on")
    if ends_on is not None:
        with refusals.check():
            if kind not in (Kind.SHORT_BREAK, Kind.DIRECT_PAYMENT):  # may be booked ahead
                kernel.check_not_future(ends_on, today, "ends_on")
            if starts_on is not None:
                kernel.check_not_before(ends_on, starts_on, "the start", "ends_on")
    clean: dict[str, Any] = dict.fromkeys(DETAILS, "")
    clean |= {"starts_on": starts_on, "ends_on": ends_on}
    clean["note"] = (fields.get("note") or "").strip()[:500]
    provider = (fields.get("provider") or "").strip()[:200]
    if kind == Kind.REFERRAL:
        decision = fields.get("decision") or ""
        with refusals.check():
            if decision:
                kernel.check_choice(decision, Decision.values, "decision", "the team's decision")
                if ends_on is None:
                    raise ActionError("ends_on", "Enter the date of the decision.")
            elif ends_on is not None:
                raise ActionError("decision", "Choose the team's decision.")
        clean["decision"] = decision
    elif kind == Kind.SHORT_BREAK:
        with refusals.check():
            kernel.check_choice(
                fields.get("route"), Route.values, "route", "how the short break was arranged"
            )
        with refusals.check():
            kernel.check_choice(
                fields.get("break_type"), BreakType.values, "break_type", "the kind of break"
            )
        clean |= {
            "route": fields.get("route"),
            "break_type": fields.get("break_type"),
            "provider": provider,
        }
    elif kind == Kind.DIRECT_PAYMENT:
        clean["provider"] = provider
    elif kind == Kind.STATUS:
        with refusals.check():
            kernel.check_choice(fields.get("status"), Status.values, "status", "the status")
        clean["status"] = fields.get("status")
    else:
        clean["ends_on"] = None
    refusals.raise_any()
    return clean


def _audit(by: Any, row: RegisterRecord, entry: DisabledChild, what: str) -> None:
    audit.record(
        user=by,
        verb="write",
        obj=row,
        child=entry.child,
        summary=f"disabled children register {entry.pk}: {what} {row.kind} record {row.pk}",
    )


@transaction.atomic
def add_child(
    *,
    child: Child,
    referred_on: date | None,
    by: Any,
    decision: str = "",
    decided_on: date | None = None,
    note: str = "",
    today: date | None = None,
) -> DisabledChild:
    """Put ``child`` on the register: the referral to the team (and its decision, if made)."""
    today = today or kernel.today()
    kernel.check_permission(may_see_register(by, child.la_id), NOT_ALLOWED)
    fields = checked(
        Kind.REFERRAL,
        {"starts_on": referred_on, "ends_on": decided_on, "decision": decision, "note": note},
        today,
    )
    if DisabledChild.objects.filter(la_id=child.la_id, child=child).exists():
        raise ActionError("child", "This child is already on the register.")
    entry = DisabledChild.objects.create(
        la_id=child.la_id, child=child, added_on=fields["starts_on"], added_by=by
    )
    row = RegisterRecord.objects.create(entry=entry, kind=Kind.REFERRAL, recorded_by=by, **fields)
    _audit(by, row, entry, "added with")
    return entry


def _locked(entry: DisabledChild, by: Any) -> DisabledChild:
    kernel.check_permission(may_see_register(by, entry.la_id), NOT_ALLOWED)
    return DisabledChild.objects.select_for_update().select_related("child").get(pk=entry.pk)


@transaction.atomic
def record(
    *, entry: DisabledChild, kind: str, by: Any, today: date | None = None, **fields: Any
) -> RegisterRecord:
    """Record a short break, direct payment, status, complaint (or a later referral) on
    ``entry``. ``fields``: ``starts_on``, ``ends_on`` and the kind's details."""
    today = today or kernel.today()
    entry = _locked(entry, by)
    clean = checked(kind, fields, today)
    row = RegisterRecord.objects.create(entry=entry, kind=kind, recorded_by=by, **clean)
    _audit(by, row, entry, "recorded")
    return row


def _current(row: RegisterRecord, by: Any) -> tuple[DisabledChild, RegisterRecord]:
    entry = _locked(row.entry, by)
    fresh = RegisterRecord.objects.get(pk=row.pk)
    if fresh.withdrawn or RegisterRecord.objects.filter(replaces_id=fresh.pk).exists():
        raise ActionError(WHOLE_FORM, "This record has already been corrected or withdrawn.")
    return entry, fresh


@transaction.atomic
def correct_record(
    *, record: RegisterRecord, why: str, by: Any, today: date | None = None, **changes: Any
) -> RegisterRecord:
    """Correct ``record``: a new record replaces it (both kept). Fields not given in
    ``changes`` stay as they were."""
    today = today or kernel.today()
    entry, old = _current(record, by)
    why = kernel.required_text(why, "why", "Say why the record is corrected.")[:500]
    fields = {name: getattr(old, name) for name in (*DETAILS, "starts_on", "ends_on")}
    clean = checked(old.kind, fields | changes, today)
    row = RegisterRecord.objects.create(
        entry=entry, kind=old.kind, replaces=old, why=why, recorded_by=by, **clean
    )
    _audit(by, row, entry, f"corrected record {old.pk} by")
    return row


@transaction.atomic
def withdraw_record(
    *, record: RegisterRecord, why: str, by: Any, today: date | None = None
) -> RegisterRecord:
    """Withdraw a record made in error: kept, no longer current."""
    entry, old = _current(record, by)
    why = kernel.required_text(why, "why", "Say why the record is withdrawn.")[:500]
    row = RegisterRecord.objects.create(
        entry=entry,
        kind=old.kind,
        starts_on=old.starts_on,
        replaces=old,
        withdrawn=True,
        why=why,
        recorded_by=by,
    )
    _audit(by, row, entry, f"withdrew record {old.pk} by")
    return row
