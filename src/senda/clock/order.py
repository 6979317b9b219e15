"""The order of statutory steps: which step must come before which, and when a step is
already recorded. One small unit per ordering rule, named by its rule id.

A late step is recorded and shown as late; a step that *cannot have happened* is refused
with a message that says what must come first. ``refusal(recorded, new)`` answers for one
new step against a case's recorded events (the clock's ``Event`` values); casework's one
write path (``write_event``) asks it before every step, and corrections ask it too.

A step is read at its place in the case's history by date (the clock's order of steps
within a day), as ``evaluate`` reads it: a review report belongs to the latest review
meeting on or before it, an advice request to the latest request for an assessment on or
before it. Steps dated after ``new`` matter only where the law puts them later (a
phase-transfer plan comes before the planned move) or where they already answer the same
step (a second decision for one review).

Each function's docstring is the rule, the steps it allows as well as those it refuses;
``docs/clock.md`` prints them (``python -m senda.clock.docs``). Sources as ``rules.py``:
Children and Families Act 2014 Part 3 ("CFA"), the SEND Regulations 2014 ("reg").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from senda.clock.ceasing import appeal_deadline, plan_ends
from senda.clock.evaluate import ORDER
from senda.clock.model import Event
from senda.clock.state import AFTER_MEETING, PLAN_ENDS, PLAN_STARTS
from senda.kernel import long_date as day

#: What each step is called in a message ("record <name> first").
NAMES: Final[dict[str, str]] = {
    "request_received": "the request for an EHC needs assessment",
    "assess_decision": "the decision whether to assess",
    "advice_requested": "the request for advice",
    "advice_received": "the advice",
    "exception": "the exception",
    "issue_decision": "the decision whether to issue a plan",
    "draft_plan_issued": "the draft plan",
    "final_plan_issued": "the final plan",
    "review_invitations_sent": "the review invitations",
    "review_advice_circulated": "the review advice",
    "review_meeting": "the review meeting",
    "review_report_received": "the review report",
    "review_logged": "the review logged",
    "review_decision": "the review decision",
    "amendment_notice_issued": "the amendment notice",
    "amended_plan_issued": "the amended plan",
    "plan_ceased": "the plan ceasing",
    "phase_transfer": "the planned phase transfer",
    "phase_transfer_plan_issued": "the phase-transfer plan",
    "transferred_in": "the transfer in",
    "transfer_in_notified": "the letter to the family after the transfer in",
    "move_out_known": "the move to another local authority",
    "transferred_out": "the transfer out",
    "reassessment_requested": "the request for a re-assessment",
    "reassess_decision": "the decision whether to re-assess",
    "reassessment_outcome": "the plan after the re-assessment",
    "cease_proposed": "the proposal to cease the plan",
    "cease_decision": "the decision whether to cease the plan",
    "cease_appealed": "the appeal against ceasing the plan",
    "cease_appeal_decided": "the appeal's decision",
}
REQUEST: Final = frozenset({"request_received"})
REASSESSMENT_REQUEST: Final = frozenset({"reassessment_requested"})
#: Advice and exceptions belong to the latest request for an assessment or a re-assessment.
REQUESTS: Final = REQUEST | REASSESSMENT_REQUEST
MEETING: Final = frozenset({"review_meeting"})
PLAN_BOUNDS: Final = PLAN_STARTS | PLAN_ENDS
#: Two meetings this close with no decision between them are one review (the decision is
#: due within 4 weeks of the meeting: reg 20(10), 21(8)).
SAME_REVIEW_DAYS: Final = 28
#: The steps of an assessment, which belong to the latest request on or before them.
ASSESSMENT: Final = frozenset(
    {
        "exception",
        "assess_decision",
        "advice_requested",
        "advice_received",
        "issue_decision",
        "draft_plan_issued",
        "final_plan_issued",
    }
)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a step cannot be recorded: the ordering rule, a plain message saying what must
    come first, and the rule's citation. ``field`` is ``"on"`` when the step's date is what
    is wrong (before the step it follows), None when the step cannot come now at all."""

    rule: str
    message: str
    citation: str
    field: str | None = None


