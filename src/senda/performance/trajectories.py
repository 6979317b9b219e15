"""Changing a KPI's trajectory, status and commentary: keyword-only, atomic,
permission-checked, validated and audited. Views call these and never ``.save()`` the rows.

Service managers and team managers of the local area may use them (``can_manage``). Each
raises ``ActionError`` naming the form field (the keyword argument) to show its message on.
See ``docs/kpi-status.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model

from senda import audit, kernel
from senda.kernel import WHOLE_FORM, ActionError, check_permission, required_text
from senda.people.models import LocalAuthority, Membership
from senda.people.models.staff import Role
from senda.performance import kpi_figures, kpis, status_shown
from senda.performance.catalogue.entry import Entry
from senda.performance.models import Commentary, StatusOverride, Trajectory, TrajectoryPoint
from senda.performance.periods import Period, containing
from senda.performance.status_rule import LABELS, Point

__all__ = [
    "MAX_POINTS",
    "add_commentary",
    "can_manage",
    "override_status",
    "set_trajectory",
    "withdraw_override",
]

#: Roles that may set trajectories, statuses and commentary for their local area.
MANAGE_ROLES = frozenset({Role.SERVICE_MANAGER, Role.TEAM_MANAGER})
MAX_POINTS = 6
NO_PERMISSION = "You do not have permission to change this KPI's trajectory or status."


def can_manage(user: Any, la: LocalAuthority | int) -> bool:
    """Whether ``user`` is a service manager or team manager of ``la`` (or its id)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    la_id = la if isinstance(la, int) else la.pk
    membership = Membership.objects.filter(user_id=user.pk).first()
    return membership is not None and membership.la_id == la_id and membership.role in MANAGE_ROLES


def _begin(by: Any, la: LocalAuthority, kpi_id: str) -> Entry:
    check_permission(can_manage(by, la), NO_PERMISSION)
    try:
        return kpis.get(la, kpi_id)
    except KeyError:
        raise ActionError(WHOLE_FORM, f"There is no KPI {kpi_id!r}.") from None


def _audit(by: Any, obj: Model, la: LocalAuthority, summary: str) -> None:
    audit.record(user=by, verb="write", obj=obj, summary=summary, la_id=la.pk)


def _quarter(quarter: Period, today: date) -> None:
    if quarter.kind != "quarter":
        raise ActionError("quarter", "Choose a quarter.")
    if quarter.start > containing(today, "quarter").start:
        raise ActionError("quarter", "The quarter must be this quarter or an earlier one.")


def _figure(entry: Entry, value: Decimal, field: str, what: str) -> None:
    """A value the KPI can take: 0 to 100 for a percentage; not below 0 except in pounds
    (a surplus is below zero)."""
    if value < 0 and entry.unit != "pounds":
        raise ActionError(field, f"{what} must be 0 or more.")
    if entry.unit == "percent" and value > 100:
        raise ActionError(field, f"{what} must be a percentage from 0 to 100.")


# --- Trajectory ----------------------------------------------------------------------------


@transaction.atomic
def set_trajectory(
    *,
    la: LocalAuthority,
    kpi_id: str,
    baseline_value: Decimal,
    baseline_on: date,
    baseline_note: str = "",
    tolerance: Decimal,
    points: Sequence[Point],
    by: Any,
) -> Trajectory:
    """Set (or replace) the KPI's baseline, tolerance and up to six milestones and targets.

    Points must fall after the baseline, on different days; a range's high end is not below
    its low end; a percentage lies from 0 to 100."""
    entry = _begin(by, la, kpi_id)
    _figure(entry, baseline_value, "baseline_value", "The baseline")
    if tolerance < 0:
        raise ActionError("tolerance", "The tolerance must be 0 or more.")
    _check_points(entry, baseline_on, points)
    row, _ = Trajectory.objects.select_for_update().get_or_create(la=la, kpi=entry.id)
    row.baseline_value, row.baseline_on = baseline_value, baseline_on
    row.baseline_note, row.tolerance, row.set_by = baseline_note.strip(), tolerance, by
    row.save()
    row.points.all().delete()
    TrajectoryPoint.objects.bulk_create(
        TrajectoryPoint(
            trajectory=row, on=p.on, low=p.low, high=p.high, kind=p.kind, note=p.note.strip()
        )
        for p in sorted(points, key=lambda p: p.on)
    )
    _audit(by, row, la, f"kpi {entry.id}: trajectory set ({len(points)} points)")
    return row


