"""Reads of the partnership's priorities: a plan's improvement areas with their "I" and
"We" statements, their RAGB ratings by quarter, and the key actions for the coming quarter
drawn from the actions and milestones due then. What the quarterly report carries is
:func:`for_report` (``senda.performance.report.priorities`` records, since the report may
not read the plan: ADR 0033). Writes are in ``senda.improvement.priority_actions``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from senda.improvement.models import (
    RAGB,
    Action,
    ImprovementArea,
    ImprovementPlan,
    KeyAction,
    KeyActionList,
    Milestone,
    PriorityRating,
    PriorityStatement,
)
from senda.performance.periods import Period
from senda.performance.report import priorities as shown

__all__ = [
    "Drawn",
    "current_statements",
    "draw",
    "for_report",
    "key_action_list",
    "key_actions_for",
    "plan_for_report",
    "rating_for",
    "ratings_by_quarter",
]


#: Newest first: the first row counts, the rest are its history.
ORDER = ("-recorded_at", "-id")


@dataclass(frozen=True)
class Drawn:
    """A key action drawn from the plan: an action ending, or a milestone due, in the
    quarter (not complete, not withdrawn)."""

    area: ImprovementArea
    text: str
    due_on: date | None
    action: Action
    milestone: Milestone | None = None


def draw(plan: ImprovementPlan, coming: Period) -> list[Drawn]:
    """The actions that end and the milestones that fall due in ``coming``, not done, in
    area and date order: what the key actions for that quarter start from."""
    start, end = coming.start, coming.end
    found: list[Drawn] = []
    actions = (
        Action.objects.filter(area__plan=plan, ends_on__range=(start, end))
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=end))
        .select_related("area")
    )
    found += [Drawn(a.area, a.what, a.ends_on, a) for a in actions]
    milestones = (
        Milestone.objects.filter(action__area__plan=plan, due_on__range=(start, end))
        .filter(action__withdrawn_on__isnull=True, done_on__isnull=True)
        .select_related("action__area")
    )
    found += [
        Drawn(m.action.area, f"{m.title} (action {m.action.reference})", m.due_on, m.action, m)
        for m in milestones
    ]
    return sorted(found, key=lambda d: (d.area.number, d.due_on or end, d.text))


def key_action_list(plan: ImprovementPlan, quarter: Period) -> KeyActionList | None:
    """The stored list of key actions for the report of ``quarter``, if one was started."""
    return KeyActionList.objects.filter(plan=plan, quarter=quarter.key).first()


def current_statements(areas: list[ImprovementArea]) -> dict[int, PriorityStatement]:
    """Each area's latest statements (areas without any are left out). One query."""
    latest: dict[int, PriorityStatement] = {}
    for row in PriorityStatement.objects.filter(area__in=areas).order_by("area", *ORDER):
        latest.setdefault(row.area_id, row)
    return latest


def ratings_by_quarter(areas: list[ImprovementArea], keys: list[str]) -> dict[Any, PriorityRating]:
    """The rating that counts for each (area id, quarter key): the latest recorded."""
    latest: dict[Any, PriorityRating] = {}
    rows = PriorityRating.objects.filter(area__in=areas, quarter__in=keys).select_related("author")
    for row in rows.order_by(*ORDER):
        latest.setdefault((row.area_id, row.quarter), row)
    return latest


def rating_for(area: ImprovementArea, quarter: Period) -> PriorityRating | None:
    return area.priority_ratings.filter(quarter=quarter.key).order_by(*ORDER).first()


def plan_for_report(la: Any) -> ImprovementPlan | None:
    """The plan whose priorities the area's quarterly report carries: its newest."""
    return ImprovementPlan.objects.filter(la=la).order_by("-created_at", "-id").first()


def _rated(row: PriorityRating | None, quarter: Period) -> shown.Rated | None:
    if row is None:
        return None
    author = row.author
    by = (author.get_full_name() or author.get_username()) if author else ""
    value = RAGB.value(row.value)
    return shown.Rated(quarter.label, value.code, value.label, row.narrative, row.rated_on, by)


def _areas_of_action(area: ImprovementArea, actions: list[Action]) -> list[str]:
    """The aims of the area, or, without aims, what its actions do."""
    aims = [aim.text for aim in area.aims.all()]
    return aims or [action.what for action in actions]


def key_actions_for(
    plan: ImprovementPlan, quarter: Period
) -> tuple[dict[int, list[shown.KeyAction]], shown.ListState]:
    """The key actions for the quarter after ``quarter`` by area id, and where their list
    stands: the stored list's in-force items once a list is started for ``quarter``'s
    report, else those :func:`draw` finds (``drawn``). The quarterly report and the board
    pack both show these."""
    stored = key_action_list(plan, quarter)
    keyed: dict[int, list[shown.KeyAction]] = defaultdict(list)
    if stored is not None:
        items = KeyAction.objects.filter(key_list=stored).select_related("action")
        for item in items:
            ref, lead = (item.action.reference, item.action.lead) if item.action else ("", "")
            keyed[item.area_id].append(shown.KeyAction(item.text, item.due_on, ref, lead))
        return keyed, "published" if stored.published else "draft"
    for drawn in draw(plan, quarter.following()):
        key = shown.KeyAction(drawn.text, drawn.due_on, drawn.action.reference, drawn.action.lead)
        keyed[drawn.area.pk].append(key)
    return keyed, "drawn"


def for_report(la: Any, quarter: Period) -> shown.Priorities | None:
    """The priorities the report for ``quarter`` carries (None when the area has no plan):
    the newest plan's areas, their statements, their ratings for the quarter and the one
    before, the KPIs their actions serve and the key actions for the following quarter —
    the stored list's in-force items once a list is started, else those :func:`draw` finds."""
    plan = plan_for_report(la)
    if plan is None:
        return None
    areas = list(plan.areas.prefetch_related("aims").order_by("number"))
    statements = current_statements(areas)
    previous = quarter.previous()
    ratings = ratings_by_quarter(areas, [quarter.key, previous.key])
    actions: dict[int, list[Action]] = defaultdict(list)
    for action in Action.objects.filter(area__in=areas).order_by("area__number", "id"):
        actions[action.area_id].append(action)
    keyed, state = key_actions_for(plan, quarter)
    priorities = []
    for area in areas:
        words = statements.get(area.pk)
        kpis = [kpi for a in actions[area.pk] for kpi in (a.kpi_ids or [])]
        priorities.append(
            shown.Priority(
                number=area.number,
                title=area.title,
                lead=area.lead,
                i_statement=words.i_statement if words else "",
                we_statement=words.we_statement if words else "",
                areas_of_action=_areas_of_action(area, actions[area.pk]),
                rating=_rated(ratings.get((area.pk, quarter.key)), quarter),
                previous=_rated(ratings.get((area.pk, previous.key)), previous),
                kpi_ids=list(dict.fromkeys(kpis)),
                key_actions=keyed.get(area.pk, []),
            )
        )
    return shown.Priorities(plan.title, priorities, state)
