"""Re-assessing a child with a plan (SEND Regulations 2014 reg 24, 25(1), 27)."""

from __future__ import annotations

from datetime import date
from typing import Final

from django.contrib.auth.models import User
from django.db import transaction

from senda.casework.actions.base import begin, live_plan, live_plan_on, write_event
from senda.casework.models import AssessmentRequest, Case, CaseEvent
from senda.clock.model import OUTCOMES
from senda.kernel import check_choice, check_not_future

#: Who may ask for a re-assessment (reg 24): the child's parent or the young person, or
#: the governing body, proprietor or principal of the setting they attend.
REASSESSMENT_SOURCES: Final = (
    AssessmentRequest.Source.PARENT_OR_YOUNG_PERSON,
    AssessmentRequest.Source.SETTING,
)


@transaction.atomic
def record_reassessment_request(
    *, case: Case, on: date, source: int, by: User, today: date | None = None
) -> CaseEvent:
    """A request for a re-assessment reached the LA (the 15-day decision clock starts).

    ``source``: who asked (SEN2's codes; the parent or young person, or the setting).
    """
    case, today = begin(case, by, today)
    check_choice(source, REASSESSMENT_SOURCES, "source", "who asked for the re-assessment")
    check_not_future(on, today)
    live_plan_on(case, on, today)
    return write_event(case, by, today, "reassessment_requested", on, source=source)


@transaction.atomic
def record_reassess_decision(
    *, case: Case, on: date, outcome: str, by: User, today: date | None = None
) -> CaseEvent:
    """The LA notified its decision whether to re-assess: ``reassess`` or ``refuse``."""
    case, today = begin(case, by, today)
    check_choice(outcome, OUTCOMES["reassess_decision"], "outcome", "the decision")
    check_not_future(on, today)
    return write_event(case, by, today, "reassess_decision", on, outcome=outcome)


@transaction.atomic
def record_reassessment_outcome(
    *, case: Case, on: date, outcome: str, by: User, today: date | None = None
) -> CaseEvent:
    """The re-assessment was answered: the plan ``amend``-ed or ``replace``-d (its final
    version issued), or ``no-change`` (the family told the plan stays as it is)."""
    case, today = begin(case, by, today)
    check_choice(outcome, OUTCOMES["reassessment_outcome"], "outcome", "what the plan became")
    check_not_future(on, today)
    event = write_event(case, by, today, "reassessment_outcome", on, outcome=outcome)
    if outcome != "no-change":
        plan = live_plan(case, today)
        plan.amended_on = on
        plan.save(update_fields=["amended_on"])
    return event
