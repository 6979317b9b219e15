"""Who may see and do what in quality assurance. The council's casework staff read every
QA page of their area; QA leads (QA auditors and service managers) draw samples, configure
frameworks, open audits and rounds and publish; an outside auditor (health, social care, a
school: any signed-in partner named on an audit) sees only the audits they are named on,
and the plan each reads, while the audit is open. Moderation stays blind: a rater's grades
are shown to another rater only once that rater has submitted their own for the same plan
(``quality.moderation.visible_grades``). Web views turn a ``None`` into a 404."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from senda import kernel
from senda.people.access import membership_with_area
from senda.people.models import Membership, Role
from senda.quality.models import Audit, AuditAuditor

#: Council staff who read every QA page of their area.
QA_READ_ROLES = frozenset(
    {Role.CASE_OFFICER, Role.TEAM_MANAGER, Role.QA_AUDITOR, Role.SERVICE_MANAGER}
)
#: Who leads QA: draws samples, configures frameworks, opens audits, rounds and panels,
#: writes feedback and publishes summaries and reports.
QA_LEAD_ROLES = frozenset({Role.QA_AUDITOR, Role.SERVICE_MANAGER, Role.TEAM_MANAGER})


#: The user's membership with its area (``people.access``, the one reader).
membership_of = membership_with_area


def qa_staff(user: Any) -> Membership | None:
    """The membership of council staff who read QA pages; None for anyone else."""
    membership = membership_of(user)
    if membership is None or membership.role not in QA_READ_ROLES:
        return None
    return membership


def qa_lead(user: Any) -> Membership | None:
    """The membership of a QA lead; None for anyone else."""
    membership = membership_of(user)
    if membership is None or membership.role not in QA_LEAD_ROLES:
        return None
    return membership


def audits_for(user: Any, today: date) -> QuerySet[Audit]:
    """Audits ``user`` may open: council staff every audit of their area; anyone else the
    open audits they are named on as an auditor."""
    staff = qa_staff(user)
    if staff is not None:
        return Audit.objects.filter(la_id=staff.la_id)
    named = AuditAuditor.objects.filter(user_id=getattr(user, "pk", None)).values("audit_id")
    return Audit.objects.open().filter(pk__in=named)


def audit_for(user: Any, audit_id: int, today: date) -> Audit | None:
    """One audit ``user`` may open, or None (the page answers 404)."""
    return (
        audits_for(user, today)
        .select_related("case", "plan", "version", "framework", "lead")
        .filter(pk=audit_id)
        .first()
    )


def is_auditor(user: Any, audit: Audit) -> bool:
    """Named on the audit (only they, and QA leads, judge its criteria)."""
    return AuditAuditor.objects.filter(audit=audit, user_id=getattr(user, "pk", None)).exists()


def is_outside_auditor(user: Any) -> bool:
    """Named on an open audit without being council staff (they see only those audits)."""
    return qa_staff(user) is None and audits_for(user, kernel.today()).exists()
