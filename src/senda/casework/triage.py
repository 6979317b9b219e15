"""Triage: which open cases need work first, and why. The rule is documented in docs/triage.md.

A case is *in triage* when it has an open deadline (not done, not excepted) of a weighted
rule due within the window (default 28 days) or already overdue. Its risk score is the sum
of the factors :func:`score` lists; every factor is shown on the page with its points.

:func:`score` is pure (plain values in, plain values out). :func:`triage_facts` reads the
facts of every case in triage in three queries, however many cases there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Max, QuerySet

from senda.casework.models import Case, CaseEvent, Complaint, DeadlineRow
from senda.clock import OPEN, REVIEW_CYCLE_RULES
from senda.clock.counting import add_months
from senda.clock.rules import RULES
from senda.kernel import long_date
from senda.people.school_year import academic_year_start, year_group

DEFAULT_WINDOW_DAYS = 28


@dataclass(frozen=True, slots=True)
class Weight:
    points: int
    reason: str


#: Statutory weight per rule: what missing it costs the child and family. Rules absent here
#: (weight 0) are never triaged. Keep docs/triage.md in step (a test compares them).
WEIGHTS: dict[str, Weight] = {
    "final-plan": Weight(
        40,
        "The 20-week limit for the whole assessment: while it runs late the child has no "
        "enforceable provision, and it is the measure the DfE publishes for every area.",
    ),
    "phase-transfer": Weight(
        40,
        "A fixed date (15 February, 31 March for post-16): miss it and the child may have no "
        "named school or college for September.",
    ),
    "annual-review": Weight(
        30,
        "The plan must be reviewed at least every 12 months (CFA s44): an unreviewed plan "
        "may no longer describe the child's needs or provision.",
    ),
    "review-to-final": Weight(
        30,
        "After a review decides to amend, the amended plan is due within 12 weeks (Devon, "
        "2022): until then the family cannot appeal the new plan.",
    ),
    "transfer-in-review": Weight(
        25,
        "A plan transferred in from another area must be reviewed by this area in time: "
        "the new area has not yet checked the provision it now owes.",
    ),
    "assess-decision": Weight(
        25,
        "The family is waiting to hear whether the child will be assessed at all; a refusal "
        "opens their right of appeal, so delay delays their remedy.",
    ),
    "no-issue-notice": Weight(
        25,
        "A decision not to issue a plan must be notified in time: until it is, the family "
        "cannot appeal.",
    ),
    "review-decision": Weight(
        25,
        "After the review meeting the family must hear within 4 weeks whether the plan is "
        "kept, amended or ceased: their right of appeal waits on it.",
    ),
    "amended-plan": Weight(
        25,
        "Once amendments are proposed the amended plan is due within 8 weeks: the child's "
        "provision is in question until it is issued.",
    ),
    "reassessment-plan": Weight(
        30,
        "After deciding to re-assess, the amended or replacement plan (or the notice that "
        "the plan stays as it is) is due within 14 weeks: until then the child's provision "
        "is in question and the family cannot appeal.",
    ),
    "transfer-out": Weight(
        30,
        "The plan must reach the new area by the day of the move: the child arrives in the "
        "new area with no plan transferred.",
    ),
    "reassess-decision": Weight(
        25,
        "The family waits to hear whether the plan will be re-assessed; a refusal opens "
        "their right of appeal, so delay delays their remedy.",
    ),
    "transfer-in-notice": Weight(
        20,
        "A family whose plan moved here must hear within 6 weeks whether the child will be "
        "assessed and when the plan will be reviewed: until then they do not know what the "
        "new area will do.",
    ),
    "under-five-review": Weight(
        10,
        "Guidance, not law (where the local area follows it): a young child's needs change "
        "quickly, but the statutory annual review carries the weight.",
    ),
    "advice": Weight(
        15,
        "Late advice puts the 20-week limit at risk, but the advice is another body's work "
        "and the final plan's own weight covers the child's harm.",
    ),
    "review-notice": Weight(
        10,
        "Procedural: invitees need 2 weeks' notice of the review meeting. Worth chasing, "
        "but the meeting itself carries the weight.",
    ),
    "review-advice-circulated": Weight(
        10,
        "Procedural: advice goes to invitees 2 weeks before the meeting.",
    ),
    "review-report": Weight(
        10,
        "The setting's review report is late: paperwork to chase, and the review decision "
        "that follows carries its own weight.",
    ),
    "review-logged": Weight(
        5,
        "A local standard, not law: logging the review promptly keeps the register right.",
    ),
}
#: ``draft-comment-period`` and ``amendment-comment-period`` have no weight: they are minimum
#: periods protecting the family, not work with a due date.


#: Year groups from which a child moves phase next September, and where to.
TRANSFER_YEARS = {-1: "Reception", 6: "secondary school", 11: "post-16 education"}

WEEKS_CAP = 52
OTHER_OVERDUE_POINTS, OTHER_OVERDUE_CAP = 5, 20
PHASE_TRANSFER_POINTS = 20
EIGHTEEN_POINTS, EIGHTEEN_WITHIN_DAYS = 15, 183
ADULTHOOD_POINTS, ADULTHOOD_FROM_YEAR = 10, 9
NO_REVIEW_POINTS = 20
COMPLAINT_POINTS, COMPLAINT_CAP = 15, 30

#: The score in words, one line per factor (shown on the page and in docs/triage.md).
FACTOR_RULES: tuple[tuple[str, str], ...] = (
    (
        "Statutory weight of the most pressing deadline (the open deadline with the most "
        "points from this line and the next)",
        "its weight if overdue; half its weight if not yet due",
    ),
    ("How overdue that deadline is", f"1 a full week overdue, up to {WEEKS_CAP}"),
    ("Each other overdue deadline", f"{OTHER_OVERDUE_POINTS}, up to {OTHER_OVERDUE_CAP}"),
    (
        "Phase transfer next September (nursery year, Year 6, Year 11) and no plan amended "
        "for it since 1 September",
        str(PHASE_TRANSFER_POINTS),
    ),
    (f"18th birthday within 6 months ({EIGHTEEN_WITHIN_DAYS} days)", str(EIGHTEEN_POINTS)),
    (
        f"Review work for a young person in Year {ADULTHOOD_FROM_YEAR} or above "
        "(preparing for adulthood)",
        str(ADULTHOOD_POINTS),
    ),
    ("A current plan with no review meeting for over 12 months", str(NO_REVIEW_POINTS)),
    ("Each open complaint", f"{COMPLAINT_POINTS}, up to {COMPLAINT_CAP}"),
)


@dataclass(frozen=True, slots=True)
class OpenDeadline:
    rule: str
    due: date


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the score reads about one case; plain values, no database."""

    case_id: int
    deadlines: tuple[OpenDeadline, ...]
    date_of_birth: date | None = None
    plan_started: date | None = None
    last_review: date | None = None
    phase_transfer_plan_on: date | None = None
    open_complaints: int = 0
    officer_id: int | None = None  # not scored: lets a ranked list be filtered by officer


