"""Ceasing to maintain an EHC plan: when a decision to cease ends the plan, and which cease
reasons the law allows for the young person's age and record.

Sources (re-check legislation.gov.uk before changing): the SEND Regulations 2014 reg 31
(inform the family the authority is considering ceasing and consult them and the named
setting; notify the decision with the right of appeal; no time limit), reg 29 (under 18:
only when the plan is no longer necessary; a child not in education or training has the
plan reviewed and amended, not ceased), reg 30 (18 or over and left education or training:
only after a review finds they do not wish to return or that returning would not be
appropriate); the Children and Families Act 2014 s45 (the plan is maintained until the
time to appeal has passed or an appeal has been finally determined; the subsection, s45(4),
is read from the Act's Explanatory Notes, not confirmed from the Act's text); the Tribunal
Procedure (First-tier Tribunal) (HESC) Rules 2008 rule 20(1)(c) (an appeal within 2 months
of the decision notice being sent, or 1 month of a mediation certificate if later).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Final, Protocol

from senda.clock.counting import add_months
from senda.clock.model import CEASE_REASONS, TRANSFERRED_REASON

#: Months after the decision notice in which an appeal may be brought (HESC Rules r20(1)(c)).
APPEAL_MONTHS: Final = 2
#: Reasons open only to a young person of 18 or over (reg 29–30): reaching the maximum age
#: and no longer engaging in education or training.
ADULT_REASONS: Final = frozenset({1, 6})
#: A young person leaving education is ceased only after a review (reg 30): one held within
#: this many months before the decision counts.
REVIEW_BEFORE_LEAVING_MONTHS: Final = 12
_DAY: Final = timedelta(days=1)
#: The events after which a pending decision to cease no longer ends the plan: the plan
#: ended another way, or a new plan started.
_PLAN_BOUNDS: Final = frozenset(
    {"plan_ceased", "transferred_out", "final_plan_issued", "transferred_in"}
)


class Step(Protocol):
    @property
    def type(self) -> str: ...
    @property
    def on(self) -> date: ...
    @property
    def outcome(self) -> str | None: ...


def appeal_deadline(decided: date) -> date:
    """The last day an appeal against a decision to cease may be brought: 2 months after
    the decision notice was sent (a mediation certificate can extend it: not yet recorded)."""
    return add_months(decided, APPEAL_MONTHS)


def plan_ends(timeline: Iterable[Step]) -> list[date]:
    """The days plans end because of decisions to cease, in the order of ``timeline``
    (sorted by date, the clock's order within a day).

    A decision to cease ends the plan the day after the time to appeal has passed, unless
    an appeal was brought by then; an appeal upheld for ceasing ends it the day after the
    appeal was decided, one that keeps the plan ends nothing. A plan that ends another way
    first (ceased, transferred out, replaced by a new plan) owes nothing to the decision.
    Ends in the future are included (the projected end of the plan as things stand).
    """
    ends: list[date] = []
    deadline: date | None = None
    appealed = False
    for step in timeline:
        kind = step.type
        if deadline is not None and not appealed and step.on > deadline:
            ends.append(deadline + _DAY)
            deadline = None
        if kind == "cease_decision":
            if step.outcome == "cease":
                deadline, appealed = appeal_deadline(step.on), False
        elif kind == "cease_appealed":
            appealed = deadline is not None
        elif kind == "cease_appeal_decided":
            if deadline is not None and appealed and step.outcome == "cease":
                ends.append(step.on + _DAY)
            if appealed:
                deadline, appealed = None, False
        elif kind in _PLAN_BOUNDS:
            deadline, appealed = None, False
    if deadline is not None and not appealed:
        ends.append(deadline + _DAY)
    return ends


def _birthday(born: date, years: int) -> date:
    return add_months(born, 12 * years)


def reason_refusal(
    reason: int, decided: date, born: date | None, meetings: Sequence[date]
) -> str | None:
    """Why a decision to cease on ``decided`` cannot give SEN2 cease ``reason``, or None.

    Reason 5 (transferred to another local authority) is a transfer out, not a decision.
    Under 18 a plan is ceased only when it is no longer necessary (reg 29): not for
    reaching the maximum age or for no longer being in education or training. Reaching the
    maximum age needs the young person to turn 25 by the end of that academic year (CFA
    s46). No longer engaging in education or training needs a review in the 12 months
    before the decision (reg 30). Each needs the date of birth.
    """
    if reason not in CEASE_REASONS:
        return f"The reason must be one of SEN2's codes 1–9, got {reason!r}."
    if reason == TRANSFERRED_REASON:
        return "A plan that moves to another local authority is recorded as a transfer out."
    if reason not in ADULT_REASONS:
        return None
    if born is None:
        return "Record the child's date of birth first: this reason depends on their age."
    if decided < _birthday(born, 18):
        return (
            "Under 18 a plan is ceased only when it is no longer needed (SEND Regulations "
            "2014 reg 29): review and amend the plan instead."
        )
    if reason == 1:
        year_ends = date(decided.year if decided.month < 9 else decided.year + 1, 8, 31)
        if _birthday(born, 25) > year_ends:
            return (
                "A plan is kept until the end of the academic year in which the young "
                "person turns 25 (CFA 2014 s46): they are not that old yet."
            )
        return None
    since = add_months(decided, -REVIEW_BEFORE_LEAVING_MONTHS)
    if not any(since <= meeting <= decided for meeting in meetings):
        return (
            "A plan is ceased for a young person who has left education or training only "
            "after a review finds they do not wish to return (SEND Regulations 2014 reg 30): "
            "record the review meeting first."
        )
    return None
