"""Reads for the improvement-plan pages: a constant number of queries however many actions.

The current rating of an action and its overdue milestones are ``Action.objects``
annotations (``senda.improvement.models.actions``): subqueries, so lists never load the
history. KPI titles come from the KPI catalogue; a KPI's status is the one the board
dashboard shows for the current quarter.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from senda import kernel
from senda.improvement import gantt
from senda.improvement.models import (
    SCALES,
    Action,
    ImprovementArea,
    ImprovementPlan,
    Milestone,
    Rating,
    Scale,
)
from senda.improvement.models.actions import ActionQuerySet
from senda.improvement.models.scales import Value

#: How far ahead "due soon" looks on My actions.
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class KpiRef:
    id: str
    title: str
    status: str  # a status of senda.performance.status_rule, or "unknown"


def kpi_status(ids: Iterable[str], la: Any = None, today: date | None = None) -> dict[str, str]:
    """Each KPI's status for the quarter containing ``today`` in the local area ``la`` (a
    ``LocalAuthority`` or its id), as the board dashboard shows it (derived from the value
    and trajectory, or set by a person: ``senda.performance.status_shown``, docs/kpi-status.md).
    "unknown" for an id the KPI catalogue does not know, or without ``la``. Five queries."""
    from senda.performance import kpi_figures, kpis, periods, status_shown

    wanted = list(dict.fromkeys(ids))
    found = dict.fromkeys(wanted, "unknown")
    known = kpis.known(la, wanted) if la is not None else []
    if la is None or not known:
        return found
    quarter = periods.containing(today or kernel.today(), "quarter")
    figures = kpi_figures.values(la, known, [quarter])
    for kpi, shown in status_shown.for_quarter(la, known, quarter, figures).items():
        found[kpi] = shown.status
    return found


def kpi_refs(
    ids: Iterable[str], status: Mapping[str, str] | None = None, la: Any = None
) -> list[KpiRef]:
    """The KPIs named by ``ids`` with their names (``senda.performance.kpis``: the
    catalogue's, or the local area ``la``'s own; the id where neither knows it) and
    statuses."""
    from senda.performance import kpis

    ids = list(ids)
    status = status or {}
    names = kpis.names(la, ids)
    return [KpiRef(id, names.get(id, id), status.get(id, "unknown")) for id in ids]


@dataclass
class RatingCount:
    value: Value | None  # None: not rated
    count: int

    @property
    def label(self) -> str:
        return self.value.label if self.value else "Not rated"


@dataclass
class AreaSummary:
    area: ImprovementArea
    actions: int = 0
    ratings: list[RatingCount] = field(default_factory=list)
    overdue_milestones: int = 0
    kpis: list[KpiRef] = field(default_factory=list)


def scale_of(plan: ImprovementPlan) -> Scale:
    return SCALES[plan.scale]


def rating_counts(scale: Scale, codes: Counter[str | None]) -> list[RatingCount]:
    """A count per scale value (zeros left out), then "Not rated"."""
    counts = [RatingCount(v, codes[v.code]) for v in scale.values if codes[v.code]]
    unknown = sum(
        n for code, n in codes.items() if code is not None and code not in scale_codes(scale)
    )
    not_rated = codes[None] + unknown
    return [*counts, RatingCount(None, not_rated)] if not_rated else counts


def scale_codes(scale: Scale) -> set[str]:
    return {value.code for value in scale.values}


def plan_on_a_page(plan: ImprovementPlan, today: date) -> list[AreaSummary]:
    """Every area with its action counts by current rating, overdue milestones and KPIs
    with their statuses: seven queries."""
    scale = scale_of(plan)
    summaries = {area.pk: AreaSummary(area) for area in plan.areas.all()}
    rows = (
        Action.objects.filter(area__plan=plan)
        .with_status(today)
        .values_list("area_id", "current", "overdue", "kpi_ids")
    )
    codes: dict[int, Counter[str | None]] = defaultdict(Counter)
    kpi_ids: dict[int, dict[str, None]] = defaultdict(dict)
    for area_id, current, overdue, ids in rows:
        summary = summaries[area_id]
        summary.actions += 1
        summary.overdue_milestones += overdue
        codes[area_id][current] += 1
        kpi_ids[area_id].update(dict.fromkeys(ids or ()))
    every = [kpi for ids in kpi_ids.values() for kpi in ids]
    found = kpi_status(every, plan.la_id, today)
    for area_id, summary in summaries.items():
        summary.ratings = rating_counts(scale, codes[area_id])
        summary.kpis = kpi_refs(kpi_ids[area_id], found, plan.la_id)
    return list(summaries.values())


def timeline_rows(plan: ImprovementPlan) -> list[gantt.Row]:
    """The plan's actions as timeline rows: two queries."""
    actions = (
        Action.objects.filter(area__plan=plan)
        .with_current_rating()
        .select_related("area")
        .prefetch_related("milestones")
        .order_by("area__number", "id")
    )
    rows = []
    for action in actions:
        milestones = tuple((m.title, m.due_on) for m in action.milestones.all() if m.due_on)
        rows.append(
            gantt.Row(
                area=str(action.area),
                reference=action.reference,
                what=action.what,
                starts_on=action.starts_on,
                ends_on=action.ends_on,
                rating=action.current or "",
                timescale=action.timescale,
                milestones=milestones,
            )
        )
    return rows