def _check_points(entry: Entry, baseline_on: date, points: Sequence[Point]) -> None:
    if len(points) > MAX_POINTS:
        raise ActionError("points", f"Enter at most {MAX_POINTS} milestones and targets.")
    days: set[date] = set()
    for number, point in enumerate(points, start=1):
        field, what = f"point_{number}", f"Milestone or target {number}"
        if point.on <= baseline_on:
            raise ActionError(f"{field}_on", f"{what} must be after the baseline date.")
        if point.on in days:
            raise ActionError(f"{field}_on", f"{what} is on the same day as another.")
        days.add(point.on)
        _figure(entry, point.low, f"{field}_low", what)
        if point.high is not None:
            _figure(entry, point.high, f"{field}_high", f"The top of {what.lower()}")
            if point.high < point.low:
                raise ActionError(
                    f"{field}_high", f"The top of {what.lower()} is below its bottom."
                )


# --- Status --------------------------------------------------------------------------------


@transaction.atomic
def override_status(
    *,
    la: LocalAuthority,
    kpi_id: str,
    quarter: Period,
    status: str,
    reason: str,
    by: Any,
    today: date | None = None,
) -> StatusOverride:
    """Set the KPI's status for ``quarter`` (this quarter, as of ``today``, or an earlier
    one) over the derived one, with the reason. The derived status of the moment is kept
    beside it."""
    entry = _begin(by, la, kpi_id)
    _quarter(quarter, today or kernel.today())
    if status not in LABELS:
        raise ActionError("status", "Choose a status.")
    reason = required_text(reason, "reason", "Enter why the status differs from the derived one")
    derived = _derived(la, entry, quarter)
    row = StatusOverride.objects.create(
        la=la,
        kpi=entry.id,
        period_start=quarter.start,
        status=status,
        derived_status=derived,
        reason=reason,
        by=by,
    )
    _audit(by, row, la, f"kpi {entry.id} {quarter.key}: status {status} (derived {derived})")
    return row


@transaction.atomic
def withdraw_override(
    *, la: LocalAuthority, kpi_id: str, quarter: Period, reason: str = "", by: Any
) -> StatusOverride:
    """Return the KPI's status for ``quarter`` to the derived one (a new row: history is
    kept). Refused when no override is in force."""
    entry = _begin(by, la, kpi_id)
    latest = StatusOverride.objects.filter(la=la, kpi=entry.id, period_start=quarter.start).first()
    if latest is None or latest.withdrawn:
        raise ActionError(WHOLE_FORM, "No status has been set for this quarter.")
    derived = _derived(la, entry, quarter)
    row = StatusOverride.objects.create(
        la=la,
        kpi=entry.id,
        period_start=quarter.start,
        status=derived,
        derived_status=derived,
        reason=(reason or "").strip() or "Returned to the derived status.",
        by=by,
        withdrawn=True,
    )
    _audit(by, row, la, f"kpi {entry.id} {quarter.key}: status override withdrawn")
    return row


def _derived(la: LocalAuthority, entry: Entry, quarter: Period) -> str:
    value = kpi_figures.value(la, entry.id, quarter)
    return status_shown.shown(la, entry.id, quarter, value).derived.status


# --- Commentary ----------------------------------------------------------------------------


@transaction.atomic
def add_commentary(
    *,
    la: LocalAuthority,
    kpi_id: str,
    quarter: Period,
    text: str,
    by: Any,
    today: date | None = None,
) -> Commentary:
    """Write the KPI's analysis and mitigations for ``quarter`` (this quarter, as of
    ``today``, or an earlier one); it supersedes the last."""
    entry = _begin(by, la, kpi_id)
    _quarter(quarter, today or kernel.today())
    text = required_text(text, "text", "Enter the analysis and mitigations")
    row = Commentary.objects.create(
        la=la, kpi=entry.id, period_start=quarter.start, text=text, by=by
    )
    _audit(by, row, la, f"kpi {entry.id} {quarter.key}: commentary")
    return row
