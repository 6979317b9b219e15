"""Every change to the governance record: keyword-only, atomic, permission-checked,
validated with the kernel's checks and audited. Views call these; they never ``.save()``.

Each raises :class:`~senda.kernel.ActionError` naming the form field (the keyword
argument's name, or ``"__all__"``) to show its message on.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.contrib.auth.models import User
from django.db import models, transaction

from senda import audit, kernel
from senda.governance.access import (
    can_manage_bodies,
    can_raise_on_action,
    can_raise_on_kpi,
    can_record,
)
from senda.governance.models import (
    Attendance,
    Body,
    Decision,
    Escalation,
    EscalationDecision,
    LogItem,
    Meeting,
    Member,
)
from senda.improvement.dates import check_plausible
from senda.improvement.models import Action, BoardPack
from senda.kernel import (
    ActionError,
    check_choice,
    check_not_before,
    check_not_future,
    check_permission,
    required_date,
    required_text,
)
from senda.people.models import Membership
from senda.performance import kpis

__all__ = [
    "add_log_item",
    "add_meeting",
    "add_member",
    "complete_log_item",
    "correct_decision",
    "create_body",
    "decide_escalation",
    "member_leaves",
    "raise_on_action",
    "raise_on_kpi",
    "record_attendance",
    "record_decision",
    "update_body",
]

NO_PERMISSION = "You do not have permission to change this body's record."


def _audit(by: User, obj: models.Model, la_id: int, summary: str) -> None:
    audit.record(user=by, verb="write", obj=obj, summary=summary, la_id=la_id)


def _date(value: date | None, field: str, missing: str) -> date:
    """A required date within the plausible window (5 years either side of today)."""
    day = required_date(value, field, missing)
    check_plausible(day, plan=None, field=field)
    return day


def _body_fields(name: str, kind: str, terms_of_reference: str, meets: str) -> dict[str, str]:
    check_choice(kind, Body.Kind.values, "kind", "the kind of body")
    return {
        "name": required_text(name, "name", "Enter the body's name")[:200],
        "kind": kind,
        "terms_of_reference": required_text(
            terms_of_reference, "terms_of_reference", "Enter the terms of reference"
        ),
        "meets": (meets or "").strip()[:200],
    }


def _unique_name(la_id: int, name: str, body_id: int | None = None) -> None:
    same = Body.objects.filter(la_id=la_id, name__iexact=name).exclude(pk=body_id)
    if same.exists():
        raise ActionError("name", "There is already a body with this name")


# --- Bodies and their members ---------------------------------------------------------


@transaction.atomic
def create_body(
    *, la_id: int, name: str, kind: str, terms_of_reference: str, meets: str = "", by: User
) -> Body:
    check_permission(can_manage_bodies(by, la_id), NO_PERMISSION)
    fields = _body_fields(name, kind, terms_of_reference, meets)
    _unique_name(la_id, fields["name"])
    body = Body.objects.create(la_id=la_id, **fields)
    _audit(by, body, la_id, f"governance body {body.pk} created")
    return body


@transaction.atomic
def update_body(
    *, body: Body, name: str, kind: str, terms_of_reference: str, meets: str = "", by: User
) -> Body:
    check_permission(can_manage_bodies(by, body.la_id), NO_PERMISSION)
    fields = _body_fields(name, kind, terms_of_reference, meets)
    _unique_name(body.la_id, fields["name"], body.pk)
    for key, value in fields.items():
        setattr(body, key, value)
    body.save(update_fields=[*fields])
    _audit(by, body, body.la_id, f"governance body {body.pk} changed")
    return body


def _member_user(body: Body, user: User | None) -> User | None:
    """A member's account must be of the body's area (or a partner of one of its plans)."""
    if user is None:
        return None
    in_area = Membership.objects.filter(user=user, la_id=body.la_id).exists()
    on_plan = user.plan_memberships.filter(plan__la_id=body.la_id).exists()
    if not (in_area or on_plan):
        raise ActionError("user", "Choose a person who works in this area's partnership")
    return user


def _account_name(user: User) -> str:
    return user.get_full_name().strip() or user.username


@transaction.atomic
def add_member(
    *,
    body: Body,
    name: str,
    role: str,
    organisation: str = "",
    joined_on: date | None,
    user: User | None = None,
    by: User,
) -> Member:
    check_permission(can_manage_bodies(by, body.la_id), NO_PERMISSION)
    account = _member_user(body, user)
    name = (name or "").strip() or (_account_name(account) if account else "")
    member = Member.objects.create(
        body=body,
        user=account,
        name=required_text(name, "name", "Enter the member's name")[:200],
        role=required_text(role, "role", "Enter the member's role on the body")[:200],
        organisation=(organisation or "").strip()[:200],
        joined_on=_date(joined_on, "joined_on", "Enter the date they joined"),
    )
    if (
        account is not None
        and body.members.current(kernel.today()).filter(user=account).exclude(pk=member.pk).exists()
    ):
        raise ActionError("user", "This person is already a member of the body")
    _audit(by, member, body.la_id, f"governance body {body.pk}: member {member.pk} added")
    return member


@transaction.atomic
def member_leaves(*, member: Member, left_on: date | None, by: User) -> Member:
    """Record the day a member left: their row, and their attendance, stay."""
    body = member.body
    check_permission(can_manage_bodies(by, body.la_id), NO_PERMISSION)
    if member.left_on is not None:
        raise ActionError("left_on", "This member has already left the body")
    day = _date(left_on, "left_on", "Enter the date they left")
    check_not_before(day, member.joined_on, "they joined", "left_on")
    member.left_on = day
    member.save(update_fields=["left_on"])
    _audit(by, member, body.la_id, f"governance body {body.pk}: member {member.pk} left")
    return member


# --- Meetings --------------------------------------------------------------------------


@transaction.atomic
def add_meeting(
    *,
    body: Body,
    held_on: date | None,
    board_pack: BoardPack | None = None,
    notes: str = "",
    by: User,
) -> Meeting:
    check_permission(can_record(by, body), NO_PERMISSION)
    day = _date(held_on, "held_on", "Enter the date of the meeting")
    if board_pack is not None and board_pack.plan.la_id != body.la_id:
        raise ActionError("board_pack", "Choose a board pack of this area's improvement plan")
    meeting = Meeting.objects.create(
        body=body, held_on=day, board_pack=board_pack, notes=(notes or "").strip()
    )
    _audit(by, meeting, body.la_id, f"governance meeting {meeting.pk} of body {body.pk}")
    return meeting


@transaction.atomic
def record_attendance(
    *, meeting: Meeting, statuses: Mapping[int, str], by: User
) -> list[Attendance]:
    """Each member's attendance (member id → present, apologies or absent). Only members
    of the body on the day of the meeting; a member left out keeps what was recorded."""
    body = meeting.body
    check_permission(can_record(by, body), NO_PERMISSION)
    members = {m.pk: m for m in body.members.current(meeting.held_on)}
    if not statuses:
        raise ActionError("__all__", "Record the attendance of at least one member")
    rows = []
    for member_id, status in statuses.items():
        if member_id not in members:
            raise ActionError("__all__", "Record attendance only for the body's members")
        check_choice(status, Attendance.Status.values, f"member_{member_id}", "attendance")
        row, _ = Attendance.objects.update_or_create(
            meeting=meeting, member=members[member_id], defaults={"status": status}
        )
        rows.append(row)
    _audit(by, meeting, body.la_id, f"governance meeting {meeting.pk}: attendance")
    return rows


@transaction.atomic
def record_decision(*, meeting: Meeting, text: str, by: User) -> Decision:
    body = meeting.body
    check_permission(can_record(by, body), NO_PERMISSION)
    decision = Decision.objects.create(
        meeting=meeting,
        text=required_text(text, "text", "Enter what the meeting decided"),
        recorded_by=by,
    )
    _audit(by, decision, body.la_id, f"governance meeting {meeting.pk}: decision {decision.pk}")
    return decision


@transaction.atomic
def correct_decision(*, decision: Decision, text: str, reason: str, by: User) -> Decision:
    """A new decision superseding ``decision``, which is kept as it was."""
    meeting = decision.meeting
    body = meeting.body
    check_permission(can_record(by, body), NO_PERMISSION)
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if Decision.objects.filter(supersedes=locked).exists():
        raise ActionError("__all__", "This decision has already been corrected")
    text = required_text(text, "text", "Enter the decision as it should read")
    if text == locked.text.strip():
        raise ActionError("text", "Change the decision's words, or leave it as it is")
    correction = Decision.objects.create(
        meeting=meeting,
        text=text,
        supersedes=locked,
        correction_reason=required_text(reason, "reason", "Enter why the decision is corrected"),
        recorded_by=by,
    )
    summary = f"governance meeting {meeting.pk}: decision {correction.pk} corrects {locked.pk}"
    _audit(by, correction, body.la_id, summary)
    return correction


def _owner(body: Body, owner: User | None) -> User:
    if owner is None:
        raise ActionError("owner", "Choose who owns the action")
    in_area = Membership.objects.filter(user=owner, la_id=body.la_id).exists()
    if not (in_area or body.members.filter(user=owner).exists()):
        raise ActionError("owner", "Choose a member of staff of the area or of the body")
    return owner


@transaction.atomic
def add_log_item(
    *, meeting: Meeting, text: str, owner: User | None, due_on: date | None, by: User
) -> LogItem:
    body = meeting.body
    check_permission(can_record(by, body), NO_PERMISSION)
    item = LogItem.objects.create(
        meeting=meeting,
        text=required_text(text, "text", "Enter the action"),
        owner=_owner(body, owner),
        due_on=_date(due_on, "due_on", "Enter the date the action is due"),
    )
    if item.due_on < meeting.held_on:
        raise ActionError("due_on", "The date must be on or after the meeting")
    _audit(by, item, body.la_id, f"governance meeting {meeting.pk}: action {item.pk}")
    return item


@transaction.atomic
def complete_log_item(*, item: LogItem, done_on: date | None, note: str = "", by: User) -> LogItem:
    """Its owner, or whoever records the body's meetings, marks it done."""
    body = item.meeting.body
    check_permission(item.owner_id == by.pk or can_record(by, body), NO_PERMISSION)
    if item.done_on is not None:
        raise ActionError("done_on", "This action is already done")
    day = _date(done_on, "done_on", "Enter the date the action was done")
    check_not_future(day, kernel.today(), "done_on")
    check_not_before(day, item.meeting.held_on, "the meeting", "done_on")
    item.done_on, item.done_note = day, (note or "").strip()
    item.save(update_fields=["done_on", "done_note"])
    _audit(by, item, body.la_id, f"governance action {item.pk} done")
    return item