@dataclass(frozen=True, slots=True)
class Factor:
    label: str
    points: int


@dataclass(frozen=True, slots=True)
class Score:
    case_id: int
    total: int
    lead: OpenDeadline
    days_overdue: int
    factors: tuple[Factor, ...]

    @property
    def sort_key(self) -> tuple[int, date, int]:
        """Highest score first; then the earliest lead deadline; then the oldest case."""
        return (-self.total, self.lead.due, self.case_id)


def deadline_points(deadline: OpenDeadline, today: date) -> int:
    """Full weight plus a point a full week overdue (up to 52); half weight if not yet due."""
    weight = WEIGHTS[deadline.rule].points
    if deadline.due >= today:
        return weight // 2
    return weight + min((today - deadline.due).days // 7, WEEKS_CAP)


def score(facts: CaseFacts, today: date) -> Score | None:
    """The case's risk score and the factors behind it; None if no weighted deadline is open."""
    open_ = [d for d in facts.deadlines if d.rule in WEIGHTS]
    if not open_:
        return None
    lead = max(open_, key=lambda d: (deadline_points(d, today), -d.due.toordinal(), d.rule))
    days_overdue = max((today - lead.due).days, 0)
    factors = [
        *_lead_factors(lead, days_overdue),
        *_other_overdue(open_, lead, today),
        *_child_factors(facts, open_, today),
        *_review_gap(facts, today),
        *_complaints(facts.open_complaints),
    ]
    total = sum(f.points for f in factors)
    return Score(facts.case_id, total, lead, days_overdue, tuple(factors))


def _lead_factors(lead: OpenDeadline, days_overdue: int) -> list[Factor]:
    rule = RULES[lead.rule]
    weight = WEIGHTS[lead.rule].points
    what = f"{rule.title} ({rule.citation})"
    if not days_overdue:
        return [
            Factor(f"{what} due by {long_date(lead.due)}: half its statutory weight", weight // 2)
        ]
    weeks = min(days_overdue // 7, WEEKS_CAP)
    return [
        Factor(f"{what} missed: its statutory weight", weight),
        Factor(f"Overdue by {_plural(days_overdue, 'day')}: a point a full week", weeks),
    ]


def _other_overdue(open_: list[OpenDeadline], lead: OpenDeadline, today: date) -> list[Factor]:
    others = sum(1 for d in open_ if d is not lead and d.due < today)
    if not others:
        return []
    points = min(others * OTHER_OVERDUE_POINTS, OTHER_OVERDUE_CAP)
    return [Factor(f"{_plural(others, 'other overdue deadline')}", points)]


def _child_factors(facts: CaseFacts, open_: list[OpenDeadline], today: date) -> list[Factor]:
    dob = facts.date_of_birth
    if dob is None:
        return []
    factors = []
    year = year_group(dob, today)
    moving_to = TRANSFER_YEARS.get(year)
    this_year = date(academic_year_start(today), 9, 1)
    amended = facts.phase_transfer_plan_on is not None and facts.phase_transfer_plan_on >= (
        this_year
    )
    if moving_to and not amended:
        label = f"Moves to {moving_to} in September {this_year.year + 1}; plan not yet amended"
        factors.append(Factor(label, PHASE_TRANSFER_POINTS))
    eighteenth = add_months(dob, 18 * 12)
    if today <= eighteenth <= today + timedelta(days=EIGHTEEN_WITHIN_DAYS):
        factors.append(Factor(f"Turns 18 on {long_date(eighteenth)}", EIGHTEEN_POINTS))
    if year >= ADULTHOOD_FROM_YEAR and any(d.rule in REVIEW_CYCLE_RULES for d in open_):
        label = "Review work for a young person in Year 9 or above (preparing for adulthood)"
        factors.append(Factor(label, ADULTHOOD_POINTS))
    return factors


def _review_gap(facts: CaseFacts, today: date) -> list[Factor]:
    if facts.plan_started is None:
        return []
    since = max(facts.last_review or facts.plan_started, facts.plan_started)
    if add_months(since, 12) >= today:
        return []
    if facts.last_review is None or facts.last_review < facts.plan_started:
        label = f"No review meeting since the plan began on {long_date(facts.plan_started)}"
    else:
        label = f"No review meeting for over 12 months (last on {long_date(since)})"
    return [Factor(label, NO_REVIEW_POINTS)]


def _complaints(count: int) -> list[Factor]:
    if count <= 0:
        return []
    points = min(count * COMPLAINT_POINTS, COMPLAINT_CAP)
    return [Factor(_plural(count, "open complaint"), points)]


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def rank(facts: Iterable[CaseFacts], today: date) -> list[Score]:
    """Every scored case, highest risk first."""
    scores = [s for s in (score(f, today) for f in facts) if s is not None]
    return sorted(scores, key=lambda s: s.sort_key)


# ---- the query that feeds the score ---------------------------------------------------------


def in_window(today: date, window_days: int, rule: str | None = None) -> QuerySet[DeadlineRow]:
    """Open deadline rows of weighted rules due within ``window_days`` of today, or overdue."""
    rules = [rule] if rule else list(WEIGHTS)
    return DeadlineRow.objects.filter(
        status__in=OPEN,
        done__isnull=True,
        due__lte=today + timedelta(days=window_days),
        rule__in=rules,
    )


def triage_facts(
    cases: QuerySet[Case], today: date, window_days: int = DEFAULT_WINDOW_DAYS, rule: str = ""
) -> list[CaseFacts]:
    """Facts for every open case of ``cases`` in triage (with a ``rule`` deadline, if given).

    Three queries, however many cases: the in-window deadline rows with their case's stored
    summary (casework/summary.py), then the latest phase-transfer plan and the open
    complaints of those cases, each grouped in the database.
    """
    open_cases = cases.filter(status=Case.Status.OPEN).values("pk")
    rows = in_window(today, window_days).filter(case__in=open_cases)
    by_case: dict[int, list[OpenDeadline]] = defaultdict(list)
    about: dict[int, tuple[date | None, date | None, date | None]] = {}
    officers: dict[int, int | None] = {}
    wanted: set[int] = set()
    for case_id, rule_id, due, dob, started, reviewed, officer_id in rows.values_list(
        "case_id",
        "rule",
        "due",
        "case__child__date_of_birth",
        "case__plan_started_on",
        "case__last_review_on",
        "case__officer_id",
    ):
        by_case[case_id].append(OpenDeadline(rule_id, due))
        about[case_id] = (dob, started, reviewed)
        officers[case_id] = officer_id
        if not rule or rule_id == rule:
            wanted.add(case_id)
    pt_plans = _grouped(
        CaseEvent.objects.current().filter(type="phase_transfer_plan_issued", case__in=open_cases),
        Max("on"),
    )
    complaints = _grouped(
        Complaint.objects.filter(closed_on__isnull=True, case__in=open_cases), Count("pk")
    )
    return [
        CaseFacts(
            pk,
            tuple(by_case[pk]),
            *about[pk],
            phase_transfer_plan_on=pt_plans.get(pk),
            open_complaints=complaints.get(pk, 0),
            officer_id=officers[pk],
        )
        for pk in sorted(wanted)
    ]


def _grouped(rows: QuerySet[Any], aggregate: Any) -> dict[int, Any]:
    """``{case_id: aggregate}`` over ``rows``, grouped by case in the database."""
    grouped = rows.order_by().values("case_id").annotate(value=aggregate)
    return {r["case_id"]: r["value"] for r in grouped}
