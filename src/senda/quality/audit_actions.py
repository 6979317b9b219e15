"""Actions an audit flags, tracked to completion: raised by the QA lead or one of the
audit's auditors, assigned to a member of the council's staff with a due date, completed
with a note (by the assignee or a QA lead) or cancelled with a reason (a QA lead). An
action may bring the plan's review forward: the early review is asked for through the
casework action (``casework.actions.early_review.ask_early_review``) and linked.

The seed's KPI "flagged actions completed on time" (100%) reads ``on_time``: completed on
or before its due date. Every write is audited by ids.

    action = raise_action(audit=a, text="…", assigned_to=officer, due_on=d, by=lead)
    complete_action(action=action, note="Section F now says how often", by=officer)
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Case, QuerySet, Value, When

from senda import audit as audit_log
from senda import kernel
from senda.casework.actions.early_review import ask_early_review
from senda.kernel import ActionError, check_permission, required_text
from senda.people.models import Membership
from senda.quality.access import QA_READ_ROLES, is_auditor, membership_of, qa_lead, qa_staff
from senda.quality.models import Audit, AuditAction

TEXT_MAX = 500
NOTE_MAX = 4000
REASON_MAX = 300


def on_time(action: AuditAction) -> bool | None:
    """True if completed on or before its due date, False if completed late, None while
    open or once cancelled (it counts neither way)."""
    if action.completed_on is None:
        return None
    return action.completed_on <= action.due_on


def staff_of(la_id: int) -> QuerySet[Membership]:
    """The council's staff of the area, to whom an action may be assigned."""
    return (
        Membership.objects.filter(la_id=la_id, role__in=QA_READ_ROLES)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )


def actions_for(user: Any) -> QuerySet[AuditAction]:
    """The audit actions ``user`` sees on the actions page: a QA lead every action of the
    area, other council staff the actions assigned to them, their own first; nobody else
    any."""
    staff = qa_staff(user)
    if staff is None:
        return AuditAction.objects.none()
    actions = AuditAction.objects.filter(audit__la_id=staff.la_id)
    if qa_lead(user) is None:
        actions = actions.filter(assigned_to_id=user.pk)
    mine = Case(When(assigned_to_id=user.pk, then=Value(0)), default=Value(1))
    return (
        actions.annotate(mine=mine)
        .order_by("mine", "due_on", "id")
        .select_related("audit", "assigned_to")
    )  # type: ignore[no-any-return]


def action_for(user: Any, action_id: int) -> AuditAction | None:
    """One action the user may open (council staff of its area), or None (404)."""
    staff = qa_staff(user)
    if staff is None:
        return None
    return (
        AuditAction.objects.filter(pk=action_id, audit__la_id=staff.la_id)
        .select_related("audit", "audit__case", "assigned_to", "early_review")
        .first()
    )


def may_raise(user: Any, audit: Audit) -> bool:
    """The audit's QA lead (any QA lead of the area) or one of its auditors, on an audit
    not withdrawn."""
    if audit.withdrawn_on is not None:
        return False
    lead = qa_lead(user)
    return (lead is not None and lead.la_id == audit.la_id) or is_auditor(user, audit)


def may_complete(user: Any, action: AuditAction) -> bool:
    lead = qa_lead(user)
    return action.assigned_to_id == getattr(user, "pk", None) or (
        lead is not None and lead.la_id == action.audit.la_id
    )


def may_cancel(user: Any, action: AuditAction) -> bool:
    lead = qa_lead(user)
    return lead is not None and lead.la_id == action.audit.la_id


def _write(by: Any, action: AuditAction, summary: str) -> None:
    audit_log.record(
        user=by, verb="write", obj=action, child=action.audit.case.child, summary=summary
    )


