"""Complaints about a case: received and closed. Open complaints raise the triage score.

Only dates, the stage and the outcome are recorded (no complaint text): see
``senda.casework.models.Complaint``.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit, kernel
from senda.casework.actions.base import begin
from senda.casework.models import Case, Complaint
from senda.kernel import WHOLE_FORM, ActionError, check_choice, check_not_before, check_not_future
from senda.people.models import Membership


@transaction.atomic
def record_complaint(
    *, case: Case, received_on: date, stage: int, by: User, today: date | None = None
) -> Complaint:
    """A complaint about the case was received at ``stage`` (1, 2 or the Ombudsman)."""
    case, today = begin(case, by, today)
    check_not_future(received_on, today, field="received_on")
    check_choice(stage, Complaint.Stage.values, "stage", "the stage of the complaint")
    complaint = Complaint.objects.create(
        case=case, received_on=received_on, stage=stage, recorded_by=by
    )
    audit.record(
        user=by,
        verb="write",
        obj=complaint,
        child=case.child,
        summary=f"case {case.pk}: complaint {complaint.pk} received (stage {stage})",
    )
    return complaint


@transaction.atomic
def close_complaint(
    *, complaint: Complaint, on: date, outcome: str, by: User, today: date | None = None
) -> Complaint:
    """The complaint was closed on ``on`` with ``outcome`` (also allowed on a closed case)."""
    given = complaint
    complaint = (
        Complaint.objects.select_for_update().select_related("case__child").get(pk=complaint.pk)
    )
    _check_may_write(complaint.case, by)
    if not complaint.is_open:
        raise ActionError(WHOLE_FORM, "This complaint is already closed.")
    today = today or kernel.today()
    check_not_future(on, today)
    check_not_before(on, complaint.received_on, "the complaint was received")
    check_choice(outcome, Complaint.Outcome.values, "outcome", "the outcome")
    complaint.closed_on, complaint.outcome = on, outcome
    complaint.save(update_fields=["closed_on", "outcome"])
    given.closed_on, given.outcome = on, outcome
    audit.record(
        user=by,
        verb="write",
        obj=complaint,
        child=complaint.case.child,
        summary=f"case {complaint.case_id}: complaint {complaint.pk} closed ({outcome})",
    )
    return complaint


def _check_may_write(case: Case, by: User) -> None:
    membership = Membership.objects.filter(user_id=by.pk).first()
    if membership is None or not membership.can_write_casework(case.la_id):
        raise ActionError(WHOLE_FORM, "You do not have permission to record steps on this case.")
