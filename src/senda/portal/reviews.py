"""What a setting reads about its pupils' reviews: the reviews due this term and next (from
the clock's deadline rows), and where each review has got to, task by task.

Terms: autumn 1 September–31 December, spring 1 January–31 March, summer 1 April–31
August. "This term and next" is every review due before the end of next term; overdue
ones are always listed, first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from senda.casework.models import Case, CaseEvent, DeadlineRow, Plan, PlanOutcome
from senda.clock import OPEN, REVIEW_DUE_RULES
from senda.people.models import Child
from senda.portal.access import setting_ids
from senda.portal.models import ReviewReport
from senda.portal.report_sections import (
    OutcomeRef,
    Question,
    Section,
    applicable_sections,
    questions_for,
)

__all__ = [
    "NOTICE_DAYS",
    "CycleDates",
    "ReviewTask",
    "Step",
    "answer_summary",
    "current_report",
    "cycle_dates",
    "end_of_next_term",
    "plan_outcomes",
    "review_steps",
    "reviews_due",
    "setting_case",
    "term_of",
]

#: Invitations give at least 2 weeks' notice of the meeting (reg 20(3)).
NOTICE_DAYS = 14
#: The report follows the meeting: its row keeps a review on the list until it is sent.
REPORT_RULE = "review-report"
LISTED_RULES = REVIEW_DUE_RULES | {REPORT_RULE}
OPEN_REPORT = (ReviewReport.Status.DRAFT, ReviewReport.Status.RETURNED)
SENT = (ReviewReport.Status.SUBMITTED, ReviewReport.Status.LOGGED)

# Step states, GOV.UK task-list words.
DONE, TODO, NOT_STARTED, BLOCKED, IN_PROGRESS = (
    "completed",
    "incomplete",
    "not-started",
    "cannot-start",
    "in-progress",
)


def term_of(day: date) -> tuple[date, date]:
    """The first and last day of the school term ``day`` falls in."""
    if day.month >= 9:
        return date(day.year, 9, 1), date(day.year, 12, 31)
    if day.month <= 3:
        return date(day.year, 1, 1), date(day.year, 3, 31)
    return date(day.year, 4, 1), date(day.year, 8, 31)


def end_of_next_term(today: date) -> date:
    """The last day of the term after ``today``'s."""
    _, last = term_of(today)
    return term_of(last + timedelta(days=1))[1]


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a review as the list shows it: ``state`` is a task-list word, ``note``
    says more (a date, or a problem such as short notice)."""

    slug: str
    title: str
    state: str
    note: str = ""
    warning: bool = False


@dataclass(frozen=True, slots=True)
class ReviewTask:
    """One pupil's review on a setting's list."""

    case_id: int
    child: Child
    rule: str
    due_on: date
    overdue: bool
    report: ReviewReport | None
    steps: tuple[Step, ...]

    @property
    def is_report_due(self) -> bool:
        return self.rule == REPORT_RULE


def setting_case(user: Any, case_id: int) -> Case | None:
    """The case if ``user`` works at the child's setting (the review is theirs to run);
    None otherwise, whoever else may see the case."""
    ids = setting_ids(user)
    if not ids:
        return None
    found = Case.objects.filter(pk=case_id, child__setting_id__in=ids)
    return found.select_related("child__setting", "la").first()


def reviews_due(setting_ids: Iterable[int], today: date) -> list[ReviewTask]:
    """The reviews of the open cases of children at ``setting_ids`` that are due by the
    end of next term, or overdue (overdue first, then by due date): a review falling due
    (``REVIEW_DUE_RULES``) or, once the meeting is held, its report. Three queries."""
    ids = list(setting_ids)
    rows = (
        DeadlineRow.objects.filter(
            case__child__setting_id__in=ids,
            case__status=Case.Status.OPEN,
            rule__in=sorted(LISTED_RULES),
            status__in=sorted(OPEN),
            done__isnull=True,
        )
        .filter(Q(due__lte=end_of_next_term(today)) | Q(due__lt=today))
        .select_related("case__child")
        .order_by("due", "id")
    )
    first: dict[int, DeadlineRow] = {}
    for row in rows:
        first.setdefault(row.case_id, row)
    reports = _latest_reports(first)
    events = _cycle_events(first)
    tasks = [
        ReviewTask(
            case_id=case_id,
            child=row.case.child,
            rule=row.rule,
            due_on=row.due,
            overdue=row.due < today,
            report=reports.get(case_id),
            steps=tuple(review_steps(reports.get(case_id), events.get(case_id, []), today)),
        )
        for case_id, row in first.items()
    ]
    return sorted(tasks, key=lambda t: (not t.overdue, t.due_on, t.case_id))


def _latest_reports(case_ids: Iterable[int]) -> dict[int, ReviewReport]:
    latest: dict[int, ReviewReport] = {}
    for report in (
        ReviewReport.objects.filter(case_id__in=list(case_ids))
        .select_related("review")
        .order_by("id")
    ):
        latest[report.case_id] = report
    return {k: v for k, v in latest.items() if not _decided(v)}


def _decided(report: ReviewReport) -> bool:
    """A sent report whose review has its decision: that review is over."""
    return report.status in SENT and report.review is not None and bool(report.review.decided_on)


CYCLE_TYPES = (
    "review_invitations_sent",
    "review_advice_circulated",
    "review_meeting",
    "review_report_received",
    "review_decision",
)


def cycle_event_rows(case_ids: Iterable[int]) -> QuerySet[CaseEvent]:
    """The cases' review steps from the day of their last review decision on (all of them
    for a case with none): earlier reviews' steps are never read (a case with years of
    reviews would bring them all back otherwise), and only the fields the steps need."""
    last_decision = (
        CaseEvent.objects.current()
        .filter(case_id=OuterRef("case_id"), type="review_decision")
        .order_by("-on")
        .values("on")[:1]
    )
    return (
        CaseEvent.objects.current()
        .filter(case_id__in=list(case_ids), type__in=CYCLE_TYPES)
        .alias(since=Coalesce(Subquery(last_decision), Value(date.min)))
        .filter(on__gte=F("since"))
        .only("id", "case_id", "type", "on")
        .order_by("on", "id")
    )


def _cycle_events(case_ids: Iterable[int]) -> dict[int, list[CaseEvent]]:
    """Each case's current review steps since its last review decision."""
    found: dict[int, list[CaseEvent]] = {}
    for event in cycle_event_rows(case_ids):
        if event.type == "review_decision":
            found[event.case_id] = []
        else:
            found.setdefault(event.case_id, []).append(event)
    return found


