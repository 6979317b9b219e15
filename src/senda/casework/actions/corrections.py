"""Correcting or withdrawing a recorded step (docs/recording-steps.md, ADR 0009).

Nothing is deleted. A correction writes a new event with the right date or detail and
links the original to it (``EventCorrection``); a withdrawal links the original with no
replacement. Either way the original stops being current: the clock, the case summary,
triage and the KPIs read current events only, and the timeline shows the original struck
through with who, when and why. Then, in the same transaction, the case's structured
records are rebuilt from its current events (``projector``), its deadlines refreshed,
the area's KPI facts marked stale from the earliest day affected, and an audit entry
written.

A step first recorded more than ``SENDA_CORRECTION_MANAGER_AFTER_DAYS`` days ago may be
corrected or withdrawn only by a team manager or service manager.

On a closed case only **the step that closed it** (:func:`closing_step`: a transfer out,
a plan ceasing, a refusal to assess or a decision not to issue, when it is the case's last
step) may be corrected or withdrawn. Withdrawing it, or correcting it into a step that no
longer ends the case (a refusal that was a decision to assess), reopens the case, audited
with the correction that caused it; correcting its date keeps the case closed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, Final

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from senda import audit
from senda.casework.actions.base import begin
from senda.casework.actions.reassessment import REASSESSMENT_SOURCES
from senda.casework.actions.transfer import MOVE_DATES
from senda.casework.caseloads import CASELOAD_MANAGER_ROLES
from senda.casework.deadlines import refresh_deadlines
from senda.casework.models import AssessmentRequest, Case, CaseEvent, EventCorrection, Plan
from senda.casework.next_step import STEPS
from senda.casework.projector import in_order, project_records
from senda.casework.stale_facts import mark_facts_stale
from senda.clock import EXCEPTABLE_RULES
from senda.clock.ceasing import reason_refusal
from senda.clock.evaluate import ORDER
from senda.clock.model import EXCEPTION_GROUNDS, OUTCOMES, PHASE_TRANSFER_KINDS
from senda.clock.order import refusal
from senda.kernel import (
    WHOLE_FORM,
    ActionError,
    check_choice,
    check_not_future,
    long_date,
    required_text,
)
from senda.people.identifiers import la_code_problem
from senda.people.models import Membership

REASON_MAX = 500


class _Keep:
    """A detail not given to :func:`correct_event`: the original's value stands."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = _Keep()

#: The details each event type holds besides its date (the fields a correction may change).
DETAILS: Final[dict[str, tuple[str, ...]]] = {
    "request_received": ("source",),
    "assess_decision": ("outcome",),
    "issue_decision": ("outcome",),
    "review_decision": ("outcome",),
    "advice_requested": ("discipline",),
    "advice_received": ("discipline",),
    "exception": ("ground", "applies_to"),
    "phase_transfer": ("kind",),
    "plan_ceased": ("cease_reason",),
    "transferred_in": ("last_review", "from_la"),
    "reassessment_requested": ("source",),
    "reassess_decision": ("outcome",),
    "reassessment_outcome": ("outcome",),
    "move_out_known": ("move_date",),
    "cease_decision": ("outcome", "cease_reason"),
    "cease_appeal_decided": ("outcome",),
}
ALL_DETAILS: Final = (
    "outcome",
    "discipline",
    "ground",
    "applies_to",
    "kind",
    "last_review",
    "source",
    "cease_reason",
    "move_date",
    "from_la",
)
#: Each event type's name in a sentence ("review meeting").
STEP_NAMES: Final = {s.event_type: s.name for s in STEPS.values()}
#: Steps whose date may be in the future (a planned move).
MAY_BE_FUTURE: Final = frozenset({"phase_transfer"})


