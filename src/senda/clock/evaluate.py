"""``evaluate(events, today)``: a child's case events in, deadline rows out.

Events may come in any order. Events dated after ``today`` are ignored (a replay of the
case as it stood that day), except ``phase_transfer``, whose date is the planned day of a
move. A ``request_received`` starts an assessment cycle that owns the assessment events
after it; review events after a meeting belong to that meeting, and the invitations and
advice circulated before a meeting belong to the next meeting on or after them.
When a plan ceases, what it still owed is no longer owed: a deadline of the plan left
undone that fell due before the cease is ``lapsed`` (missed, and never overdue again),
one not yet due then drops out.

The loop is written for speed (a national register is ~650,000 cases): one pass over the
sorted events, rows built as plain tuples.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from operator import itemgetter

from senda.clock import rules as r
from senda.clock.calendar import WorkingDayCalendar, england_and_wales
from senda.clock.ceasing import plan_ends
from senda.clock.counting import add_months
from senda.clock.model import DEFAULT_POLICY, Child, Deadline, Event, LocalPolicy
from senda.clock.model import exception_rules as _exception_rules
from senda.clock.status import BREACHED, EXCEPTED, LAPSED, MET, PENDING, status

ORDER = {
    name: rank
    for rank, name in enumerate(
        (
            "request_received",
            "reassessment_requested",
            "exception",
            "assess_decision",
            "reassess_decision",
            "advice_requested",
            "advice_received",
            "issue_decision",
            "draft_plan_issued",
            "final_plan_issued",
            "transferred_in",
            "transfer_in_notified",
            "review_invitations_sent",
            "review_advice_circulated",
            "review_meeting",
            "review_report_received",
            "review_decision",
            "review_logged",
            "amendment_notice_issued",
            "amended_plan_issued",
            "reassessment_outcome",
            "phase_transfer_plan_issued",
            "phase_transfer",
            "cease_proposed",
            "cease_decision",
            "cease_appealed",
            "cease_appeal_decided",
            "move_out_known",
            "transferred_out",
            "plan_ceased",
        )
    )
}
ASSESSMENT = frozenset(
    {
        "exception",
        "assess_decision",
        "advice_requested",
        "advice_received",
        "issue_decision",
        "draft_plan_issued",
    }
)
#: The steps a re-assessment in progress owns (advice and exceptions, as an assessment's).
REASSESSMENT = frozenset({"exception", "advice_requested", "advice_received"})
BEFORE_MEETING = frozenset({"review_invitations_sent", "review_advice_circulated"})
AFTER_MEETING = frozenset(
    {"review_report_received", "review_decision", "review_logged", "amended_plan_issued"}
)
_DAY = timedelta(days=1)
CITE = {rule_id: r.citation(rule_id) for rule_id in r.RULE_IDS}
_new = tuple.__new__
#: The steps of a plan moving between local authorities (reg 15).
TRANSFER_STEPS = frozenset({"transfer_in_notified", "move_out_known"})


def _key(event: Event) -> tuple[date, int, str]:
    """Date, then the statutory order of steps, then the event's own field, so that the
    answer never depends on the order events were given in."""
    return event.on, ORDER[event.type], event.outcome or event.discipline or event.kind or ""


#: Rows sort by due, rule, then discipline (only advice rows have one, so no None meets a str).
_row_key = itemgetter(1, 0, 5)


def _row(rule: str, due: date, done: date | None, today: date) -> Deadline:
    return _new(Deadline, (rule, due, done, status(due, done, today), CITE[rule], None))


def _lapsed(row: Deadline) -> Deadline:
    return row._replace(status=LAPSED)


def evaluate(
    events: Iterable[Event],
    today: date,
    *,
    child: Child | None = None,
    policy: LocalPolicy = DEFAULT_POLICY,
    calendar: WorkingDayCalendar | None = None,
) -> list[Deadline]:
    """Every deadline that applies to the case as it stood on ``today``, sorted by due date
    then rule id. ``child`` (its date of birth) is read by the ``under-five-review``
    guidance when the local area follows it."""
    timeline = sorted([e for e in events if e.on <= today or e.type == "phase_transfer"], key=_key)
    ends = plan_ends(timeline)
    if ends:  # a decision to cease ends the plan once the time to appeal has passed
        timeline = sorted(
            timeline + [Event("plan_ceased", end) for end in ends if end <= today], key=_key
        )
    rows: list[Deadline] = []
    chain = _Chain(today, policy, calendar, rows)
    cycle: list[Event] | None = None
    reassessing: list[Event] | None = None  # the latest re-assessment
    routing = False  # advice and exceptions go to it (it came after the latest request)
    reassessments: list[list[Event]] = []
    notices: list[date] = []
    amended: list[date] = []
    moves: list[Event] = []
    transfer_plans: list[date] = []
    transfers: list[Event] = []
    marks: list[tuple[date, str]] = []  # plan starts, meetings and ends, for the guidance
    for event in timeline:
        kind = event.type
        if kind in AFTER_MEETING:
            chain.after(event)
            if kind == "amended_plan_issued":
                amended.append(event.on)
        elif kind == "review_meeting":
            chain.meeting(event)
            marks.append((event.on, "meeting"))
        elif kind in BEFORE_MEETING:
            chain.before(event)
        elif kind == "request_received":
            if cycle:
                _assessment(cycle, today, rows)
            cycle, routing = [event], False
        elif routing and reassessing is not None and kind in REASSESSMENT:
            reassessing.append(event)
        elif kind in ASSESSMENT:
            if cycle is not None:
                cycle.append(event)
        elif kind == "final_plan_issued":
            if cycle is not None:
                cycle.append(event)
            chain.open("annual-review", r.annual_review(event.on), event.on)
            marks.append((event.on, "start"))
        elif kind == "transferred_in":
            due = r.transfer_in_review(event.on, event.last_review)
            chain.open("transfer-in-review", due, event.on)
            transfers.append(event)
            marks.append((event.on, "start"))
        elif kind == "plan_ceased" or kind == "transferred_out":
            chain.cease(event.on)
            marks.append((event.on, "end"))
            if kind == "transferred_out":
                transfers.append(event)
        elif kind == "amendment_notice_issued":
            notices.append(event.on)
        elif kind == "phase_transfer":
            moves.append(event)
        elif kind == "phase_transfer_plan_issued":
            transfer_plans.append(event.on)
        elif kind == "reassessment_requested":
            reassessing, routing = [event], True
            reassessments.append(reassessing)
        elif kind in TRANSFER_STEPS:
            transfers.append(event)
        elif reassessing is not None and kind in ("reassess_decision", "reassessment_outcome"):
            reassessing.append(event)
    if cycle:
        _assessment(cycle, today, rows)
    chain.close()
    ended = [day for day, mark in marks if mark == "end"]
    for found in reassessments:
        _reassessment(found, today, ended, rows)
    if notices:
        _amendments(notices, amended, today, chain.ceased, rows)
    if moves:
        _phase_transfers(moves, transfer_plans, today, chain.ceased, rows)
    if transfers:
        _transfers(transfers, today, ended, chain, rows)
    months = policy.under_five_review_months
    if months and child is not None and child.date_of_birth is not None and marks:
        _under_fives(marks, add_months(child.date_of_birth, 60), months, today, rows)
    rows.sort(key=_row_key)
    return rows


def _end_after(ended: list[date], start: date) -> date | None:
    """The first end of a plan on or after ``start`` (None while the plan goes on)."""
    return next((day for day in ended if day >= start), None)


def _until_end(row: Deadline, end: date | None) -> Deadline | None:
    """An undone row of a plan that ended: lapsed if it fell due before the end, dropped if
    not; a done row, or one of a plan still going, as it is."""
    if row.done is not None or end is None:
        return row
    return _lapsed(row) if row.due < end else None


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
    for event in cycle:
        kind = event.type
        if kind == "assess_decision":
            decision = decision or event
        elif kind == "advice_requested":
            asked.append(event)
        elif kind == "advice_received":
            answered.append(event)
        elif kind == "exception":
            excepted.update(_exception_rules(event))
        elif kind == "issue_decision":
            issue = issue or event
        elif kind == "draft_plan_issued":
            if final is None:
                draft = event.on
        elif kind == "final_plan_issued" and final is None:
            final = event.on
    decided = None if decision is None else decision.on
    rows.append(_ruled("assess-decision", r.assess_decision(received), decided, today, excepted))
    if asked:
        _advice(asked, answered, today, "advice" in excepted, rows)
    if not ((decision is not None and decision.outcome == "assess") or final is not None):
        return
    if issue is not None and issue.outcome == "not-issue":
        notice = r.no_issue_notice(received)
        rows.append(_ruled("no-issue-notice", notice, issue.on, today, excepted))
        return
    rows.append(_ruled("final-plan", r.final_plan(received), final, today, excepted))
    if draft is not None:
        rows.append(_comment_period(draft, final, today))


def _ruled(rule: str, due: date, done: date | None, today: date, excepted: set[str]) -> Deadline:
    """A row whose status is ``excepted`` when an exception of the cycle covers the rule."""
    row = _row(rule, due, done, today)
    return row._replace(status=EXCEPTED) if rule in excepted else row


def _advice(
    asked: list[Event], answered: list[Event], today: date, excepted: bool, rows: list[Deadline]
) -> None:
    """One row per request for advice, done by the first unclaimed answer in that discipline."""
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
        state = EXCEPTED if excepted else status(due, done, today)
        rows.append(Deadline("advice", due, done, state, CITE["advice"], discipline))


def _comment_period(draft: date, final: date | None, today: date) -> Deadline:
    return _minimum("draft-comment-period", r.draft_comment_period(draft), final, today)


def _minimum(rule: str, due: date, done: date | None, today: date) -> Deadline:
    """A minimum period (the family's time to comment): met once the window has closed with
    no plan inside it, breached by a plan issued on or before its last day."""
    if done is not None:
        state = MET if done > due else BREACHED
    else:
        state = PENDING if due >= today else MET
    return Deadline(rule, due, done, state, CITE[rule])


class _Chain:
    """The review chain of one plan: the open review, and each meeting's own rows."""

    __slots__ = ("calendar", "ceased", "due", "first_after", "first_before", "meeting_ceased",
                 "meeting_on", "pending_before", "policy", "rows", "rule", "today",
                 "undone")  # fmt: skip

    def __init__(
        self,
        today: date,
        policy: LocalPolicy,
        calendar: WorkingDayCalendar | None,
        rows: list[Deadline],
    ) -> None:
        self.today, self.policy, self.calendar, self.rows = today, policy, calendar, rows
        self.rule: str | None = None
        self.due: date | None = None
        self.ceased: date | None = None
        self.meeting_on: date | None = None
        self.meeting_ceased: date | None = None
        self.undone: list[int] = []  # where in rows the reviews left undone by a restart are
        self.pending_before: dict[str, Event] = {}
        self.first_before: dict[str, Event] = {}
        self.first_after: dict[str, Event] = {}

    def open(self, rule: str, due: date, on: date | None = None) -> None:
        """Start a new review period; one left undone that fell due before ``on`` stays."""
        if on is not None and self.due is not None and self.rule is not None and self.due < on:
            self.undone.append(len(self.rows))
            self.rows.append(_row(self.rule, self.due, None, self.today))
        self.rule, self.due, self.ceased = rule, due, None

    def before(self, event: Event) -> None:
        self.pending_before.setdefault(event.type, event)

    def after(self, event: Event) -> None:
        if self.meeting_on is not None:
            self.first_after.setdefault(event.type, event)

    def meeting(self, event: Event) -> None:
        self._flush_meeting()
        if self.rule is not None and self.due is not None:
            self.rows.append(_row(self.rule, self.due, event.on, self.today))
        self.open("annual-review", r.annual_review(event.on))
        self.meeting_on = event.on
        self.first_before, self.pending_before, self.first_after = self.pending_before, {}, {}

    def cease(self, on: date) -> None:
        """The plan ends: its open review lapses if it fell due before ``on`` (else drops
        out), as do reviews a restart left undone; the last meeting's rows end at ``on``."""
        rows = self.rows
        if self.rule is not None and self.due is not None and self.due < on:
            rows.append(_lapsed(_row(self.rule, self.due, None, self.today)))
        for index in self.undone:
            rows[index] = _lapsed(rows[index])
        self.undone = []
        if self.meeting_on is not None and self.meeting_ceased is None:
            self.meeting_ceased = on
        self.rule, self.due, self.ceased = None, None, on

    def close(self) -> None:
        self._flush_meeting()
        if self.rule is not None and self.due is not None:
            self.rows.append(_row(self.rule, self.due, None, self.today))

    def _flush_meeting(self) -> None:
        held = self.meeting_on
        if held is None:
            return
        rows: list[Deadline] = []
        today, before, after = self.today, self.first_before, self.first_after
        if "review_invitations_sent" in before:
            sent = before["review_invitations_sent"].on
            rows.append(_row("review-notice", r.review_notice(held), sent, today))
        if "review_advice_circulated" in before:
            sent = before["review_advice_circulated"].on
            rows.append(_row("review-advice-circulated", r.review_advice_circulated(held), sent,
                             today))  # fmt: skip
        report = after.get("review_report_received")
        rows.append(
            _row(
                "review-report", r.review_report(held), None if report is None else report.on, today
            )
        )
        decision = after.get("review_decision")
        done = None if decision is None else decision.on
        rows.append(_row("review-decision", r.review_decision(held), done, today))
        days = self.policy.review_logged_working_days
        if days:
            if self.calendar is None:
                self.calendar = england_and_wales()
            add = self.calendar.add_working_days
            logged = after.get("review_logged")
            due = r.review_logged(held, days, add)
            row = _row("review-logged", due, None if logged is None else logged.on, today)
            rows.append(
                row if days == 5 else row._replace(citation=r.citation("review-logged", days))
            )
        if decision is not None and decision.outcome == "amend":
            plan = after.get("amended_plan_issued")
            done = None if plan is None else plan.on
            rows.append(_row("review-to-final", r.review_to_final(held), done, today))
        ceased = self.meeting_ceased
        if ceased is not None:  # the plan ceased after this meeting: undone rows end there
            rows = [
                row if row.done is not None else _lapsed(row)
                for row in rows
                if row.done is not None or row.due < ceased
            ]
        self.rows += rows
        self.meeting_on = self.meeting_ceased = None


def _amendments(
    notices: list[date], issued: list[date], today: date, ceased: date | None, rows: list[Deadline]
) -> None:
    """Each amendment notice against the first amended plan issued on or after it: the 8
    weeks to issue it, and the family's 15 days to comment first (a minimum period, as the
    draft plan's). A notice left unanswered when the plan ceased drops out if it fell due
    after the end, and lapses if it fell due before; its comment window, if still open
    then, drops out."""
    for notice in notices:
        done = next((day for day in issued if day >= notice), None)
        due = r.amended_plan(notice)
        row = _row("amended-plan", due, done, today)
        window = _minimum("amendment-comment-period", r.amendment_comment_period(notice), done,
                          today)  # fmt: skip
        if done is None and ceased is not None:
            if window.due < ceased:
                rows.append(window)
            if due >= ceased:
                continue
            row = _lapsed(row)
        else:
            rows.append(window)
        rows.append(row)


def _phase_transfers(
    moves: list[Event], issued: list[date], today: date, ceased: date | None, rows: list[Deadline]
) -> None:
    """Each planned move against the first unclaimed phase-transfer plan after the last move."""
    previous: date | None = None
    for move in moves:
        done = next((day for day in issued if previous is None or day > previous), None)
        if done is not None:
            issued.remove(done)
        due = r.phase_transfer(move.on, move.kind or "school")
        previous = move.on
        row = _row("phase-transfer", due, done, today)
        if done is None and ceased is not None:
            if due >= ceased:
                continue
            row = _lapsed(row)
        rows.append(row)


def _reassessment(cycle: list[Event], today: date, ended: list[date], rows: list[Deadline]) -> None:
    """The rows of one re-assessment (``cycle[0]`` is its request): the decision whether to
    re-assess, advice asked for it, and, once it is decided to re-assess, the plan (or the
    notice that the plan stays as it is) within 14 weeks; undone rows end with the plan."""
    received = cycle[0].on
    decision: Event | None = None
    outcome: Event | None = None
    excepted: set[str] = set()
    asked: list[Event] = []
    answered: list[Event] = []
    for event in cycle:
        kind = event.type
        if kind == "reassess_decision":
            decision = decision or event
        elif kind == "reassessment_outcome":
            outcome = outcome or event
        elif kind == "exception":
            excepted.update(_exception_rules(event, reassessing=True))
        elif kind == "advice_requested":
            asked.append(event)
        elif kind == "advice_received":
            answered.append(event)
    end = _end_after(ended, received)
    found = [_ruled("reassess-decision", r.reassess_decision(received),
                    None if decision is None else decision.on, today, excepted)]  # fmt: skip
    if asked:
        _advice(asked, answered, today, "advice" in excepted, found)
    if decision is not None and decision.outcome == "reassess":
        done = None if outcome is None else outcome.on
        due = r.reassessment_plan(decision.on)
        found.append(_ruled("reassessment-plan", due, done, today, excepted))
    rows += [kept for row in found if (kept := _until_end(row, end)) is not None]


def _transfers(
    steps: list[Event], today: date, ended: list[date], chain: _Chain, rows: list[Deadline]
) -> None:
    """Plans moving between local authorities (reg 15). Transferred in: the family is told
    within 6 weeks (the first notice after the transfer, before the next one). Moving out:
    each move the authority learnt of is answered by the first transfer out on or after it."""
    for index, step in enumerate(steps):
        if step.type == "transferred_in":
            later = steps[index + 1 :]
            told = next((e.on for e in later if e.type == "transfer_in_notified"), None)
            stop = next((e.on for e in later if e.type == "transferred_in"), None)
            done = told if told is not None and (stop is None or told < stop) else None
            row = _row("transfer-in-notice", r.transfer_in_notice(step.on), done, today)
            kept = _until_end(row, _end_after(ended, step.on + _DAY))
            if kept is not None:
                rows.append(kept)
        elif step.type == "move_out_known" and step.move_date is not None:
            out = next((e.on for e in steps[index:] if e.type == "transferred_out"), None)
            if chain.calendar is None:
                chain.calendar = england_and_wales()
            due = r.transfer_out(step.on, step.move_date, chain.calendar.add_working_days)
            rows.append(_row("transfer-out", due, out, today))


def _under_fives(
    marks: list[tuple[date, str]], fifth: date, months: int, today: date, rows: list[Deadline]
) -> None:
    """Guidance a local area follows (``under-five-review``): from each plan start or review
    meeting while the child is under five, the next review is due ``months`` later if that is
    before the fifth birthday. A meeting does it; an undone review of a plan that ended is
    lapsed if it fell due before the end, dropped if not."""
    cite = r.citation("under-five-review", months=months)
    anchor: date | None = None
    for on, mark in marks:
        due = None if anchor is None else r.under_five_review(anchor, months)
        if due is not None and due < fifth:
            done = on if mark == "meeting" else None
            row = _new(Deadline, ("under-five-review", due, done, status(due, done, today), cite,
                                  None))  # fmt: skip
            kept = row if mark != "end" else _until_end(row, on)
            if kept is not None and (mark != "start" or due < on):
                rows.append(kept)
        anchor = None if mark == "end" or on >= fifth else on
    if anchor is not None:
        due = r.under_five_review(anchor, months)
        if due < fifth:
            rows.append(_new(Deadline, ("under-five-review", due, None,
                                        status(due, None, today), cite, None)))  # fmt: skip