@transaction.atomic
def raise_action(
    *,
    audit: Audit,
    text: str,
    assigned_to: Any,
    due_on: date,
    by: Any,
    early_review_by: date | None = None,
    today: date | None = None,
) -> AuditAction:
    """Raise an action from ``audit`` for ``assigned_to`` (council staff of the area) to do
    by ``due_on`` (today or later). With ``early_review_by``, the plan's review is brought
    forward to that date through the casework action, and linked."""
    audit = Audit.objects.select_related("case__child").get(pk=audit.pk)
    check_permission(may_raise(by, audit), "Only the audit's lead or auditors can raise actions.")
    today = today or kernel.today()
    text = required_text(text, "text", "Enter what needs to be done")
    if len(text) > TEXT_MAX:
        raise ActionError("text", f"The action must be {TEXT_MAX} characters or fewer")
    assignee = membership_of(assigned_to)
    if assignee is None or assignee.la_id != audit.la_id or assignee.role not in QA_READ_ROLES:
        raise ActionError("assigned_to", "Choose a member of the council's staff of this area")
    if due_on is None:
        raise ActionError("due_on", "Enter the date the action is due")
    if due_on < today:
        raise ActionError("due_on", "The date the action is due must be today or later")
    early = None
    if early_review_by is not None:
        try:
            early = ask_early_review(
                case=audit.case,
                review_by=early_review_by,
                reason=text,
                source=f"QA audit {audit.pk}",
                by=by,
                today=today,
            )
        except ActionError as error:
            field = {"review_by": "early_review_by", "reason": "text"}.get(error.field, error.field)
            raise ActionError(field, error.message) from error
    action = AuditAction.objects.create(
        audit=audit,
        text=text,
        assigned_to=assigned_to,
        due_on=due_on,
        raised_on=today,
        raised_by=by,
        early_review=early,
    )
    _write(
        by,
        action,
        f"audit {audit.pk}: action {action.pk} raised for {assigned_to.pk} due {due_on:%Y-%m-%d}"
        + (f", early review {early.pk}" if early is not None else ""),
    )
    return action


def _locked_open(action: AuditAction) -> AuditAction:
    locked = (
        AuditAction.objects.select_for_update()
        .select_related("audit__case__child")
        .get(pk=action.pk)
    )
    if locked.completed_on is not None or locked.cancelled_on is not None:
        raise ActionError(kernel.WHOLE_FORM, "This action is closed: it cannot change")
    return locked


@transaction.atomic
def complete_action(
    *, action: AuditAction, note: str, by: Any, today: date | None = None
) -> AuditAction:
    """The action is done today: its assignee or a QA lead says what was done."""
    action = _locked_open(action)
    check_permission(
        may_complete(by, action), "Only the person it is assigned to or a QA lead can complete it."
    )
    today = today or kernel.today()
    note = required_text(note, "note", "Say what was done")
    if len(note) > NOTE_MAX:
        raise ActionError("note", f"The note must be {NOTE_MAX} characters or fewer")
    action.completed_on = today
    action.completion_note = note
    action.save(update_fields=["completed_on", "completion_note"])
    timing = "on time" if on_time(action) else "late"
    _write(by, action, f"audit {action.audit_id}: action {action.pk} completed {timing}")
    return action


@transaction.atomic
def cancel_action(
    *, action: AuditAction, reason: str, by: Any, today: date | None = None
) -> AuditAction:
    """A QA lead cancels an action no longer needed, with a reason."""
    action = _locked_open(action)
    check_permission(may_cancel(by, action), "Only a QA lead can cancel an action.")
    today = today or kernel.today()
    reason = required_text(reason, "reason", "Enter why the action is cancelled")
    if len(reason) > REASON_MAX:
        raise ActionError("reason", f"The reason must be {REASON_MAX} characters or fewer")
    action.cancelled_on = today
    action.cancel_reason = reason
    action.save(update_fields=["cancelled_on", "cancel_reason"])
    _write(by, action, f"audit {action.audit_id}: action {action.pk} cancelled")
    return action
