"""Keeping a plan up to date: edit an action or milestone, set a timescale Senda could not
read, and withdraw an action, milestone or risk entered in error.

Like ``senda.improvement.actions``: keyword-only, atomic, permission-checked, validated
and audited; each raises ``ActionError`` naming the field to show its message on.

- Ratings are never edited (a new rating is a new row, ``actions.rate_action``); a risk's
  severities and status are kept the same way, one ``RiskReview`` row per change
  (``actions.update_risk``).
- Nothing is deleted: ``withdraw_*`` hides a record from the plan from that day and keeps
  it, with who, when and why, for board packs of earlier meetings (see
  ``models/withdrawal.py`` and docs/improvement-plans.md, "Changing and withdrawing").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from senda.improvement.access import (
    can_delete_action,
    can_delete_milestone,
    can_delete_risk,
    can_edit_action,
    can_edit_milestone,
    can_manage_plan,
)
from senda.improvement.actions import NO_PERMISSION, _audit, _begin, _plan_of
from senda.improvement.dates import check_plausible
from senda.improvement.models import Action, ImprovementPlan, Milestone, Risk
from senda.improvement.models.withdrawal import Withdrawable
from senda.kernel import (
    WHOLE_FORM,
    ActionError,
    check_permission,
    long_date,
    required_date,
    required_text,
)
from senda.sufficiency.models import CapitalProject

__all__ = [
    "edit_action",
    "edit_milestone",
    "link_capital_projects",
    "set_timescale",
    "withdraw_action",
    "withdraw_milestone",
    "withdraw_risk",
]

#: The longest text each short field holds (the database's limits).
LIMITS = {"lead": 200, "title": 300}


def _short(value: str, field: str, what: str) -> str:
    text = (value or "").strip()
    if len(text) > LIMITS[field]:
        raise ActionError(field, f"{what} must be {LIMITS[field]} characters or fewer.")
    return text


def _in_force(obj: Withdrawable, what: str) -> None:
    if obj.withdrawn_on is not None:
        raise ActionError(
            WHOLE_FORM, f"This {what} was withdrawn on {long_date(obj.withdrawn_on)}."
        )


def _kpis(la_id: int, ids: Iterable[str]) -> list[str]:
    """KPI ids checked against the local area's KPIs (``senda.performance.kpis``: the
    catalogue's and the partnership's own), in order, without repeats."""
    from senda.performance import kpis

    found = list(dict.fromkeys(kpi.strip() for kpi in ids if kpi.strip()))
    known = set(kpis.known(la_id, found))
    unknown = [kpi for kpi in found if kpi not in known]
    if unknown:
        raise ActionError(
            "kpi_ids",
            f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not in the KPI "
            "catalogue: write measures of your own under Measures.",
        )
    return found


# --- Actions ---------------------------------------------------------------------------


@transaction.atomic
def edit_action(
    *,
    action: Action,
    by: User,
    what: str,
    how: str = "",
    kpi_ids: Iterable[str] = (),
    measures: str = "",
    lead: str = "",
    evidence: str = "",
    impact: str = "",
) -> Action:
    """Change what an action says. Its ratings, updates and milestones stay as they are."""
    plan = _plan_of(action)
    _begin(by, plan)
    check_permission(can_edit_action(by, action), NO_PERMISSION)
    _in_force(action, "action")
    clean: dict[str, Any] = {
        "what": required_text(what, "what", "Enter what will be done."),
        "how": (how or "").strip(),
        "kpi_ids": _kpis(plan.la_id, kpi_ids),
        "measures": (measures or "").strip(),
        "lead": _short(lead, "lead", "Lead"),
        "evidence": (evidence or "").strip(),
        "impact": (impact or "").strip(),
    }
    changed = [name for name, value in clean.items() if getattr(action, name) != value]
    if changed:
        for name in changed:
            setattr(action, name, clean[name])
        action.save(update_fields=changed)
        _audit(
            by,
            action,
            plan,
            f"edited action {action.pk} ({action.reference}): {', '.join(changed)}",
        )
    return action


@transaction.atomic
def link_capital_projects(*, action: Action, project_ids: Iterable[int], by: User) -> Action:
    """Name the capital projects (``sufficiency.CapitalProject``) that deliver ``action``,
    replacing those it named: projects of the plan's own area only. Audited with the ids
    added and removed, if any changed."""
    plan = _plan_of(action)
    _begin(by, plan)
    check_permission(can_edit_action(by, action), NO_PERMISSION)
    _in_force(action, "action")
    wanted = set(project_ids)
    found = set(
        CapitalProject.objects.filter(la_id=plan.la_id, pk__in=wanted).values_list("pk", flat=True)
    )
    if found != wanted:
        raise ActionError("project_ids", "Choose projects of this area's capital programme.")
    before = set(action.capital_projects.values_list("pk", flat=True))
    if found != before:
        action.capital_projects.set(sorted(found))
        added, removed = sorted(found - before), sorted(before - found)
        _audit(by, action, plan, f"action {action.pk} capital projects +{added} -{removed}")
    return action


@transaction.atomic
def set_timescale(
    *,
    action: Action,
    by: User,
    starts_on: date | None = None,
    ends_on: date | None = None,
    ongoing: bool = False,
) -> Action:
    """Enter an action's dates (or mark it ongoing, with no end date): the plan's own
    words stay as they were, and the action is no longer listed to resolve."""
    plan = _plan_of(action)
    _begin(by, plan)
    check_permission(can_manage_plan(by, plan), NO_PERMISSION)
    _in_force(action, "action")
    if ongoing:
        ends_on = None
    else:
        ends_on = required_date(ends_on, "ends_on", "Enter the end date, or choose ongoing.")
    check_plausible(starts_on, plan=plan, field="starts_on")
    check_plausible(ends_on, plan=plan, field="ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise ActionError(
            "ends_on", f"The end date must be on or after the start date ({long_date(starts_on)})."
        )
    action.starts_on, action.ends_on, action.ongoing = starts_on, ends_on, ongoing
    action.timescale_resolved = True
    action.save(update_fields=["starts_on", "ends_on", "ongoing", "timescale_resolved"])
    _audit(by, action, plan, f"set the timescale of action {action.pk} ({action.reference})")
    return action


@transaction.atomic
def withdraw_action(*, action: Action, reason: str, by: User) -> Action:
    """Withdraw an action entered in error, with its open milestones."""
    plan = _plan_of(action)
    today = _begin(by, plan)
    check_permission(can_delete_action(by, action), NO_PERMISSION)
    _in_force(action, "action")
    _withdraw(action, reason, by, today)
    for milestone in action.milestones.all():
        _withdraw(milestone, f"Its action {action.reference} was withdrawn.", by, today)
    _audit(by, action, plan, f"withdrew action {action.pk} ({action.reference})")
    return action


def _withdraw(obj: Withdrawable, reason: str, by: User, today: date) -> None:
    obj.withdrawn_reason = required_text(reason, "reason", "Enter why it is being withdrawn.")
    obj.withdrawn_on, obj.withdrawn_by = today, by
    obj.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawn_reason"])


# --- Milestones ------------------------------------------------------------------------


@transaction.atomic
def edit_milestone(
    *, milestone: Milestone, by: User, title: str, due_on: date | None, note: str = ""
) -> Milestone:
    """Change a milestone's words or due date (a board pack shows a moved date once the
    new one has passed too)."""
    plan = _plan_of(milestone.action)
    _begin(by, plan)
    check_permission(can_edit_milestone(by, milestone), NO_PERMISSION)
    _in_force(milestone, "milestone")
    was = milestone.due_on
    milestone.title = _short(
        required_text(title, "title", "Enter the milestone."), "title", "Milestone"
    )
    milestone.due_on = required_date(due_on, "due_on", "Enter the date the milestone is due.")
    check_plausible(milestone.due_on, plan=plan, field="due_on")
    milestone.note = (note or "").strip()
    milestone.save(update_fields=["title", "due_on", "note"])
    moved = f", due date {was} → {milestone.due_on}" if was != milestone.due_on else ""
    _audit(by, milestone, plan, f"edited milestone {milestone.pk}{moved}")
    return milestone


@transaction.atomic
def withdraw_milestone(*, milestone: Milestone, reason: str, by: User) -> Milestone:
    plan = _plan_of(milestone.action)
    today = _begin(by, plan)
    check_permission(can_delete_milestone(by, milestone), NO_PERMISSION)
    _in_force(milestone, "milestone")
    _withdraw(milestone, reason, by, today)
    _audit(
        by, milestone, plan, f"withdrew milestone {milestone.pk} of action {milestone.action_id}"
    )
    return milestone


# --- Risks ------------------------------------------------------------------------------


@transaction.atomic
def withdraw_risk(*, risk: Risk, reason: str, by: User) -> Risk:
    """Withdraw a risk entered in error (a risk that no longer applies is closed)."""
    plan: ImprovementPlan = risk.plan
    today = _begin(by, plan)
    check_permission(can_delete_risk(by, risk), NO_PERMISSION)
    _in_force(risk, "risk")
    _withdraw(risk, reason, by, today)
    _audit(by, risk, plan, f"withdrew risk {risk.pk}")
    return risk
