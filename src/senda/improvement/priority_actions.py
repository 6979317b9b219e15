"""Every change to the partnership's priorities: the "I" and "We" statements, a quarter's
RAGB rating and narrative, and the key actions for the coming quarter. Keyword-only,
atomic, permission-checked (a manager of the plan: ``access.can_manage_plan``), validated
and audited; each raises :class:`~senda.kernel.ActionError` naming the form field.

Nothing is overwritten: statements and ratings are new rows (the latest counts); a key
action removed is withdrawn, one reworded is withdrawn and replaced. A published list of
key actions is frozen: every change to it is refused.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit, kernel
from senda.improvement.access import can_manage_plan
from senda.improvement.models import (
    RAGB,
    ImprovementArea,
    ImprovementPlan,
    KeyAction,
    KeyActionList,
    PriorityRating,
    PriorityStatement,
)
from senda.improvement.priorities import draw
from senda.kernel import WHOLE_FORM, ActionError, check_permission, required_text
from senda.performance.periods import Period, parse

__all__ = [
    "add_key_action",
    "publish_key_actions",
    "rate_priority",
    "redraw_key_actions",
    "remove_key_action",
    "reword_key_action",
    "start_key_actions",
    "write_statements",
]

NO_PERMISSION = "Only the plan's managers change its priorities."
PUBLISHED = "The key actions for {} are published and can no longer change."
LONGEST = 2000


def _begin(by: User, plan: ImprovementPlan) -> date:
    check_permission(can_manage_plan(by, plan), NO_PERMISSION)
    return kernel.today()


def _audit(by: User, obj: object, plan: ImprovementPlan, summary: str) -> None:
    audit.record(
        user=by, verb="write", obj=obj, summary=f"plan {plan.pk}: {summary}", la_id=plan.la_id
    )


def _text(value: str | None, field: str, missing: str, what: str) -> str:
    text = required_text(value, field, missing)
    if len(text) > LONGEST:
        raise ActionError(field, f"{what} must be {LONGEST:,} characters or fewer.")
    return text


def _quarter(value: Period | str, today: date) -> Period:
    """A quarter that has started, from a period or its key."""
    try:
        quarter = value if isinstance(value, Period) else parse(value)
    except ValueError:
        raise ActionError("quarter", "Choose a quarter.") from None
    if quarter.kind != "quarter":
        raise ActionError("quarter", "Choose a quarter, not a month.")
    if quarter.start > today:
        raise ActionError("quarter", f"{quarter.label} has not started yet.")
    return quarter


@transaction.atomic
def write_statements(
    *, area: ImprovementArea, i_statement: str, we_statement: str, by: User
) -> PriorityStatement:
    """New "I" and "We" statements for the priority ``area``; the old ones stay as history."""
    plan = area.plan
    today = _begin(by, plan)
    row = PriorityStatement.objects.create(
        area=area,
        i_statement=_text(
            i_statement, "i_statement", "Enter the “I” statement.", "The “I” statement"
        ),
        we_statement=_text(
            we_statement, "we_statement", "Enter the “We” statement.", "The “We” statement"
        ),
        written_on=today,
        author=by,
    )
    _audit(by, row, plan, f"wrote the statements of priority {area.pk} ({row.pk})")
    return row


@transaction.atomic
def rate_priority(
    *, area: ImprovementArea, quarter: Period | str, value: str, narrative: str, by: User
) -> PriorityRating:
    """Rate the priority ``area``'s progress in ``quarter`` (red, amber, green or blue) with
    a narrative. A quarter may be rated again: the latest rating counts, the rest stay."""
    plan = area.plan
    today = _begin(by, plan)
    period = _quarter(quarter, today)
    if value not in {v.code for v in RAGB.values}:
        raise ActionError("value", "Choose a rating: red, amber, green or blue.")
    row = PriorityRating.objects.create(
        area=area,
        quarter=period.key,
        value=value,
        narrative=_text(
            narrative, "narrative", "Enter the narrative for this rating.", "The narrative"
        ),
        rated_on=today,
        author=by,
    )
    _audit(by, row, plan, f"rated priority {area.pk} for {period.key} ({row.pk})")
    return row


def _draft(key_list: KeyActionList) -> None:
    if key_list.published:
        raise ActionError(WHOLE_FORM, PUBLISHED.format(parse(key_list.quarter).following().label))


def _add_drawn(key_list: KeyActionList, plan: ImprovementPlan, by: User, *, skip: set) -> int:
    coming = parse(key_list.quarter).following()
    rows = [
        KeyAction(
            key_list=key_list,
            area=d.area,
            text=d.text,
            due_on=d.due_on,
            action=d.action,
            milestone=d.milestone,
            added_by=by,
        )
        for d in draw(plan, coming)
        if (d.action.pk, d.milestone.pk if d.milestone else None) not in skip
    ]
    KeyAction.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def start_key_actions(*, plan: ImprovementPlan, quarter: Period | str, by: User) -> KeyActionList:
    """Start the list of key actions for the report of ``quarter`` (a draft), drawn from the
    actions and milestones due in the quarter after it. Refused if it was started already."""
    today = _begin(by, plan)
    period = _quarter(quarter, today)
    if KeyActionList.objects.filter(plan=plan, quarter=period.key).exists():
        raise ActionError(WHOLE_FORM, f"The key actions for {period.following().label} exist.")
    key_list = KeyActionList.objects.create(plan=plan, quarter=period.key)
    count = _add_drawn(key_list, plan, by, skip=set())
    _audit(by, key_list, plan, f"started key actions for {period.key} ({count} drawn)")
    return key_list


@transaction.atomic
def redraw_key_actions(*, key_list: KeyActionList, by: User) -> int:
    """Add what fell due in the coming quarter since the list was started: actions and
    milestones the list has never held (one removed on purpose is not added back)."""
    plan = key_list.plan
    _begin(by, plan)
    _draft(key_list)
    held = KeyAction.all_objects.filter(key_list=key_list, action__isnull=False)
    skip = set(held.values_list("action_id", "milestone_id"))
    count = _add_drawn(key_list, plan, by, skip=skip)
    _audit(by, key_list, plan, f"drew {count} more key actions for {key_list.quarter}")
    return count


@transaction.atomic
def add_key_action(
    *,
    key_list: KeyActionList,
    area: ImprovementArea,
    text: str,
    by: User,
    due_on: date | None = None,
) -> KeyAction:
    """A key action a person writes, for the priority ``area``."""
    plan = key_list.plan
    _begin(by, plan)
    _draft(key_list)
    if area.plan_id != plan.pk:
        raise ActionError("area", "Choose a priority of this plan.")
    coming = parse(key_list.quarter).following()
    if due_on is not None and not coming.contains(due_on):
        raise ActionError("due_on", f"The date must be in {coming.long_label}.")
    item = KeyAction.objects.create(
        key_list=key_list,
        area=area,
        text=_text(text, "text", "Enter the key action.", "The key action"),
        due_on=due_on,
        added_by=by,
    )
    _audit(by, item, plan, f"added key action {item.pk} for {key_list.quarter}")
    return item


def _in_force(item: KeyAction) -> KeyActionList:
    key_list = item.key_list
    _draft(key_list)
    if item.withdrawn:
        raise ActionError(WHOLE_FORM, "That key action was already removed.")
    return key_list


@transaction.atomic
def remove_key_action(*, item: KeyAction, by: User, reason: str = "") -> KeyAction:
    """Take a key action off a draft list: withdrawn, kept with who and why."""
    plan = item.key_list.plan
    today = _begin(by, plan)
    _in_force(item)
    item.withdrawn_on, item.withdrawn_by = today, by
    item.withdrawn_reason = reason.strip() or "Removed from the key actions."
    item.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawn_reason"])
    _audit(by, item, plan, f"removed key action {item.pk}")
    return item


@transaction.atomic
def reword_key_action(*, item: KeyAction, text: str, by: User) -> KeyAction:
    """New words for a key action of a draft list: the old row is withdrawn and a new one,
    naming it, takes its place (its priority, date, action and milestone kept)."""
    plan = item.key_list.plan
    today = _begin(by, plan)
    key_list = _in_force(item)
    words = _text(text, "text", "Enter the key action.", "The key action")
    if words == item.text:
        return item
    new = KeyAction.objects.create(
        key_list=key_list,
        area=item.area,
        text=words,
        due_on=item.due_on,
        action=item.action,
        milestone=item.milestone,
        replaces=item,
        added_by=by,
    )
    item.withdrawn_on, item.withdrawn_by = today, by
    item.withdrawn_reason = f"Reworded (key action {new.pk})."
    item.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawn_reason"])
    _audit(by, new, plan, f"reworded key action {item.pk} as {new.pk}")
    return new


@transaction.atomic
def publish_key_actions(*, key_list: KeyActionList, by: User) -> KeyActionList:
    """Publish the list: from now on it is frozen."""
    plan = key_list.plan
    today = _begin(by, plan)
    _draft(key_list)
    if not KeyAction.objects.filter(key_list=key_list).exists():
        raise ActionError(WHOLE_FORM, "Add at least one key action before publishing.")
    key_list.published_on, key_list.published_by = today, by
    key_list.save(update_fields=["published_on", "published_by"])
    _audit(by, key_list, plan, f"published key actions for {key_list.quarter}")
    return key_list
