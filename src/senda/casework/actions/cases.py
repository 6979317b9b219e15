"""Who holds a case, and closing it."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit
from senda.casework.actions.base import ActionError, begin
from senda.casework.models import Case
from senda.people.models import Role


@transaction.atomic
def reassign_case(*, case: Case, officer: User | None, by: User) -> Case:
    """Give the case to ``officer`` (a case officer or manager of the same LA), or nobody."""
    given = case
    case, _ = begin(case, by, None)
    if officer is not None:
        membership = getattr(officer, "membership", None)
        if (
            membership is None
            or membership.la_id != case.la_id
            or membership.role
            not in (
                Role.CASE_OFFICER,
                Role.TEAM_MANAGER,
            )
        ):
            raise ActionError("officer", "Choose a case officer or team manager of this LA.")
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
