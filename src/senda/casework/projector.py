"""Rebuild a case's structured records (requests, plans, reviews) from its current events.

The actions keep the records step by step as they record each event. When a step is
corrected or withdrawn the history changes in the middle, so the records are worked out
again from the current events, in the order the clock reads them, by the same rules the
actions follow:

- a request for assessment starts a request; a decision whether to assess, or whether to
  issue, belongs to the latest request received (the first such decision counts);
- a final plan or a transfer in starts a plan; an amended or phase-transfer plan, or a
  re-assessment that amended or replaced it, amends the current plan; a plan ceasing
  ceases it, a transfer out ceases it for SEN2 reason 5;
- a decision to cease gives the plan its reason and ends it the day after the time to
  appeal (``senda.clock.ceasing``); an appeal keeps it while it runs; the appeal's decision
  ends it the next day, or keeps it (no reason);
- a review meeting starts a review of the current plan; the report, logging and decision
  belong to the latest review (the first decision counts).

Two things are kept that no event holds: a plan that started before the case's recorded
events (its start date; the demo's older plans, a plan from before Senda), and, for events
recorded before events held them, who made a request, why a plan ceased and the LA a plan
transferred in from (taken from the record they were first written to).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError

from senda import kernel
from senda.casework.models import AssessmentRequest, Case, CaseEvent, Plan, Review
from senda.clock.ceasing import appeal_deadline
from senda.clock.evaluate import ORDER

PLAN_STARTS = {"final_plan_issued": "issued_on", "transferred_in": "transferred_in_on"}
AMENDS = ("amended_plan_issued", "phase_transfer_plan_issued")
AFTER_MEETING = {"review_report_received": "report_received_on", "review_logged": "logged_on"}
#: The events that end a plan at once.
ENDS = ("plan_ceased", "transferred_out")
_DAY = timedelta(days=1)


def in_order(events: Iterable[CaseEvent]) -> list[CaseEvent]:
    """Events by date, then the statutory order of steps (the clock's), then recording."""
    return sorted(events, key=lambda e: (e.on, ORDER.get(e.type, 99), e.recorded_at, e.pk))


class _Replay:
    def __init__(self, case: Case) -> None:
        self.case = case
        old_requests = list(case.requests.all())
        old_plans = list(case.plans.order_by("id"))
        self.sources = {r.received_on: r.source for r in old_requests}
        self.reasons = {p.ceased_on: p.cease_reason for p in old_plans if p.ceased_on}
        self.from_las = {
            p.transferred_in_on: p.transferred_from_la for p in old_plans if p.transferred_in_on
        }
        self.requests: list[AssessmentRequest] = []
        self.plans: list[Plan] = [_copy_start(p) for p in _started_before_events(case, old_plans)]
        self.reviews: list[Review] = []
        #: Plans an event ended (ceased, transferred out); a plan a decision to cease ends
        #: stays the current one for the appeal's steps.
        self.ended: list[Plan] = []

    def live_plan(self) -> Plan | None:
        live = [plan for plan in self.plans if not any(plan is p for p in self.ended)]
        return live[-1] if live else None

    def apply(self, event: CaseEvent) -> None:
        kind, on = event.type, event.on
        if kind == "request_received":
            source = event.source or self.sources.get(on) or AssessmentRequest.Source.OTHER
            self.requests.append(AssessmentRequest(case=self.case, received_on=on, source=source))
        elif kind in ("assess_decision", "issue_decision") and self.requests:
            self._decide(self.requests[-1], kind.split("_")[0], event)
        elif kind == "transferred_in":
            came_from = event.from_la or self.from_las.get(on, "")
            self.plans.append(
                Plan(case=self.case, transferred_in_on=on, transferred_from_la=came_from)
            )
        elif kind in PLAN_STARTS:
            self.plans.append(Plan(case=self.case, **{PLAN_STARTS[kind]: on}))
        elif kind == "review_meeting":
            plan = self.live_plan()
            if plan is not None:
                self.reviews.append(Review(case=self.case, plan=plan, meeting_on=on))
        elif kind in AFTER_MEETING and self.reviews:
            setattr(self.reviews[-1], AFTER_MEETING[kind], on)
        elif kind == "review_decision" and self.reviews and not self.reviews[-1].outcome:
            self.reviews[-1].outcome, self.reviews[-1].decided_on = event.outcome, on
        else:
            self._plan_step(event)

    def _decide(self, request: AssessmentRequest, which: str, event: CaseEvent) -> None:
        if not getattr(request, f"{which}_outcome"):
            setattr(request, f"{which}_outcome", event.outcome)
            setattr(request, f"{which}_decided_on", event.on)

    def _plan_step(self, event: CaseEvent) -> None:
        plan = self.live_plan()
        if plan is None:
            return
        kind, on = event.type, event.on
        if kind in AMENDS or (kind == "reassessment_outcome" and event.outcome != "no-change"):
            plan.amended_on = on
        elif kind == "plan_ceased":
            plan.ceased_on = on
            plan.cease_reason = event.cease_reason or self.reasons.get(on)
            self.ended.append(plan)
        elif kind == "transferred_out":
            plan.ceased_on, plan.cease_reason = on, Plan.CeaseReason.TRANSFERRED
            self.ended.append(plan)
        elif kind == "cease_decision" and event.outcome == "cease":
            plan.ceased_on = appeal_deadline(on) + _DAY
            plan.cease_reason = event.cease_reason
        elif kind == "cease_appealed" and plan.cease_reason is not None:
            plan.ceased_on = None
        elif kind == "cease_appeal_decided" and plan.cease_reason is not None:
            if event.outcome == "cease":
                plan.ceased_on = on + _DAY
            else:
                plan.ceased_on = plan.cease_reason = None

    def save(self) -> None:
        """Write the records the events make. Requests are written afresh (nothing points
        at them); plans and reviews keep their rows, matched to the new ones by start date
        (then in order), so what points at them — the plan's issued versions, outcomes,
        named settings and SEN2 flags, review reports, QA audits — stays with them. A plan
        or review no event makes any more is deleted; if something holds on to it, the
        correction is refused."""
        self.case.requests.all().delete()
        AssessmentRequest.objects.bulk_create(self.requests)
        plans = _keep(list(self.case.plans.order_by("id")), self.plans, PLAN_FIELDS, _plan_key)
        for review in self.reviews:
            review.plan = plans[id(review.plan)]
        _keep(list(self.case.reviews.order_by("id")), self.reviews, REVIEW_FIELDS, _review_key)


#: The fields of a plan and a review that the events decide (the rest are kept).
PLAN_FIELDS = (
    "issued_on",
    "transferred_in_on",
    "transferred_from_la",
    "amended_on",
    "ceased_on",
    "cease_reason",
)
REVIEW_FIELDS = ("plan", "meeting_on", "report_received_on", "logged_on", "outcome", "decided_on")


def _plan_key(plan: Plan) -> tuple[object, ...]:
    return (plan.issued_on, plan.transferred_in_on)


def _review_key(review: Review) -> tuple[object, ...]:
    return (review.plan.pk, review.meeting_on)


def _keep(
    old: list[Any], new: list[Any], fields: tuple[str, ...], key: Callable[[Any], object]
) -> dict[int, Any]:
    """Write ``new`` (unsaved records, in order) over ``old`` (saved ones): each new record
    takes the row of an old one with the same ``key`` or, failing that, the next old one
    left in order; its ``fields`` are copied onto that row. Old rows left over are deleted
    (refused with an ``ActionError`` if something protects them); new ones left over are
    created. Returns ``{id(new record): the saved row}``."""
    saved: dict[int, Any] = {}
    spare = list(old)
    pairs: list[tuple[Any, Any | None]] = []
    for record in new:
        match = next((row for row in spare if key(row) == key(record)), None)
        if match is not None:
            spare.remove(match)
        pairs.append((record, match))
    unmatched = iter(list(spare))
    for index, (record, match) in enumerate(pairs):
        if match is None:
            match = next(unmatched, None)
            if match is not None:
                spare.remove(match)
        pairs[index] = (record, match)
    for row in spare:
        try:
            with transaction.atomic():
                row.delete()
        except ProtectedError as held:
            raise kernel.ActionError(
                kernel.WHOLE_FORM,
                f"This correction would remove a {row._meta.verbose_name} that other records "
                "hold on to (an issued plan document, a review report or a quality audit). "
                "Correct the step to a date instead of withdrawing it, or ask a service "
                "manager.",
            ) from held
    for record, match in pairs:
        if match is None:
            record.save()
            saved[id(record)] = record
        else:
            for name in fields:
                setattr(match, name, getattr(record, name))
            match.save(update_fields=list(fields))
            saved[id(record)] = match
    return saved


def _started_before_events(case: Case, plans: list[Plan]) -> list[Plan]:
    """Plans whose start no event ever recorded (current or not): they predate the events."""
    recorded = set(
        case.events.filter(type__in=PLAN_STARTS).values_list("type", "on")
    )  # superseded ones too: a plan whose start was corrected is not one of these
    return [
        plan
        for plan in plans
        if ("final_plan_issued", plan.issued_on) not in recorded
        and ("transferred_in", plan.transferred_in_on) not in recorded
        and plan.started_on is not None
    ]


def _copy_start(plan: Plan) -> Plan:
    """The plan as it started (the events decide whether it was amended or ceased)."""
    return Plan(
        case_id=plan.case_id,
        issued_on=plan.issued_on,
        transferred_in_on=plan.transferred_in_on,
        transferred_from_la=plan.transferred_from_la,
    )


def project_records(case: Case) -> None:
    """Replace ``case``'s requests, plans and reviews by those its current events make.

    The records are derived (like deadline rows): nothing else points at them, so they are
    written afresh. Call it inside the transaction that changed the events."""
    replay = _Replay(case)
    for event in in_order(case.events.current()):
        replay.apply(event)
    replay.save()