@transaction.atomic
def correct_event(
    *,
    event: CaseEvent,
    on: date,
    reason: str,
    by: User,
    today: date | None = None,
    outcome: str | _Keep = KEEP,
    discipline: str | _Keep = KEEP,
    ground: str | _Keep = KEEP,
    applies_to: Sequence[str] | _Keep | None = KEEP,
    kind: str | _Keep = KEEP,
    last_review: date | _Keep | None = KEEP,
    source: int | _Keep = KEEP,
    cease_reason: int | _Keep | None = KEEP,
    move_date: date | _Keep = KEEP,
    from_la: str | _Keep = KEEP,
) -> CaseEvent:
    """Supersede ``event`` by a new event of the same type dated ``on`` with the details
    given (those not given keep the original's). Returns the new event."""
    given = {
        "outcome": outcome,
        "discipline": discipline,
        "ground": ground,
        "applies_to": applies_to,
        "kind": kind,
        "last_review": last_review,
        "source": source,
        "cease_reason": cease_reason,
        "move_date": move_date,
        "from_la": from_la,
    }
    reason = _reason(reason)
    case, today, event, late = _begin(event, by, today)
    details = _details(event, {name: v for name, v in given.items() if v is not KEEP})
    _check_date(event.type, on, details, today)
    if event.type == "cease_decision":
        _check_cease(case, on, details)
    if on == event.on and details == details_of(event):
        raise ActionError(
            WHOLE_FORM, "Nothing has changed: change the date or a detail, or withdraw the step."
        )
    new = CaseEvent(case=case, type=event.type, on=on, recorded_by=by, **details)
    check_order(case, removed=event, added=new)
    if not case.is_open and ends_the_case(new):
        _check_still_last(case, event, new)
    new.save()
    correction = EventCorrection.objects.create(
        la_id=case.la_id,
        case=case,
        event=event,
        replacement=new,
        kind=EventCorrection.Kind.CORRECTED,
        event_type=event.type,
        was_on=event.on,
        now_on=on,
        affected_from=min(event.on, on),
        reason=reason,
        by=by,
        needed_manager=late,
    )
    _recompute(case, correction, today)
    if not case.is_open and not ends_the_case(new):
        _reopen(case, correction, event.case)
    return new


@transaction.atomic
def withdraw_event(
    *, event: CaseEvent, reason: str, by: User, today: date | None = None
) -> EventCorrection:
    """Take ``event`` (recorded in error) out of the case's record; it stays on the
    timeline, struck through. Returns the withdrawal."""
    reason = _reason(reason)
    case, today, event, late = _begin(event, by, today)
    check_order(case, removed=event, added=None)
    correction = EventCorrection.objects.create(
        la_id=case.la_id,
        case=case,
        event=event,
        kind=EventCorrection.Kind.WITHDRAWN,
        event_type=event.type,
        was_on=event.on,
        affected_from=event.on,
        reason=reason,
        by=by,
        needed_manager=late,
    )
    _recompute(case, correction, today)
    if not case.is_open:
        _reopen(case, correction, event.case)
    return correction


# --- who may, and what makes sense ---------------------------------------------------------


def _reason(reason: str | None) -> str:
    text = required_text(reason, "reason", "Enter why the step is being corrected.")
    if len(text) > REASON_MAX:
        raise ActionError("reason", f"The reason must be {REASON_MAX} characters or fewer.")
    return text


def _begin(event: CaseEvent, by: User, today: date | None) -> tuple[Case, date, CaseEvent, bool]:
    """Lock the case (the usual checks), re-read the event under the lock, check it is
    still current and that ``by`` may correct a step first recorded when it was."""
    case, today = begin(event.case, by, today, may_be_closed=True)
    current = case.events.current().filter(pk=event.pk).first()
    if current is None:
        raise ActionError(WHOLE_FORM, "This step has already been corrected or withdrawn.")
    if not case.is_open and not is_closing_step(current, case):
        raise ActionError(
            WHOLE_FORM,
            "This case is closed: only the step that closed it can be corrected or withdrawn.",
        )
    late = needs_manager(current, corrections_of(case), today)
    if late and not _is_manager(by):
        days = settings.SENDA_CORRECTION_MANAGER_AFTER_DAYS
        raise ActionError(
            WHOLE_FORM,
            "Only a team manager or service manager can correct or withdraw a step "
            f"recorded more than {days} days ago.",
        )
    return case, today, current, late


def ends_the_case(event: CaseEvent) -> bool:
    """Whether ``event`` ends the case's statutory process, so may be the step that closed
    it: a plan ceasing, a transfer out, a refusal to assess, or a decision not to issue a
    plan."""
    return (
        event.type in ("plan_ceased", "transferred_out")
        or (event.type == "assess_decision" and event.outcome == "refuse")
        or (event.type == "issue_decision" and event.outcome == "not-issue")
    )


def closing_step(case: Case) -> CaseEvent | None:
    """The step that closed ``case``: on a closed case, its last current step (in the
    clock's order; a planned phase transfer aside) when that step ends the case. None on
    an open case, or on one closed by hand with no such step last."""
    if case.is_open:
        return None
    steps = [e for e in in_order(case.events.current()) if e.type != "phase_transfer"]
    return steps[-1] if steps and ends_the_case(steps[-1]) else None


def is_closing_step(event: CaseEvent, case: Case) -> bool:
    closing = closing_step(case)
    return closing is not None and closing.pk == event.pk


