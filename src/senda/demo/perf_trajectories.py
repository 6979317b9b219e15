"""The demo area's KPI trajectories, a few statuses set by a person, and commentary.

Targets and baselines are those of ``../shared/domain/kpis.md`` (published improvement plans
and a city's scrutiny report), dated as the plans date them; where a plan gives no baseline
the demo's is synthetic and says so. Some KPIs are left without one: they show "Working to
establish definition and baseline", as real boards' do. Every write goes through
``senda.performance.trajectories`` (validated, audited).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from senda.people.models import LocalAuthority
from senda.performance import periods, trajectories
from senda.performance.models import Commentary, StatusOverride
from senda.performance.status_rule import Point


@dataclass(frozen=True)
class Plan:
    kpi: str
    baseline: str
    on: date
    note: str
    tolerance: str
    points: tuple[Point, ...]


def _p(on: date, low: str, high: str | None = None, target: bool = False, note: str = "") -> Point:
    kind = "target" if target else "milestone"
    return Point(on, Decimal(low), Decimal(high) if high else None, kind, note)  # type: ignore[arg-type]


PLANS: tuple[Plan, ...] = (
    Plan("annual-review-on-time", "25", date(2024, 12, 31), "calendar 2024", "5", (
        _p(date(2026, 9, 30), "40", note="September 2026"),
        _p(date(2027, 12, 31), "70", "75", True, "2027"),
        _p(date(2028, 12, 31), "95", "100", True, "2028"),
    )),
    Plan("final-plan-20w", "51.5", date(2024, 12, 31), "calendar 2024", "5", (
        _p(date(2026, 3, 31), "55.8", note="2025-26"),
        _p(date(2027, 4, 30), "66.5", target=True, note="15 points up by April 2027"),
    )),
    Plan("assess-decision-6w", "84.8", date(2024, 12, 31), "national figure, 2024", "3", (
        _p(date(2027, 3, 31), "95", target=True),
    )),
    Plan("advice-6w", "70", date(2025, 3, 31), "2024-25 (synthetic)", "5", (
        _p(date(2026, 3, 31), "85"),
        _p(date(2027, 3, 31), "95", target=True),
    )),
    Plan("review-to-final-12w", "12.8", date(2025, 3, 31), "2024-25", "5", (
        _p(date(2026, 3, 31), "23.1", note="Q4 2025-26"),
        _p(date(2026, 12, 31), "40", target=True),
    )),
    Plan("review-logged-5wd", "20", date(2025, 3, 31), "2024-25 (synthetic)", "5", (
        _p(date(2026, 12, 31), "40", target=True),
    )),
    Plan("overdue-reviews", "180", date(2025, 3, 31), "March 2025 (synthetic)", "10", (
        _p(date(2026, 9, 30), "60"),
        _p(date(2026, 12, 31), "0", "5", True, "backlog cleared by December 2026"),
    )),
    Plan("review-logging-errors", "8", date(2025, 6, 30), "June 2025 (synthetic)", "1", (
        _p(date(2026, 12, 31), "0", "5", True, "5% or less a month"),
    )),
    Plan("setting-returns-on-time", "45", date(2025, 3, 31), "2024-25 (synthetic)", "5", (
        _p(date(2026, 12, 31), "70", target=True),
    )),
    Plan("caseload-at-target", "60", date(2025, 3, 31), "2024-25 (synthetic)", "5", (
        _p(date(2027, 3, 31), "90", target=True),
    )),
    Plan("neet", "15.6", date(2024, 9, 30), "September 2024", "1", (
        _p(date(2026, 9, 30), "12", target=True),
    )),
    Plan("parent-satisfaction", "58", date(2024, 12, 31), "survey, winter 2024", "5", (
        _p(date(2026, 12, 31), "68"),
        _p(date(2028, 3, 31), "80", target=True),
    )),
    Plan("staff-trained", "42", date(2024, 12, 31), "training register, 2024", "5", (
        _p(date(2027, 3, 31), "90", target=True),
    )),
    Plan("training-confidence", "69", date(2024, 12, 31), "evaluation forms, 2024", "3", (
        _p(date(2026, 12, 31), "75", "80", True),
    )),
    Plan("training-confidence-improved", "70", date(2024, 12, 31), "evaluation forms, 2024", "3", (
        _p(date(2026, 12, 31), "80", target=True),
    )),
    Plan("posts-filled", "60", date(2024, 12, 31), "establishment, 2024", "5", (
        _p(date(2026, 12, 31), "90", target=True),
    )),
    Plan("plans-good-outstanding", "52", date(2024, 12, 31), "audit summary, 2024", "5", (
        _p(date(2027, 7, 31), "75", target=True),
    )),
    Plan("plans-outcomes-good-outstanding", "45", date(2024, 12, 31), "audit summary, 2024", "5", (
        _p(date(2027, 7, 31), "75", target=True),
    )),
    Plan("moderation-agreement", "72", date(2024, 12, 31), "moderation notes, 2024", "5", (
        _p(date(2027, 3, 31), "90", target=True),
    )),
    Plan("multiagency-advice-in-review", "21", date(2024, 12, 31), "audit sample, 2024", "5", (
        _p(date(2026, 12, 31), "40"),
        _p(date(2027, 7, 31), "80", target=True),
    )),
    Plan("review-timeliness-complaints", "14", date(2024, 12, 31), "a quarter, 2024", "2", (
        _p(date(2027, 12, 31), "7", target=True, note="halved by 2027"),
    )),
    Plan("warm-audits", "2", date(2024, 12, 31), "a quarter, 2024", "0", (
        _p(date(2026, 3, 31), "3", target=True),
    )),
    Plan("dsp-places-new", "0", date(2024, 12, 31), "sufficiency plan start", "20", (
        _p(date(2028, 3, 31), "200", target=True),
    )),
    Plan("specialist-places-new", "0", date(2024, 12, 31), "sufficiency plan start", "20", (
        _p(date(2026, 3, 31), "60"),
        _p(date(2028, 3, 31), "300", target=True),
    )),
)  # fmt: skip

#: Statuses a person set: (KPI, quarters back from the latest complete one, status, reason).
OVERRIDES: tuple[tuple[str, int, str, str], ...] = (
    (
        "neet",
        0,
        "close",
        "The figure counts 23 young people whose destinations are not yet confirmed; the "
        "tracking team expects it below 13% once next month's returns are in.",
    ),
    (
        "parent-satisfaction",
        2,
        "establishing",
        "The survey's questions changed this quarter, so the figure cannot be compared with "
        "the baseline; the forum is agreeing a new baseline.",
    ),
)

#: Commentary, per KPI: the analysis and mitigations for each of the last four quarters.
COMMENTARY: dict[str, tuple[str, ...]] = {
    "annual-review-on-time": (
        "Reviews held on time rose as the review team reached full strength. "
        "Mitigation: weekly review scheduling meeting with the largest secondary schools.",
        "Two officers on leave held back reviews. Mitigation: reviews due next quarter "
        "were booked early; agency cover agreed for six months.",
        "The backlog of overdue reviews fell; reviews due this quarter are being "
        "held first so that the backlog does not grow.",
        "Closer to the line to 40%. Settings' paperwork arriving late remains the main "
        "cause of late meetings; see setting returns.",
    ),
    "final-plan-20w": (
        "Timeliness dipped while the educational psychology backlog was cleared. "
        "Mitigation: commissioned assessments from an external provider.",
        "Better than last quarter and a year ago; still below England. Health "
        "advice within 6 weeks is the step most often late.",
        "Plans issued within 20 weeks rose for the third quarter running.",
        "Exception cases are shown beside the figure; without them timeliness is "
        "close to the trajectory.",
    ),
    "neet": (
        "NEET fell as the post-16 re-engagement offer expanded.",
        "Destinations of last summer's leavers are still being confirmed; the figure "
        "falls as they are.",
        "Progress slower than planned; a careers adviser for young people with plans "
        "has been recruited.",
        "Behind the line to 12%; a revised trajectory goes to the board with the "
        "tracking team's analysis.",
    ),
    "parent-satisfaction": (
        "186 families answered. Clarity of reviews is rated better than timeliness.",
        "The forum ran two listening events; comments fed into the review letter.",
        "Satisfaction rose after the new plan template was introduced.",
        "On the line to 80% by 2028.",
    ),
}


def write(la: LocalAuthority, today: date, user: Any) -> int:
    """Trajectories, statuses set by a person and four quarters of commentary for ``la``
    (replacing any it had); the number of rows written."""
    StatusOverride.objects.filter(la=la).delete()
    Commentary.objects.filter(la=la).delete()
    written = 0
    for plan in PLANS:
        trajectories.set_trajectory(
            la=la,
            kpi_id=plan.kpi,
            baseline_value=Decimal(plan.baseline),
            baseline_on=plan.on,
            baseline_note=plan.note,
            tolerance=Decimal(plan.tolerance),
            points=plan.points,
            by=user,
        )
        written += 1
    complete = periods.last(5, "quarter", today)[:-1]  # the last four complete quarters
    for kpi, back, status, reason in OVERRIDES:
        quarter = complete[-1 - back]
        trajectories.override_status(
            la=la, kpi_id=kpi, quarter=quarter, status=status, reason=reason, by=user, today=today
        )
        written += 1
    for kpi, texts in COMMENTARY.items():
        for quarter, text in zip(complete, texts, strict=True):
            trajectories.add_commentary(
                la=la, kpi_id=kpi, quarter=quarter, text=text, by=user, today=today
            )
            written += 1
    return written
