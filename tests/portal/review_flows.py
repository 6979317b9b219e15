"""Cases with a plan whose annual review falls due, for the review portal's tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from senda.casework import actions
from senda.casework.models import Case, PlanOutcome
from senda.people.models import Setting
from tests.factories import Personas, make_case, make_child

#: Plans issued 3 March 2025: the annual review falls due 3 March 2026.
ISSUED = date(2025, 3, 3)
DUE = date(2026, 3, 3)
#: A day in the spring term before the review is due.
TODAY = date(2026, 2, 10)


def with_plan(case: Case, by: Any, issued: date) -> Case:
    """A final plan issued on ``issued``, after a request 20 weeks before."""
    start = issued - timedelta(weeks=20)
    actions.record_request_received(case=case, on=start, source=1, by=by, today=issued)
    assess = start + timedelta(weeks=5)
    actions.record_assess_decision(case=case, on=assess, outcome="assess", by=by, today=issued)
    draft = issued - timedelta(weeks=3)
    actions.record_draft_plan(case=case, on=draft, by=by, today=issued)
    actions.record_final_plan(case=case, on=issued, by=by, today=issued)
    return case


def planned_case(
    personas: Personas, setting: Setting | None = None, issued: date = ISSUED, **child: Any
) -> Case:
    """An open case of a child at ``setting`` (the personas' unless told) with a final plan
    issued on ``issued``."""
    kid = make_child(personas.la, setting=setting or personas.setting, **child)
    return with_plan(make_case(kid, officer=personas.case_officer), personas.case_officer, issued)


def persona_case_with_plan(personas: Personas, issued: date = ISSUED) -> Case:
    """The personas' own case, given a final plan."""
    return with_plan(personas.case, personas.case_officer, issued)


def add_outcomes(case: Case, *texts: str) -> list[PlanOutcome]:
    plan = case.plans.order_by("id").last()
    return [
        PlanOutcome.objects.create(plan=plan, number=n, text=t, recorded_on=ISSUED)
        for n, t in enumerate(texts, start=1)
    ]


def complete_answers(case: Case) -> dict[str, dict[str, str]]:
    """Answers that complete every section of a child under Year 9 with no plan outcomes."""
    attendees = {}
    for who in ("parent", "setting", "council", "health", "social_care"):
        attendees[f"{who}_invited"] = "yes"
        attendees[f"{who}_attended"] = "yes" if who != "council" else "no"
    return {
        "review-details": {"review_type": "annual"},
        "attendees": attendees,
        "child-views": {"views": "Likes maths; finds lunchtimes hard."},
        "parent-views": {"views": "Happy with progress in reading."},
        "disagreements": {"any": "no"},
        "progress": {"progress": "Good progress in reading."},
        "needs": {"changed": "no"},
        "provision": {"delivered": "yes", "changes": "no"},
        "recommendation": {"recommendation": "maintain", "why": "Working well."},
        "advice": {"health_advice": "yes", "social_care_advice": "no"},
    }
