"""Every change to an improvement plan: keyword-only, atomic, permission-checked,
validated and audited. Views call these; they never ``.save()`` a plan's records.

Each raises :class:`~senda.kernel.ActionError` naming the form field (the
keyword argument's name, or ``"__all__"``) to show its message on.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import models, transaction

from senda import audit, kernel
from senda.improvement.access import (
    can_edit_plan,
    can_edit_risk,
    can_rate_action,
    can_sign_off,
    can_update_action,
)
from senda.improvement.dates import check_plausible
from senda.improvement.models import (
    SCALES,
    Action,
    ActionUpdate,
    Feedback,
    ImprovementPlan,
    Milestone,
    Partner,
    Rating,
    Recommendation,
    Risk,
    RiskReview,
    SignOff,
)
from senda.improvement.suggest import suggest_for
from senda.kernel import (
    WHOLE_FORM,
    ActionError,
    check_not_before,
    check_not_future,
    check_permission,
    long_date,
    required_date,
    required_text,
)

__all__ = [
    "add_milestone",
    "add_update",
    "complete_action",
    "complete_milestone",
    "rate_action",
    "record_feedback",
    "record_risk",
    "record_sign_off",
    "update_risk",
]

NO_PERMISSION = "You do not have permission to change this plan."


# --- Shared steps ----------------------------------------------------------------------


def _begin(by: User, plan: ImprovementPlan) -> date:
    """Check ``by`` may change ``plan``; return today."""
    check_permission(can_edit_plan(by, plan), NO_PERMISSION)
    return kernel.today()


def _audit(by: User, obj: models.Model, plan: ImprovementPlan, summary: str) -> None:
    # These records reach their LA through the plan (partners have no membership to
    # fall back on), so name it.
    audit.record(
        user=by, verb="write", obj=obj, summary=f"plan {plan.pk}: {summary}", la_id=plan.la_id
    )


def _severity(value: Any, field: str, what: str) -> int:
    try:
        severity = int(value)
    except (TypeError, ValueError):
        severity = 0
    if severity not in Risk.Severity.values:
        raise ActionError(field, f"Choose the severity {what}.")
    return severity


def _plan_of(action: Action) -> ImprovementPlan:
    return action.area.plan


# --- Actions and their ratings -----------------------------------------------------------


@transaction.atomic
def rate_action(
    *,
    action: Action,
    value: str,
    rationale: str,
    by: User,
    on: date | None = None,
    kpi_status: Mapping[str, str] | None = None,
) -> Rating:
    """Rate ``action`` on its plan's scale, storing Senda's suggestion and its reasons.

    A rationale is always required; when the rating differs from the suggestion the
    message asks why the person disagrees.
    """
    plan = _plan_of(action)
    today = _begin(by, plan)
    check_permission(can_rate_action(by, action), NO_PERMISSION)
    on = on or today
    check_not_future(on, today, "on")
    check_plausible(on, plan=plan, field="on")
    scale = SCALES[plan.scale]
    if value not in {code for code, _ in scale.choices}:
        raise ActionError("value", f"Choose a rating on the plan's {scale.name} scale.")
    suggestion = suggest_for(action, on, kpi_status)
    if value != suggestion.value:
        suggested = scale.value(suggestion.value).label
        missing = f"Enter why you chose a different rating from Senda's suggestion ({suggested})."
    else:
        missing = "Enter the reason for this rating."
    rating = Rating.objects.create(
        action=action,
        value=value,
        rated_on=on,
        author=by,
        rationale=required_text(rationale, "rationale", missing),
        suggested=suggestion.value,
        suggestion_reason=suggestion.reason,
    )
    _audit(by, rating, plan, f"rated action {action.pk} (rating {rating.pk})")
    return rating


@transaction.atomic
def add_update(*, action: Action, text: str, by: User, on: date | None = None) -> ActionUpdate:
    plan = _plan_of(action)
    today = _begin(by, plan)
    check_permission(can_update_action(by, action), NO_PERMISSION)
    on = on or today
    check_not_future(on, today, "on")
    check_plausible(on, plan=plan, field="on")
    update = ActionUpdate.objects.create(
        action=action, on=on, author=by, text=required_text(text, "text", "Enter the update.")
    )
    _audit(by, update, plan, f"added update {update.pk} to action {action.pk}")
    return update


@transaction.atomic
def complete_action(*, action: Action, on: date, by: User) -> Action:
    plan = _plan_of(action)
    today = _begin(by, plan)
    check_permission(can_update_action(by, action), NO_PERMISSION)
    _mark_done(action, "completed_on", on, today, plan, field="on", verb="completed")
    _audit(by, action, plan, f"completed action {action.pk}")
    return action


@transaction.atomic
def add_milestone(*, action: Action, title: str, due_on: date | None, by: User) -> Milestone:
    plan = _plan_of(action)
    _begin(by, plan)
    check_permission(can_update_action(by, action), NO_PERMISSION)
    check_plausible(due_on, plan=plan, field="due_on")
    milestone = Milestone.objects.create(
        action=action,
        title=required_text(title, "title", "Enter the milestone."),
        due_on=required_date(due_on, "due_on", "Enter the date the milestone is due."),
    )
    _audit(by, milestone, plan, f"added milestone {milestone.pk} to action {action.pk}")
    return milestone


@transaction.atomic
def complete_milestone(*, milestone: Milestone, done_on: date | None, by: User) -> Milestone:
    plan = _plan_of(milestone.action)
    today = _begin(by, plan)
    check_permission(can_update_action(by, milestone.action), NO_PERMISSION)
    _mark_done(milestone, "done_on", done_on, today, plan, field="done_on", verb="done")
    _audit(by, milestone, plan, f"completed milestone {milestone.pk}")
    return milestone


def _mark_done(
    item: Action | Milestone,
    attribute: str,
    on: date | None,
    today: date,
    plan: ImprovementPlan,
    *,
    field: str,
    verb: str,
) -> None:
    """Set the day an action or milestone was done, once: a day is required, not in the
    future, plausible for the plan, and not already set. ``verb``: "completed", "done"."""
    what = type(item).__name__.lower()
    on = required_date(on, field, f"Enter the date the {what} was {verb}.")
    check_not_future(on, today, field)
    check_plausible(on, plan=plan, field=field)
    already = getattr(item, attribute)
    if already is not None:
        raise ActionError(WHOLE_FORM, f"This {what} was already {verb} on {long_date(already)}.")
    setattr(item, attribute, on)
    item.save(update_fields=[attribute])


# --- The plan's registers ----------------------------------------------------------------

RISK_FIELDS = frozenset(
    {
        "description",
        "raised_on",
        "owner",
        "severity_before",
        "severity_after",
        "mitigation",
        "progress",
        "status",
    }
)


def _clean_risk(fields: dict[str, Any], today: date, plan: ImprovementPlan) -> dict[str, Any]:
    """Validate the risk fields given (all or some), returning them cleaned."""
    clean = dict(fields)
    if "description" in fields:
        clean["description"] = required_text(
            fields["description"], "description", "Enter the risk."
        )
    if "owner" in fields:
        clean["owner"] = required_text(fields["owner"], "owner", "Enter who owns the risk.")
        if len(clean["owner"]) > 200:
            raise ActionError("owner", "Owner must be 200 characters or fewer.")
    if "raised_on" in fields:
        raised = required_date(
            fields["raised_on"], "raised_on", "Enter the date the risk was raised."
        )
        check_not_future(raised, today, "raised_on")
        check_plausible(raised, plan=plan, field="raised_on")
    if "severity_before" in fields:
        clean["severity_before"] = _severity(
            fields["severity_before"], "severity_before", "before mitigation"
        )
    if "severity_after" in fields:
        clean["severity_after"] = _severity(
            fields["severity_after"], "severity_after", "after mitigation"
        )
    for name in ("mitigation", "progress"):
        if name in fields:
            clean[name] = (fields[name] or "").strip()
    if "status" in fields and fields["status"] not in Risk.Status.values:
        raise ActionError("status", "Choose whether the risk is open or closed.")
    return clean


@transaction.atomic
def record_risk(
    *,
    plan: ImprovementPlan,
    description: str,
    raised_on: date | None,
    owner: str,
    severity_before: int | str,
    severity_after: int | str,
    mitigation: str = "",
    by: User,
) -> Risk:
    today = _begin(by, plan)
    clean = _clean_risk(
        {
            "description": description,
            "raised_on": raised_on,
            "owner": owner,
            "severity_before": severity_before,
            "severity_after": severity_after,
            "mitigation": mitigation,
        },
        today,
        plan,
    )
    risk = Risk.objects.create(plan=plan, **clean)
    _review(risk, by, today, "Risk recorded.")
    _audit(by, risk, plan, f"recorded risk {risk.pk}")
    return risk


#: What a risk is rated by: a change to any of them is a new ``RiskReview``.
RISK_RATING = ("severity_before", "severity_after", "status")


def _review(risk: Risk, by: User, on: date, note: str) -> RiskReview:
    return RiskReview.objects.create(
        risk=risk,
        reviewed_on=on,
        author=by,
        note=(note or "").strip(),
        **{name: getattr(risk, name) for name in RISK_RATING},
    )


@transaction.atomic
def update_risk(*, risk: Risk, by: User, note: str = "", **fields: Any) -> Risk:
    """Change some of a risk's fields (any of ``RISK_FIELDS``). A change of severity or
    status adds a ``RiskReview`` (dated, authored, with ``note`` as its reason); the
    earlier ones stay, so the risk's history is never overwritten."""
    unknown = set(fields) - RISK_FIELDS
    if unknown:
        raise TypeError(f"update_risk() cannot change {', '.join(sorted(unknown))}")
    plan = risk.plan
    today = _begin(by, plan)
    check_permission(can_edit_risk(by, risk), NO_PERMISSION)
    if risk.withdrawn_on is not None:
        raise ActionError(WHOLE_FORM, f"This risk was withdrawn on {long_date(risk.withdrawn_on)}.")
    clean = _clean_risk(fields, today, plan)
    changed = sorted(name for name, value in clean.items() if getattr(risk, name) != value)
    for name in changed:
        setattr(risk, name, clean[name])
    if changed:
        risk.save(update_fields=changed)
    if set(changed) & set(RISK_RATING):
        _review(risk, by, today, note)
    _audit(
        by, risk, plan, f"updated risk {risk.pk}" + (f": {', '.join(changed)}" if changed else "")
    )
    return risk