def current_report(case: Case) -> ReviewReport | None:
    """The report of the case's review now under way: the latest, unless it was sent and
    the council has decided that review (then the next review has no report yet)."""
    report = case.review_reports.select_related("review").order_by("id").last()
    return None if report is None or _decided(report) else report


def cycle_events(case: Case) -> list[CaseEvent]:
    return _cycle_events([case.pk]).get(case.pk, [])


@dataclass(frozen=True, slots=True)
class CycleDates:
    """One reading of the review under way: the dates its steps happened or are planned,
    from the case's recorded steps of this cycle (an officer's or the history's) first,
    then the report's own. ``meeting_recorded``: the meeting is recorded on the case."""

    meeting_on: date | None
    invitations_on: date | None
    report_received_on: date | None
    meeting_recorded: bool


def cycle_dates(report: ReviewReport | None, events: list[CaseEvent]) -> CycleDates:
    """The dates of the review under way; a step recorded on the case wins over the
    report's copy (the report only holds what the case does not say yet)."""
    last = {e.type: e.on for e in events}
    meeting = last.get("review_meeting")
    invitations = last.get("review_invitations_sent")
    return CycleDates(
        meeting_on=meeting or (report.meeting_on if report else None),
        invitations_on=invitations or (report.invitations_sent_on if report else None),
        report_received_on=last.get("review_report_received"),
        meeting_recorded=meeting is not None,
    )


def review_steps(report: ReviewReport | None, events: list[CaseEvent], today: date) -> list[Step]:
    """Where a review has got to: meeting date set, invitations sent (with at least 2
    weeks' notice), advice gathered, meeting held, report sent. From the report and the
    case's review steps since its last decision (an officer's record counts too)."""
    types = {e.type: e for e in events}
    dates = cycle_dates(report, events)
    meeting_on = dates.meeting_on
    steps = [
        _meeting_date(dates, types),
        _invitations(dates),
        _advice(report, types),
        _held(meeting_on, types, today),
        _sent(report, types),
    ]
    return steps


def _meeting_date(dates: CycleDates, types: dict[str, Any]) -> Step:
    if dates.meeting_on is not None:
        return Step("meeting-date", "Meeting date set", DONE, _day(dates.meeting_on))
    if dates.invitations_on is not None or "review_report_received" in types:
        # A later step is recorded: the meeting was arranged, only its date is missing.
        return Step("meeting-date", "Meeting date set", TODO, "Enter the date of the meeting")
    return Step("meeting-date", "Meeting date set", NOT_STARTED)


