"""``evaluate(events, today)``: a child's case events in, deadline rows out.

Events may come in any order. Events dated after ``today`` are ignored (a replay of the
case as it stood that day), except ``phase_transfer``, whose date is the planned day of a
move. A ``request_received`` starts an assessment cycle that owns the assessment events
after it; review events after a meeting belong to that meeting, and the invitations and
advice circulated before a meeting belong to the next meeting on or after them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from senda.clock import rules as r
from senda.clock.calendar import WorkingDayCalendar, england_and_wales
from senda.clock.model import (
    DEFAULT_POLICY,
    Child,
    Deadline,
    Event,
    LocalPolicy,
    exception_rules,
)
from senda.clock.status import status

ORDER = {
    name: rank
    for rank, name in enumerate(
        (
            "request_received",
            "exception",
            "assess_decision",
            "advice_requested",
            "advice_received",
            "issue_decision",
            "draft_plan_issued",
            "final_plan_issued",
            "transferred_in",
            "review_invitations_sent",
            "review_advice_circulated",
            "review_meeting",
            "review_report_received",
            "review_decision",
            "review_logged",
            "amendment_notice_issued",
            "amended_plan_issued",
            "phase_transfer_plan_issued",
            "phase_transfer",
            "plan_ceased",
        )
    )
}
ASSESSMENT_TYPES = frozenset(
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
CITE = {rule_id: r.citation(rule_id) for rule_id in r.RULE_IDS}


def _key(event: Event) -> tuple[date, int]:
    return event.on, ORDER[event.type]


def evaluate(
    events: Iterable[Event],
    today: date,
    *,
    child: Child | None = None,
    policy: LocalPolicy = DEFAULT_POLICY,
    calendar: WorkingDayCalendar | None = None,
) -> list[Deadline]:
    """Every deadline that applies to the case as it stood on ``today``, sorted by due date
    then rule id. ``child`` is accepted for rules that depend on age (none yet)."""
    timeline = sorted((e for e in events if e.on <= today or e.type == "phase_transfer"), key=_key)
    rows: list[Deadline] = []
    cycle: list[Event] = []
    for event in timeline:
        if event.type == "request_received":
            if cycle:
                _assessment(cycle, today, rows)
            cycle = [event]
        elif cycle and event.type in ASSESSMENT_TYPES:
            cycle.append(event)
    if cycle:
        _assessment(cycle, today, rows)
    ceased = _reviews(timeline, today, policy, calendar, rows)
    _amendments(timeline, today, rows)
    _phase_transfers(timeline, today, ceased, rows)
    rows.sort(key=_row_key)
    return rows


def _row_key(row: Deadline) -> tuple[date, str, str]:
    return row.due, row.rule, row.discipline or ""


def _row(rule: str, due: date, done: date | None, today: date, excepted: bool = False) -> Deadline:
    return Deadline(
        rule, due, done, "excepted" if excepted else status(due, done, today), CITE[rule]
    )


def _assessment(cycle: list[Event], today: date, rows: list[Deadline]) -> None:
    """The rows of one assessment cycle (``cycle[0]`` is its request)."""
    received = cycle[0].on
    decision: Event | None = None
    issue: Event | None = None
    final: date | None = None
    draft: date | None = None
    excepted: set[str] = set()
    asked: list[Event] = []
    answered: list[Event] = []
    for event in cycle[1:]:
        kind = event.type
        if kind == "assess_decision":
            decision = decision or event
        elif kind == "advice_requested":
            asked.append(event)
        elif kind == "advice_received":
            answered.append(event)
        elif kind == "exception":
            excepted.update(exception_rules(event))
        elif kind == "issue_decision":
            issue = issue or event
        elif kind == "draft_plan_issued":
            if final is None:
                draft = event.on
        elif kind == "final_plan_issued" and final is None:
            final = event.on
    rows.append(
        _row(
            "assess-decision",
            r.assess_decision(received),
            _on(decision),
            today,
            "assess-decision" in excepted,
        )
    )
    if asked:
        _advice(asked, answered, today, "advice" in excepted, rows)
    assessing = (decision is not None and decision.outcome == "assess") or final is not None
    if not assessing:
        return
    if issue is not None and issue.outcome == "not-issue":
        rows.append(
            _row(
                "no-issue-notice",
                r.no_issue_notice(received),
                issue.on,
                today,
                "no-issue-notice" in excepted,
            )
        )
        return
    rows.append(_row("final-plan", r.final_plan(received), final, today, "final-plan" in excepted))
    if draft is not None:
        rows.append(_comment_period(draft, final, today))


def _advice(
    asked: list[Event], answered: list[Event], today: date, excepted: bool, rows: list[Deadline]
) -> None:
    """One row per request for advice, done by the first answer in that discipline."""
    used: set[int] = set()
    for request in asked:
        discipline = request.discipline or ""
        wanted = discipline.strip().lower()
        done: date | None = None
        for index, answer in enumerate(answered):
            if (
                index not in used
                and answer.on >= request.on
                and (answer.discipline or "").strip().lower() == wanted
            ):
                used.add(index)
                done = answer.on
                break
        due = r.advice(request.on)
        state = "excepted" if excepted else status(due, done, today)
        rows.append(Deadline("advice", due, done, state, CITE["advice"], discipline))


def _comment_period(draft: date, final: date | None, today: date) -> Deadline:
    """A minimum period: met once the window has closed with no final plan inside it."""
    due = r.draft_comment_period(draft)
    if final is not None:
        state = "met" if final > due else "breached"
    else:
        state = "pending" if due >= today else "met"
    return Deadline("draft-comment-period", due, final, state, CITE["draft-comment-period"])


def _reviews(
    timeline: list[Event],
    today: date,
    policy: LocalPolicy,
    calendar: WorkingDayCalendar | None,
    rows: list[Deadline],
) -> date | None:
    """The review chain and each meeting's rows; returns the cease date if the plan ended."""
    open_rule: str | None = None
    open_due: date | None = None
    ceased: date | None = None
    before: list[Event] = []
    before_meeting: list[Event] = []
    meeting: Event | None = None
    after: list[Event] = []
    for event in timeline:
        kind = event.type
        if kind == "final_plan_issued":
            open_rule, open_due, ceased = "annual-review", r.annual_review(event.on), None
        elif kind == "transferred_in":
            due = r.transfer_in_review(event.on, event.last_review)
            open_rule, open_due, ceased = "transfer-in-review", due, None
        elif kind == "review_meeting":
            if meeting is not None:
                _meeting(meeting, before_meeting, after, today, policy, calendar, rows)
            if open_rule is not None and open_due is not None:
                rows.append(_row(open_rule, open_due, event.on, today))
            open_rule, open_due, ceased = "annual-review", r.annual_review(event.on), None
            meeting, before_meeting, before, after = event, before, [], []
        elif kind in ("review_invitations_sent", "review_advice_circulated"):
            before.append(event)
        elif kind in (
            "review_report_received",
            "review_decision",
            "review_logged",
            "amended_plan_issued",
        ):
            after.append(event)
        elif kind == "plan_ceased":
            if open_rule is not None and open_due is not None and open_due < event.on:
                rows.append(_row(open_rule, open_due, None, today))
            open_rule, open_due, ceased = None, None, event.on
    if meeting is not None:
        _meeting(meeting, before_meeting, after, today, policy, calendar, rows)
    if open_rule is not None and open_due is not None:
        rows.append(_row(open_rule, open_due, None, today))
    return ceased


