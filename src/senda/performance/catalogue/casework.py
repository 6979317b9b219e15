"""The casework KPIs of the shared KPI list: computed from the clock's deadline rows where
the clock has the rule, recorded where Senda holds no data for them yet."""

from __future__ import annotations

from senda.performance.catalogue.entry import Entry
from senda.performance.measures import (
    CASE_DIMENSIONS,  # what a case KPI is broken down by
    LOGGING_ERRORS,
    REVIEW_STEP_TYPES,
)

SERVICE_MANAGER = "Head of SEND (service manager)"
TEAM_MANAGER = "SEND team manager"

ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="final-plan-20w",
        name="New EHC plans issued within 20 weeks",
        definition=(
            "New EHC plans issued in the period within 20 weeks of the request for an EHC "
            "needs assessment, exception cases left out of both numerator and denominator "
            "(the Department for Education's SEN2 measure). Measured from the date the "
            "request was received to the date the final plan was issued. The figure with "
            "exception cases included is shown beside it."
        ),
        numerator=(
            "Final plans issued in the period on or before the due date (request + 20 "
            "weeks), without an exception (SEND Regulations 2014 reg 13(3))"
        ),
        denominator="Final plans issued in the period, without an exception",
        unit="percent",
        higher_is_better=True,
        owner=SERVICE_MANAGER,
        area="timeliness",
        source="computed",
        statute="SEND Regulations 2014 reg 13(2); exceptions reg 13(3)",
        dfe=(
            "Follows DfE's SEN2 definition: plans issued in the period, exception cases "
            "excluded, request date to final plan. DfE publishes it per calendar year, "
            "with and without exceptions; Senda gives it per month and quarter."
        ),
        benchmark="timeliness-20w-ex",
        casework_kpi="final-plan-20w",
        dimensions=CASE_DIMENSIONS,
        with_exceptions=True,
        seen=(
            "city 51.5% (2024), 55.8% (2025-26), Q4 46.0%; national 60.4% (2019) → 46.4% "
            "(2024); target +15 percentage points by April 2027"
        ),
    ),
    Entry(
        id="assess-decision-6w",
        name="Decisions whether to assess within 6 weeks",
        definition=(
            "Decisions whether to carry out an EHC needs assessment notified in the period "
            "within 6 weeks of the request, exception cases left out. The figure with "
            "exception cases included is shown beside it."
        ),
        numerator=(
            "Decisions notified in the period on or before the due date (request + 6 weeks), "
            "without an exception (reg 5(4))"
        ),
        denominator="Decisions notified in the period, without an exception",
        unit="percent",
        higher_is_better=True,
        owner=SERVICE_MANAGER,
        area="timeliness",
        source="computed",
        statute="SEND Regulations 2014 reg 5(1); exceptions reg 5(4)",
        dfe=(
            "DfE publishes the share of requests decided within 6 weeks (requests table, "
            "from 2023), per calendar year, without separating exception cases: compare it "
            "with the figure including exceptions."
        ),
        benchmark="request-decision-6w",
        casework_kpi="assess-decision-6w",
        dimensions=CASE_DIMENSIONS,
        with_exceptions=True,
        seen="national 84.8% (2024); target 95% or more",
    ),
    Entry(
        id="advice-6w",
        name="Advice returned within 6 weeks",
        definition=(
            "Advice for an EHC needs assessment (education, health, social care and any "
            "other discipline asked) returned in the period within 6 weeks of the request "
            "for it, exception cases left out. Each discipline's advice counts once, so a "
            "case asked for three kinds of advice counts three times. Broken down by "
            "discipline."
        ),
        numerator=(
            "Advice received in the period on or before the due date (requested + 6 weeks), "
            "without an exception (reg 8(2))"
        ),
        denominator="Advice received in the period, without an exception",
        unit="percent",
        higher_is_better=True,
        owner="SEND service manager with the Designated Clinical Officer and social care",
        area="timeliness",
        source="computed",
        statute="SEND Regulations 2014 reg 8(1); exceptions reg 8(2)",
        casework_kpi="advice-6w",
        dimensions=(*CASE_DIMENSIONS, "discipline"),
        with_exceptions=True,
        seen="county target 95% or more",
    ),
    Entry(
        id="annual-review-on-time",
        name="Annual reviews held on time",
        definition=(
            "Reviews due in the period whose review meeting was held on or before the due "
            "date: 12 months after the plan was issued or the last review meeting (for the "
            "first review after a transfer in, the date reg 15 sets). A review due but not "
            "held yet counts once it is overdue; a late meeting stays late."
        ),
        numerator="Reviews due in the period whose meeting was held on or before the due date",
        denominator=(
            "Reviews due in the period, except those not held yet and not yet overdue on the "
            "day the figure is taken"
        ),
        unit="percent",
        higher_is_better=True,
        owner=TEAM_MANAGER,
        area="reviews",
        source="computed",
        statute="Children and Families Act 2014 s44(1); SEND Regulations 2014 reg 15, 18–20",
        casework_kpi="annual-review-on-time",
        dimensions=CASE_DIMENSIONS,
        seen="city 25% (2024); targets 40% (Sept 2026), 70–75% (2027), 95–100% (2028)",
    ),
    Entry(
        id="review-decision-4w",
        name="Review decisions notified within 4 weeks",
        definition=(
            "Decisions after a review meeting (maintain, amend or cease) notified in the "
            "period within 4 weeks of the meeting."
        ),
        numerator="Decisions notified in the period on or before the meeting + 4 weeks",
        denominator="Decisions notified in the period",
        unit="percent",
        higher_is_better=True,
        owner=TEAM_MANAGER,
        area="reviews",
        source="computed",
        statute="SEND Regulations 2014 reg 20(10), 21(8)",
        dfe=(
            "DfE publishes the share of review decisions made within 4 weeks of the meeting "
            "(annual reviews table), per calendar year."
        ),
        benchmark="review-decision-4w",
        casework_kpi="review-decision-4w",
        dimensions=CASE_DIMENSIONS,
        seen="national 44.4% (2024)",
    ),
    Entry(
        id="review-to-final-12w",
        name="Amended plans final within 12 weeks of the review",
        definition=(
            "Amended plans issued in the period within 12 weeks of the review meeting that "
            "decided to amend (4 weeks to decide and notify, then 8 weeks to amend)."
        ),
        numerator="Amended plans issued in the period on or before the meeting + 12 weeks",
        denominator="Amended plans issued in the period",
        unit="percent",
        higher_is_better=True,
        owner=TEAM_MANAGER,
        area="reviews",
        source="computed",
        statute="SEND Regulations 2014 reg 20 and reg 22",
        casework_kpi="review-to-final-12w",
        dimensions=CASE_DIMENSIONS,
        seen=(
            "city 12.8% (2024-25) → 23.1% (Q4 2025-26); baseline 27% elsewhere; target 40% "
            "or more by December 2026"
        ),
    ),
    Entry(
        id="review-logged-5wd",
        name="Reviews logged within 5 working days",
        definition=(
            "Review meetings logged in the period within the local area's set number of "
            "working days of the meeting (default 5, skipping weekends and bank holidays). "
            "A local standard, not statutory."
        ),
        numerator="Reviews logged in the period on or before the meeting + the set working days",
        denominator="Reviews logged in the period",
        unit="percent",
        higher_is_better=True,
        owner=TEAM_MANAGER,
        area="reviews",
        source="computed",
        statute="Local standard, not statutory",
        casework_kpi="review-logged-5wd",
        dimensions=CASE_DIMENSIONS,
        seen="target 40% or more",
    ),
    Entry(
        id="overdue-reviews",
        name="Overdue annual reviews",
        definition=(
            "Annual review deadlines (not cases) overdue on the last day of the period (or on "
            "the day the figure is taken, for the period still running): due before that day "
            "and not held by then. A closed case's reviews never count, nor one its plan "
            "still owed when it ceased. Broken down by how long overdue: up to 4 weeks, 4 to "
            "13, 13 to 26, 26 to 52, and 52 weeks or more."
        ),
        numerator=(
            "Review deadlines of open cases due before the day the period is judged on and "
            "not held by then"
        ),
        denominator="",
        unit="count",
        higher_is_better=False,
        owner=TEAM_MANAGER,
        area="reviews",
        source="computed",
        statute="Children and Families Act 2014 s44(1); SEND Regulations 2014 reg 15, 18–20",
        casework_kpi="overdue-reviews",
        dimensions=(*CASE_DIMENSIONS, "band"),
        seen="target: backlog cleared by September or December 2026",
    ),
    Entry(
        id="setting-returns-on-time",
        name="Settings' review reports returned on time",
        definition=(
            "Review reports due in the period that schools and colleges returned to the "
            "local authority within 2 weeks of the review meeting. Returns not due yet are "
            "left out; a missing return of a closed case is no longer chased and is left "
            "out."
        ),
        numerator="Returns due in the period, received on or before the due date",
        denominator="Returns due in the period, received (on time or late) or missing",
        unit="percent",
        higher_is_better=True,
        owner=TEAM_MANAGER,
        area="reviews",
        source="computed",
        statute="SEND Regulations 2014 reg 20(7), 21(7)",
        casework_kpi="setting-returns-on-time",
        dimensions=CASE_DIMENSIONS,
        seen=(
            "target 70% or more by December 2026; late returns 25% down on baseline; "
            "escalations 5% of cases or fewer"
        ),
    ),
    Entry(
        id="caseload-at-target",
        name="Case officers at their caseload target",
        definition=(
            "Case officers holding no more open cases than their caseload target (their own "
            "if set, otherwise the local area's). Caseloads are not kept by date, so the "
            "figure can only be taken for the day it is taken: a past period keeps the "
            "figure taken during it."
        ),
        numerator="Case officers whose open cases are at or under their target",
        denominator="Every case officer of the local area, including those holding no case",
        unit="percent",
        higher_is_better=True,
        owner=SERVICE_MANAGER,
        area="workforce",
        source="computed",
        statute="Local target, not statutory",
        casework_kpi="caseload-at-target",
        seen="target 90%",
    ),
    Entry(
        id="phase-transfer-on-time",
        name="Phase-transfer plans amended on time",
        definition=(
            "Plans of children moving between phases of education amended to name the new "
            "setting by 15 February of the year of the move (31 March for a move from "
            "secondary school to post-16 education), counted in the period the deadline "
            "falls in. A transfer not amended yet counts once the deadline has passed."
        ),
        numerator="Phase-transfer plans due in the period amended on or before the deadline",
        denominator=(
            "Phase-transfer plans due in the period, except those not amended yet whose "
            "deadline has not passed"
        ),
        unit="percent",
        higher_is_better=True,
        owner=TEAM_MANAGER,
        area="reviews",
        source="computed",
        statute="SEND Regulations 2014 reg 18(1)",
        clock_rule="phase-transfer",
        dimensions=CASE_DIMENSIONS,
    ),
    Entry(
        id=LOGGING_ERRORS,
        name="Errors in logging annual reviews",
        definition=(
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
            "replaces it is not a new step recorded. A local measure, not statutory."
        ),
        numerator=(
            "Annual-review steps first recorded in the period (to the day the figure is "
            "taken) that have since been corrected or withdrawn"
        ),
        denominator=(
            "Annual-review steps first recorded in the period (to the day the figure is taken)"
        ),
        unit="percent",
        higher_is_better=False,
        owner=TEAM_MANAGER,
        area="reviews",
        source="computed",
        statute="Local standard, not statutory",
        corrected_steps=REVIEW_STEP_TYPES,
        dimensions=CASE_DIMENSIONS,
        seen="target 5% or less a month",
    ),
    Entry(
        id="multiagency-advice-in-review",
        name="Reviews with health and social care advice",
        definition=(
            "Annual reviews and amended plans in the period where health and social care "
            "advice was sought and used. Recorded from the quarter's review audit sample "
            "until Senda records advice for reviews."
        ),
        numerator="Reviews or amended plans in the sample where both advices were sought and used",
        denominator="Reviews or amended plans in the sample",
        unit="percent",
        higher_is_better=True,
        owner="Designated Clinical Officer with the social care lead",
        area="reviews",
        source="recorded",
        statute="SEND Regulations 2014 reg 20(1), 21(1)",
        seen="targets 40% or more (December 2026), 80% or more (July 2027)",
    ),
    Entry(
        id="pfa-outcomes-in-plans",
        name="Plans from Year 9 with clear preparing-for-adulthood outcomes",
        definition=(
            "Plans of young people in Year 9 and above audited in the period whose outcomes "
            "include clear preparing-for-adulthood outcomes, from quality assurance audits."
        ),
        numerator="Audited plans of Year 9 and above with clear PfA outcomes",
        denominator="Audited plans of Year 9 and above",
        unit="percent",
        higher_is_better=True,
        owner="Quality assurance lead",
        area="adulthood",
        source="recorded",
        statute="SEND Code of Practice 2015, 8.9–8.12; SEND Regulations 2014 reg 12(1)(f)",
        seen="target 90% or more",
    ),
    Entry(
        id="old-template-plans",
        name="Plans still on a superseded template",
        definition=(
            "Maintained EHC plans at the end of the period still written on a superseded "
            "plan template."
        ),
        numerator="Maintained plans on a superseded template at the end of the period",
        denominator="Maintained plans at the end of the period",
        unit="percent",
        higher_is_better=False,
        owner=TEAM_MANAGER,
        area="quality",
        source="recorded",
        seen="county: to 0% by September 2024 / September 2027",
    ),
)