def _day(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


def _invitations(dates: CycleDates) -> Step:
    sent, meeting_on = dates.invitations_on, dates.meeting_on
    if sent is None:
        state = NOT_STARTED if meeting_on else BLOCKED
        return Step("invitations", "Invitations sent", state)
    if meeting_on is not None and (meeting_on - sent).days < NOTICE_DAYS:
        return Step(
            "invitations",
            "Invitations sent",
            DONE,
            f"Sent {_day(sent)}: less than 2 weeks' notice",
            warning=True,
        )
    return Step("invitations", "Invitations sent", DONE, f"Sent {_day(sent)}")


def _advice(report: ReviewReport | None, types: dict[str, Any]) -> Step:
    if "review_advice_circulated" in types:
        on = types["review_advice_circulated"].on
        return Step("advice", "Advice gathered", DONE, f"Circulated {_day(on)}")
    if report is not None and "advice" in (report.completed_sections or []):
        return Step("advice", "Advice gathered", DONE)
    started = report is not None and bool((report.answers or {}).get("advice"))
    return Step("advice", "Advice gathered", IN_PROGRESS if started else NOT_STARTED)


def _held(meeting_on: Any, types: dict[str, Any], today: date) -> Step:
    if "review_meeting" in types:
        return Step("meeting", "Meeting held", DONE, _day(types["review_meeting"].on))
    if "review_report_received" in types:
        return Step("meeting", "Meeting held", DONE, "The council has its report")
    if meeting_on is not None and meeting_on <= today:
        return Step("meeting", "Meeting held", TODO, "Not recorded yet")
    return Step("meeting", "Meeting held", BLOCKED if meeting_on is None else NOT_STARTED)


def _sent(report: ReviewReport | None, types: dict[str, Any]) -> Step:
    if report is not None and report.status == ReviewReport.Status.RETURNED:
        return Step("report", "Report sent", TODO, "Returned by the council", warning=True)
    if report is not None and report.status == ReviewReport.Status.LOGGED:
        return Step("report", "Report sent", DONE, "Logged by the council")
    if report is not None and report.status == ReviewReport.Status.SUBMITTED:
        return Step("report", "Report sent", DONE, f"Sent {_day(report.submitted_on)}")
    if "review_report_received" in types:
        return Step("report", "Report sent", DONE, "Received by the council")
    if report is not None and report.completed_sections:
        return Step("report", "Report sent", IN_PROGRESS)
    return Step("report", "Report sent", NOT_STARTED)


def live_plan(case: Case, today: date) -> Plan | None:
    return case.plans.live(today).order_by("id").last()


def plan_outcomes(plan: Plan | None) -> list[OutcomeRef]:
    """The plan's outcomes in force (not superseded), in order."""
    if plan is None:
        return []
    rows = PlanOutcome.objects.filter(plan=plan, superseded_on__isnull=True).order_by(
        "number", "id"
    )
    return [OutcomeRef(id=o.pk, number=o.number, text=o.text) for o in rows]


def sections_for(case: Case, today: date) -> list[Section]:
    """The sections of ``case``'s report: preparing for adulthood from Year 9."""
    return applicable_sections(case.child.year_group(today))


def section_state(report: ReviewReport | None, slug: str) -> str:
    """A report section's task-list word."""
    if report is None:
        return NOT_STARTED
    if slug in (report.completed_sections or []):
        return DONE
    return TODO if (report.answers or {}).get(slug) else NOT_STARTED


def missing_sections(report: ReviewReport, sections: list[Section]) -> list[Section]:
    """The required sections not yet marked completed."""
    done = set(report.completed_sections or [])
    return [s for s in sections if s.required and s.slug not in done]


def answer_summary(
    report: ReviewReport | None, sections: Iterable[Section], outcomes: list[OutcomeRef]
) -> list[tuple[Section, list[tuple[str, str]], str]]:
    """Each section of ``report`` as (section, rows of question and answer text, state): the
    one reading of the answers that the setting's check page and the council's tray share.
    An answer not given is ""; an outcome's questions carry the outcome's wording."""
    given = report.answers if report is not None and isinstance(report.answers, dict) else {}
    summary = []
    for sec in sections:
        answers = given.get(sec.slug)
        answers = answers if isinstance(answers, dict) else {}
        labelled: list[tuple[str, Question]] = []
        if sec.per_outcome and outcomes:
            for outcome in outcomes:
                labelled += [
                    (f"{q.label} ({outcome.text})", q) for q in questions_for(sec, [outcome])
                ]
        else:
            labelled = [(q.label, q) for q in questions_for(sec, outcomes)]
        rows = [(label, _answer_text(q, answers.get(q.id))) for label, q in labelled]
        summary.append((sec, rows, section_state(report, sec.slug)))
    return summary


def _answer_text(question: Question, value: Any) -> str:
    """How a stored answer reads back ("" when not given; a value the definitions cannot
    read, such as a malformed date, as it was stored)."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        return str(value)
    try:
        return question.answer_text(value)
    except ValueError:
        return value
