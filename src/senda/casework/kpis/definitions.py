"""The casework KPIs of the weekly service dashboard, one function each.

Each function's docstring is the KPI's definition (numerator, denominator, period rule);
``docs/service-dashboard.md`` is generated from them (``python -m senda.casework.kpis.docs``).
The ids and measures come from the shared KPI list (shared/domain/kpis.md).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import F, Q

from senda.casework.caseloads import OfficerLoad, caseload_by_officer
from senda.casework.kpis.registry import Measure, kpi
from senda.casework.models import Case
from senda.casework.models.deadlines import overdue_on
from senda.casework.returns import REPORT_RULE
from senda.people.models import LocalAuthority

ON_TIME = Q(done__isnull=False, done__lte=F("due"))
EXCEPTED = Q(status="excepted")
REVIEW_CHAIN = ("annual-review", "transfer-in-review")

#: Age bands of an overdue review: (label, fewest days overdue, most days overdue or None).
OVERDUE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("Up to 4 weeks", 1, 28),
    ("4 to 13 weeks", 29, 91),
    ("13 to 26 weeks", 92, 182),
    ("26 to 52 weeks", 183, 364),
    ("52 weeks or more", 365, None),
)


def done_in(start: date, end: date) -> Q:
    return Q(done__gte=start, done__lte=end)


@kpi(
    "final-plan-20w",
    title="Final EHC plans issued within 20 weeks",
    statute="SEND Regulations 2014 reg 13(2); exceptions reg 13(3)",
    labels={"counted": "Within 20 weeks", "missed": "After 20 weeks"},
)
def final_plan_20w(start: date, end: date, today: date) -> Measure:
    """New EHC plans issued within 20 weeks of the request, exception cases left out
    (the Department for Education's SEN2 measure).

    Numerator: `final-plan` rows whose final plan was issued in the week (`done` in the
    week) on or before the due date (request + 20 weeks), not `excepted`.

    Denominator: `final-plan` rows whose final plan was issued in the week, not `excepted`.

    Period: the day the final plan was issued.

    Beside it: the same figure with exception cases included."""
    return Measure(("final-plan",), done_in(start, end), ON_TIME, exception=EXCEPTED)


@kpi(
    "assess-decision-6w",
    title="Decisions whether to assess within 6 weeks",
    statute="SEND Regulations 2014 reg 5(1); exceptions reg 5(4)",
    labels={"counted": "Within 6 weeks", "missed": "After 6 weeks"},
)
def assess_decision_6w(start: date, end: date, today: date) -> Measure:
    """Decisions whether to carry out an EHC needs assessment notified within 6 weeks of
    the request.

    Numerator: `assess-decision` rows decided in the week (`done` in the week) on or before
    the due date (request + 6 weeks), not `excepted`.

    Denominator: `assess-decision` rows decided in the week, not `excepted`.

    Period: the day the decision was notified.

    Beside it: the same figure with exception cases included."""
    return Measure(("assess-decision",), done_in(start, end), ON_TIME, exception=EXCEPTED)


@kpi(
    "advice-6w",
    title="Advice returned within 6 weeks",
    statute="SEND Regulations 2014 reg 8(1); exceptions reg 8(2)",
    labels={"counted": "Within 6 weeks", "missed": "After 6 weeks"},
    breakdown="Discipline",
)
def advice_6w(start: date, end: date, today: date) -> Measure:
    """Advice for an EHC needs assessment returned within 6 weeks of the request for it,
    by discipline (education, health, social care and any other recorded).

    Numerator: `advice` rows received in the week (`done` in the week) on or before the due
    date (requested + 6 weeks), not `excepted`.

    Denominator: `advice` rows received in the week, not `excepted`.

    Period: the day the advice was received. Each discipline's advice is one row, so a case
    asked for three kinds of advice counts three times; disciplines are matched without
    regard to case.

    Beside it: the same figure with exception cases (a missed appointment) included."""
    return Measure(("advice",), done_in(start, end), ON_TIME, exception=EXCEPTED, by="discipline")


@kpi(
    "annual-review-on-time",
    title="Annual reviews held on time",
    statute="Children and Families Act 2014 s44(1); SEND Regulations 2014 reg 15, 18–20",
    labels={
        "counted": "Held on time",
        "missed": "Held late or not held",
        "open": "Left out: due later, not held yet",
    },
)
def annual_review_on_time(start: date, end: date, today: date) -> Measure:
    """Reviews due in the week whose review meeting was held on or before the due date
    (12 months after the plan was issued or the last review meeting; for the first review
    after a transfer in, the date reg 15 sets).

    Numerator: `annual-review` and `transfer-in-review` rows due in the week whose meeting
    was held on or before the due date.

    Denominator: `annual-review` and `transfer-in-review` rows due in the week, except those
    due today or later that have not been held yet (they may still be on time; they are
    listed apart and join the figure once held or overdue).

    Period: the review's due date. A meeting held late stays late: the figure for a past
    week does not change when the meeting is held after it."""
    not_held_yet = Q(done__isnull=True, due__gte=today)
    return Measure(REVIEW_CHAIN, Q(due__gte=start, due__lte=end), ON_TIME, open=not_held_yet)


@kpi(
    "review-decision-4w",
    title="Review decisions notified within 4 weeks",
    statute="SEND Regulations 2014 reg 20(10), 21(8)",
    labels={"counted": "Within 4 weeks", "missed": "After 4 weeks"},
)
def review_decision_4w(start: date, end: date, today: date) -> Measure:
    """Decisions after a review meeting (maintain, amend or cease) notified within 4 weeks
    of the meeting.

    Numerator: `review-decision` rows notified in the week (`done` in the week) on or before
    the due date (meeting + 4 weeks).

    Denominator: `review-decision` rows notified in the week.

    Period: the day the decision was notified."""
    return Measure(("review-decision",), done_in(start, end), ON_TIME)


@kpi(
    "review-to-final-12w",
    title="Amended plans final within 12 weeks of the review",
    statute="SEND Regulations 2014 reg 20 and reg 22",
    labels={"counted": "Within 12 weeks", "missed": "After 12 weeks"},
)
def review_to_final_12w(start: date, end: date, today: date) -> Measure:
    """Amended plans issued within 12 weeks of the review meeting that decided to amend
    (4 weeks to decide and notify, then 8 weeks to amend).

    Numerator: `review-to-final` rows whose amended plan was issued in the week (`done` in
    the week) on or before the due date (meeting + 12 weeks).

    Denominator: `review-to-final` rows whose amended plan was issued in the week.

    Period: the day the amended plan was issued."""
    return Measure(("review-to-final",), done_in(start, end), ON_TIME)


@kpi(
    "review-logged-5wd",
    title="Reviews logged within 5 working days",
    statute="Local standard, not statutory (the local area sets the number of working days)",
    labels={"counted": "Within the local standard", "missed": "Later than the local standard"},
)
def review_logged_5wd(start: date, end: date, today: date) -> Measure:
    """Reviews logged within the local area's set number of working days of the meeting
    (default 5; no rows, and so no figure, when the local area switches the standard off).

    Numerator: `review-logged` rows logged in the week (`done` in the week) on or before the
    due date (meeting + the set working days, skipping weekends and bank holidays).

    Denominator: `review-logged` rows logged in the week.

    Period: the day the review was logged."""
    return Measure(("review-logged",), done_in(start, end), ON_TIME)


@kpi(
    "overdue-reviews",
    title="Overdue annual reviews",
    statute="Children and Families Act 2014 s44(1); SEND Regulations 2014 reg 15, 18–20",
    kind="count",
    labels={"counted": "Review deadlines overdue at the end of the week"},
    breakdown="How long overdue",
)
def overdue_reviews(start: date, end: date, today: date) -> Measure:
    """Annual review deadlines overdue at the end of the week, with how long overdue: a
    count of deadlines, not of cases. A plan normally has one open review; a review left
    overdue when a new plan or a transfer restarted the chain still counts. A closed case's
    reviews never count, nor a review a plan that has since ceased still owed (the clock
    calls it lapsed).

    Count: `annual-review` and `transfer-in-review` rows of open cases due before the day
    the week is judged on and not held by then (no meeting, or a meeting after that day),
    not `lapsed`. The week is judged on its Sunday, or on today for the week still running,
    as the clock would have answered that day: a review due on that day itself is not
    overdue yet.

    Period: a snapshot at the end of the week, derived from due and done dates, so past
    weeks are counted as they stood then, not from today's statuses — except that whether
    the case is closed, or the plan has ceased, is read as it is now.

    Age bands (this week and last week): days overdue on that day — up to 4 weeks, 4 to 13,
    13 to 26, 26 to 52, and 52 weeks or more."""
    as_of = min(end, today)
    overdue = overdue_on(as_of)
    bands = tuple((label, _due_between(as_of, low, high)) for label, low, high in OVERDUE_BANDS)
    return Measure(REVIEW_CHAIN, overdue, bands=bands, as_of=as_of)


@kpi(
    "setting-returns-on-time",
    title="Settings' review reports returned on time",
    statute="SEND Regulations 2014 reg 20(7), 21(7)",
    labels={
        "counted": "Received on time",
        "missed": "Received late or missing",
        "open": "Left out: not due yet",
    },
)
def setting_returns_on_time(start: date, end: date, today: date) -> Measure:
    """Review reports that schools and colleges returned to the local authority within 2
    weeks of the review meeting — the same rule as the settings' returns page.

    Numerator: `review-report` rows due in the week, of a child at a setting, received on or
    before the due date.

    Denominator: `review-report` rows due in the week, of a child at a setting, received
    (on time or late) or missing (due before today, not received). A missing return of a
    closed case is no longer chased and is left out altogether; a return not received and
    not due yet is left out until it comes in or falls due.

    Period: the return's due date (meeting + 2 weeks). The child's setting is the current
    one."""
    # The settings' returns page's rule (senda.casework.returns); no module path above, as
    # the definition is shown on pages.
    chased = Q(case__child__setting__isnull=False) & ~Q(
        done__isnull=True, case__status=Case.Status.CLOSED
    )
    awaiting = Q(done__isnull=True, due__gte=today)
    in_week = Q(due__gte=start, due__lte=end) & chased
    return Measure((REPORT_RULE,), in_week, ON_TIME, open=awaiting)


@kpi(
    "caseload-at-target",
    title="Case officers at their caseload target",
    statute="Local target (not statutory): the local area's caseload target per officer",
    kind="now",
    labels={"counted": "At or under target", "missed": "Over target"},
)
def caseload_at_target(
    la: LocalAuthority, today: date
) -> tuple[list[OfficerLoad], list[OfficerLoad]]:
    """Case officers holding no more open cases than their caseload target — their own
    target if set (e.g. part time), otherwise the local area's — the same rule as the team
    view.

    Numerator: case officers of the local area whose open cases are at or under target.

    Denominator: every case officer of the local area, including those holding no case.

    Period: now. Caseloads are not kept by date (who held a case last month is not
    recorded), so there is a figure for this week only; past weeks show "not kept"."""
    loads = caseload_by_officer(la, today=today)
    return [x for x in loads if x.at_target], [x for x in loads if not x.at_target]


def _due_between(as_of: date, fewest_days: int, most_days: int | None) -> Q:
    """Rows overdue on ``as_of`` by ``fewest_days`` to ``most_days`` days (inclusive)."""
    latest = Q(due__lte=as_of - timedelta(days=fewest_days))
    if most_days is None:
        return latest
    return latest & Q(due__gte=as_of - timedelta(days=most_days))
