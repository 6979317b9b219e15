"""The status each KPI shows for a quarter: derived by the rule (``senda.performance.status_rule``)
from its value and the local area's trajectory, unless a person set another with a reason.

    from senda.performance import kpi_figures, status_shown
    figures = kpi_figures.values(la, kpi_ids, [quarter])
    shown = status_shown.for_quarter(la, kpi_ids, quarter, figures)  # {kpi id: Shown}
    shown["final-plan-20w"].label, .reason, .derived.reason, .override, .history

Also the reads the pages need: a KPI's trajectory as a pure ``status_rule.Plan``, its overrides
and commentary, and the suppression threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from senda import kernel
from senda.people.models import LocalAuthority
from senda.performance import kpis
from senda.performance.kpi_figures import KpiFigure
from senda.performance.models import Commentary, StatusOverride, Trajectory, TrajectoryPoint
from senda.performance.periods import Period
from senda.performance.status_rule import LABELS, Derived, Plan, Point, derive

#: Why a KPI the partnership marked as still being established shows that status.
ESTABLISHING = "Its definition and baseline are still being agreed."


def threshold() -> int:
    """Counts from 1 to this minus one are hidden (setting ``SENDA_SUPPRESS_BELOW``)."""
    return int(settings.SENDA_SUPPRESS_BELOW)


@dataclass(frozen=True)
class Shown:
    """A KPI's status for a quarter: the derived one, the override in force (if any), and
    the status shown with its label and reason. ``history``: every override row for the
    quarter, newest first (withdrawals included)."""

    kpi: str
    quarter: Period
    derived: Derived
    override: StatusOverride | None
    history: tuple[StatusOverride, ...]
    plan: Plan | None

    @property
    def status(self) -> str:
        return self.override.status if self.override else self.derived.status

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def reason(self) -> str:
        return self.override.reason if self.override else self.derived.reason

    @property
    def expected(self) -> Decimal | None:
        return self.derived.expected

    @property
    def overridden(self) -> bool:
        return self.override is not None


def shown(la: LocalAuthority, kpi_id: str, quarter: Period, value: KpiFigure | None) -> Shown:
    """The status the KPI shows for ``quarter`` given its ``value`` (None: no figure)."""
    values = {(kpi_id, quarter.key): value} if value is not None else {}
    return for_quarter(la, [kpi_id], quarter, values)[kpi_id]


def for_quarter(
    la: LocalAuthority,
    kpi_ids: Iterable[str],
    quarter: Period,
    values: Mapping[tuple[str, str], KpiFigure],
) -> dict[str, Shown]:
    """Each KPI's ``Shown`` for ``quarter``, in three queries however many KPIs.

    ``values``: the figures as ``kpi_figures.values`` returns them (by KPI id and period key)."""
    ids = list(dict.fromkeys(kpi_ids))
    plans = plans_for(la, ids)
    history: dict[str, list[StatusOverride]] = {kpi: [] for kpi in ids}
    overrides = StatusOverride.objects.filter(la=la, kpi__in=ids, period_start=quarter.start)
    for row in overrides.select_related("by"):
        history[row.kpi].append(row)  # newest first: the model's ordering
    found: dict[str, Shown] = {}
    for entry in kpis.entries(la, ids):
        kpi = entry.id
        value = values.get((kpi, quarter.key))
        figure = None if value is None else value.value
        on = value.as_of if value is not None else quarter.as_of(kernel.today())
        if entry.establishing:
            derived = Derived("establishing", ESTABLISHING, None)
        else:
            derived = derive(plans.get(kpi), figure, on, entry.higher_is_better, unit=entry.unit)
        rows = history[kpi]
        override = rows[0] if rows and not rows[0].withdrawn else None
        found[kpi] = Shown(kpi, quarter, derived, override, tuple(rows), plans.get(kpi))
    return found


def plans_for(la: LocalAuthority, kpi_ids: Iterable[str]) -> dict[str, Plan]:
    """The local area's trajectories for ``kpi_ids`` as pure plans (two queries)."""
    rows = Trajectory.objects.filter(la=la, kpi__in=list(kpi_ids)).prefetch_related("points")
    return {row.kpi: plan_of(row) for row in rows}


def plan_of(trajectory: Trajectory) -> Plan:
    return Plan(
        baseline_value=trajectory.baseline_value,
        baseline_on=trajectory.baseline_on,
        points=tuple(_point(p) for p in trajectory.points.all()),
        tolerance=trajectory.tolerance,
    )


def trajectory(la: LocalAuthority, kpi_id: str) -> Trajectory | None:
    """The local area's trajectory row for the KPI, its points prefetched."""
    return Trajectory.objects.filter(la=la, kpi=kpi_id).prefetch_related("points").first()


def overrides(la: LocalAuthority, kpi_id: str) -> list[StatusOverride]:
    """Every status set for the KPI, newest quarter first, newest first within it."""
    return list(StatusOverride.objects.filter(la=la, kpi=kpi_id).select_related("by"))


def commentary(la: LocalAuthority, kpi_id: str) -> list[Commentary]:
    """The KPI's commentary history, newest quarter first, newest first within it."""
    return list(Commentary.objects.filter(la=la, kpi=kpi_id).select_related("by"))


def commentary_for_quarter(
    la: LocalAuthority, kpi_ids: Iterable[str], quarter: Period
) -> dict[str, Commentary]:
    """Each KPI's latest commentary for ``quarter`` (absent: none written), in one query."""
    found: dict[str, Commentary] = {}
    rows = Commentary.objects.filter(la=la, kpi__in=list(kpi_ids), period_start=quarter.start)
    for row in rows.select_related("by"):
        found.setdefault(row.kpi, row)  # newest first: the model's ordering
    return found


def _point(row: TrajectoryPoint) -> Point:
    if row.kind == TrajectoryPoint.Kind.TARGET:
        return Point(on=row.on, low=row.low, high=row.high, kind="target", note=row.note)
    return Point(on=row.on, low=row.low, high=row.high, kind="milestone", note=row.note)
