"""Wiping the previous demo area: ``senda demo`` always starts from an empty register.

This is for a demo database only. It empties every table of the people, casework,
improvement-plan, performance and audit rooms with plain ``DELETE`` statements (the
published national figures stay: they are public data, not demo data), children before
parents — deliberately including the audit log, whose rows Senda otherwise never changes
or deletes — and then deletes every user who is not a superuser (with their memberships,
group links and admin log entries), so a superuser made with ``senda createsuperuser``
survives a rebuild. ``senda demo`` refuses to run when ``SENDA_ENV=production``.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import connection

from senda.audit.models import AuditEntry
from senda.casework.models import (
    AssessmentRequest,
    Case,
    CaseEvent,
    Complaint,
    DeadlineRow,
    EventCorrection,
    Plan,
    Review,
    StaleFacts,
)
from senda.improvement import models as plans
from senda.people.models import Child, FamilyContact, LocalAuthority, Membership, Setting
from senda.performance import models as performance

#: Every table emptied, in an order that never leaves a row pointing at a deleted one.
WIPED = (
    AuditEntry,
    performance.KpiFact,
    performance.RecordedValue,
    performance.TrajectoryPoint,
    performance.Trajectory,
    performance.StatusOverride,
    performance.Commentary,
    performance.Comparators,
    plans.Rating,
    plans.ActionUpdate,
    plans.Milestone,
    plans.Action.partners.through,
    plans.Action,
    plans.Aim,
    plans.ImprovementArea,
    plans.PlanMember,
    plans.SignOff,
    plans.Risk,
    plans.Feedback,
    plans.BoardPack,
    plans.Partner,
    plans.ImprovementPlan,
    Complaint,
    DeadlineRow,
    EventCorrection,
    StaleFacts,
    CaseEvent,
    Review,
    Plan,
    AssessmentRequest,
    Case,
    FamilyContact,
    Membership,
    Child,
    Setting,
    LocalAuthority,
)


def wipe() -> None:
    """Delete all people, casework and audit rows and all non-superusers. Call it inside
    the transaction that builds the new area."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in WIPED:
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")
    User.objects.filter(is_superuser=False).delete()