# --- Escalations -----------------------------------------------------------------------


def _raise(
    *,
    body: Body,
    reason: str,
    by: User,
    action: Action | None = None,
    kpi_id: str = "",
    escalated_from: Escalation | None = None,
    on: date | None = None,
) -> Escalation:
    escalation = Escalation.objects.create(
        body=body,
        action=action,
        kpi_id=kpi_id,
        reason=required_text(reason, "reason", "Enter why you are raising this"),
        raised_on=on or kernel.today(),
        raised_by=by,
        escalated_from=escalated_from,
    )
    what = f"action {action.pk}" if action is not None else f"KPI {kpi_id}"
    _audit(by, escalation, body.la_id, f"escalation {escalation.pk} of {what} to body {body.pk}")
    return escalation


def _body_of_area(body: Body | None, la_id: int, field: str = "body") -> Body:
    if body is None or body.la_id != la_id:
        raise ActionError(field, "Choose a governance body of this area")
    return body


@transaction.atomic
def raise_on_action(*, action: Action, body: Body | None, reason: str, by: User) -> Escalation:
    """An action lead raises an issue about their improvement action to a body."""
    check_permission(can_raise_on_action(by, action), "Only the action's lead may raise it.")
    la_id = action.area.plan.la_id
    return _raise(body=_body_of_area(body, la_id), action=action, reason=reason, by=by)


