"""Who audits a plan: the QA lead names auditors from the council's staff and from its
partners (an advice-giver from health or social care, a school's SENCo), each with the
organisation they audit for; removes them while the audit is open; withdraws an audit
that should not go on. Every write is audited by ids.

Representation (the seed's KPI "audits with education, health and social care
represented", 95%): an audit is represented when its auditors' organisations cover
education, health and social care, a school counting as education
(``represented(audit)``; ``organisations_of(audit)`` gives the set as recorded).

    add_auditor(audit=a, user=nurse, organisation="health", by=lead)
    represented(a)  # True once education, health and social care each audit it
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from senda import audit as audit_log
from senda import kernel
from senda.kernel import ActionError, check_choice, check_permission, required_text
from senda.people.models import Membership, Role
from senda.quality.access import QA_READ_ROLES, is_auditor, membership_of, qa_lead
from senda.quality.models import Audit, AuditAuditor, Organisation

#: Partners (not council staff) who may be named as auditors.
PARTNER_ROLES = frozenset({Role.ADVICE_GIVER, Role.SENCO})
#: Who may be named on an audit at all: the council's casework staff and its partners.
AUDITOR_ROLES = QA_READ_ROLES | PARTNER_ROLES
#: The three agencies an audit must bring together; a school audits for education.
AGENCIES: frozenset[str] = frozenset(
    {Organisation.EDUCATION.value, Organisation.HEALTH.value, Organisation.SOCIAL_CARE.value}
)
AS_AGENCY: dict[str, str] = {Organisation.SCHOOL.value: Organisation.EDUCATION.value}
REASON_MAX = 300


def organisations_of(audit: Audit) -> set[str]:
    """The organisations the audit's auditors come from, as recorded (``school`` kept)."""
    return set(AuditAuditor.objects.filter(audit=audit).values_list("organisation", flat=True))


def agencies_of(organisations: set[str]) -> set[str]:
    """The agencies ``organisations`` stand for (a school counts as education)."""
    return {AS_AGENCY.get(o, o) for o in organisations}


def represented(audit: Audit) -> bool:
    """Education (a school counts), health and social care all audit it."""
    return agencies_of(organisations_of(audit)) >= AGENCIES


def missing_agencies(audit: Audit) -> list[str]:
    """The agencies not yet auditing ``audit``, as words, in the order of ``AGENCIES``."""
    held = agencies_of(organisations_of(audit))
    return [str(o.label) for o in Organisation if o.value in AGENCIES and o.value not in held]


def auditor_candidates(audit: Audit) -> QuerySet[Membership]:
    """Who may be named on ``audit``: the area's council staff and partners."""
    return (
        Membership.objects.filter(la_id=audit.la_id, role__in=AUDITOR_ROLES)
        .select_related("user")
        .order_by("role", "user__first_name", "user__last_name", "user__username")
    )


def may_ever_audit(user: Any) -> bool:
    """Whether ``user``'s role may ever be named on an audit (council staff, an
    advice-giver, a SENCo): anyone else is refused the audit pages outright (403)."""
    membership = membership_of(user)
    return membership is not None and membership.role in AUDITOR_ROLES


def can_judge(user: Any, audit: Audit) -> bool:
    """Whether ``user`` may judge and submit ``audit`` now: it is open, and they are named
    on it, or they are a QA lead of its area and it is not a moderation grading (a rater
    grades blind, alone)."""
    if not audit.is_open:
        return False
    if is_auditor(user, audit):
        return True
    lead = qa_lead(user)
    return lead is not None and lead.la_id == audit.la_id and audit.round_plan_id is None


def may_name_auditors(user: Any, audit: Audit) -> bool:
    lead = qa_lead(user)
    return audit.is_open and lead is not None and lead.la_id == audit.la_id


def _lead_of(by: Any, audit: Audit) -> None:
    lead = qa_lead(by)
    check_permission(
        lead is not None and lead.la_id == audit.la_id,
        "Only a QA lead of this area can change who audits.",
    )


def _locked_open(audit: Audit) -> Audit:
    locked = Audit.objects.select_for_update().select_related("case__child").get(pk=audit.pk)
    if not locked.is_open:
        raise ActionError(kernel.WHOLE_FORM, "This audit is closed: it cannot change")
    return locked


@transaction.atomic
def add_auditor(
    *, audit: Audit, user: Any, organisation: str, by: Any, today: date | None = None
) -> AuditAuditor:
    """Name ``user`` (council staff or a partner of the same area) as an auditor from
    ``organisation``; an outside auditor then sees the audit and its plan while it is open."""
    _lead_of(by, audit)
    audit = _locked_open(audit)
    today = today or kernel.today()
    check_choice(organisation, Organisation.values, "organisation", "the auditor's organisation")
    if user is None:
        raise ActionError("user", "Choose who will audit")
    membership = membership_of(user)
    if (
        membership is None
        or membership.la_id != audit.la_id
        or membership.role not in AUDITOR_ROLES
    ):
        raise ActionError(
            "user", "Choose a member of the council's staff or a partner of this area"
        )
    if AuditAuditor.objects.filter(audit=audit, user_id=user.pk).exists():
        raise ActionError("user", "They already audit this plan")
    named = AuditAuditor.objects.create(
        audit=audit, user=user, organisation=organisation, added_on=today
    )
    audit_log.record(
        user=by,
        verb="write",
        obj=audit,
        child=audit.case.child,
        summary=f"audit {audit.pk}: auditor {user.pk} added ({organisation})",
    )
    return named


@transaction.atomic
def remove_auditor(*, audit: Audit, user: Any, by: Any, today: date | None = None) -> None:
    """Take ``user`` off the audit while it is open (never its lead). Their judgements stay:
    the audit's judgements are the audit's, not one auditor's."""
    _lead_of(by, audit)
    audit = _locked_open(audit)
    if user is None or user.pk == audit.lead_id:
        raise ActionError("user", "The audit's lead cannot be taken off it")
    named = AuditAuditor.objects.filter(audit=audit, user_id=user.pk).first()
    if named is None:
        raise ActionError("user", "They do not audit this plan")
    named.delete()
    audit_log.record(
        user=by,
        verb="write",
        obj=audit,
        child=audit.case.child,
        summary=f"audit {audit.pk}: auditor {user.pk} removed",
    )


@transaction.atomic
def withdraw_audit(*, audit: Audit, reason: str, by: Any, today: date | None = None) -> Audit:
    """Stop an open audit (the plan ceased, it was opened by mistake): it is kept, read
    only, and counts in no figure. The reason is checked and goes in no audit summary
    (it is free text); the model has no field for it yet."""
    _lead_of(by, audit)
    audit = _locked_open(audit)
    today = today or kernel.today()
    reason = required_text(reason, "reason", "Enter why the audit is withdrawn")
    if len(reason) > REASON_MAX:
        raise ActionError("reason", f"The reason must be {REASON_MAX} characters or fewer")
    audit.withdrawn_on = today
    audit.withdrawn_reason = reason
    audit.save(update_fields=["withdrawn_on", "withdrawn_reason"])
    audit_log.record(
        user=by,
        verb="write",
        obj=audit,
        child=audit.case.child,
        summary=f"audit {audit.pk}: withdrawn",
    )
    return audit
