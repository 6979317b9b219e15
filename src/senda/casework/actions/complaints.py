"""Complaints about a case, through the council's two stages and the Ombudsman.

Each step is a date on the complaint (``senda.casework.models.Complaint``); the time limits
they start are the clock's (``senda.clock.disagreements.complaint_deadlines``, shown by
``senda.casework.disagreements``). An officer records a complaint made by letter, phone or
e-mail (:func:`record_complaint`); a family makes its own online
(:func:`make_complaint_online`). A complaint may be made, and its steps recorded, on a
closed case. Open complaints raise the triage score. See ``docs/disagreements.md``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit, kernel
from senda.casework.actions.base import begin
from senda.casework.disagreements import stage1_due
from senda.casework.models import Case, Complaint
from senda.clock import england_and_wales
from senda.kernel import (
    WHOLE_FORM,
    ActionError,
    check_choice,
    check_not_before,
    check_not_future,
    check_permission,
    long_date,
    required_text,
)
from senda.people.families import may_act

#: The most a stage 1 reply may be put back (LGSCO Complaint Handling Code 5.4: up to 10
#: more working days, with the reason given to the family).
MAX_EXTENSION_DAYS = 10
#: The largest sum of money Senda records (an Ombudsman's payment, a cost line).
MAX_MONEY = Decimal("10000000")
SUMMARY_LIMIT = 5000


@transaction.atomic
def record_complaint(
    *,
    case: Case,
    received_on: date,
    summary: str,
    category: str = Complaint.Category.OTHER,
    stage: int = Complaint.Stage.STAGE_1,
    by: User,
    today: date | None = None,
) -> Complaint:
    """A complaint about the case was received at ``stage`` (1, 2 or the Ombudsman), by
    letter, phone or e-mail: an officer records it (a closed case too)."""
    case, today = begin(case, by, today, may_be_closed=True)
    check_not_future(received_on, today, field="received_on")
    check_choice(stage, Complaint.Stage.values, "stage", "the stage of the complaint")
    return _create(case, received_on, stage, category, summary, False, by)


@transaction.atomic
def make_complaint_online(
    *, case: Case, category: str, summary: str, by: User, today: date | None = None
) -> Complaint:
    """A family member who may act for the child (``people.families.may_act``) makes a
    stage 1 complaint in Senda, received today."""
    today = today or kernel.today()
    locked = Case.objects.select_for_update().select_related("la", "child").get(pk=case.pk)
    check_permission(
        may_act(by, locked.child, today), "You cannot make a complaint about this child's plan."
    )
    return _create(locked, today, Complaint.Stage.STAGE_1, category, summary, True, by)


def _create(
    case: Case,
    received_on: date,
    stage: int,
    category: str,
    summary: str,
    made_online: bool,
    by: User,
) -> Complaint:
    check_choice(category, Complaint.Category.values, "category", "what the complaint is about")
    text = required_text(summary, "summary", "Enter what the complaint is about.")
    if len(text) > SUMMARY_LIMIT:
        raise ActionError(
            "summary", f"What the complaint is about must be {SUMMARY_LIMIT:,} characters or fewer."
        )
    complaint = Complaint.objects.create(
        case=case,
        received_on=received_on,
        stage=stage,
        category=category,
        summary=text,
        made_online=made_online,
        recorded_by=by,
    )
    how = "made online" if made_online else "received"
    audit.record(
        user=by,
        verb="write",
        obj=complaint,
        child=case.child,
        summary=f"case {case.pk}: complaint {complaint.pk} {how} (stage {stage})",
    )
    return complaint


def _begin(complaint: Complaint, by: User, today: date | None) -> tuple[Complaint, date]:
    """Check ``by`` may write to the complaint's case (closed or not), lock the complaint."""
    _, today = begin(complaint.case, by, today, may_be_closed=True)
    locked = Complaint.objects.select_for_update().select_related("case__child", "case__la")
    return locked.get(pk=complaint.pk), today


def _check_open(complaint: Complaint) -> None:
    if not complaint.is_open:
        raise ActionError(WHOLE_FORM, "This complaint is closed.")


