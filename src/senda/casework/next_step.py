"""Which statutory steps make sense on a case now, and which one is next.

Pure: no Django, no queries. It reads a case's events (anything with ``type``, ``on``,
``outcome`` and ``discipline``: a ``CaseEvent`` or the clock's ``Event``), through the
clock's one replay of them (``senda.clock.case_state``), and its deadline rows (``rule``,
``due``, ``status``, ``citation``, ``discipline``: a ``DeadlineRow`` or the clock's
``Deadline``). The rules are written down in docs/recording-steps.md:

- **Available steps** are the steps that make sense at the case's stage (a decision to
  assess while a request is undecided, a final plan after a draft with no live plan,
  review steps on a live plan, the report/decision/logged steps after a meeting without
  them, and so on; a closed case has none), **each one asked of the step guards**
  (``senda.clock.order.refusal``) as if recorded *today* (the caller's date; the machine's
  date if none is given): a step the guards would refuse today is not offered, so every
  offered step can be recorded. The order of steps is not restated here. A step that
  could only be recorded with an earlier date (a past review recorded late) is not
  offered; the form's "another step" list still reaches it.
- **The next step** is the step that completes the open deadline (pending or overdue)
  due first, a statutory limit before the local ``review-logged`` standard on the same
  day; failing that, a step whose limit an exception lifted. For each step only
  its latest deadline row counts (an old chain's undone review cannot be done now), and
  the latest of a local standard or guidance apart (the under-fives review is due before
  the annual review both ask for). A
  current plan with no dated deadline asks for a review meeting; a case with no events
  starts with a request. Whether a plan is current comes from the plan records when the
  caller passes ``live_plan`` (a plan may predate the recorded events).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from senda import kernel
from senda.clock import EXCEPTED, LOCAL_RULES, OPEN
from senda.clock.model import EXCEPTION_GROUNDS, OUTCOMES, PHASE_TRANSFER_KINDS, Event
from senda.clock.order import refusal
from senda.clock.state import CaseState, EventLike
from senda.clock.state import case_state as case_state  # the steps page asks it too


@dataclass(frozen=True, slots=True)
class Step:
    """A statutory step an officer records: its URL slug, the event it writes, its words.

    ``name`` reads after "Record" and before "recorded" ("Record review meeting",
    "Review meeting recorded"); ``date_label`` labels the date boxes and, lower-cased,
    names the date in error messages ("Enter the date of the review meeting").
    """

    slug: str
    event_type: str
    name: str
    date_label: str
    may_be_future: bool = False

    @property
    def title(self) -> str:
        return f"Record {self.name}"


#: (slug, name, date label) in the order steps happen. The slug is the event type with
#: hyphens.
_STEP_TABLE = (
    ("request-received", "request for assessment", "Date the request was received"),
    ("assess-decision", "decision whether to assess", "Date of the decision"),
    ("advice-requested", "request for advice", "Date advice was requested"),
    ("advice-received", "advice received", "Date the advice was received"),
    ("exception", "exception to the time limits", "Date of the exception"),
    ("issue-decision", "decision whether to issue a plan", "Date of the decision"),
    ("draft-plan-issued", "draft plan", "Date the draft plan was issued"),
    ("final-plan-issued", "final EHC plan", "Date the final plan was issued"),
    ("review-invitations-sent", "review invitations", "Date the invitations were sent"),
    ("review-advice-circulated", "review advice circulated", "Date the advice was circulated"),
    ("review-meeting", "review meeting", "Date of the review meeting"),
    ("review-report-received", "review report received", "Date the review report was received"),
    ("review-logged", "review logged", "Date the review was logged"),
    ("review-decision", "review decision", "Date the decision was notified"),
    ("amendment-notice-issued", "amendment notice", "Date the amendment notice was sent"),
    ("amended-plan-issued", "amended plan", "Date the amended plan was issued"),
    ("phase-transfer", "phase transfer", "Date of the move"),
    ("phase-transfer-plan-issued", "phase-transfer plan", "Date the amended plan was issued"),
    ("reassessment-requested", "request for a re-assessment", "Date the request was received"),
    ("reassess-decision", "decision whether to re-assess", "Date the decision was notified"),
    ("reassessment-outcome", "plan after the re-assessment", "Date the plan or notice was issued"),
    ("cease-proposed", "proposal to cease the plan", "Date the family was told"),
    ("cease-decision", "decision whether to cease the plan", "Date the decision was notified"),
    ("cease-appealed", "appeal against ceasing", "Date the appeal was brought"),
    ("cease-appeal-decided", "appeal decision", "Date of the appeal decision"),
    ("plan-ceased", "plan ended without a decision", "Date the plan ended"),
    ("transferred-in", "transfer in", "Date the plan transferred in"),
    (
        "transfer-in-notified",
        "letter to the family after the transfer in",
        "Date the letter was sent",
    ),
    ("move-out-known", "move to another area", "Date the move became known"),
    ("transferred-out", "transfer out", "Date the plan transferred out"),
)
STEPS: dict[str, Step] = {
    slug: Step(
        slug,
        slug.replace("-", "_"),
        name,
        label,
        may_be_future=slug == "phase-transfer",
    )
    for slug, name, label in _STEP_TABLE
}

#: The step that completes each rule's deadline ("final-plan" and "review-to-final" are
#: two steps each: see :func:`_step_for`). Rules absent here are met by no step of their
#: own (``draft-comment-period`` and ``amendment-comment-period`` are minimums;
#: ``review-notice`` rows exist only once done).
RULE_STEPS = {
    "assess-decision": "assess-decision",
    "advice": "advice-received",
    "no-issue-notice": "issue-decision",
    "annual-review": "review-meeting",
    "transfer-in-review": "review-meeting",
    "review-report": "review-report-received",
    "review-decision": "review-decision",
    "review-logged": "review-logged",
    "amended-plan": "amended-plan-issued",
    "phase-transfer": "phase-transfer-plan-issued",
    "reassess-decision": "reassess-decision",
    "reassessment-plan": "reassessment-outcome",
    "transfer-in-notice": "transfer-in-notified",
    "transfer-out": "transferred-out",
    "under-five-review": "review-meeting",
}
#: Rows whose step is still to be done: open ones, and excepted ones (no time limit).
WAITING = OPEN | {EXCEPTED}


class ClockEventSource(EventLike, Protocol):
    """A stored step (``CaseEvent``) that can give the clock's value of itself."""

    def as_clock_event(self) -> Event: ...


