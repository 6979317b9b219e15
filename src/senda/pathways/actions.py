"""Recording a referral for assessment and its steps: each action is keyword-only,
checks (permission, choices, dates, the steps' order in ``steps``), writes the step,
rebuilds the referral's fields from its current steps (:func:`project`) and audits, in one
transaction; it raises ``kernel.ActionError`` naming the field, having written nothing.

    referral = record_referral(child=child, pathway="autism", referred_on=day,
                               source="school", setting=school, by=officer)
    record_triage(referral=referral, on=day, accepted=True, by=officer)
    correct_step(step=step, on=other_day, why="Typed the wrong month", by=officer)

A correction never changes the step it corrects: a new step ``replaces`` it (the original
is kept, no longer current); a withdrawal is a replacement marked ``withdrawn``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from senda import audit, kernel
from senda.kernel import WHOLE_FORM, ActionError
from senda.pathways.access import may_record
from senda.pathways.models import (
    CloseReason,
    Outcome,
    Pathway,
    Referral,
    ReferralStep,
    RejectReason,
    Source,
    StepType,
)
from senda.pathways.steps import Fact, projection, refusal
from senda.people.models import Child, Setting
from senda.portal.models import NeedsProfile

__all__ = [
    "correct_step",
    "project",
    "record_assessment",
    "record_closure",
    "record_outcome",
    "record_referral",
    "record_triage",
    "withdraw_step",
]

NOT_ALLOWED = "You do not have permission to record on the waiting list."


def fact_of(step: ReferralStep) -> Fact:
    return Fact(step.type, step.on, step.source, step.setting_id, step.reason, step.outcome)


def project(referral: Referral) -> Referral:
    """Write the referral's fields from its current steps."""
    facts = [fact_of(s) for s in referral.steps.current().order_by("on", "id")]
    for name, value in projection(facts).items():
        setattr(referral, name, value)
    referral.save()
    return referral


def _check(referral: Referral | None, new: list[Fact], leaving: set[int]) -> None:
    """Refuse unless the referral's current steps, less ``leaving`` and with ``new``, fit."""
    facts = []
    if referral is not None:
        facts = [fact_of(s) for s in referral.steps.current() if s.pk not in leaving]
    found = refusal([*facts, *new])
    if found is not None:
        raise ActionError(*found)


def _date(on: date | None, today: date, field: str = "on") -> date:
    on = kernel.required_date(on, field, "Enter the date.")
    kernel.check_not_future(on, today, field)
    return on


def _audit(by: Any, step: ReferralStep, referral: Referral, what: str) -> None:
    audit.record(
        user=by,
        verb="write",
        obj=step,
        child=referral.child,
        summary=f"nd referral {referral.pk}: {what} step {step.pk}",
    )


def _locked(referral: Referral, by: Any) -> Referral:
    kernel.check_permission(may_record(by, referral.la), NOT_ALLOWED)
    return Referral.objects.select_for_update().select_related("la", "child").get(pk=referral.pk)


def _append(referral: Referral, by: Any, type: str, on: date, **fields: Any) -> ReferralStep:
    step = ReferralStep.objects.create(
        referral=referral, type=type, on=on, recorded_by=by, **fields
    )
    project(referral)
    _audit(by, step, referral, f"recorded {type}")
    return step


@transaction.atomic
def record_referral(
    *,
    child: Child,
    pathway: str,
    referred_on: date | None,
    source: str,
    setting: Setting | None = None,
    provider_ref: str = "",
    profile: NeedsProfile | None = None,
    by: Any,
    today: date | None = None,
) -> Referral:
    """A new referral of ``child`` for assessment on ``pathway`` (naming the needs profile
    it followed: the child's, submitted on or before the referral)."""
    today = today or kernel.today()
    kernel.check_permission(may_record(by, child.la), NOT_ALLOWED)
    kernel.check_choice(pathway, Pathway.values, "pathway", "the pathway")
    kernel.check_choice(source, Source.values, "source", "who referred")
    on = _date(referred_on, today, "referred_on")
    if setting is not None and setting.la_id != child.la_id:
        raise ActionError("setting", "Choose a school or setting of the area.")
    if profile is not None and (
        profile.child_id != child.pk or profile.submitted_on is None or profile.submitted_on > on
    ):
        raise ActionError("profile", "Choose this child's profile, submitted by the referral date.")
    provider_ref = (provider_ref or "").strip()[:40]
    if (
        provider_ref
        and Referral.objects.filter(
            la_id=child.la_id, pathway=pathway, provider_ref=provider_ref
        ).exists()
    ):
        raise ActionError("provider_ref", "A referral with this provider's reference exists.")
    referral = Referral.objects.create(
        la_id=child.la_id,
        child=child,
        pathway=pathway,
        provider_ref=provider_ref,
        referred_on=on,
        source=source,
        setting=setting,
        profile=profile,
    )
    _append(referral, by, StepType.REFERRED, on, source=source, setting=setting, via="form")
    return referral


