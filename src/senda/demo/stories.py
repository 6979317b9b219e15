"""One child's case history as the clock's events, with the records that summarise them.

Pure (no Django): every function takes a ``random.Random`` and ``today``, and a step dated
after ``today`` has simply not happened yet. The rates are set to look like an English
local area today (statutory-timescales.md, primer.md): about half of new plans final within
20 weeks, a third of annual reviews on time, amended plans rarely final within 12 weeks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import Any

from senda.clock import Event, england_and_wales
from senda.clock.ceasing import plan_ends, reason_refusal
from senda.clock.counting import add_months
from senda.clock.rules import transfer_in_review
from senda.people.school_year import academic_year_start, year_group

DISCIPLINES = ("education", "health", "social care")
EHC_GROUNDS = (
    "setting-closure",
    "personal-circumstances",
    "absent-from-area",
    "early-years-closure",
)
#: Transitions that need a phase-transfer review: year group before the move -> kind.
TRANSITIONS = {-1: "school", 6: "school", 11: "post16"}


@dataclass(slots=True)
class RequestRec:
    received_on: date
    source: int
    assess_outcome: str = ""
    assess_decided_on: date | None = None
    issue_outcome: str = ""
    issue_decided_on: date | None = None


@dataclass(slots=True)
class ReviewRec:
    meeting_on: date
    report_received_on: date | None = None
    logged_on: date | None = None
    outcome: str = ""
    decided_on: date | None = None


@dataclass(slots=True)
class PlanRec:
    issued_on: date | None = None
    transferred_in_on: date | None = None
    transferred_from_la: str = ""
    amended_on: date | None = None
    ceased_on: date | None = None
    cease_reason: int | None = None
    reviews: list[ReviewRec] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    """A case: its events in the order they happened, and its structured records."""

    today: date
    dob: date
    events: list[Event] = field(default_factory=list)
    requests: list[RequestRec] = field(default_factory=list)
    plan: PlanRec | None = None

    def add(self, type: str, on: date, **fields: Any) -> bool:
        """Record a step if it has happened by ``today``; False if it is still to come."""
        if on > self.today and type != "phase_transfer":
            return False
        self.events.append(Event(type, on, **fields))
        return True

    @property
    def opened_on(self) -> date:
        return min(e.on for e in self.events if e.type != "phase_transfer")

    @property
    def has_live_plan(self) -> bool:
        """A plan not ceased, or ceasing after today (a decision to cease waits for the time
        to appeal)."""
        ceased = None if self.plan is None else self.plan.ceased_on
        return self.plan is not None and (ceased is None or ceased > self.today)

    @property
    def is_open(self) -> bool:
        """Open: a live plan, or an assessment still in progress."""
        if self.plan is not None:
            return self.has_live_plan
        request = self.requests[-1]
        return not (request.assess_outcome == "refuse" or request.issue_outcome == "not-issue")


def _days(rng: Random, on_time: float, quick: tuple[int, int], slow: tuple[int, int]) -> int:
    return rng.randint(*quick) if rng.random() < on_time else rng.randint(*slow)


def assessment(rng: Random, story: Story, received: date) -> date | None:
    """An EHC needs assessment from request to final plan; returns the issue date, if any."""
    request = RequestRec(received, rng.choices((1, 2, 3, 4, 5), (45, 40, 8, 4, 3))[0])
    story.requests.append(request)
    story.add("request_received", received)
    if rng.random() < 0.03:
        ground = rng.choice(EHC_GROUNDS)
        story.add("exception", received + timedelta(rng.randint(5, 60)), ground=ground)
    decided = received + timedelta(_days(rng, 0.88, (18, 42), (43, 80)))
    outcome = "assess" if rng.random() < 0.78 else "refuse"
    if not story.add("assess_decision", decided, outcome=outcome):
        return None
    request.assess_outcome, request.assess_decided_on = outcome, decided
    if outcome == "refuse":
        return None
    asked = decided + timedelta(rng.randint(0, 4))
    issue = rng.random() < 0.9
    if issue:
        weeks = rng.uniform(12, 20) if rng.random() < 0.55 else rng.uniform(20.2, 40)
        final = max(received + timedelta(round(weeks * 7)), asked + timedelta(45))
        breach = rng.random() < 0.01
        draft = final - timedelta(rng.randint(5, 13) if breach else rng.randint(15, 30))
        latest_advice = draft - timedelta(rng.randint(2, 10))
    else:
        notice = max(
            received + timedelta(_days(rng, 0.6, (70, 112), (113, 170))), asked + timedelta(50)
        )
        latest_advice = notice - timedelta(rng.randint(3, 14))
    for discipline in DISCIPLINES:
        story.add("advice_requested", asked, discipline=discipline)
        back = asked + timedelta(_days(rng, 0.55, (14, 42), (43, 110)))
        back = max(asked + timedelta(7), min(back, latest_advice))
        story.add("advice_received", back, discipline=discipline)
    if not issue:
        if story.add("issue_decision", notice, outcome="not-issue"):
            request.issue_outcome, request.issue_decided_on = "not-issue", notice
        return None
    decision = max(latest_advice, draft - timedelta(rng.randint(0, 5)))
    if not story.add("issue_decision", decision, outcome="issue"):
        return None
    request.issue_outcome, request.issue_decided_on = "issue", decision
    story.add("draft_plan_issued", draft)
    if not story.add("final_plan_issued", final):
        return None
    story.plan = PlanRec(issued_on=final)
    return final


def _cease_reason(rng: Random, age: int) -> int:
    if age >= 19:
        return rng.choices((3, 4, 6, 2, 9), (30, 25, 25, 10, 10))[0]
    return rng.choices((2, 9, 6), (70, 20, 10 if age >= 16 else 0))[0]


def reviews(rng: Random, story: Story, due: date, first_meeting: date | None = None) -> None:
    """Annual reviews from ``due`` to today; a plan may be ceased along the way."""
    plan = story.plan
    assert plan is not None
    today = story.today
    add_working_days = england_and_wales().add_working_days
    started = first_meeting or plan.transferred_in_on or plan.issued_on
    assert started is not None
    moved_away: date | None = today - timedelta(rng.randint(0, 5 * 365))
    if rng.random() >= 0.05 or moved_away <= started + timedelta(30):
        moved_away = None
    while due <= today + timedelta(70):
        if first_meeting is not None:
            meeting, first_meeting = first_meeting, None
        else:
            lateness = rng.choices(((-50, 0), (1, 100), (101, 250), (251, 500)), (34, 46, 15, 5))[0]
            meeting = due + timedelta(rng.randint(*lateness))
        if moved_away is not None and meeting >= moved_away:
            move_away(rng, story, moved_away)
            return
        if meeting - timedelta(45) > today:
            return
        notice = _days(rng, 0.7, (14, 42), (3, 13))
        story.add("review_invitations_sent", meeting - timedelta(notice))
        if rng.random() < 0.6:
            sent = _days(rng, 0.55, (14, 28), (1, 13))
            story.add("review_advice_circulated", meeting - timedelta(sent))
        if not story.add("review_meeting", meeting):
            return
        review = ReviewRec(meeting)
        plan.reviews.append(review)
        report = meeting + timedelta(_days(rng, 0.45, (1, 14), (15, 60)))
        if story.add("review_report_received", report):
            review.report_received_on = report
        logged = (
            add_working_days(meeting, rng.randint(1, 5))
            if rng.random() < 0.4
            else meeting + timedelta(rng.randint(8, 70))
        )
        if story.add("review_logged", logged):
            review.logged_on = logged
        decided = meeting + timedelta(_days(rng, 0.5, (7, 28), (29, 90)))
        age = year_group(story.dob, meeting) + 4
        cease = 0.1 if age >= 19 else 0.02
        outcome = rng.choices(("amend", "maintain", "cease"), (0.4, 0.6 - cease, cease))[0]
        if not story.add("review_decision", decided, outcome=outcome):
            return
        review.outcome, review.decided_on = outcome, decided
        if outcome == "amend":
            notice_on = decided + timedelta(rng.randint(0, 7))
            story.add("amendment_notice_issued", notice_on)
            amended = meeting + timedelta(_days(rng, 0.2, (45, 84), (85, 240)))
            early = rng.random() < 0.02  # inside the family's 15 days (reg 22(2)(c))
            amended = notice_on + timedelta(rng.randint(5, 14)) if early else amended
            amended = amended if early else max(amended, notice_on + timedelta(15))
            if story.add("amended_plan_issued", amended):
                plan.amended_on = amended
        elif outcome == "cease":
            cease_plan(rng, story, decided, _cease_reason(rng, age))
            return
        elif today - decided < timedelta(70) and rng.random() < 0.3:
            # A recent review: the LA now considers ceasing; the plan is kept while the
            # family may appeal (the demo shows plans ending after the appeal window).
            cease_plan(rng, story, decided + timedelta(rng.randint(0, 7)), 2)
            return
        elif rng.random() < 0.06:
            reassessment(rng, story, decided + timedelta(rng.randint(20, 200)))
        due = add_months(meeting, 12)


def move_away(rng: Random, story: Story, moved: date) -> None:
    """The family moves: to another English local authority (the plan transfers, reg 15),
    or out of England (the plan ends with no decision, SEN2 reason 7)."""
    plan = story.plan
    assert plan is not None
    if rng.random() < 0.25:
        if story.add("plan_ceased", moved):
            plan.ceased_on, plan.cease_reason = moved, 7
        return
    learnt = moved - timedelta(rng.choice((rng.randint(0, 10), rng.randint(21, 60))))
    if not story.add("move_out_known", learnt, move_date=moved):
        return
    sent = moved + timedelta(rng.randint(0, 3) if rng.random() < 0.7 else rng.randint(4, 40))
    if story.add("transferred_out", max(sent, learnt)):
        plan.ceased_on, plan.cease_reason = max(sent, learnt), 5


def cease_plan(rng: Random, story: Story, proposed: date, reason: int) -> None:
    """A review leads to a proposal to cease (reg 31), a decision, and sometimes an appeal;
    the plan ends after the time to appeal, or after an appeal upheld (CFA s45)."""
    plan = story.plan
    assert plan is not None
    if not story.add("cease_proposed", proposed):
        return
    decided = proposed + timedelta(rng.randint(14, 42))
    meetings = [review.meeting_on for review in plan.reviews]
    if reason_refusal(reason, decided, story.dob, meetings) is not None:
        reason = 2
    if not story.add("cease_decision", decided, outcome="cease", reason=reason):
        return
    plan.cease_reason = reason
    if rng.random() < 0.1:
        story.add("cease_appealed", decided + timedelta(rng.randint(20, 55)))
        outcome = "cease" if rng.random() < 0.5 else "maintain"
        story.add("cease_appeal_decided", decided + timedelta(rng.randint(120, 220)),
                  outcome=outcome)  # fmt: skip
    ends = plan_ends(sorted(story.events, key=lambda e: e.on))
    plan.ceased_on = ends[-1] if ends else None
    if plan.ceased_on is None and any(e.type == "cease_appeal_decided" for e in story.events):
        plan.cease_reason = None  # the appeal kept the plan


def reassessment(rng: Random, story: Story, asked: date) -> None:
    """A request for a re-assessment (reg 24–27): decided within 15 days or late; a
    re-assessment ends in an amended or replacement plan, or a notice of no change."""
    plan = story.plan
    assert plan is not None
    if not story.add("reassessment_requested", asked):
        return
    decided = asked + timedelta(rng.randint(5, 15) if rng.random() < 0.7 else rng.randint(16, 45))
    outcome = "reassess" if rng.random() < 0.6 else "refuse"
    if not story.add("reassess_decision", decided, outcome=outcome) or outcome == "refuse":
        return
    weeks = rng.uniform(8, 14) if rng.random() < 0.5 else rng.uniform(14.2, 24)
    answered = decided + timedelta(round(weeks * 7))
    result = rng.choices(("amend", "replace", "no-change"), (60, 15, 25))[0]
    if story.add("reassessment_outcome", answered, outcome=result) and result != "no-change":
        plan.amended_on = max(plan.amended_on or answered, answered)


def phase_transfers(rng: Random, story: Story, infant_school: bool) -> None:
    """A phase-transfer event for each move between phases while the plan was live."""
    plan = story.plan
    assert plan is not None
    started = plan.issued_on or plan.transferred_in_on
    assert started is not None
    started = max(started, story.opened_on)
    moves = dict(TRANSITIONS)
    if infant_school:
        moves[2] = "school"
    for year in range(academic_year_start(started), academic_year_start(story.today) + 1):
        kind = moves.get(year_group(story.dob, date(year, 9, 1)))
        move = date(year + 1, 9, 1)
        if kind is None or started > date(year, 10, 1):
            continue
        if plan.ceased_on is not None and plan.ceased_on < move:
            continue
        story.add("phase_transfer", move, kind=kind)
        due = date(year + 1, 2, 15) if kind == "school" else date(year + 1, 3, 31)
        if move <= story.today:
            issued = (
                due - timedelta(rng.randint(0, 80))
                if rng.random() < 0.75
                else (due + timedelta(rng.randint(1, 150)))
            )
        elif rng.random() < (0.35 if story.today < due else 0.7):
            issued = due - timedelta(rng.randint(0, 100))
        else:
            continue
        if story.add("phase_transfer_plan_issued", issued):
            plan.amended_on = max(plan.amended_on or issued, issued)


def new_plan_story(rng: Random, today: date, dob: date, received: date, infant: bool) -> Story:
    story = Story(today, dob)
    issued = assessment(rng, story, received)
    if issued is not None:
        reviews(rng, story, add_months(issued, 12))
        phase_transfers(rng, story, infant)
    return story


def legacy_plan_story(
    rng: Random, today: date, dob: date, issued: date, first: date, infant: bool
) -> Story:
    """A plan issued before the five-year window: its events start at its first review
    in the window (the issue date is kept on the plan record)."""
    story = Story(today, dob, plan=PlanRec(issued_on=issued))
    reviews(rng, story, first, first_meeting=first)
    phase_transfers(rng, story, infant)
    return story


#: The DfE numbers of the areas the demo's plans transfer in from: its neighbours, as it were
#: (the demo area itself is 990, on no list). Each is on DfE's list (a test holds it).
NEIGHBOURS = ("873", "874", "881", "926", "935")


def transfer_in_story(rng: Random, today: date, dob: date, moved: date, infant: bool) -> Story:
    last = moved - timedelta(rng.randint(30, 330) if rng.random() < 0.9 else rng.randint(380, 600))
    # Chosen by the day of the move, not by ``rng``: the rest of the demo stays as it was.
    came_from = NEIGHBOURS[moved.toordinal() % len(NEIGHBOURS)]
    story = Story(today, dob, plan=PlanRec(transferred_in_on=moved, transferred_from_la=came_from))
    story.add("transferred_in", moved, last_review=last)
    told = moved + timedelta(rng.randint(7, 42) if rng.random() < 0.7 else rng.randint(43, 90))
    story.add("transfer_in_notified", told)
    reviews(rng, story, transfer_in_review(moved, last))
    phase_transfers(rng, story, infant)
    return story