def _check_still_last(case: Case, event: CaseEvent, new: CaseEvent) -> None:
    """A closed case stays closed by its corrected closing step, so that step must stay
    its last one (by date, in the clock's order)."""
    key = (new.on, ORDER[new.type])
    others = [e for e in case.events.current() if e.pk != event.pk and e.type != "phase_transfer"]
    later = [e for e in in_order(others) if (e.on, ORDER[e.type]) > key]
    if later:
        step = later[-1]
        raise ActionError(
            "on",
            "The step that closed the case must stay its last step: the date must be on or "
            f"after the {STEP_NAMES.get(step.type, step.type)} ({long_date(step.on)}).",
        )


def _reopen(case: Case, correction: EventCorrection, given: Case) -> None:
    """The step that closed ``case`` no longer stands: open the case again, audited with
    the correction that reopened it (whose reason says why)."""
    case.status = given.status = Case.Status.OPEN
    case.save(update_fields=["status"])
    audit.record(
        user=correction.by,
        verb="write",
        obj=case,
        child=case.child,
        summary=f"case {case.pk}: reopened: the {correction.event_type} event "
        f"{correction.event_id} that closed it was {correction.kind} (correction "
        f"{correction.pk})",
    )


def _is_manager(user: User) -> bool:
    membership = Membership.objects.filter(user_id=user.pk).first()
    return membership is not None and membership.role in CASELOAD_MANAGER_ROLES


def correction_of(event: CaseEvent) -> EventCorrection | None:
    """The correction or withdrawal of ``event``, if it is no longer current."""
    try:
        return event.correction
    except EventCorrection.DoesNotExist:
        return None


def corrections_of(case: Case) -> dict[int, EventCorrection]:
    """The case's corrections by the id of the event each one wrote (its replacement)."""
    found = EventCorrection.objects.filter(case=case, replacement__isnull=False)
    return {c.replacement_id: c for c in found.select_related("event") if c.replacement_id}


def first_recorded(event: CaseEvent, by_replacement: dict[int, EventCorrection]) -> datetime:
    """When the step was first recorded: a replacement's original's time, back to the first
    (so correcting a correction of an old step is still correcting an old step)."""
    at = event.recorded_at
    link = by_replacement.get(event.pk)
    seen: set[int] = set()
    while link is not None and link.pk not in seen:
        seen.add(link.pk)
        at = link.event.recorded_at
        link = by_replacement.get(link.event_id)
    return at


def needs_manager(
    event: CaseEvent, by_replacement: dict[int, EventCorrection], today: date
) -> bool:
    """Whether correcting ``event`` needs a team or service manager: it was first
    recorded more than ``SENDA_CORRECTION_MANAGER_AFTER_DAYS`` days before ``today``."""
    recorded = timezone.localdate(first_recorded(event, by_replacement))
    return (today - recorded).days > settings.SENDA_CORRECTION_MANAGER_AFTER_DAYS


def may_correct(
    user: User, event: CaseEvent, by_replacement: dict[int, EventCorrection], today: date
) -> bool:
    """Whether ``user`` (who may write to the case) may correct ``event`` today."""
    return not needs_manager(event, by_replacement, today) or _is_manager(user)


def _details(event: CaseEvent, changed: dict[str, Any]) -> dict[str, Any]:
    """The new event's details: the original's, with the changed ones checked."""
    allowed = DETAILS.get(event.type, ())
    for name in changed:
        if name not in allowed:
            raise ActionError(name, f"A {event.type.replace('_', ' ')} step has no {name}.")
    details = details_of(event) | changed
    if "outcome" in changed:
        check_choice(details["outcome"], OUTCOMES[event.type], "outcome", "the decision")
    if "discipline" in changed:
        details["discipline"] = required_text(
            details["discipline"], "discipline", "Enter who the advice is from."
        ).lower()
    if "ground" in changed:
        check_choice(details["ground"], EXCEPTION_GROUNDS, "ground", "the ground")
    if "applies_to" in changed:
        details["applies_to"] = _rules(details["applies_to"])
    if "kind" in changed:
        check_choice(details["kind"], PHASE_TRANSFER_KINDS, "kind", "the kind of transfer")
    if "source" in changed:
        sources = (
            REASSESSMENT_SOURCES
            if event.type == "reassessment_requested"
            else AssessmentRequest.Source.values
        )
        check_choice(details["source"], sources, "source", "who asked")
    if "move_date" in changed:
        move = details["move_date"]
        if move is None or not MOVE_DATES[0] <= move <= MOVE_DATES[1]:
            raise ActionError("move_date", "The date of the move must be between 1900 and 2200.")
    if "from_la" in changed:
        details["from_la"] = details["from_la"].strip()
        problem = details["from_la"] and la_code_problem(details["from_la"])
        if problem:
            raise ActionError("from_la", problem)
    if event.type == "cease_decision":
        if details["outcome"] == "maintain" and "cease_reason" not in changed:
            details["cease_reason"] = None
    elif "cease_reason" in changed:
        reasons = [r for r in Plan.CeaseReason.values if r != Plan.CeaseReason.TRANSFERRED]
        check_choice(details["cease_reason"], reasons, "cease_reason", "why the plan ceased")
    return details


