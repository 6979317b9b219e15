"""The casework KPIs of the shared KPI list: computed from the clock's deadline rows where
the clock has the rule, recorded where Senda holds no data for them yet.

Adding a computed KPI is one ``_computed`` entry here (its words, its definition as code
from ``senda.performance.definitions``, and how the weekly dashboard shows it) and its
tests: ``senda tick``, the board dashboard, the weekly service dashboard and the generated
references all read it from here (docs/adding-a-kpi.md).
"""

from __future__ import annotations

import inspect

from senda.performance.catalogue.entry import Entry, Unit, Weekly, from_records, recorded
from senda.performance.definitions import (
    CASE_DIMENSIONS,
    REVIEW_RULES,
    REVIEW_STEP_TYPES,
    CaseloadNow,
    CorrectedSteps,
    Definition,
    OnTimeByDone,
    OnTimeByDue,
    OverdueCount,
)

SERVICE_MANAGER = "Head of SEND (service manager)"
TEAM_MANAGER = "SEND team manager"
PFA_LEAD_OWNER = "Preparing for adulthood lead"
LOGGING_ERRORS = "review-logging-errors"


def _weekly(text: str, **kwargs: str | dict[str, str] | None) -> Weekly:
    """The weekly dashboard's view of a KPI; ``text`` is indented like a docstring."""
    return Weekly(inspect.cleandoc(text), **kwargs)  # type: ignore[arg-type]


def _computed(
    id: str,
    name: str,
    definition: str,
    numerator: str,
    denominator: str,
    *,
    computed_by: Definition,
    weekly: Weekly | None = None,
    unit: Unit = "percent",
    higher_is_better: bool = True,
    owner: str = TEAM_MANAGER,
    area: str,
    statute: str,
    dfe: str = "",
    benchmark: str = "",
    seen: str = "",
) -> Entry:
    """A KPI ``senda tick`` computes: what it is broken down by, whether it reports exception
    cases beside, and where its rows come from all follow from its definition."""
    by = (computed_by.by,) if computed_by.by else ()
    steps = computed_by.steps if isinstance(computed_by, CorrectedSteps) else ()
    return recorded(
        id,
        name,
        definition,
        numerator,
        denominator,
        owner=owner,
        area=area,
        unit=unit,
        higher_is_better=higher_is_better,
        source="computed",
        statute=statute,
        dfe=dfe,
        benchmark=benchmark,
        casework_kpi=id if weekly is not None else "",
        dimensions=() if computed_by.kind == "now" else (*CASE_DIMENSIONS, *by),
        with_exceptions=computed_by.exceptions,
        clock_rule=computed_by.rules[0] if weekly is None and computed_by.rules else "",
        corrected_steps=steps,
        seen=seen,
        computed_by=computed_by,
        weekly=weekly,
    )


