"""Senda's suggested rating for an action, and why. A person confirms or overrides it.

The rules, in order of precedence (the first that decides wins; every reason that applied
is returned, in words):

1. **Complete**: the action has a completion date → Blue / Complete. Nothing else counts.
2. **Deadline passed**: the end date is before today and the action is not complete →
   Red (rank 3, significantly delayed).
3. **Milestone missed**: a milestone's due date is before today and it is not done → at
   least Amber (rank 2, minor delays or risks).
4. **KPI off trajectory**: a KPI the action serves has status ``"off"`` → at least Amber.
   The reason names the KPI as the catalogue does (its id only if the catalogue has none).
5. **Not yet started**: the start date is after today and nothing has happened yet (no
   update, no milestone done) → Pink / Not yet commenced (rank 4).
6. Otherwise → Green / On track (rank 1).

Ranks are shared by both scales (see ``models/scales.py``). The Progress scale has no
"significantly delayed" value: a passed deadline there suggests "Some obstacles" (rank 2)
rather than ``Scale.by_rank(3)``'s "Not yet commenced", which would say the opposite of
the facts; the reason still says the deadline has passed.

``suggest`` is pure (plain values, ``today`` passed in); ``suggest_for`` reads an action.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from senda.improvement.models.scales import SCALES, Scale, Value
from senda.kernel import long_date
from senda.performance import kpis

if TYPE_CHECKING:
    from senda.improvement.models import Action

__all__ = ["Suggestion", "suggest", "suggest_for"]

COMPLETE, ON_TRACK, DELAYED, BEHIND, NOT_STARTED = 0, 1, 2, 3, 4
OFF_TRAJECTORY = "off"


class MilestoneFacts(Protocol):
    """What a rule needs of a milestone (a ``Milestone`` row has these)."""

    title: str
    due_on: date | None
    done_on: date | None


@dataclass(frozen=True, slots=True)
class Suggestion:
    value: str  # a code on the plan's scale
    rank: int
    reasons: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """The reasons as one text, as stored with a rating."""
        return " ".join(f"{reason}." for reason in self.reasons)


def kpi_name(kpi_id: str, la: Any = None) -> str:
    """The KPI's name (``senda.performance.kpis``: the catalogue's, or the local area
    ``la``'s own); the id if neither has it."""
    return kpis.names(la, [kpi_id]).get(kpi_id, kpi_id)


def suggest(
    *,
    scale: Scale,
    today: date,
    starts_on: date | None,
    ends_on: date | None,
    completed_on: date | None,
    milestones: Iterable[MilestoneFacts],
    kpi_status: Mapping[str, str],
    has_updates: bool,
    la: Any = None,
) -> Suggestion:
    """The suggested rating from plain facts. ``kpi_status`` holds the action's KPIs."""
    if completed_on is not None:
        return _on(scale, COMPLETE, [f"Completed on {long_date(completed_on)}"])
    milestones = list(milestones)
    reasons: list[str] = []
    rank = ON_TRACK
    if ends_on is not None and ends_on < today:
        reasons.append(f"Deadline {long_date(ends_on)} has passed and the action is not complete")
        rank = BEHIND
    for milestone in milestones:
        if milestone.due_on is not None and milestone.due_on < today and not milestone.done_on:
            reasons.append(
                f"Milestone '{milestone.title}' was due {long_date(milestone.due_on)} "
                "and is not done"
            )
            rank = max(rank, DELAYED)
    for kpi_id, status in sorted(kpi_status.items()):
        if status == OFF_TRAJECTORY:
            reasons.append(f"Linked KPI '{kpi_name(kpi_id, la)}' is off trajectory")
            rank = max(rank, DELAYED)
    if reasons:
        return _on(scale, rank, reasons)
    started = has_updates or any(m.done_on for m in milestones)
    if starts_on is not None and starts_on > today and not started:
        return _on(scale, NOT_STARTED, [f"Not started, and due to start {long_date(starts_on)}"])
    return _on(
        scale,
        ON_TRACK,
        ["No deadline or milestone has passed and no linked KPI is off trajectory"],
    )


def suggest_for(
    action: Action, today: date, kpi_status: Mapping[str, str] | None = None
) -> Suggestion:
    """The suggestion for ``action``. Prefetch ``milestones`` and ``updates`` and
    select ``area__plan`` to read many actions without a query each."""
    statuses = kpi_status or {}
    linked = {kpi: statuses[kpi] for kpi in (action.kpi_ids or []) if kpi in statuses}
    return suggest(
        scale=SCALES[action.area.plan.scale],
        today=today,
        starts_on=action.starts_on,
        ends_on=action.ends_on,
        completed_on=action.completed_on,
        milestones=action.milestones.all(),
        kpi_status=linked,
        has_updates=_has_updates(action),
        la=action.area.plan.la_id,
    )


def _has_updates(action: Any) -> bool:
    prefetched = getattr(action, "_prefetched_objects_cache", {})
    if "updates" in prefetched:
        return bool(prefetched["updates"])
    return bool(action.updates.exists())


def _on(scale: Scale, rank: int, reasons: list[str]) -> Suggestion:
    value = _value(scale, rank)
    return Suggestion(value=value.code, rank=value.rank, reasons=reasons)


def _value(scale: Scale, rank: int) -> Value:
    """The scale's value for ``rank``; a delay the scale cannot say in full ("significantly
    delayed" on the Progress scale) becomes the worst delay it can, not "not started"."""
    ranks = {value.rank for value in scale.values}
    if rank not in ranks and rank in (DELAYED, BEHIND):
        milder = [r for r in ranks if DELAYED <= r <= rank]
        if milder:
            return scale.by_rank(max(milder))
    return scale.by_rank(rank)
