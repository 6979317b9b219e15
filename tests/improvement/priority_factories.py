"""A plan with priorities, as the quarterly report of Q2 2026-27 reads them: two areas, aims,
actions naming KPIs, statements, ratings and things due in Q3 (October to December 2026)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from senda.improvement import priority_actions as write
from senda.improvement.models import Action, Aim, ImprovementArea, ImprovementPlan, Milestone
from tests.factories import make_action, make_area, make_milestone, make_plan

I_WORDS = "I know who is looking after my child's assessment and I hear from them."
WE_WORDS = "We will tell every family what happens next within 5 working days."


@dataclass
class PriorityPlan:
    plan: ImprovementPlan
    first: ImprovementArea
    second: ImprovementArea
    ending: Action  # ends in Q3
    later: Action  # ends after Q3
    done: Action  # ends in Q3 but complete
    due: Milestone  # due in Q3
    reached: Milestone  # due in Q3, done


def priority_plan(la, by, *, rate: bool = True) -> PriorityPlan:
    """The plan; with ``rate`` its first priority has statements and ratings for Q1 and Q2
    (Q2 rated twice: amber, then green)."""
    plan = make_plan(la, title="Seaview SEND Partnership Improvement Plan")
    first = make_area(plan, title="Timeliness of EHC plans", lead="Head of SEND")
    second = make_area(plan, title="Preparing for adulthood")
    Aim.objects.create(area=first, number=1, text="More plans issued within 20 weeks.")
    ending = make_action(
        first,
        what="Track every assessment weekly against the 20-week clock.",
        ends_on=date(2026, 11, 30),
        kpi_ids=["final-plan-20w", "annual-review-on-time"],
        lead="EHC Assessment Team Manager",
    )
    later = make_action(first, what="Recruit coordinators.", ends_on=date(2027, 6, 30))
    done = make_action(
        second,
        what="Publish the local offer pages.",
        ends_on=date(2026, 10, 31),
        completed_on=date(2026, 9, 1),
    )
    due = make_milestone(later, title="Interviews held", due_on=date(2026, 12, 10))
    reached = make_milestone(
        later, title="Posts advertised", due_on=date(2026, 10, 5), done_on=date(2026, 10, 1)
    )
    make_milestone(later, title="Inductions complete", due_on=date(2027, 2, 1))
    if rate:
        write.write_statements(area=first, i_statement=I_WORDS, we_statement=WE_WORDS, by=by)
        write.rate_priority(
            area=first,
            quarter="2026-27-q1",
            value="red",
            narrative="Advice from health was late in most cases.",
            by=by,
        )
        write.rate_priority(
            area=first, quarter="2026-27-q2", value="amber", narrative="First draft.", by=by
        )
        write.rate_priority(
            area=first,
            quarter="2026-27-q2",
            value="green",
            narrative="Plans within 20 weeks rose to 58% in September.",
            by=by,
        )
    return PriorityPlan(plan, first, second, ending, later, done, due, reached)