def _check_date(on: date, complaint: Complaint, today: date, field: str = "on") -> None:
    check_not_future(on, today, field=field)
    check_not_before(on, complaint.received_on, "the complaint was received", field=field)


def _save(complaint: Complaint, by: User, what: str, **fields: object) -> Complaint:
    for name, value in fields.items():
        setattr(complaint, name, value)
    complaint.save(update_fields=list(fields))
    audit.record(
        user=by,
        verb="write",
        obj=complaint,
        child=complaint.case.child,
        summary=f"case {complaint.case_id}: complaint {complaint.pk} {what}",
    )
    return complaint


@transaction.atomic
def acknowledge_complaint(
    *, complaint: Complaint, on: date, by: User, today: date | None = None
) -> Complaint:
    """The council acknowledged the complaint on ``on``."""
    complaint, today = _begin(complaint, by, today)
    _check_open(complaint)
    if complaint.acknowledged_on is not None:
        raise ActionError(WHOLE_FORM, "This complaint has already been acknowledged.")
    _check_date(on, complaint, today)
    return _save(complaint, by, "acknowledged", acknowledged_on=on)


@transaction.atomic
def respond_complaint(
    *, complaint: Complaint, on: date, by: User, today: date | None = None
) -> Complaint:
    """The council sent its stage 1 response on ``on``."""
    complaint, today = _begin(complaint, by, today)
    _check_open(complaint)
    if complaint.stage1_responded_on is not None:
        raise ActionError(WHOLE_FORM, "The stage 1 response is already recorded.")
    _check_date(on, complaint, today)
    if complaint.acknowledged_on is not None:
        check_not_before(on, complaint.acknowledged_on, "the complaint was acknowledged")
    return _save(complaint, by, "stage 1 response", stage1_responded_on=on)


@transaction.atomic
def extend_complaint(
    *,
    complaint: Complaint,
    extended_to: date,
    reason: str,
    by: User,
    today: date | None = None,
) -> Complaint:
    """The stage 1 reply is put back to ``extended_to`` (at most 10 more working days),
    for ``reason`` (told to the family)."""
    complaint, today = _begin(complaint, by, today)
    _check_open(complaint)
    if complaint.stage1_responded_on is not None:
        raise ActionError(WHOLE_FORM, "The stage 1 response has already been sent.")
    if complaint.extended_to is not None:
        raise ActionError(WHOLE_FORM, "The stage 1 response has already been extended once.")
    text = required_text(reason, "reason", "Enter the reason for the extension.")
    due = stage1_due(complaint)
    days = complaint.case.la.complaint_stage1_days + MAX_EXTENSION_DAYS
    latest = england_and_wales().add_working_days(complaint.received_on, days)
    if extended_to <= due:
        raise ActionError(
            "extended_to", f"The new date must be after the response is due ({long_date(due)})."
        )
    if extended_to > latest:
        raise ActionError(
            "extended_to",
            f"The new date must be at most {MAX_EXTENSION_DAYS} more working days, "
            f"by {long_date(latest)}.",
        )
    return _save(
        complaint,
        by,
        f"stage 1 extended to {extended_to}",
        extended_to=extended_to,
        extension_reason=text,
    )


@transaction.atomic
def escalate_complaint(
    *, complaint: Complaint, on: date, by: User, today: date | None = None
) -> Complaint:
    """The family asked on ``on`` for the complaint to go to stage 2."""
    complaint, today = _begin(complaint, by, today)
    _check_open(complaint)
    if complaint.escalated_on is not None or complaint.stage != Complaint.Stage.STAGE_1:
        raise ActionError(WHOLE_FORM, "This complaint is already past stage 1.")
    _check_date(on, complaint, today)
    if complaint.stage1_responded_on is not None:
        check_not_before(on, complaint.stage1_responded_on, "the stage 1 response")
    return _save(complaint, by, "escalated to stage 2", escalated_on=on, stage=2)


