"""Changes to the retention schedule and decisions on disposals: keyword-only, atomic,
checked, audited (ADR 0037). Only a service manager of the area decides, and only the
rule's named approver when it names one."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from senda import audit
from senda.kernel import ActionError, check_choice, check_permission, required_text
from senda.people.access import is_service_manager
from senda.retention.defaults import ACTIONS
from senda.retention.dispose import dispose
from senda.retention.models import Disposal, Rule

LONGEST = 100  # years


def may_decide(user: Any, disposal: Disposal) -> bool:
    """A service manager of the area; the rule's approver alone when it names one."""
    approver = disposal.rule.approver_id
    return is_service_manager(user, disposal.la_id) and approver in (None, user.pk)


@transaction.atomic
def change_rule(
    *, rule: Rule, keep_years: int, action: str, source: str, approver: User | None, by: User
) -> Rule:
    check_permission(is_service_manager(by, rule.la_id), "Only a service manager may do this.")
    if not 1 <= keep_years <= LONGEST:
        raise ActionError("keep_years", f"Keep it between 1 and {LONGEST} years")
    check_choice(action, dict(ACTIONS), "action", "what happens after")
    source = required_text(source, "source", "Enter the source of the period")
    if approver is not None and not is_service_manager(approver, rule.la_id):
        raise ActionError("approver", "The approver must be a service manager of the area")
    rule.keep_years, rule.action, rule.source = keep_years, action, source
    rule.approver, rule.changed_by = approver, by
    rule.save()
    audit.record(user=by, verb="write", obj=rule, summary=f"retention rule {rule.record_type}")
    return rule


def _decided(disposal: Disposal, by: User) -> None:
    check_permission(may_decide(by, disposal), "Only the named approver may decide this.")
    if disposal.status != Disposal.Status.PENDING:
        raise ActionError("decision", "This has been decided already")


@transaction.atomic
def approve(*, disposal: Disposal, by: User) -> Disposal:
    """Anonymise or delete the record as its rule said, and record what went."""
    disposal = Disposal.objects.select_for_update().select_related("rule").get(pk=disposal.pk)
    _decided(disposal, by)
    child_id = disposal.child_id
    done = dispose(disposal.record_type, disposal.object_id, disposal.action)
    disposal.refresh_from_db(fields=["child"])  # a deleted child is gone from the row
    disposal.status, disposal.done = Disposal.Status.DONE, done
    disposal.decided_by, disposal.decided_at = by, timezone.now()
    disposal.save()
    summary = (
        f"retention {disposal.pk}: {disposal.action} {disposal.record_type} "
        f"{disposal.object_id} (child {child_id}): {done}"
    )
    audit.record(user=by, verb="write", obj=disposal, child=disposal.child, summary=summary)
    return disposal


@transaction.atomic
def reject(*, disposal: Disposal, by: User, reason: str) -> Disposal:
    """Keep the record; the review lists it again a year later."""
    disposal = Disposal.objects.select_for_update().select_related("rule").get(pk=disposal.pk)
    _decided(disposal, by)
    reason = required_text(reason, "reason", "Enter why the record is kept")
    disposal.status, disposal.reason = Disposal.Status.REJECTED, reason
    disposal.decided_by, disposal.decided_at = by, timezone.now()
    disposal.save()
    summary = f"retention {disposal.pk}: kept {disposal.record_type} {disposal.object_id}"
    audit.record(user=by, verb="write", obj=disposal, child=disposal.child, summary=summary)
    return disposal
