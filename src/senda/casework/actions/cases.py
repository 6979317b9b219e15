"""Who holds a case, moving many cases between officers, and closing a case."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit
from senda.casework.actions.base import begin
from senda.casework.caseloads import CASE_HOLDER_ROLES, CASELOAD_MANAGER_ROLES
from senda.casework.models import Case
from senda.kernel import WHOLE_FORM, ActionError
from senda.people.models import Membership


def check_holder(officer: User, la_id: int) -> None:
    """``officer`` may hold cases of the LA: a case officer or team manager of it."""
    membership = Membership.objects.filter(user_id=officer.pk).first()
    if membership is None or membership.la_id != la_id or membership.role not in CASE_HOLDER_ROLES:
        raise ActionError("officer", "Choose a case officer or team manager of this LA.")


@transaction.atomic
def reassign_case(*, case: Case, officer: User | None, by: User) -> Case:
    """Give the case to ``officer`` (a case officer or manager of the same LA), or nobody."""
    given = case
    case, _ = begin(case, by, None)
    if officer is not None:
        check_holder(officer, case.la_id)
    was = case.officer_id
    case.officer = given.officer = officer
    case.save(update_fields=["officer"])
    audit.record(
        user=by,
        verb="write",
        obj=case,
        child=case.child,
        summary=f"case {case.pk}: officer {was} -> {officer.pk if officer else None}",
    )
    return case


@transaction.atomic
def reassign_cases(*, cases: Iterable[Case], officer: User, by: User) -> list[Case]:
    """Move every case in ``cases`` to ``officer``, all or none: a team or service manager
    of the cases' LA moves open cases to a case officer or team manager of the same LA
    who does not already hold them. One audit entry (a write) per case."""
    ids = sorted({case.pk for case in cases})
    if not ids:
        raise ActionError("cases", "Select the cases to move.")
    manager = Membership.objects.filter(user_id=by.pk).first()
    if manager is None or manager.role not in CASELOAD_MANAGER_ROLES:
        raise ActionError(WHOLE_FORM, "Only a team manager or service manager can move cases.")
    in_area = Case.objects.filter(pk__in=ids, la_id=manager.la_id).select_related("child")
    locked = list(in_area.select_for_update(of=("self",)).order_by("pk"))
    _check_movable(locked, ids, officer, manager.la_id)
    Case.objects.filter(pk__in=ids).update(officer=officer)
    for case in locked:
        was, case.officer = case.officer_id, officer
        audit.record(
            user=by,
            verb="write",
            obj=case,
            child=case.child,
            summary=f"case {case.pk}: officer {was} -> {officer.pk}",
        )
    return locked


def _check_movable(locked: list[Case], ids: list[int], officer: User, la_id: int) -> None:
    if len(locked) != len(ids):
        raise ActionError("cases", "A case you selected is not one of your area's cases.")
    closed = [case.pk for case in locked if not case.is_open]
    if closed:
        raise ActionError("cases", f"Case {closed[0]} is closed: only open cases can be moved.")
    check_holder(officer, la_id)
    held = [case.pk for case in locked if case.officer_id == officer.pk]
    if held:
        raise ActionError("officer", f"Choose someone else: they already hold case {held[0]}.")


@transaction.atomic
def close_case(*, case: Case, by: User) -> Case:
    """Close the case: no further steps may be recorded on it."""
    given = case
    case, _ = begin(case, by, None)
    case.status = given.status = Case.Status.CLOSED
    case.save(update_fields=["status"])
    audit.record(
        user=by, verb="write", obj=case, child=case.child, summary=f"case {case.pk}: closed"
    )
    return case