@transaction.atomic
def record_feedback(
    *,
    plan: ImprovementPlan,
    source: str,
    received_on: date | None,
    theme: str,
    you_said: str,
    we_did: str = "",
    changed_on: date | None = None,
    published_on: date | None = None,
    recommendation: Recommendation | None = None,
    by: User,
) -> Feedback:
    """Record "You said, we did": what families said, what changed and when it was
    published back to them (publishing needs what was done); ``recommendation``, the
    recommendation from families' feedback it reports on (of the same plan)."""
    today = _begin(by, plan)
    if recommendation is not None and recommendation.plan_id != plan.pk:
        raise ActionError("recommendation", "Choose a recommendation of this plan.")
    received_on = required_date(
        received_on, "received_on", "Enter the date the feedback was received."
    )
    check_not_future(received_on, today, "received_on")
    check_plausible(received_on, plan=plan, field="received_on")
    for name, day in (("changed_on", changed_on), ("published_on", published_on)):
        if day is not None:
            check_not_future(day, today, name)
            check_not_before(day, received_on, "the feedback was received", name)
    we_did = (we_did or "").strip()
    if published_on is not None and not we_did:
        raise ActionError("we_did", "Enter what was done before recording it as published.")
    feedback = Feedback.objects.create(
        plan=plan,
        source=required_text(source, "source", "Enter where the feedback came from."),
        received_on=received_on,
        theme=required_text(theme, "theme", "Enter the theme."),
        you_said=required_text(you_said, "you_said", "Enter what families and young people said."),
        we_did=we_did,
        changed_on=changed_on,
        published_on=published_on,
        recommendation=recommendation,
    )
    _audit(by, feedback, plan, f"recorded feedback {feedback.pk}")
    return feedback


@transaction.atomic
def record_sign_off(
    *,
    plan: ImprovementPlan,
    partner: Partner | None,
    signed_by: str,
    signed_on: date | None,
    by: User,
) -> SignOff:
    today = _begin(by, plan)
    if partner is None or partner.plan_id != plan.pk:
        raise ActionError("partner", "Choose a partner organisation of this plan.")
    own = "You can record sign-off only for your own organisation."
    check_permission(can_sign_off(by, plan, partner), own, "partner")
    signed_on = required_date(signed_on, "signed_on", "Enter the date the plan was signed.")
    check_not_future(signed_on, today, "signed_on")
    check_plausible(signed_on, plan=plan, field="signed_on")
    sign_off = SignOff.objects.create(
        plan=plan,
        partner=partner,
        signed_by=required_text(signed_by, "signed_by", "Enter the name and role of who signed."),
        signed_on=signed_on,
    )
    _audit(by, sign_off, plan, f"recorded sign-off {sign_off.pk} by partner {partner.pk}")
    return sign_off