@transaction.atomic
def respond_stage2(
    *, complaint: Complaint, on: date, by: User, today: date | None = None
) -> Complaint:
    """The council sent its stage 2 response on ``on``."""
    complaint, today = _begin(complaint, by, today)
    _check_open(complaint)
    if complaint.escalated_on is None:
        raise ActionError(WHOLE_FORM, "Record that the family asked for stage 2 first.")
    if complaint.stage2_responded_on is not None:
        raise ActionError(WHOLE_FORM, "The stage 2 response is already recorded.")
    check_not_future(on, today)
    check_not_before(on, complaint.escalated_on, "the family asked for stage 2")
    return _save(complaint, by, "stage 2 response", stage2_responded_on=on)


@transaction.atomic
def close_complaint(
    *,
    complaint: Complaint,
    on: date,
    outcome: str,
    learning: str = "",
    by: User,
    today: date | None = None,
) -> Complaint:
    """The complaint was closed on ``on`` with ``outcome`` and what the service learned
    (also allowed on a closed case)."""
    given = complaint
    complaint, today = _begin(complaint, by, today)
    if not complaint.is_open:
        raise ActionError(WHOLE_FORM, "This complaint is already closed.")
    check_not_future(on, today)
    check_not_before(on, complaint.received_on, "the complaint was received")
    check_choice(outcome, Complaint.Outcome.values, "outcome", "the outcome")
    _save(
        complaint,
        by,
        f"closed ({outcome})",
        closed_on=on,
        outcome=outcome,
        learning=(learning or "").strip(),
    )
    given.closed_on, given.outcome, given.learning = on, outcome, complaint.learning
    return complaint


@transaction.atomic
def refer_to_ombudsman(
    *, complaint: Complaint, on: date, reference: str = "", by: User, today: date | None = None
) -> Complaint:
    """The family took the complaint to the Local Government and Social Care Ombudsman on
    ``on`` (the Ombudsman's ``reference``, if known)."""
    complaint, today = _begin(complaint, by, today)
    if complaint.ombudsman_on is not None:
        raise ActionError(WHOLE_FORM, "This complaint is already with the Ombudsman.")
    _check_date(on, complaint, today)
    reference = (reference or "").strip()
    if len(reference) > 20:
        raise ActionError("reference", "The Ombudsman's reference must be 20 characters or fewer.")
    return _save(
        complaint,
        by,
        "referred to the Ombudsman",
        ombudsman_on=on,
        ombudsman_reference=reference,
        stage=Complaint.Stage.OMBUDSMAN,
    )


def check_money(amount: Decimal | None, field: str, what: str, *, positive: bool) -> None:
    """``amount`` is a sum Senda records: pence at most, positive (or not negative), and
    no more than £10,000,000."""
    if amount is None:
        raise ActionError(field, f"Enter {what}.")
    if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ActionError(field, f"{what.capitalize()} must be in pounds and pence.")
    if amount < 0 or (positive and amount == 0):
        raise ActionError(field, f"{what.capitalize()} must be more than £0.")
    if amount > MAX_MONEY:
        raise ActionError(field, f"{what.capitalize()} must be £{MAX_MONEY:,.0f} or less.")


@transaction.atomic
def record_ombudsman_decision(
    *,
    complaint: Complaint,
    on: date,
    decision: str,
    remedy: str = "",
    payment: Decimal | None = None,
    by: User,
    today: date | None = None,
) -> Complaint:
    """The Ombudsman decided on ``on``: ``decision``, any ``remedy`` and ``payment``."""
    complaint, today = _begin(complaint, by, today)
    if complaint.ombudsman_on is None:
        raise ActionError(WHOLE_FORM, "Record that the complaint went to the Ombudsman first.")
    if complaint.ombudsman_decision:
        raise ActionError(WHOLE_FORM, "The Ombudsman's decision is already recorded.")
    check_not_future(on, today)
    check_not_before(on, complaint.ombudsman_on, "the complaint went to the Ombudsman")
    check_choice(
        decision, Complaint.OmbudsmanDecision.values, "decision", "the Ombudsman's decision"
    )
    if payment is not None:
        check_money(payment, "payment", "the payment", positive=False)
    return _save(
        complaint,
        by,
        f"Ombudsman decided ({decision})",
        ombudsman_decided_on=on,
        ombudsman_decision=decision,
        ombudsman_remedy=(remedy or "").strip(),
        ombudsman_payment=payment,
    )
