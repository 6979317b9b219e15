"""Decisions about a case the clock has no step for (a placement, a top-up band, a
personal budget), with their reasons: one action, used by an officer's form and by a
decision panel (``quality.panels``) alike."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit, kernel
from senda.casework.models import Case, Decision
from senda.kernel import (
    ActionError,
    check_choice,
    check_not_future,
    check_permission,
    required_text,
)
from senda.people.models import Membership, Setting


@transaction.atomic
def record_decision(
    *,
    case: Case,
    kind: str,
    decided_on: date,
    decision: str,
    reasons: str,
    by: User,
    band: str = "",
    setting: Setting | None = None,
    source: str = "",
    today: date | None = None,
) -> Decision:
    """Record a decision of ``kind`` (``Decision.Kind``) on ``case`` with its reasons."""
    membership = Membership.objects.filter(user_id=by.pk).first()
    check_permission(
        membership is not None and membership.can_write_casework(case.la_id),
        "Only the council's casework staff can record a decision on a case.",
    )
    today = today or kernel.today()
    check_choice(kind, Decision.Kind.values, "kind", "what was decided")
    if decided_on is None:
        raise ActionError("decided_on", "Enter the date of the decision")
    check_not_future(decided_on, today, "decided_on")
    decision = required_text(decision, "decision", "Enter the decision")
    reasons = required_text(reasons, "reasons", "Enter the reasons for the decision")
    if len(decision) > 300:
        raise ActionError("decision", "The decision must be 300 characters or fewer")
    if kind == Decision.Kind.TOP_UP and not band.strip():
        raise ActionError("band", "Enter the top-up band")
    row = Decision.objects.create(
        case=case,
        kind=kind,
        decided_on=decided_on,
        decision=decision,
        reasons=reasons,
        band=band.strip()[:20],
        setting=setting,
        source=source[:100],
        recorded_by=by,
    )
    audit.record(
        user=by,
        verb="write",
        obj=row,
        child=case.child,
        summary=f"case {case.pk}: decision {row.pk} ({kind}) {decided_on:%Y-%m-%d}",
    )
    return row