ENTRIES: tuple[Entry, ...] = (
    _computed(
        "final-plan-20w",
        "New EHC plans issued within 20 weeks",
        "New EHC plans issued in the period within 20 weeks of the request for an EHC "
        "needs assessment, exception cases left out of both numerator and denominator "
        "(the Department for Education's SEN2 measure). Measured from the date the "
        "request was received to the date the final plan was issued. The figure with "
        "exception cases included is shown beside it.",
        "Final plans issued in the period on or before the due date (request + 20 "
        "weeks), without an exception (SEND Regulations 2014 reg 13(3))",
        "Final plans issued in the period, without an exception",
        computed_by=OnTimeByDone(("final-plan",), exceptions=True),
        weekly=_weekly(
            """New EHC plans issued within 20 weeks of the request, exception cases left out
            (the Department for Education's SEN2 measure).

            Numerator: `final-plan` rows whose final plan was issued in the week (`done` in the
            week) on or before the due date (request + 20 weeks), not `excepted`.

            Denominator: `final-plan` rows whose final plan was issued in the week, not `excepted`.

            Period: the day the final plan was issued.

            Beside it: the same figure with exception cases included.""",
            title="Final EHC plans issued within 20 weeks",
            labels={"counted": "Within 20 weeks", "missed": "After 20 weeks"},
        ),
        owner=SERVICE_MANAGER,
        area="timeliness",
        statute="SEND Regulations 2014 reg 13(2); exceptions reg 13(3)",
        dfe=(
            "Follows DfE's SEN2 definition: plans issued in the period, exception cases "
            "excluded, request date to final plan. DfE publishes it per calendar year, "
            "with and without exceptions; Senda gives it per month and quarter."
        ),
        benchmark="timeliness-20w-ex",
        seen=(
            "city 51.5% (2024), 55.8% (2025-26), Q4 46.0%; national 60.4% (2019) → 46.4% "
            "(2024); target +15 percentage points by April 2027"
        ),
    ),
    _computed(
        "assess-decision-6w",
        "Decisions whether to assess within 6 weeks",
        "Decisions whether to carry out an EHC needs assessment notified in the period "
        "within 6 weeks of the request, exception cases left out. The figure with "
        "exception cases included is shown beside it.",
        "Decisions notified in the period on or before the due date (request + 6 weeks), "
        "without an exception (reg 5(4))",
        "Decisions notified in the period, without an exception",
        computed_by=OnTimeByDone(("assess-decision",), exceptions=True),
        weekly=_weekly(
            """Decisions whether to carry out an EHC needs assessment notified within 6 weeks of
            the request.

            Numerator: `assess-decision` rows decided in the week (`done` in the week) on or before
            the due date (request + 6 weeks), not `excepted`.

            Denominator: `assess-decision` rows decided in the week, not `excepted`.

            Period: the day the decision was notified.

            Beside it: the same figure with exception cases included.""",
            labels={"counted": "Within 6 weeks", "missed": "After 6 weeks"},
        ),
        owner=SERVICE_MANAGER,
        area="timeliness",
        statute="SEND Regulations 2014 reg 5(1); exceptions reg 5(4)",
        dfe=(
            "DfE publishes the share of requests decided within 6 weeks (requests table, "
            "from 2023), per calendar year, without separating exception cases: compare it "
            "with the figure including exceptions."
        ),
        benchmark="request-decision-6w",
        seen="national 84.8% (2024); target 95% or more",
    ),
    _computed(
        "advice-6w",
        "Advice returned within 6 weeks",
        "Advice for an EHC needs assessment (education, health, social care and any "
        "other discipline asked) returned in the period within 6 weeks of the request "
        "for it, exception cases left out. Each discipline's advice counts once, so a "
        "case asked for three kinds of advice counts three times. Broken down by "
        "discipline.",
        "Advice received in the period on or before the due date (requested + 6 weeks), "
        "without an exception (reg 8(2))",
        "Advice received in the period, without an exception",
        computed_by=OnTimeByDone(("advice",), exceptions=True, by="discipline"),
        weekly=_weekly(
            """Advice for an EHC needs assessment returned within 6 weeks of the request for it,
            by discipline (education, health, social care and any other recorded).

            Numerator: `advice` rows received in the week (`done` in the week) on or before the due
            date (requested + 6 weeks), not `excepted`.

            Denominator: `advice` rows received in the week, not `excepted`.

            Period: the day the advice was received. Each discipline's advice is one row, so a case
            asked for three kinds of advice counts three times; disciplines are matched without
            regard to case.

            Beside it: the same figure with exception cases (a missed appointment) included.""",
            labels={"counted": "Within 6 weeks", "missed": "After 6 weeks"},
            breakdown="Discipline",
        ),
        owner="SEND service manager with the Designated Clinical Officer and social care",
        area="timeliness",
        statute="SEND Regulations 2014 reg 8(1); exceptions reg 8(2)",
        seen="county target 95% or more",
    ),
    _computed(
        "reassess-decision-15d",
        "Re-assessment decisions notified within 15 days",
        "Decisions whether to re-assess a child's or young person's needs, after the "
        "family or the setting asked for a re-assessment of the EHC plan, notified in the "
        "period within 15 days of the request. No exception cases are recorded for this "
        "time limit, so every decision counts.",
        "Decisions whether to re-assess notified in the period on or before the due date "
        "(request + 15 days)",
        "Decisions whether to re-assess notified in the period",
        computed_by=OnTimeByDone(("reassess-decision",)),
        weekly=_weekly(
            """Decisions whether to re-assess a child's or young person's needs notified within
            15 days of the request to re-assess.

            Numerator: `reassess-decision` rows decided in the week (`done` in the week) on or
            before the due date (request + 15 days).

            Denominator: `reassess-decision` rows decided in the week. No exception cases are
            recorded for this time limit, so no row is left out for one.

            Period: the day the decision was notified. A request not decided yet is in no week
            until it is decided; if the plan ends first, it never counts.""",
            labels={"counted": "Within 15 days", "missed": "After 15 days"},
        ),
        owner=SERVICE_MANAGER,
        area="timeliness",
        statute=(
            "SEND Regulations 2014 reg 25(1); the 15 days is taken from councils' published "
            "guidance, not confirmed from the regulation's own text"
        ),
    ),
    _computed(
        "reassessment-plan-14w",
        "Plans final within 14 weeks of a decision to re-assess",
        "Final amended or replacement EHC plans issued after a re-assessment in the period "
        "within 14 weeks of telling the family the local authority would re-assess, "
        "exception cases left out of both numerator and denominator (as the Department "
        "for Education's 20-week measure does). A notice that the plan stays as it is "
        "after the re-assessment ends the same 14 weeks and is counted with them. The "
        "figure with exception cases included is shown beside it.",
        "Amended or replacement plans (or notices of no change) issued in the period on or "
        "before the due date (decision to re-assess notified + 14 weeks), without an "
        "exception (reg 27(3))",
        "Amended or replacement plans (or notices of no change) issued in the period, "
        "without an exception",
        computed_by=OnTimeByDone(("reassessment-plan",), exceptions=True),
        weekly=_weekly(
            """Final amended or replacement plans issued within 14 weeks of telling the family
            the local authority would re-assess, exception cases left out.

            Numerator: `reassessment-plan` rows whose plan (or notice that the plan stays as it
            is) was issued in the week (`done` in the week) on or before the due date (decision
            to re-assess notified + 14 weeks), not `excepted`.

            Denominator: `reassessment-plan` rows whose plan or notice was issued in the week,
            not `excepted`.

            Period: the day the plan or notice was issued.

            Beside it: the same figure with exception cases included.""",
            labels={"counted": "Within 14 weeks", "missed": "After 14 weeks"},
        ),
        owner=SERVICE_MANAGER,
        area="timeliness",
        statute="SEND Regulations 2014 reg 27(2); exceptions reg 27(3)",
    ),
    _computed(
        "transfer-in-notice-6w",
        "Families told within 6 weeks that a plan has transferred in",
        "EHC plans transferred in from another local authority whose 6 weeks to tell the "
        "family ended in the period, where the family was told on or before that day that "
        "the plan has transferred, whether the local authority will assess and when it "
        "will review the plan. A family not told yet counts once the 6 weeks have passed; "
        "a late notice stays late.",
        "Transfers in due in the period whose family was told on or before the due date "
        "(transfer + 6 weeks)",
        "Transfers in due in the period, except those not told yet whose 6 weeks have not "
        "passed on the day the figure is taken",
        computed_by=OnTimeByDue(("transfer-in-notice",)),
        weekly=_weekly(
            """Plans transferred in from another local authority whose family was told within 6
            weeks of the transfer that the plan has transferred, whether the local authority will
            assess and when it will review the plan.

            Numerator: `transfer-in-notice` rows due in the week whose family was told on or
            before the due date (transfer + 6 weeks).

            Denominator: `transfer-in-notice` rows due in the week, except those due today or
            later whose family has not been told yet (they may still be on time; they are listed
            apart and join the figure once told or overdue).

            Period: the notice's due date. A notice sent late stays late. A plan that ended
            before its notice fell due is in no week; one that ended after it, with the family
            never told, counts as not on time.""",
            labels={
                "counted": "Told on time",
                "missed": "Told late or not told",
                "open": "Left out: due later, not told yet",
            },
        ),
        area="timeliness",
        statute="SEND Regulations 2014 reg 15(4)",
    ),
    _computed(
        "annual-review-on-time",
        "Annual reviews held on time",
        "Reviews due in the period whose review meeting was held on or before the due "
        "date: 12 months after the plan was issued or the last review meeting (for the "
        "first review after a transfer in, the date reg 15 sets). A review due but not "
        "held yet counts once it is overdue; a late meeting stays late.",
        "Reviews due in the period whose meeting was held on or before the due date",
        "Reviews due in the period, except those not held yet and not yet overdue on the "
        "day the figure is taken",
        computed_by=OnTimeByDue(REVIEW_RULES),
        weekly=_weekly(
            """Reviews due in the week whose review meeting was held on or before the due date
            (12 months after the plan was issued or the last review meeting; for the first review
            after a transfer in, the date reg 15 sets).

            Numerator: `annual-review` and `transfer-in-review` rows due in the week whose meeting
            was held on or before the due date.

            Denominator: `annual-review` and `transfer-in-review` rows due in the week, except those
            due today or later that have not been held yet (they may still be on time; they are
            listed apart and join the figure once held or overdue).

            Period: the review's due date. A meeting held late stays late: the figure for a past
            week does not change when the meeting is held after it.""",
            labels={
                "counted": "Held on time",
                "missed": "Held late or not held",
                "open": "Left out: due later, not held yet",
            },
        ),
        area="reviews",
        statute="Children and Families Act 2014 s44(1); SEND Regulations 2014 reg 15, 18–20",
        seen="city 25% (2024); targets 40% (Sept 2026), 70–75% (2027), 95–100% (2028)",
    ),
    _computed(
        "review-decision-4w",
        "Review decisions notified within 4 weeks",
        "Decisions after a review meeting (maintain, amend or cease) notified in the "
        "period within 4 weeks of the meeting.",
        "Decisions notified in the period on or before the meeting + 4 weeks",
        "Decisions notified in the period",
        computed_by=OnTimeByDone(("review-decision",)),
        weekly=_weekly(
            """Decisions after a review meeting (maintain, amend or cease) notified within 4 weeks
            of the meeting.

            Numerator: `review-decision` rows notified in the week (`done` in the week) on or before
            the due date (meeting + 4 weeks).

            Denominator: `review-decision` rows notified in the week.

            Period: the day the decision was notified.""",
            labels={"counted": "Within 4 weeks", "missed": "After 4 weeks"},
        ),
        area="reviews",
        statute="SEND Regulations 2014 reg 20(10), 21(8)",
        dfe=(
            "DfE publishes the share of review decisions made within 4 weeks of the meeting "
            "(annual reviews table), per calendar year."
        ),
        benchmark="review-decision-4w",
        seen="national 44.4% (2024)",
    ),
    _computed(
        "review-to-final-12w",
        "Amended plans final within 12 weeks of the review",
        "Amended plans issued in the period within 12 weeks of the review meeting that "
        "decided to amend (4 weeks to decide and notify, then 8 weeks to amend).",
        "Amended plans issued in the period on or before the meeting + 12 weeks",
        "Amended plans issued in the period",
        computed_by=OnTimeByDone(("review-to-final",)),
        weekly=_weekly(
            """Amended plans issued within 12 weeks of the review meeting that decided to amend
            (4 weeks to decide and notify, then 8 weeks to amend).

            Numerator: `review-to-final` rows whose amended plan was issued in the week (`done` in
            the week) on or before the due date (meeting + 12 weeks).

            Denominator: `review-to-final` rows whose amended plan was issued in the week.

            Period: the day the amended plan was issued.""",
            labels={"counted": "Within 12 weeks", "missed": "After 12 weeks"},
        ),
        area="reviews",
        statute="SEND Regulations 2014 reg 20 and reg 22",
        seen=(
            "city 12.8% (2024-25) → 23.1% (Q4 2025-26); baseline 27% elsewhere; target 40% "
            "or more by December 2026"
        ),
    ),
    _computed(
        "review-logged-5wd",
        "Reviews logged within 5 working days",
        "Review meetings logged in the period within the local area's set number of "
        "working days of the meeting (default 5, skipping weekends and bank holidays). "
        "A local standard, not statutory.",
        "Reviews logged in the period on or before the meeting + the set working days",
        "Reviews logged in the period",
        computed_by=OnTimeByDone(("review-logged",)),
        weekly=_weekly(
            """Reviews logged within the local area's set number of working days of the meeting
            (default 5; no rows, and so no figure, when the local area switches the standard off).

            Numerator: `review-logged` rows logged in the week (`done` in the week) on or before the
            due date (meeting + the set working days, skipping weekends and bank holidays).

            Denominator: `review-logged` rows logged in the week.

            Period: the day the review was logged.""",
            labels={
                "counted": "Within the local standard",
                "missed": "Later than the local standard",
            },
        ),
        area="reviews",
        statute="Local standard, not statutory",
        seen="target 40% or more",
    ),
    _computed(
        "overdue-reviews",
        "Overdue annual reviews",
        "Annual review deadlines (not cases) overdue on the last day of the period (or on "
        "the day the figure is taken, for the period still running): due before that day "
        "and not held by then. A closed case's reviews never count, nor one its plan "
        "still owed when it ceased. Broken down by how long overdue: up to 4 weeks, 4 to "
        "13, 13 to 26, 26 to 52, and 52 weeks or more.",
        "Review deadlines of open cases due before the day the period is judged on and "
        "not held by then",
        "",
        computed_by=OverdueCount(REVIEW_RULES, by="band"),
        weekly=_weekly(
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
            13 to 26, 26 to 52, and 52 weeks or more.""",
            labels={"counted": "Review deadlines overdue at the end of the week"},
            breakdown="How long overdue",
        ),
        unit="count",
        higher_is_better=False,
        area="reviews",
        statute="Children and Families Act 2014 s44(1); SEND Regulations 2014 reg 15, 18–20",
        seen="target: backlog cleared by September or December 2026",
    ),
    _computed(
        "setting-returns-on-time",
        "Settings' review reports returned on time",
        "Review reports due in the period that schools and colleges returned to the "
        "local authority within 2 weeks of the review meeting. Returns not due yet are "
        "left out; a missing return of a closed case is no longer chased and is left "
        "out.",
        "Returns due in the period, received on or before the due date",
        "Returns due in the period, received (on time or late) or missing",
        # The settings' returns page's rule (casework's returns); its rule id is REPORT_RULE.
        computed_by=OnTimeByDue(("review-report",), of_setting=True),
        weekly=_weekly(
            """Review reports that schools and colleges returned to the local authority within 2
            weeks of the review meeting — the same rule as the settings' returns page.

            Numerator: `review-report` rows due in the week, of a child at a setting, received on or
            before the due date.

            Denominator: `review-report` rows due in the week, of a child at a setting, received
            (on time or late) or missing (due before today, not received). A missing return of a
            closed case is no longer chased and is left out altogether; a return not received and
            not due yet is left out until it comes in or falls due.

            Period: the return's due date (meeting + 2 weeks). The child's setting is the current
            one.""",
            labels={
                "counted": "Received on time",
                "missed": "Received late or missing",
                "open": "Left out: not due yet",
            },
        ),
        area="reviews",
        statute="SEND Regulations 2014 reg 20(7), 21(7)",
        seen=(
            "target 70% or more by December 2026; late returns 25% down on baseline; "
            "escalations 5% of cases or fewer"
        ),
    ),
    _computed(
        "caseload-at-target",
        "Case officers at their caseload target",
        "Case officers holding no more open cases than their caseload target (their own "
        "if set, otherwise the local area's). Caseloads are not kept by date, so the "
        "figure can only be taken for the day it is taken: a past period keeps the "
        "figure taken during it.",
        "Case officers whose open cases are at or under their target",
        "Every case officer of the local area, including those holding no case",
        computed_by=CaseloadNow(),
        weekly=_weekly(
            """Case officers holding no more open cases than their caseload target — their own
            target if set (e.g. part time), otherwise the local area's — the same rule as the team
            view.

            Numerator: case officers of the local area whose open cases are at or under target.

            Denominator: every case officer of the local area, including those holding no case.

            Period: now. Caseloads are not kept by date (who held a case last month is not
            recorded), so there is a figure for this week only; past weeks show "not kept".""",
            labels={"counted": "At or under target", "missed": "Over target"},
        ),
        owner=SERVICE_MANAGER,
        area="workforce",
        statute="Local target, not statutory",
        seen="target 90%",
    ),
    _computed(
        "phase-transfer-on-time",
        "Phase-transfer plans amended on time",
        "Plans of children moving between phases of education amended to name the new "
        "setting by 15 February of the year of the move (31 March for a move from "
        "secondary school to post-16 education), counted in the period the deadline "
        "falls in. A transfer not amended yet counts once the deadline has passed.",
        "Phase-transfer plans due in the period amended on or before the deadline",
        "Phase-transfer plans due in the period, except those not amended yet whose "
        "deadline has not passed",
        computed_by=OnTimeByDue(("phase-transfer",)),
        area="reviews",
        statute="SEND Regulations 2014 reg 18(1)",
    ),
    _computed(
        LOGGING_ERRORS,
        "Errors in logging annual reviews",
        "Annual-review steps (invitations sent, advice circulated, review meeting, "
        "report received, review logged, review decision) recorded in Senda in the "
        "period that were later corrected or withdrawn from the case timeline, as a "
        "share of the annual-review steps recorded in the period. A step counts in the "
        "month it was first recorded, not the month it was corrected, so the numerator "
        "is a part of the denominator and the figure says how well that month's steps "
        "were logged. So a month's figure settles later: it rises after the month ends "
        "as its mistakes are found (a step recorded more than the set number of days "
        "ago, 30 by default, needs a manager to correct, so most are found within a "
        "month or two). A step corrected twice is one error; the corrected step that "
        "replaces it is not a new step recorded. A local standard, not statutory.",
        "Annual-review steps first recorded in the period (to the day the figure is "
        "taken) that have since been corrected or withdrawn",
        "Annual-review steps first recorded in the period (to the day the figure is taken)",
        computed_by=CorrectedSteps(steps=REVIEW_STEP_TYPES),
        higher_is_better=False,
        area="reviews",
        statute="Local standard, not statutory",
        seen="target 5% or less a month",
    ),
    recorded(
        "multiagency-advice-in-review",
        "Reviews with health and social care advice",
        "Annual reviews and amended plans in the period where health and social care "
        "advice was sought and used. Recorded from the quarter's review audit sample "
        "until Senda records advice for reviews.",
        "Reviews or amended plans in the sample where both advices were sought and used",
        "Reviews or amended plans in the sample",
        owner="Designated Clinical Officer with the social care lead",
        area="reviews",
        statute="SEND Regulations 2014 reg 20(1), 21(1)",
        seen="targets 40% or more (December 2026), 80% or more (July 2027)",
    ),
    from_records(
        "pfa-outcomes-in-plans",
        "Reviews from Year 9 with clear preparing-for-adulthood outcomes",
        "Annual reviews held in the period (to its last day, or today while it runs) of "
        "young people in Year 9 or above on the day of the meeting that recorded "
        "preparing-for-adulthood outcomes in all four areas (employment, independent "
        "living, friends and community, good health), from the setting's review report or "
        "the council's own recording by the day judged. Computed from the reviews since "
        "issue 18; the values recorded from quality assurance audits before then are kept.",
        "Reviews from Year 9 in the period with outcomes in all four areas",
        "Reviews from Year 9 in the period",
        records="reviews and the preparing-for-adulthood outcomes recorded at them "
        "(`casework.AdulthoodOutcomes`)",
        owner=PFA_LEAD_OWNER,
        area="adulthood",
        statute="SEND Regulations 2014 reg 20(6); SEND Code of Practice 2015, 8.9–8.12, 9.166",
        seen="target 90% or more",
    ),
    recorded(
        "old-template-plans",
        "Plans still on a superseded template",
        "Maintained EHC plans at the end of the period still written on a superseded "
        "plan template.",
        "Maintained plans on a superseded template at the end of the period",
        "Maintained plans at the end of the period",
        higher_is_better=False,
        owner=TEAM_MANAGER,
        area="quality",
        seen="county: to 0% by September 2024 / September 2027",
    ),
)