class DeadlineLike(Protocol):
    @property
    def rule(self) -> str: ...
    @property
    def due(self) -> date: ...
    @property
    def status(self) -> str: ...
    @property
    def citation(self) -> str: ...
    @property
    def discipline(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class NextStep:
    """The next step, and the deadline it answers (``due`` None when none is running)."""

    step: Step
    due: date | None = None
    status: str = ""
    citation: str = ""
    discipline: str = ""


def available_steps(
    events: Iterable[Event | ClockEventSource],
    *,
    is_open: bool = True,
    live_plan: bool | None = None,
    today: date | None = None,
) -> list[Step]:
    """The steps that make sense on the case now and that the step guards accept if
    recorded ``today`` (the machine's date if not given), in the order they happen."""
    recorded = [_clock(e) for e in events]
    on = today or kernel.today()
    state = case_state(recorded, live_plan=live_plan, today=on)
    return [STEPS[slug] for slug in _available(state, is_open, recorded, on)]


def _clock(event: Event | ClockEventSource) -> Event:
    return event if isinstance(event, Event) else event.as_clock_event()


def _available(state: CaseState, is_open: bool, recorded: list[Event], today: date) -> list[str]:
    """The stage's steps (:func:`_stage_steps`) that the guards accept today."""
    return [
        slug
        for slug in _stage_steps(state, is_open)
        if recordable(recorded, STEPS[slug], today, state)
    ]


def recordable(recorded: list[Event], step: Step, on: date, state: CaseState) -> bool:
    """Whether the guards (``senda.clock.order``) accept ``step`` dated ``on`` after the
    ``recorded`` events, in at least one of its forms (any decision, kind or ground; for
    advice received, any discipline still awaited)."""
    return any(refusal(recorded, new) is None for new in _forms(step, on, state))


def _forms(step: Step, on: date, state: CaseState) -> Iterator[Event]:
    """The step as it could be recorded on ``on``: one event per choice its form offers
    that the guards may tell apart (a free-text discipline is left blank)."""
    kind = step.event_type
    if kind == "cease_decision":  # a decision to cease gives a reason; any will do here
        yield from (Event(kind, on, outcome="cease", reason=2), Event(kind, on, outcome="maintain"))
    elif kind in OUTCOMES:
        yield from (Event(kind, on, outcome=outcome) for outcome in OUTCOMES[kind])
    elif kind == "move_out_known":
        yield Event(kind, on, move_date=on)
    elif kind == "advice_received":
        yield from (Event(kind, on, discipline=d) for d in state.outstanding_advice)
    elif kind == "exception":
        yield from (Event(kind, on, ground=ground) for ground in EXCEPTION_GROUNDS)
    elif kind == "phase_transfer":
        yield from (Event(kind, on, kind=k) for k in PHASE_TRANSFER_KINDS)
    else:
        yield Event(kind, on)


def _stage_steps(state: CaseState, is_open: bool) -> list[str]:
    """The steps that make sense at the case's stage, before the guards are asked."""
    if not is_open:
        return []
    undecided = state.request is not None and not state.assess
    slugs = [] if state.assessing else ["request-received"]
    if undecided:
        slugs.append("assess-decision")
    if state.assessing:
        slugs += ["advice-requested", "exception"]
    if state.outstanding_advice:
        slugs.append("advice-received")
    if state.assessing and state.assess == "assess":
        slugs += [] if state.issue else ["issue-decision"]
        slugs.append("draft-plan-issued")
    if state.assessing and state.draft and not state.plan_live:
        slugs.append("final-plan-issued")
    if state.reassessing and state.reassess == "reassess" and not state.assessing:
        slugs += ["advice-requested", "exception"]  # a re-assessment's, as an assessment's
    slugs += _plan_steps(state)
    return slugs


def _plan_steps(state: CaseState) -> list[str]:
    after = state.after_meeting
    slugs = []
    if state.plan_live:
        slugs += ["review-invitations-sent", "review-advice-circulated", "review-meeting"]
    if state.meeting is not None:
        slugs += [
            f"review-{name}"
            for name, kind in (
                ("report-received", "review_report_received"),
                ("decision", "review_decision"),
                ("logged", "review_logged"),
            )
            if kind not in after
        ]
    if not state.plan_live:
        return [*slugs, "transferred-in"]
    if state.transfer_in_letter_due:
        slugs.append("transfer-in-notified")
    slugs.append("amendment-notice-issued")
    slugs += ["amended-plan-issued"] if state.notice_open else []
    slugs.append("phase-transfer")
    slugs += ["phase-transfer-plan-issued"] if state.transfer_plan_due else []
    slugs += _reassessment_steps(state)
    slugs += _cease_steps(state)
    return [*slugs, "plan-ceased", "move-out-known", "transferred-out"]


def _reassessment_steps(state: CaseState) -> list[str]:
    """A request for a re-assessment when none is open; its decision while undecided; the
    plan or notice after a decision to re-assess."""
    if not state.reassessing:
        return ["reassessment-requested"]
    if not state.reassess:
        return ["reassess-decision"]
    return ["reassessment-outcome"]


def _cease_steps(state: CaseState) -> list[str]:
    """A proposal to cease, its decision while proposed, an appeal against a decision to
    cease not yet appealed, and the appeal's decision while appealed."""
    slugs = ["cease-proposed"]
    slugs += ["cease-decision"] if state.cease_proposed else []
    if state.cease_decided is not None and not state.cease_appealed:
        slugs.append("cease-appealed")
    slugs += ["cease-appeal-decided"] if state.cease_appealed else []
    return slugs


def next_step(
    events: Iterable[Event | ClockEventSource],
    deadlines: Iterable[DeadlineLike],
    *,
    is_open: bool = True,
    live_plan: bool | None = None,
    today: date | None = None,
) -> NextStep | None:
    """The step that answers the most pressing open deadline (see the module docstring),
    among the available steps (so one the guards accept if recorded ``today``)."""
    recorded = [_clock(e) for e in events]
    on = today or kernel.today()
    state = case_state(recorded, live_plan=live_plan, today=on)
    available = set(_available(state, is_open, recorded, on))
    latest: dict[tuple[str, str, bool], DeadlineLike] = {}
    for row in deadlines:
        slug = _step_for(row.rule, state)
        # A local standard or guidance (the under-fives review) has its own latest row.
        key = (slug or "", (row.discipline or "").strip().lower(), row.rule in LOCAL_RULES)
        if slug in available and (key not in latest or row.due >= latest[key].due):
            latest[key] = row
    candidates = [(key, row) for key, row in latest.items() if row.status in WAITING]
    if candidates:
        (slug, discipline, _), row = min(candidates, key=_urgency)
        return NextStep(STEPS[slug], row.due, row.status, row.citation, discipline)
    if "review-meeting" in available:  # a current plan the events do not date
        return NextStep(STEPS["review-meeting"])
    if not recorded and is_open:
        return NextStep(STEPS["request-received"])
    return None


def _urgency(
    candidate: tuple[tuple[str, str, bool], DeadlineLike],
) -> tuple[bool, date, bool, str]:
    """Open before excepted, then earliest due, statutory before local on the same day."""
    (slug, _, _), row = candidate
    return row.status not in OPEN, row.due, row.rule in LOCAL_RULES, slug


def _step_for(rule: str, state: CaseState) -> str | None:
    if rule == "final-plan":
        return "final-plan-issued" if state.draft else "draft-plan-issued"
    if rule == "review-to-final":
        return "amended-plan-issued" if state.notice_open else "amendment-notice-issued"
    return RULE_STEPS.get(rule)
