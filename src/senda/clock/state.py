"""What a case's events say about it now: the clock's one replay of the event list.

``case_state(events)`` reads a case's steps in the clock's order (by date, then the
statutory order of steps within a day, as ``evaluate`` and the ordering rules read them)
into a :class:`CaseState`: the assessment in progress, whether a plan is current, the
review in progress, the stage, when the plan started and the last review meeting.
Casework asks it which steps make sense now (``next_step``) and what to store in a case's
summary columns (``summary``) instead of replaying the events itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Protocol

from senda.clock.ceasing import plan_ends
from senda.clock.evaluate import ORDER
from senda.clock.model import Event

#: A case's stages, in the order it moves through them (docs/triage.md, "Stages").
STAGES: Final = ("requested", "assessing", "draft", "plan", "ceased")
#: The events that move a case into a stage. A refusal to assess leaves it "requested".
STAGE_OF_EVENT: Final = {
    "request_received": "requested",
    "assess_decision": "assessing",
    "issue_decision": "assessing",
    "draft_plan_issued": "draft",
    "final_plan_issued": "plan",
    "transferred_in": "plan",
    "plan_ceased": "ceased",
    "transferred_out": "ceased",
}
#: The events that start a plan.
PLAN_STARTS: Final = frozenset({"final_plan_issued", "transferred_in"})
#: Steps only a plan has. A history that starts with one of these (a plan older than the
#: records, as when casework moves from another system) is at the Plan stage.
PLAN_STEPS: Final = frozenset(
    {
        "review_invitations_sent",
        "review_advice_circulated",
        "review_meeting",
        "review_report_received",
        "review_logged",
        "review_decision",
        "amendment_notice_issued",
        "amended_plan_issued",
        "phase_transfer_plan_issued",
        "transfer_in_notified",
        "reassessment_requested",
        "reassess_decision",
        "reassessment_outcome",
        "cease_proposed",
        "cease_decision",
        "cease_appealed",
        "cease_appeal_decided",
        "move_out_known",
    }
)
#: The events that end a plan.
PLAN_ENDS: Final = frozenset({"plan_ceased", "transferred_out"})
#: The steps that follow a review meeting, once each per review.
AFTER_MEETING: Final = frozenset({"review_report_received", "review_logged", "review_decision"})


class EventLike(Protocol):
    """A step: the clock's ``Event``, or a stored one (casework's ``CaseEvent``)."""

    @property
    def type(self) -> str: ...
    @property
    def on(self) -> date: ...
    @property
    def outcome(self) -> str | None: ...
    @property
    def discipline(self) -> str | None: ...


@dataclass(slots=True)
class CaseState:
    """What the events say about a case now.

    The assessment of the latest request: ``request`` (its date), ``assess`` and ``issue``
    (the first decisions' outcomes, "" while undecided), ``draft``, ``final_in_cycle``,
    ``advice_open`` (requests for advice not yet answered, by discipline). The plan:
    ``plan_live`` (a plan issued or transferred in and not ceased; a review meeting implies
    one), ``plan_started`` (the current plan's start, None once it ceased), ``notice_open``
    (an amendment notice not yet answered), ``moves`` and ``transfer_plans`` (planned phase
    transfers and the plans amended for them). The review: ``meeting`` (the current
    plan's latest meeting) and ``after_meeting`` (its report, decision, logging recorded),
    ``last_review`` (the latest meeting of any plan). A re-assessment: ``reassess_request``
    (the latest request's date), ``reassess`` (its decision, "" while undecided),
    ``reassess_answered`` (the plan or notice after it). Transfers: ``move_out`` (a move to
    another authority known and the plan not yet transferred), ``transfer_in_letter_due``
    (a transfer in whose letter to the family is not recorded). Ceasing: ``cease_proposed``
    (a proposal not yet decided), ``cease_decided`` (the date of a decision to cease the
    current plan), ``cease_appealed`` (an appeal against it not yet decided), ``plan_ends``
    (the day the plan ends because of it, while it is still current: after the time to
    appeal, or after an appeal upheld). ``milestone``: the stage the latest milestone event
    moved the case into (None before any); :attr:`stage` reads it.
    """

    request: date | None = None
    assess: str = ""
    issue: str = ""
    draft: bool = False
    final_in_cycle: bool = False
    advice_open: Counter[str] = field(default_factory=Counter)
    plan_live: bool = False
    plan_started: date | None = None
    meeting: date | None = None
    after_meeting: set[str] = field(default_factory=set)
    last_review: date | None = None
    notice_open: bool = False
    moves: list[date] = field(default_factory=list)
    transfer_plans: list[date] = field(default_factory=list)
    reassess_request: date | None = None
    reassess: str = ""
    reassess_answered: bool = False
    move_out: bool = False
    transfer_in_letter_due: bool = False
    cease_proposed: bool = False
    cease_decided: date | None = None
    cease_appealed: bool = False
    plan_ends: date | None = None
    milestone: str | None = None

    @property
    def reassessing(self) -> bool:
        """A request for a re-assessment is open: undecided, or decided to re-assess and not
        yet answered by the plan or notice after it."""
        return (
            self.reassess_request is not None
            and self.reassess != "refuse"
            and not self.reassess_answered
        )

    @property
    def stage(self) -> str:
        """Requested, assessing, draft, plan or ceased (:data:`STAGES`): from the latest
        milestone event; a history that starts with a plan's steps is at the plan stage."""
        return self.milestone or "requested"

    @property
    def assessing(self) -> bool:
        """A request is in progress: not refused, not "not issue", no final plan yet."""
        return (
            self.request is not None
            and not self.final_in_cycle
            and self.assess != "refuse"
            and self.issue != "not-issue"
        )

    @property
    def outstanding_advice(self) -> list[str]:
        return sorted(d for d, n in self.advice_open.items() if n > 0)

    @property
    def transfer_plan_due(self) -> bool:
        """A planned move has no phase-transfer plan since the move before it."""
        if not self.moves:
            return False
        previous = self.moves[-2] if len(self.moves) > 1 else None
        return not any(previous is None or day > previous for day in self.transfer_plans)


def case_state(
    events: Iterable[EventLike], *, live_plan: bool | None = None, today: date | None = None
) -> CaseState:
    """Replay the events in the clock's order into a :class:`CaseState`.

    A review meeting implies a current plan (a plan may predate the record, as the clock
    allows); ``live_plan``, when given (casework passes its plan records), has the last
    word on ``plan_live``. Given ``today``, a decision to cease whose plan end has come
    (``senda.clock.ceasing.plan_ends``) ends the plan as a recorded cease would.
    """
    state = CaseState()
    timeline: list[EventLike] = sorted(events, key=_order)
    ends = plan_ends(timeline)
    if today is not None and any(end <= today for end in ends):
        ended = [Event("plan_ceased", end) for end in ends if end <= today]
        timeline = sorted([*timeline, *ended], key=_order)
    for event in timeline:
        _milestone(state, event)
        _apply(state, event)
    if state.cease_decided is not None:
        state.plan_ends = next((end for end in ends if end > state.cease_decided), None)
    if live_plan is not None:
        state.plan_live = live_plan
    return state


def _order(event: EventLike) -> tuple[date, int]:
    return event.on, ORDER.get(event.type, 99)


def _milestone(state: CaseState, event: EventLike) -> None:
    kind = event.type
    if kind == "assess_decision" and event.outcome == "refuse":
        state.milestone = "requested"
    elif kind in STAGE_OF_EVENT:
        state.milestone = STAGE_OF_EVENT[kind]
    elif state.milestone is None and kind in PLAN_STEPS:
        state.milestone = "plan"


def _apply(state: CaseState, event: EventLike) -> None:
    kind = event.type
    discipline = (event.discipline or "").strip().lower()
    if kind == "request_received":
        state.request, state.assess, state.issue = event.on, "", ""
        state.draft = state.final_in_cycle = False
        state.advice_open = Counter()
    elif kind == "assess_decision" and not state.assess:
        state.assess = event.outcome or ""
    elif kind == "issue_decision" and not state.issue:
        state.issue = event.outcome or ""
    elif kind == "advice_requested":
        state.advice_open[discipline] += 1
    elif kind == "advice_received" and state.advice_open[discipline] > 0:
        state.advice_open[discipline] -= 1
    elif kind == "draft_plan_issued":
        state.draft = True
    elif kind in PLAN_STARTS:
        state.final_in_cycle = state.final_in_cycle or kind == "final_plan_issued"
        state.plan_live, state.meeting, state.notice_open = True, None, False
        state.plan_started, state.after_meeting = event.on, set()
        state.transfer_in_letter_due = kind == "transferred_in"
        state.cease_decided, state.cease_proposed, state.cease_appealed = None, False, False
    elif kind in PLAN_ENDS:
        state.plan_live = state.notice_open = state.move_out = False
        state.plan_started = state.cease_decided = None
        state.cease_proposed = state.cease_appealed = state.transfer_in_letter_due = False
        state.reassess_request = None
    elif kind == "review_meeting":
        state.meeting, state.after_meeting, state.plan_live = event.on, set(), True
        state.last_review = event.on
    elif kind in AFTER_MEETING:
        state.after_meeting.add(kind)
    elif kind == "amendment_notice_issued":
        state.notice_open = state.plan_live
    elif kind == "amended_plan_issued":
        state.notice_open = False
    elif kind == "phase_transfer":
        state.moves.append(event.on)
    elif kind == "phase_transfer_plan_issued":
        state.transfer_plans.append(event.on)
    else:
        _apply_later_steps(state, event)


def _apply_later_steps(state: CaseState, event: EventLike) -> None:
    """Re-assessment, moving between authorities and ceasing."""
    kind = event.type
    if kind == "reassessment_requested":
        state.reassess_request, state.reassess, state.reassess_answered = event.on, "", False
    elif kind == "reassess_decision" and not state.reassess:
        state.reassess = event.outcome or ""
    elif kind == "reassessment_outcome":
        state.reassess_answered = True
    elif kind == "transfer_in_notified":
        state.transfer_in_letter_due = False
    elif kind == "move_out_known":
        state.move_out = True
    elif kind == "cease_proposed":
        state.cease_proposed = True
    elif kind == "cease_decision":
        state.cease_proposed = False
        state.cease_decided = event.on if event.outcome == "cease" else None
    elif kind == "cease_appealed":
        state.cease_appealed = state.cease_decided is not None
    elif kind == "cease_appeal_decided":
        state.cease_appealed = False
        if event.outcome == "maintain":
            state.cease_decided = None