def details_of(event: CaseEvent) -> dict[str, Any]:
    """The step's details as recorded (for a correction form to start from)."""
    return {name: getattr(event, name) for name in ALL_DETAILS} | _unrecorded(event)


def _unrecorded(event: CaseEvent) -> dict[str, Any]:
    """Who made a request, why a plan ceased, or the LA a plan transferred in from, for an
    event recorded before events held them: from the record the step was first written to."""
    if event.type == "request_received" and event.source is None:
        request = event.case.requests.filter(received_on=event.on).first()
        return {"source": request.source} if request else {}
    if event.type == "plan_ceased" and event.cease_reason is None:
        plan = event.case.plans.filter(ceased_on=event.on).first()
        return {"cease_reason": plan.cease_reason} if plan else {}
    if event.type == "transferred_in" and not event.from_la:
        plan = event.case.plans.filter(transferred_in_on=event.on).first()
        return {"from_la": plan.transferred_from_la} if plan else {}
    return {}


def _check_cease(case: Case, on: date, details: dict[str, Any]) -> None:
    """A decision to cease gives a reason the law allows then; one to keep the plan none."""
    reason = details["cease_reason"]
    if details["outcome"] == "maintain":
        if reason is not None:
            raise ActionError("cease_reason", "A decision to keep the plan has no reason to cease.")
        return
    if reason is None:
        raise ActionError("cease_reason", "Select why the plan is to cease.")
    plan = case.plans.order_by("id").last()
    meetings = list(plan.reviews.values_list("meeting_on", flat=True)) if plan else []
    refused = reason_refusal(reason, on, case.child.date_of_birth, meetings)
    if refused is not None:
        raise ActionError("cease_reason", refused)


def _rules(rules: Iterable[str] | None) -> list[str] | None:
    if rules is None:
        return None
    chosen = list(rules)
    if not chosen:
        raise ActionError("applies_to", "Choose at least one limit the exception applies to.")
    for rule in chosen:
        check_choice(rule, EXCEPTABLE_RULES, "applies_to", "the limits it applies to")
    return chosen


def _check_date(type: str, on: date, details: dict[str, Any], today: date) -> None:
    if type not in MAY_BE_FUTURE:
        check_not_future(on, today)
    last = details.get("last_review")
    if type == "transferred_in" and last is not None and last > on:
        raise ActionError("last_review", "The last review must be on or before the transfer.")


def check_order(case: Case, *, removed: CaseEvent, added: CaseEvent | None) -> None:
    """The case's steps must still be in an order that can have happened, by the ordering
    rules every step is recorded by (``senda.clock.order``): the corrected step among the
    others, and every other step that fitted before the change must fit after it (a
    review meeting cannot be withdrawn, or moved after its report, while the report
    stands: correct or withdraw the report first)."""
    others = [e for e in case.events.current() if e.pk != removed.pk]
    after = [e.as_clock_event() for e in others]
    if added is not None:
        refused = refusal(after, added.as_clock_event())
        if refused is not None:
            raise ActionError(refused.field or WHOLE_FORM, refused.message)
        after.append(added.as_clock_event())
    before = [e.as_clock_event() for e in others] + [removed.as_clock_event()]
    for index, event in enumerate(others):
        step = event.as_clock_event()
        fitted = refusal([e for e in before if e is not before[index]], step) is None
        if fitted and refusal([e for e in after if e is not after[index]], step) is not None:
            raise ActionError(
                WHOLE_FORM,
                f"This would leave the {STEP_NAMES.get(event.type, event.type)} of "
                f"{long_date(event.on)} out of order: correct or withdraw it first.",
            )


def _recompute(case: Case, correction: EventCorrection, today: date) -> None:
    """Rebuild what the events decide, mark the facts stale, and audit the change."""
    project_records(case)
    refresh_deadlines(case, today=today)
    mark_facts_stale(case.la_id, since=correction.affected_from)
    new = f" -> {correction.replacement_id}" if correction.replacement_id else ""
    audit.record(
        user=correction.by,
        verb="write",
        obj=correction,
        child=case.child,
        summary=f"case {case.pk}: {correction.kind} {correction.event_type} event "
        f"{correction.event_id}{new} (correction {correction.pk})",
    )