def area_actions(area: ImprovementArea, today: date) -> list[Action]:
    """The area's actions with ``current``, ``overdue``, their stage and impact
    (``with_impact``) and ``next_milestone`` (the first open one, or None): two queries."""
    open_ = Milestone.objects.filter(done_on__isnull=True).order_by("due_on", "id")
    actions: ActionQuerySet = area.actions.order_by("id")
    actions = (
        actions.with_status(today)
        .with_impact()
        .prefetch_related(Prefetch("milestones", queryset=open_, to_attr="open_milestones"))
    )
    listed = list(actions)
    for action in listed:
        action.next_milestone = action.open_milestones[0] if action.open_milestones else None
    return listed


def action_in_full(plan: ImprovementPlan, action_id: int) -> Action | None:
    """One action of ``plan`` with everything its page shows: a fixed number of queries."""
    return (
        Action.objects.filter(area__plan=plan, pk=action_id)
        .select_related("area", "aim", "lead_user")
        .prefetch_related(
            "partners",
            "milestones",
            Prefetch("ratings", queryset=Rating.objects.select_related("author")),
            Prefetch("updates", queryset=_updates()),
        )
        .first()
    )


def _updates() -> QuerySet[Any]:
    from senda.improvement.models import ActionUpdate

    return ActionUpdate.objects.select_related("author")


@dataclass
class Due:
    action: Action
    on: date
    what: str  # "End date" or the milestone's "Milestone: …"


def my_actions(user: Any, plans: QuerySet[ImprovementPlan], today: date) -> list[Due]:
    """Open actions the user leads (as ``lead_user``, or named as ``lead``) in ``plans``,
    each with its earliest pending date (next open milestone or end date), soonest first:
    two queries."""
    mine = Q(lead_user=user)
    name = user.get_full_name().strip()
    if name:
        mine |= Q(lead__iexact=name)
    open_ = Milestone.objects.filter(done_on__isnull=True).exclude(due_on=None)
    actions = (
        Action.objects.filter(mine, area__plan__in=plans, completed_on__isnull=True)
        .select_related("area__plan")
        .with_current_rating()
        .prefetch_related(
            Prefetch(
                "milestones", queryset=open_.order_by("due_on", "id"), to_attr="open_milestones"
            )
        )
    )
    listed = []
    for action in actions:
        listed.extend(_due(action))
    return sorted(listed, key=lambda due: (due.on, due.action.pk))


def _due(action: Action) -> list[Due]:
    milestone = action.open_milestones[0] if action.open_milestones else None
    dates = [Due(action, milestone.due_on, f"Milestone: {milestone.title}")] if milestone else []
    if action.ends_on:
        dates.append(Due(action, action.ends_on, "End date"))
    return sorted(dates, key=lambda due: due.on)[:1]


def split_due(rows: list[Due], today: date) -> tuple[list[Due], list[Due]]:
    """(overdue, due within ``DUE_SOON_DAYS``)."""
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    overdue = [row for row in rows if row.on < today]
    soon = [row for row in rows if today <= row.on <= horizon]
    return overdue, soon