@transaction.atomic
def raise_on_kpi(
    *, la_id: int, kpi_id: str, body: Body | None, reason: str, by: User
) -> Escalation:
    """A KPI's owner raises an issue about it to a body."""
    check_permission(can_raise_on_kpi(by, la_id), "Only the KPI's owners may raise it.")
    if not kpis.known(la_id, [kpi_id]):
        raise ActionError("kpi_id", "Choose one of the area's KPIs")
    return _raise(body=_body_of_area(body, la_id), kpi_id=kpi_id, reason=reason, by=by)


@transaction.atomic
def decide_escalation(
    *,
    escalation: Escalation,
    outcome: str,
    note: str,
    decided_on: date | None,
    meeting: Meeting | None = None,
    next_body: Body | None = None,
    by: User,
) -> EscalationDecision:
    """The body's decision: accept, re-sequence, corrective action, or escalate further to
    ``next_body`` (a new escalation there, naming this one)."""
    body = escalation.body
    check_permission(can_record(by, body), NO_PERMISSION)
    locked = Escalation.objects.select_for_update().get(pk=escalation.pk)
    if EscalationDecision.objects.filter(escalation=locked).exists():
        raise ActionError("__all__", "The body has already decided this escalation")
    check_choice(outcome, EscalationDecision.Outcome.values, "outcome", "the decision")
    note = required_text(note, "note", "Enter what the body decided and why")
    day = _date(decided_on, "decided_on", "Enter the date of the decision")
    check_not_future(day, kernel.today(), "decided_on")
    check_not_before(day, locked.raised_on, "it was raised", "decided_on")
    if meeting is not None and meeting.body_id != body.pk:
        raise ActionError("meeting", "Choose a meeting of this body")
    escalate = outcome == EscalationDecision.Outcome.ESCALATE
    if escalate:
        next_body = _body_of_area(next_body, body.la_id, "next_body")
        if next_body.pk == body.pk:
            raise ActionError("next_body", "Choose another body to escalate to")
    else:
        next_body = None
    decision = EscalationDecision.objects.create(
        escalation=locked,
        outcome=outcome,
        note=note,
        decided_on=day,
        meeting=meeting,
        next_body=next_body,
        decided_by=by,
    )
    _audit(by, decision, body.la_id, f"escalation {locked.pk} decided: {outcome}")
    if escalate and next_body is not None:
        _raise(
            body=next_body,
            action=locked.action,
            kpi_id=locked.kpi_id,
            reason=note,
            by=by,
            escalated_from=locked,
            on=day,
        )
    return decision
