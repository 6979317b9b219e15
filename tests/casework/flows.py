"""Short statutory histories the casework tests build on (dates from the worked examples)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User

from senda.audit.models import AuditEntry
from senda.casework import actions
from senda.casework.models import (
    AssessmentRequest,
    Case,
    CaseEvent,
    DeadlineRow,
    Plan,
    Review,
)

REQUEST = date(2026, 1, 5)
TODAY = date(2026, 6, 30)


def requested(case: Case, by: User) -> Case:
    actions.record_request_received(case=case, on=REQUEST, source=2, by=by, today=TODAY)
    return case


def assessing(case: Case, by: User) -> Case:
    requested(case, by)
    actions.record_assess_decision(
        case=case, on=date(2026, 2, 10), outcome="assess", by=by, today=TODAY
    )
    return case


def with_plan(case: Case, by: User, issued: date = date(2025, 3, 3)) -> Case:
    """A case whose final plan was issued on ``issued`` (after a request 20 weeks before)."""
    actions.record_request_received(case=case, on=date(2024, 10, 14), source=1, by=by, today=issued)
    actions.record_assess_decision(
        case=case, on=date(2024, 11, 18), outcome="assess", by=by, today=issued
    )
    actions.record_draft_plan(case=case, on=date(2025, 2, 10), by=by, today=issued)
    actions.record_final_plan(case=case, on=issued, by=by, today=issued)
    return case


def snapshot() -> dict[str, int]:
    """Row counts of everything an action may write."""
    models = [AuditEntry, AssessmentRequest, CaseEvent, DeadlineRow, Plan, Review]
    return {m.__name__: m.objects.count() for m in models} | {
        "closed": Case.objects.filter(status="closed").count()
    }


def deadlines(case: Case) -> dict[str, tuple[date, date | None, str]]:
    """The case's stored deadline rows by rule (rules that occur once)."""
    return {r.rule: (r.due, r.done, r.status) for r in DeadlineRow.objects.filter(case=case)}