@transaction.atomic
def record_triage(
    *,
    referral: Referral,
    on: date | None,
    accepted: bool,
    reason: str = "",
    by: Any,
    today: date | None = None,
) -> ReferralStep:
    """The triage decision: accepted, or rejected with a reason."""
    today = today or kernel.today()
    referral = _locked(referral, by)
    on = _date(on, today)
    if accepted:
        reason = ""
    else:
        kernel.check_choice(reason, RejectReason.values, "reason", "why it was rejected")
    kind = StepType.ACCEPTED if accepted else StepType.REJECTED
    _check(referral, [Fact(kind, on, reason=reason)], set())
    return _append(referral, by, kind, on, reason=reason, via="form")


@transaction.atomic
def record_assessment(
    *, referral: Referral, on: date | None, by: Any, today: date | None = None
) -> ReferralStep:
    """The first assessment appointment: the end of the wait."""
    today = today or kernel.today()
    referral = _locked(referral, by)
    on = _date(on, today)
    _check(referral, [Fact(StepType.ASSESSED, on)], set())
    return _append(referral, by, StepType.ASSESSED, on, via="form")


@transaction.atomic
def record_outcome(
    *, referral: Referral, on: date | None, outcome: str, by: Any, today: date | None = None
) -> ReferralStep:
    """The diagnosis or other outcome of the assessment."""
    today = today or kernel.today()
    referral = _locked(referral, by)
    on = _date(on, today)
    kernel.check_choice(outcome, Outcome.values, "outcome", "the outcome")
    _check(referral, [Fact(StepType.OUTCOME, on, outcome=outcome)], set())
    return _append(referral, by, StepType.OUTCOME, on, outcome=outcome, via="form")


@transaction.atomic
def record_closure(
    *, referral: Referral, on: date | None, reason: str, by: Any, today: date | None = None
) -> ReferralStep:
    """The child left the list without an assessment."""
    today = today or kernel.today()
    referral = _locked(referral, by)
    on = _date(on, today)
    kernel.check_choice(reason, CloseReason.values, "reason", "why the child left the list")
    _check(referral, [Fact(StepType.CLOSED, on, reason=reason)], set())
    return _append(referral, by, StepType.CLOSED, on, reason=reason, via="form")


def _current_step(step: ReferralStep) -> ReferralStep:
    fresh = ReferralStep.objects.select_related("referral").get(pk=step.pk)
    if fresh.withdrawn or ReferralStep.objects.filter(replaces_id=fresh.pk).exists():
        raise ActionError(WHOLE_FORM, "This step has already been corrected or withdrawn.")
    return fresh


@transaction.atomic
def correct_step(
    *,
    step: ReferralStep,
    on: date | None,
    why: str,
    by: Any,
    source: str | None = None,
    setting: Setting | bool | None = False,
    reason: str | None = None,
    outcome: str | None = None,
    today: date | None = None,
    via: str = "form",
) -> ReferralStep:
    """Correct ``step``'s date or details: a new step replaces it (both kept). Details
    not given stay as they were (``setting=False``: unchanged)."""
    today = today or kernel.today()
    referral = _locked(step.referral, by)
    step = _current_step(step)
    why = kernel.required_text(why, "why", "Say why the step is corrected.")[:500]
    on = _date(on, today)
    new = {
        "source": step.source if source is None else source,
        "setting_id": step.setting_id if setting is False else getattr(setting, "pk", None),
        "reason": step.reason if reason is None else reason,
        "outcome": step.outcome if outcome is None else outcome,
    }
    if step.type == StepType.REFERRED:
        kernel.check_choice(new["source"], Source.values, "source", "who referred")
    if step.type == StepType.REJECTED:
        kernel.check_choice(new["reason"], RejectReason.values, "reason", "why it was rejected")
    if step.type == StepType.CLOSED:
        kernel.check_choice(new["reason"], CloseReason.values, "reason", "why it left the list")
    if step.type == StepType.OUTCOME:
        kernel.check_choice(new["outcome"], Outcome.values, "outcome", "the outcome")
    _check(referral, [Fact(step.type, on, **new)], {step.pk})
    replacement = ReferralStep.objects.create(
        referral=referral,
        type=step.type,
        on=on,
        replaces=step,
        why=why,
        via=via[:300],
        recorded_by=by,
        **new,
    )
    project(referral)
    _audit(by, replacement, referral, f"corrected {step.type} step {step.pk} by")
    return replacement


@transaction.atomic
def withdraw_step(
    *, step: ReferralStep, why: str, by: Any, today: date | None = None
) -> ReferralStep:
    """Withdraw a step recorded in error (not the referral itself): kept, no longer current."""
    referral = _locked(step.referral, by)
    step = _current_step(step)
    why = kernel.required_text(why, "why", "Say why the step is withdrawn.")[:500]
    if step.type == StepType.REFERRED:
        raise ActionError(WHOLE_FORM, "The referral itself cannot be withdrawn: correct it.")
    _check(referral, [], {step.pk})
    replacement = ReferralStep.objects.create(
        referral=referral,
        type=step.type,
        on=step.on,
        replaces=step,
        withdrawn=True,
        why=why,
        via="form",
        recorded_by=by,
    )
    project(referral)
    _audit(by, replacement, referral, f"withdrew {step.type} step {step.pk} by")
    return replacement
