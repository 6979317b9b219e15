"""Support while waiting (issue 18): what a child on the neurodevelopmental waiting list
receives meanwhile, who provides it, from when and to when.

    support = record_support(referral=referral, kind="school", provider_kind="setting",
                             provider="Oak Primary", starts_on=day, ends_on=None, by=officer)
    correct_support(support=support, ..., why="Ended in March", by=officer)
    withdraw_support(support=support, why="Recorded on the wrong child", by=officer)

Each action is keyword-only, checks (permission: those who record on the waiting list,
``access.may_record``; choices; dates: the start today or before, the end on or after the
start and possibly ahead, a planned end), writes one row and audits, in one transaction;
it raises ``kernel.ActionError`` naming the field, having written nothing. A record is
never changed: a correction is a new row that ``replaces`` it, a withdrawal a replacement
marked ``withdrawn`` (both kept), as for the referral's steps.

The reads the KPIs use: :func:`supported_children` (children with current support running
on a day, of some kinds).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from senda import audit, kernel
from senda.kernel import WHOLE_FORM, ActionError
from senda.pathways.access import may_record
from senda.pathways.models import ProviderKind, Referral, Support, SupportKind

__all__ = ["correct_support", "record_support", "supported_children", "withdraw_support"]

NOT_ALLOWED = "You do not have permission to record support on the waiting list."


def _checked(
    *,
    kind: str,
    provider_kind: str,
    provider: str,
    starts_on: date | None,
    ends_on: date | None,
    today: date,
) -> dict[str, Any]:
    kernel.check_choice(kind, SupportKind.values, "kind", "the support")
    kernel.check_choice(provider_kind, ProviderKind.values, "provider_kind", "who provides it")
    provider = kernel.required_text(
        provider, "provider", "Enter the organisation, setting or team that provides it."
    )
    if len(provider) > 200:
        raise ActionError("provider", "The provider must be 200 characters or fewer.")
    start = kernel.required_date(starts_on, "starts_on", "Enter the date the support started.")
    kernel.check_not_future(start, today, "starts_on")
    if ends_on is not None:
        kernel.check_not_before(ends_on, start, "the support started", "ends_on")
    return {
        "kind": kind,
        "provider_kind": provider_kind,
        "provider": provider,
        "starts_on": start,
        "ends_on": ends_on,
    }


def _audit(by: Any, support: Support, what: str) -> None:
    audit.record(
        user=by,
        verb="write",
        obj=support,
        child=support.child,
        summary=f"nd support {support.pk}: {what}",
    )


@transaction.atomic
def record_support(
    *,
    referral: Referral,
    kind: str,
    provider_kind: str,
    provider: str,
    starts_on: date | None,
    ends_on: date | None = None,
    by: Any,
    today: date | None = None,
) -> Support:
    """Support the child of ``referral`` receives while waiting."""
    today = today or kernel.today()
    kernel.check_permission(may_record(by, referral.la), NOT_ALLOWED)
    fields = _checked(
        kind=kind,
        provider_kind=provider_kind,
        provider=provider,
        starts_on=starts_on,
        ends_on=ends_on,
        today=today,
    )
    support = Support.objects.create(
        la_id=referral.la_id,
        child_id=referral.child_id,
        referral=referral,
        recorded_by=by,
        **fields,
    )
    _audit(by, support, "recorded")
    return support


def _current(support: Support, by: Any) -> Support:
    fresh = Support.objects.select_for_update().select_related("la", "child").get(pk=support.pk)
    kernel.check_permission(may_record(by, fresh.la), NOT_ALLOWED)
    if fresh.withdrawn or Support.objects.filter(replaces_id=fresh.pk).exists():
        raise ActionError(WHOLE_FORM, "This support has already been corrected or withdrawn.")
    return fresh


@transaction.atomic
def correct_support(
    *,
    support: Support,
    kind: str,
    provider_kind: str,
    provider: str,
    starts_on: date | None,
    ends_on: date | None,
    why: str,
    by: Any,
    today: date | None = None,
) -> Support:
    """Correct ``support`` (or record its end): a new row replaces it, both kept."""
    today = today or kernel.today()
    old = _current(support, by)
    why = kernel.required_text(why, "why", "Say why the support is corrected.")[:500]
    fields = _checked(
        kind=kind,
        provider_kind=provider_kind,
        provider=provider,
        starts_on=starts_on,
        ends_on=ends_on,
        today=today,
    )
    replacement = Support.objects.create(
        la_id=old.la_id,
        child_id=old.child_id,
        referral_id=old.referral_id,
        replaces=old,
        why=why,
        recorded_by=by,
        **fields,
    )
    _audit(by, replacement, f"corrected support {old.pk}")
    return replacement


@transaction.atomic
def withdraw_support(*, support: Support, why: str, by: Any) -> Support:
    """Withdraw support recorded in error: kept, no longer current."""
    old = _current(support, by)
    why = kernel.required_text(why, "why", "Say why the support is withdrawn.")[:500]
    replacement = Support.objects.create(
        la_id=old.la_id,
        child_id=old.child_id,
        referral_id=old.referral_id,
        kind=old.kind,
        provider_kind=old.provider_kind,
        provider=old.provider,
        starts_on=old.starts_on,
        ends_on=old.ends_on,
        replaces=old,
        withdrawn=True,
        why=why,
        recorded_by=by,
    )
    _audit(by, replacement, f"withdrew support {old.pk}")
    return replacement


def supported_children(la_id: int, day: date, kinds: Iterable[str] | None = None) -> set[int]:
    """Ids of ``la_id``'s children with current support running on ``day`` (of ``kinds``,
    or any)."""
    found = Support.objects.filter(la_id=la_id).running_on(day)
    if kinds is not None:
        found = found.filter(kind__in=list(kinds))
    return set(found.values_list("child_id", flat=True))