#: A check's answer: the message and the field it is about (None: the whole step).
Found = tuple[str, str | None]
Check = Callable[["History", Event], Found | None]


@dataclass(frozen=True, slots=True)
class OrderRule:
    id: str
    title: str
    citation: str
    steps: tuple[str, ...]
    check: Check

    @property
    def statement(self) -> str:
        return " ".join((self.check.__doc__ or "").split())


ORDER_RULES: dict[str, OrderRule] = {}


def _order(
    rule_id: str, *, title: str, citation: str, steps: tuple[str, ...]
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        ORDER_RULES[rule_id] = OrderRule(rule_id, title, citation, steps, check)
        return check

    return register


def _key(event: Event) -> tuple[date, int]:
    return event.on, ORDER[event.type]


def _discipline(event: Event) -> str:
    return (event.discipline or "").strip().lower()


class History:
    """A case's recorded events by date (the clock's order of steps within a day)."""

    __slots__ = ("events",)

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = sorted(events, key=_key)

    def of(self, types: frozenset[str] | str) -> list[Event]:
        wanted = frozenset({types}) if isinstance(types, str) else types
        return [e for e in self.events if e.type in wanted]

    def cycle(self, starts: frozenset[str], on: date) -> tuple[Event | None, list[Event]]:
        """The latest event of ``starts`` on or before ``on``, and every event from it up to
        the next one of ``starts`` (later than ``on`` too): the cycle a step on ``on`` is in."""
        opened: Event | None = None
        ends: date | None = None
        for event in self.of(starts):
            if event.on <= on:
                opened = event
            elif ends is None:
                ends = event.on
        if opened is None:
            return None, []
        inside = [e for e in self.events if opened.on <= e.on and (ends is None or e.on < ends)]
        return opened, inside

    def first_after(self, types: frozenset[str] | str, on: date) -> Event | None:
        return next((e for e in self.of(types) if e.on > on), None)


def _first(what: str) -> Found:
    return f"Record {what} first.", None


def _not_before(what: str, on: date) -> Found:
    return f"The date must be on or after {what} ({day(on)}).", "on"


def _anchor_missing(history: History, step: str, new: Event) -> Found:
    """No ``step`` on or before ``new``'s date: say which date it must follow, or what to
    record first."""
    later = history.first_after(step, new.on)
    return _not_before(NAMES[step], later.on) if later is not None else _first(NAMES[step])


def _named(step: str) -> str:
    """``"Review meeting"`` (the step's name to start a sentence)."""
    name = NAMES[step].removeprefix("the ")
    return f"{name[0].upper()}{name[1:]}"


def _identity(e: Event) -> tuple[object, ...]:
    return (e.type, e.on, e.outcome, _discipline(e), e.ground, e.applies_to, e.kind, e.last_review,
            e.move_date, e.reason)  # fmt: skip


@_order(
    "same-step-same-day",
    title="A step is recorded once",
    citation="the record (not a statutory limit): each step happens once",
    steps=tuple(NAMES),
)
def same_step_same_day(history: History, new: Event) -> Found | None:
    """The same step on the same date (with the same decision, discipline, kind or ground)
    is already recorded: recording it again would open a second set of deadlines for one
    step. Different steps on one day, or the same step on different days where the law
    allows it (advice asked of two disciplines, a revised draft plan), are recorded."""
    same = _identity(new)
    if any(_identity(e) == same for e in history.events):
        return f"{_named(new.type)} on {day(new.on)} is already recorded.", None
    return None


@_order(
    "one-assessment-at-a-time",
    title="One assessment at a time",
    citation="CFA 2014 s36; SEND Regulations 2014 reg 5(1)",
    steps=("request_received",),
)
def one_assessment_at_a_time(history: History, new: Event) -> Found | None:
    """A request for an EHC needs assessment starts a new assessment only once the one
    before it has ended: with a refusal to assess, a decision not to issue a plan, or the
    final plan. A second request while an assessment is in progress is part of that
    assessment (its 6- and 20-week limits run from the first request), and a new request
    comes after every step of the assessment before it. A request after a refusal, or for
    a re-assessment once a plan is issued, is recorded."""
    opened, cycle = history.cycle(REQUEST, new.on)
    _, latest = history.cycle(REQUESTS, new.on)  # a re-assessment's advice counts too
    taken = [e for e in latest if e.type in ASSESSMENT and e.on >= new.on]
    if opened is None and not taken:
        return None
    if taken:
        last = taken[-1].on
        return (
            f"The date must be after the last step of the assessment before it ({day(last)}).",
            "on",
        )
    if opened is None:
        return None
    ended = any(
        e.on < new.on
        and (
            e.type == "final_plan_issued"
            or (e.type == "assess_decision" and e.outcome == "refuse")
            or (e.type == "issue_decision" and e.outcome == "not-issue")
        )
        for e in cycle
    )
    if ended:
        return None
    return (
        f"The assessment requested on {day(opened.on)} is still in progress: record its "
        "decision whether to assess, its decision not to issue a plan or its final plan "
        "first.",
        None,
    )


@_order(
    "after-the-request",
    title="Assessment steps follow the request",
    citation="SEND Regulations 2014 reg 5(1), 6(1), 8(2)",
    steps=("assess_decision", "advice_requested", "exception"),
)
def after_the_request(history: History, new: Event) -> Found | None:
    """The decision whether to assess, advice asked for the assessment and an exception to
    its limits come on or after the request for the assessment they belong to. Each request
    has one decision whether to assess; advice may be asked of many disciplines, and an
    exception may arise at any point of the assessment. Advice and exceptions belong to a
    re-assessment as well (reg 26 applies the assessment's steps to it)."""
    opened, cycle = history.cycle(REQUEST if new.type == "assess_decision" else REQUESTS, new.on)
    if opened is None:
        return _anchor_missing(history, "request_received", new)
    if new.type == "assess_decision":
        done = next((e for e in cycle if e.type == "assess_decision"), None)
        if done is not None:
            return (
                f"A decision whether to assess is already recorded for the request of "
                f"{day(opened.on)} (on {day(done.on)}).",
                None,
            )
    return None


@_order(
    "advice-answers-a-request",
    title="Advice answers a request for advice",
    citation="SEND Regulations 2014 reg 8(1)",
    steps=("advice_received",),
)
def advice_answers_a_request(history: History, new: Event) -> Found | None:
    """Advice received answers a request for advice from the same discipline, made on or
    before the day it arrived in the same assessment; each request is answered once. Advice
    may arrive after the decision to issue a plan or the draft plan (late, but lawful to
    record)."""
    wanted = _discipline(new)
    _, cycle = history.cycle(REQUESTS, new.on)
    asked = [e for e in cycle if e.type == "advice_requested" and _discipline(e) == wanted]
    answers = [e for e in cycle if e.type == "advice_received" and _discipline(e) == wanted]
    before = [e for e in asked if e.on <= new.on]
    if len(answers) < len(before):
        return None
    later = next((e for e in asked if e.on > new.on), None)
    if later is not None:
        return _not_before(f"the request for {wanted} advice", later.on)
    if not before:
        return _first(f"the request for {wanted} advice")
    return (
        f"The {wanted} advice requested on {day(before[-1].on)} is already recorded as "
        f"received (on {day(answers[-1].on)}): record a new request for {wanted} advice first.",
        None,
    )


@_order(
    "issue-after-assessing",
    title="A decision whether to issue follows a decision to assess",
    citation="CFA 2014 s36(8), s37(1); SEND Regulations 2014 reg 10(1)",
    steps=("issue_decision",),
)
def issue_after_assessing(history: History, new: Event) -> Found | None:
    """The decision whether to issue a plan comes on or after a decision to assess in the
    same assessment and on or before its draft plan, once per assessment; a decision not
    to issue cannot come in an assessment that has a draft plan."""
    opened, cycle = history.cycle(REQUEST, new.on)
    assess = [e for e in cycle if e.type == "assess_decision" and e.outcome == "assess"]
    if not any(e.on <= new.on for e in assess):
        if assess:
            return _not_before("the decision to assess", assess[0].on)
        return "Record a decision to assess before a decision to issue.", None
    draft = next((e for e in cycle if e.type == "draft_plan_issued"), None)
    if draft is not None and new.outcome == "not-issue":
        return (
            f"This assessment has a draft plan ({day(draft.on)}): the decision was to issue "
            "a plan.",
            None,
        )
    if draft is not None and draft.on < new.on:
        return f"The date must be on or before the draft plan ({day(draft.on)}).", "on"
    done = next((e for e in cycle if e.type == "issue_decision"), None)
    if opened is not None and done is not None:
        return (
            f"A decision whether to issue a plan is already recorded for the request of "
            f"{day(opened.on)} (on {day(done.on)}).",
            None,
        )
    return None


@_order(
    "draft-after-deciding",
    title="A draft plan follows the decisions to assess and to issue",
    citation="CFA 2014 s37(1); SEND Regulations 2014 reg 13(1)",
    steps=("draft_plan_issued",),
)
def draft_after_deciding(history: History, new: Event) -> Found | None:
    """A draft plan comes on or after a decision to assess (and the decision to issue a
    plan, when one is recorded) in the same assessment, and not after a decision not to
    issue or once the final plan is issued (a later change is an amendment). A revised
    draft before the final plan is recorded: the family's 15 days run from the latest."""
    _, cycle = history.cycle(REQUEST, new.on)
    decided = [e for e in cycle if e.type in ("assess_decision", "issue_decision")]
    if any(e.outcome in ("refuse", "not-issue") and e.on <= new.on for e in decided):
        return "A draft plan needs a decision to assess (and to issue).", None
    for outcome, what in (
        ("assess", "the decision to assess"),
        ("issue", "the decision to issue a plan"),
    ):
        later = next((e for e in decided if e.outcome == outcome and e.on > new.on), None)
        if later is not None:
            return _not_before(what, later.on)
    if not any(e.outcome == "assess" for e in decided):
        return "A draft plan needs a decision to assess (and to issue).", None
    final = next((e for e in cycle if e.type == "final_plan_issued" and e.on <= new.on), None)
    if final is not None:
        return (
            f"The final plan was issued on {day(final.on)}: a change to it needs an "
            "amendment notice, not a draft plan.",
            None,
        )
    return None


@_order(
    "final-after-draft",
    title="The final plan follows the draft plan",
    citation="SEND Regulations 2014 reg 13(1)–(2)",
    steps=("final_plan_issued",),
)
def final_after_draft(history: History, new: Event) -> Found | None:
    """The final plan comes on or after a draft plan of the same assessment, once per
    assessment, and not after a decision not to issue one. One issued within the family's
    15 days is recorded (and shown as a breach of the comment period)."""
    _, cycle = history.cycle(REQUEST, new.on)
    if any(e.outcome == "not-issue" for e in cycle):
        return "A decision not to issue a plan is recorded for this assessment.", None
    drafts = [e for e in cycle if e.type == "draft_plan_issued"]
    if not any(e.on <= new.on for e in drafts):
        if drafts:
            return _not_before("the draft plan was issued", drafts[0].on)
        return _first("the draft plan")
    final = next((e for e in cycle if e.type == "final_plan_issued"), None)
    if final is not None:
        return f"The final plan of this assessment is already recorded ({day(final.on)}).", None
    return None


@_order(
    "review-after-decision",
    title="A review meeting follows the last review's decision",
    citation="CFA 2014 s44(1); SEND Regulations 2014 reg 20(10), 21(8)",
    steps=("review_meeting",),
)
def review_after_decision(history: History, new: Event) -> Found | None:
    """A review ends with the local authority's decision to maintain, amend or cease the
    plan; a new review meeting comes after the decision on the last one (and after its
    report and logging). So one review has one meeting: two meetings with no decision
    between them are the same review recorded twice. A new plan (or a plan ceasing) closes
    the reviews of the plan before it. A past review recorded late is recorded, but not
    within 4 weeks before a later meeting with no decision between them: the decision on a
    review is due within 4 weeks of its meeting (reg 20(10), 21(8)), so those two meetings
    are one review recorded twice, whichever was recorded first."""
    later = history.first_after(MEETING, new.on)
    if later is not None and (later.on - new.on).days <= SAME_REVIEW_DAYS:
        decided = any(
            new.on <= e.on < later.on and (e.type == "review_decision" or e.type in PLAN_BOUNDS)
            for e in history.events
        )
        if not decided:
            return (
                f"The review meeting of {day(later.on)} is recorded, with no decision "
                "between this date and it: correct that meeting's date instead of recording "
                "the review again.",
                "on",
            )
    meetings = [e for e in history.of(MEETING) if e.on <= new.on]
    if not meetings:
        return None
    last = meetings[-1]
    _, cycle = history.cycle(MEETING, last.on)
    taken = [e for e in cycle if e.type in AFTER_MEETING and e.on >= new.on]
    if taken:
        return (
            f"The date must be after the last step of the review before it ({day(taken[-1].on)}).",
            "on",
        )
    closed = any(
        last.on <= e.on < new.on and (e.type == "review_decision" or e.type in PLAN_BOUNDS)
        for e in history.events
    )
    if closed:
        return None
    return (
        f"The review meeting of {day(last.on)} has no decision recorded: record the review "
        "decision first.",
        None,
    )


@_order(
    "after-the-meeting",
    title="Review report, decision and logging follow the meeting",
    citation="SEND Regulations 2014 reg 20(7), 20(10), 21(7)–(8)",
    steps=tuple(sorted(AFTER_MEETING)),
)
def after_the_meeting(history: History, new: Event) -> Found | None:
    """The review report, the review decision and the review logged come on or after the
    review meeting they belong to, each once per review. Between them any order is
    lawful: a report may arrive after the decision, and the review may be logged first."""
    opened, cycle = history.cycle(MEETING, new.on)
    if opened is None:
        return _anchor_missing(history, "review_meeting", new)
    done = next((e for e in cycle if e.type == new.type), None)
    if done is None:
        return None
    later = history.first_after(MEETING, new.on)
    if later is not None and not any(
        e.type == new.type for e in history.cycle(MEETING, later.on)[1]
    ):
        return _not_before("the review meeting", later.on)
    return (
        f"{_named(new.type)} for the review meeting of {day(opened.on)} is already "
        f"recorded (on {day(done.on)}): a second one needs a new review meeting first.",
        None,
    )


@_order(
    "notice-in-force",
    title="An amended plan answers an amendment notice in force",
    citation="SEND Regulations 2014 reg 22(2)–(4)",
    steps=("amended_plan_issued",),
)
def notice_in_force(history: History, new: Event) -> Found | None:
    """An amended plan is issued on or after a notice of proposed amendments to the current
    plan that no amended plan has answered yet. A plan may be amended after a review or at
    any other time, so no review is needed first."""
    starts = [e for e in history.of(PLAN_STARTS) if e.on <= new.on]
    since = starts[-1].on if starts else date.min
    notices = [e for e in history.of("amendment_notice_issued") if since <= e.on]
    amended = history.of("amended_plan_issued")
    before = [n for n in notices if n.on <= new.on]
    if any(not any(a.on >= n.on for a in amended) for n in before):
        return None
    later = next((n for n in notices if n.on > new.on), None)
    if later is not None:
        return _not_before("the amendment notice", later.on)
    if not before:
        return _first("the amendment notice")
    answer = next(a for a in amended if a.on >= before[-1].on)
    return (
        f"The amendment notice of {day(before[-1].on)} was answered by the amended plan of "
        f"{day(answer.on)}: record a new amendment notice first.",
        None,
    )


@_order(
    "plan-for-a-planned-move",
    title="A phase-transfer plan answers a planned move",
    citation="SEND Regulations 2014 reg 18(1)",
    steps=("phase_transfer_plan_issued",),
)
def plan_for_a_planned_move(history: History, new: Event) -> Found | None:
    """A plan amended for a phase transfer answers a planned move recorded on the case,
    once per move. It usually comes before the move (by 15 February, or 31 March for
    post-16), so the move may be dated later; it comes after the move before that one."""
    moves = history.of("phase_transfer")
    if not moves:
        return _first("the planned phase transfer")
    plans = [e.on for e in history.of("phase_transfer_plan_issued")]
    previous: date | None = None
    waiting: list[tuple[Event, date | None]] = []
    for move in moves:
        done = next((on for on in plans if previous is None or on > previous), None)
        if done is None:
            waiting.append((move, previous))
        else:
            plans.remove(done)
        previous = move.on
    if any(before is None or new.on > before for _, before in waiting):
        return None
    earliest = waiting[0][1] if waiting else None
    if earliest is not None:
        return f"The date must be after the phase transfer before it ({day(earliest)}).", "on"
    return (
        f"A phase-transfer plan is already recorded for the move on {day(moves[-1].on)}: "
        "record the next planned phase transfer first.",
        None,
    )


def _ends(history: History) -> list[Event]:
    """The plan's ends: ceased, transferred out, or ended by a decision to cease once the
    time to appeal passed (``senda.clock.ceasing``)."""
    derived = [Event("plan_ceased", day) for day in plan_ends(history.events)]
    return sorted(history.of(PLAN_ENDS) + derived, key=_key)


@_order(
    "on-a-current-plan",
    title="Steps of a plan need a current plan",
    citation="CFA 2014 s44, s45; SEND Regulations 2014 reg 15, 25, 31",
    steps=(
        "reassessment_requested",
        "move_out_known",
        "transferred_out",
        "cease_proposed",
        "transfer_in_notified",
    ),
)
def on_a_current_plan(history: History, new: Event) -> Found | None:
    """A request for a re-assessment, a move to another local authority, a transfer out, a
    proposal to cease and the letter after a transfer in come while a plan is current: on
    or after the plan started and before it ended (ceased, transferred out, or ended by a
    decision to cease once the time to appeal passed). A history with no plan start (a
    plan older than the record) has a current plan until it ends."""
    starts = [e for e in history.of(PLAN_STARTS) if e.on <= new.on]
    ends = [e for e in _ends(history) if e.on <= new.on]
    if ends and (not starts or _key(ends[-1]) >= _key(starts[-1])):
        return (
            f"The plan ended on {day(ends[-1].on)}: this step needs a current plan.",
            None,
        )
    if not starts and history.of(PLAN_STARTS):
        return _not_before("the plan started", history.of(PLAN_STARTS)[0].on)
    if new.type == "transfer_in_notified":
        transfers = [e for e in history.of("transferred_in") if e.on <= new.on]
        if not transfers:
            return _anchor_missing(history, "transferred_in", new)
        told = [e for e in history.of(new.type) if e.on >= transfers[-1].on]
        if told:
            return (
                f"The family's letter after the transfer in of {day(transfers[-1].on)} is "
                f"already recorded (on {day(told[0].on)}).",
                None,
            )
    return None


@_order(
    "one-reassessment-at-a-time",
    title="A re-assessment is decided, then answered",
    citation="SEND Regulations 2014 reg 24, 25(1), 27(2)",
    steps=("reassessment_requested", "reassess_decision", "reassessment_outcome"),
)
def one_reassessment_at_a_time(history: History, new: Event) -> Found | None:
    """A request for a re-assessment is decided once (re-assess or refuse) on or after it;
    a decision to re-assess is answered once, on or after it, by the amended or replacement
    plan or the notice that the plan stays as it is. A new request comes once the one
    before it is refused or answered."""
    opened, cycle = history.cycle(REASSESSMENT_REQUEST, new.on)
    decision = next((e for e in cycle if e.type == "reassess_decision"), None)
    answer = next((e for e in cycle if e.type == "reassessment_outcome"), None)
    if new.type == "reassessment_requested":
        _, latest = history.cycle(REQUESTS, new.on)  # advice of the same day stays where it is
        taken = [e for e in latest if e.type in ASSESSMENT and e.on >= new.on]
        if taken:
            return _not_before_strict(taken[-1].on)
        if opened is None:
            return None
        settled = (decision is not None and decision.outcome == "refuse") or answer is not None
        if settled:
            last = max(e.on for e in (decision, answer) if e is not None)
            return None if last < new.on else _not_before_strict(last)
        return (
            f"The re-assessment requested on {day(opened.on)} is still open: record its "
            "decision (and, if it re-assesses, the plan after it) first.",
            None,
        )
    if opened is None:
        return _anchor_missing(history, "reassessment_requested", new)
    if new.type == "reassess_decision":
        if decision is not None:
            return (
                f"A decision whether to re-assess is already recorded for the request of "
                f"{day(opened.on)} (on {day(decision.on)}).",
                None,
            )
        return None
    if decision is None or decision.outcome != "reassess":
        return "Record a decision to re-assess first.", None
    if decision.on > new.on:
        return _not_before("the decision to re-assess", decision.on)
    if answer is not None:
        return (
            f"The plan after this re-assessment is already recorded ({day(answer.on)}).",
            None,
        )
    return None


def _not_before_strict(on: date) -> Found:
    return f"The date must be after the last step of the re-assessment before it ({day(on)}).", "on"


@_order(
    "cease-after-consulting",
    title="A plan is ceased after consulting, and appealed after the decision",
    citation="SEND Regulations 2014 reg 31; CFA 2014 s45; HESC Rules 2008 r20(1)(c)",
    steps=("cease_decision", "cease_appealed", "cease_appeal_decided"),
)
def cease_after_consulting(history: History, new: Event) -> Found | None:
    """The local authority tells the family it is considering ceasing the plan and consults
    them (and the setting) before it decides: a decision whether to cease comes on or after
    a proposal to cease, once per proposal. An appeal comes after a decision to cease and
    before the plan ended; the appeal's decision comes after the appeal, once."""
    if new.type == "cease_decision":
        opened, cycle = history.cycle(frozenset({"cease_proposed"}), new.on)
        if opened is None:
            return _anchor_missing(history, "cease_proposed", new)
        done = next((e for e in cycle if e.type == "cease_decision"), None)
        if done is not None:
            return (
                f"The proposal of {day(opened.on)} is already decided (on {day(done.on)}): "
                "record a new proposal to cease first.",
                None,
            )
        return None
    decisions = [e for e in history.of("cease_decision") if e.outcome == "cease"]
    before = [e for e in decisions if e.on <= new.on]
    if not before:
        if decisions:
            return _not_before("the decision to cease", decisions[0].on)
        return "Record a decision to cease the plan first.", None
    decided = before[-1]
    steps = [e for e in history.events if e.on >= decided.on and e.type == new.type]
    if steps:
        return f"{_named(new.type)} is already recorded (on {day(steps[0].on)}).", None
    if new.type == "cease_appealed":
        if new.on > appeal_deadline(decided.on):
            return (
                f"The time to appeal ended on {day(appeal_deadline(decided.on))} (2 months "
                "after the decision): the plan has ended.",
                "on",
            )
        return None
    appealed = [e for e in history.of("cease_appealed") if e.on >= decided.on]
    if not appealed:
        return _first("the appeal against ceasing the plan")
    if appealed[0].on > new.on:
        return _not_before("the appeal", appealed[0].on)
    return None


#: The rules each step is checked against, in the order they are asked.
BY_STEP: Final[dict[str, tuple[OrderRule, ...]]] = {
    step: tuple(rule for rule in ORDER_RULES.values() if step in rule.steps) for step in NAMES
}


def refusal(recorded: Sequence[Event], new: Event) -> Refusal | None:
    """Why ``new`` cannot follow the case's ``recorded`` events, or None if it can."""
    history = History(recorded)
    for rule in BY_STEP[new.type]:
        found = rule.check(history, new)
        if found is not None:
            return Refusal(rule.id, found[0], rule.citation, found[1])
    return None


def first_refusal(events: Sequence[Event]) -> tuple[int, Refusal] | None:
    """The first of ``events`` (in the order given, as they were recorded) that the rules
    refuse against the events before it, with its position; None if every one is allowed."""
    for index, event in enumerate(events):
        found = refusal(events[:index], event)
        if found is not None:
            return index, found
    return None