def _on(event: Event | None) -> date | None:
    return None if event is None else event.on


def _first(events: list[Event], kind: str) -> Event | None:
    for event in events:
        if event.type == kind:
            return event
    return None


def _meeting(
    meeting: Event,
    before: list[Event],
    after: list[Event],
    today: date,
    policy: LocalPolicy,
    calendar: WorkingDayCalendar | None,
    rows: list[Deadline],
) -> None:
    """The rows one review meeting starts."""
    held = meeting.on
    for rule, kind in (
        ("review-notice", "review_invitations_sent"),
        ("review-advice-circulated", "review_advice_circulated"),
    ):
        sent = _first(before, kind)
        if sent is not None:
            rows.append(_row(rule, r.RULES[rule].due(held), sent.on, today))
    report = _first(after, "review_report_received")
    rows.append(_row("review-report", r.review_report(held), _on(report), today))
    decision = _first(after, "review_decision")
    rows.append(_row("review-decision", r.review_decision(held), _on(decision), today))
    days = policy.review_logged_working_days
    if days is not None:
        cal = calendar or england_and_wales()
        logged = _first(after, "review_logged")
        due = r.review_logged(held, days, cal.add_working_days)
        state = status(due, _on(logged), today)
        rows.append(
            Deadline("review-logged", due, _on(logged), state, r.citation("review-logged", days))
        )
    if decision is not None and decision.outcome == "amend":
        amended = _first(after, "amended_plan_issued")
        rows.append(_row("review-to-final", r.review_to_final(held), _on(amended), today))


def _amendments(timeline: list[Event], today: date, rows: list[Deadline]) -> None:
    """Each amendment notice against the first amended plan issued on or after it."""
    notices = [e.on for e in timeline if e.type == "amendment_notice_issued"]
    if not notices:
        return
    issued = [e.on for e in timeline if e.type == "amended_plan_issued"]
    for notice in notices:
        done = next((day for day in issued if day >= notice), None)
        rows.append(_row("amended-plan", r.amended_plan(notice), done, today))


def _phase_transfers(
    timeline: list[Event], today: date, ceased: date | None, rows: list[Deadline]
) -> None:
    """Each planned move against the first unclaimed phase-transfer plan after the last move."""
    moves = [e for e in timeline if e.type == "phase_transfer"]
    if not moves:
        return
    issued = [e.on for e in timeline if e.type == "phase_transfer_plan_issued"]
    previous: date | None = None
    for move in moves:
        done = next((day for day in issued if previous is None or day > previous), None)
        if done is not None:
            issued.remove(done)
        due = r.phase_transfer(move.on, move.kind or "school")
        previous = move.on
        if done is None and ceased is not None and due >= ceased:
            continue
        rows.append(_row("phase-transfer", due, done, today))
