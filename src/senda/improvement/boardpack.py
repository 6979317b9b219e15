"""What a board pack shows: what changed in the plan since the previous pack.

Each function asks the database one question and answers in plain values (dataclasses of
strings, dates and numbers), so the HTML page and the PDF render the same thing. Plan data
and aggregates only: nothing here reaches a child's record.

"Since the last pack" means after the previous pack's meeting date (the latest earlier
``meeting_on`` of the same plan) up to and including this pack's meeting date; the first
pack of a plan covers everything up to its meeting.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q

from senda import audit
from senda.improvement import priorities
from senda.improvement.access import require_edit
from senda.improvement.dates import check_plausible
from senda.improvement.models import (
    SCALES,
    Action,
    BoardPack,
    Feedback,
    ImpactRating,
    ImprovementPlan,
    Milestone,
    Rating,
    Risk,
    Stage,
)
from senda.improvement.models.actions import ActionQuerySet
from senda.improvement.models.scales import Scale, Value
from senda.improvement.models.withdrawal import in_force_on
from senda.kernel import ActionError
from senda.people.names import display_name
from senda.performance import board, kpis
from senda.performance.periods import Period, containing
from senda.performance.report import priorities as shown

NOT_RATED = "Not rated"
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True, slots=True)
class RatingChange:
    reference: str
    what: str
    area: str
    before: Value | None  # None: the action's first rating
    after: Value
    rated_on: date
    author: str
    rationale: str

    @property
    def first(self) -> bool:
        return self.before is None


@dataclass(frozen=True, slots=True)
class Slipped:
    reference: str
    title: str
    due_on: date
    days_late: int


@dataclass(frozen=True, slots=True)
class KpiLine:
    """A KPI the plan's actions name, as the board sees it for the quarter: ``row`` is the
    performance board's row (figure, status, trend), None for an id no catalogue holds."""

    kpi_id: str
    title: str
    references: tuple[str, ...]  # the actions that serve it
    row: board.Row | None = None

    @property
    def value(self) -> str:
        """This quarter's figure in words: ``60% (12 of 20)``, ``suppressed``, ``no figure``,
        or ``not yet measured`` for an id outside the catalogue."""
        return _figure(self.row, "this")

    @property
    def last(self) -> str:
        return _figure(self.row, "last")

    @property
    def status(self) -> str:
        """The trajectory status's code (``senda.performance.status_rule``); "" unmeasured."""
        return self.row.status.status if self.row else ""

    @property
    def status_label(self) -> str:
        return self.row.status.label if self.row else "Not a KPI of the area"

    @property
    def reason(self) -> str:
        return self.row.reason if self.row else ""

    @property
    def target(self) -> str:
        return self.row.target if self.row else ""

    @property
    def direction(self) -> str:
        """``better``, ``worse``, ``same`` or "" (``senda.performance.board.direction``)."""
        return board.direction(self.row) if self.row else ""

    @property
    def trend(self) -> str:
        return board.DIRECTIONS[self.direction]

    @property
    def off_trajectory(self) -> bool:
        return self.status == "off"


@dataclass(frozen=True, slots=True)
class AreaSummary:
    area: str
    counts: tuple[tuple[str, int], ...]  # (rating label, actions), scale order, then NOT_RATED

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


@dataclass(frozen=True, slots=True)
class KeyActionsOfArea:
    """An improvement area's key actions for the coming quarter."""

    area: str
    items: list[shown.KeyAction]


@dataclass(frozen=True, slots=True)
class ImpactLine:
    """An action's delivery rating beside its stage and impact rating (ADR 0034), as they
    stood on the meeting day; ``stage`` and ``impact`` are codes, "" when not recorded."""

    reference: str
    what: str
    delivery: Value | None
    stage: str
    impact: str
    evidence: str

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label) if self.stage else NOT_RECORDED

    @property
    def impact_label(self) -> str:
        return str(ImpactRating(self.impact).label) if self.impact else NOT_RECORDED


@dataclass(frozen=True, slots=True)
class Pack:
    plan: ImprovementPlan
    pack: BoardPack
    since: date | None
    changes: list[RatingChange]
    slipped: list[Slipped]
    risks: list[Risk]
    kpis: list[KpiLine]
    feedback: list[Feedback]
    summary: list[AreaSummary]
    scale: Scale
    quarter: Period  # the quarter the KPIs are shown for
    coming: Period  # the quarter after the meeting's: the key actions' quarter
    key_actions: list[KeyActionsOfArea]
    key_actions_state: shown.ListState
    impact: list[ImpactLine] = field(default_factory=list)

    @property
    def key_actions_state_label(self) -> str:
        return shown.STATE_LABELS[self.key_actions_state]

    @property
    def stages(self) -> list[tuple[str, int]]:
        """How many actions stood at each stage, in order, then those not recorded."""
        counts = Counter(line.stage for line in self.impact)
        found = [(str(label), counts[code]) for code, label in Stage.choices]
        return [*found, (NOT_RECORDED, counts[""])]


def previous_pack(pack: BoardPack) -> BoardPack | None:
    """The pack for the plan's meeting before this one, if any."""
    earlier = BoardPack.objects.filter(plan_id=pack.plan_id, meeting_on__lt=pack.meeting_on)
    return earlier.order_by("-meeting_on").first()


def _value(scale: Scale, code: str) -> Value:
    try:
        return scale.value(code)
    except KeyError:
        return Value(code, code, code, 4)


def rating_changes(plan: ImprovementPlan, since: date | None, until: date) -> list[RatingChange]:
    """Ratings given after ``since`` up to ``until``, each with the rating it replaced."""
    scale = SCALES[plan.scale]
    ratings = (
        Rating.objects.filter(in_force_on(until, "action__"), action__area__plan=plan)
        .filter(rated_on__lte=until)
        .select_related("action__area", "author")
        .order_by("action_id", "rated_on", "recorded_at", "id")
    )
    changes, last = [], {}
    for rating in ratings:
        before = last.get(rating.action_id)
        last[rating.action_id] = rating
        if since is None or rating.rated_on > since:
            action = rating.action
            changes.append(
                RatingChange(
                    reference=action.reference,
                    what=action.what,
                    area=str(action.area),
                    before=_value(scale, before.value) if before else None,
                    after=_value(scale, rating.value),
                    rated_on=rating.rated_on,
                    author=display_name(rating.author, "Unknown"),
                    rationale=rating.rationale,
                )
            )
    return sorted(changes, key=lambda c: (c.rated_on, c.reference))


def slipped_milestones(plan: ImprovementPlan, on: date) -> list[Slipped]:
    """Milestones due before ``on`` and not done by then, most overdue first. (Senda does
    not keep a milestone's earlier due dates, so a moved date cannot be shown.)"""
    late = Milestone.all_objects.overdue_on(on).filter(
        in_force_on(on), in_force_on(on, "action__"), action__area__plan=plan
    )
    rows = late.select_related("action").order_by("due_on", "id")
    return [Slipped(m.action.reference, m.title, m.due_on, (on - m.due_on).days) for m in rows]


def risks_by_severity(plan: ImprovementPlan, on: date) -> list[Risk]:
    """Open risks (not withdrawn by ``on``), most severe after mitigation first, then before."""
    open_risks = Risk.all_objects.filter(in_force_on(on), plan=plan, status=Risk.Status.OPEN)
    return list(open_risks.order_by("-severity_after", "-severity_before", "raised_on", "id"))


def kpi_panel(plan: ImprovementPlan, on: date, today: date | None = None) -> list[KpiLine]:
    """Every KPI id the plan's actions link to, in catalogue order, with its figure for the
    quarter containing ``on``, its trajectory status and its direction since last quarter:
    computed, recorded and the partnership's own local KPIs alike (``senda.performance.kpis``,
    ``senda.performance.board``, suppressed as anything leaving the service is), grouped by
    improvement area. An id naming no KPI of the area is listed last, unmeasured."""
    served: dict[str, list[str]] = {}
    actions = plan_actions(plan, on).order_by("area__number", "id")
    for reference, ids in actions.values_list("reference", "kpi_ids"):
        for kpi_id in ids or ():
            served.setdefault(str(kpi_id), []).append(reference)
    known = kpis.known(plan.la, served)  # the catalogue's and the area's own (local) KPIs
    quarter = containing(on, "quarter")
    groups = board.board(plan.la, quarter, today or on, kpi_ids=known) if known else []
    rows = {row.entry.id: row for group in groups for row in group.rows}
    lines = [KpiLine(k, rows[k].entry.name, tuple(served[k]), rows[k]) for k in rows]
    unknown = sorted(set(served) - set(rows))
    return lines + [KpiLine(k, k, tuple(served[k])) for k in unknown]


def _figure(row: board.Row | None, name: str) -> str:
    if row is None:
        return "not yet measured"
    if row.hidden(name):
        return "suppressed (a small number)"
    found = getattr(row, name)
    if found is None or found.value is None:
        return "no figure"
    text = board.number(found.value, row.entry.unit)
    counts = found.numerator is not None and found.denominator is not None
    if counts and row.entry.unit not in ("pounds", "weeks", "count"):
        text += f" ({found.numerator:,} of {found.denominator:,})"
    return text


def plan_actions(plan: ImprovementPlan, on: date) -> ActionQuerySet:
    """The plan's actions as they stood on ``on``: withdrawn ones too if withdrawn later."""
    return Action.all_objects.filter(in_force_on(on), area__plan=plan)


def feedback_since(plan: ImprovementPlan, since: date | None, until: date) -> list[Feedback]:
    """ "You said, we did" entries received, acted on or published back in the period."""
    entries = Feedback.objects.filter(plan=plan)
    if since is not None:
        after = Q(received_on__gt=since) | Q(changed_on__gt=since) | Q(published_on__gt=since)
        entries = entries.filter(after)
    return list(entries.filter(received_on__lte=until).order_by("received_on", "id"))


def rating_summary(plan: ImprovementPlan, on: date) -> list[AreaSummary]:
    """Per area, how many actions stood at each rating on ``on`` (their latest rating then)."""
    scale = SCALES[plan.scale]
    counts: dict[str, Counter[str]] = {}
    areas = plan_actions(plan, on).with_current_rating(on).order_by("area__number", "id")
    names: list[str] = []
    for number, title, current in areas.values_list("area__number", "area__title", "current"):
        name = f"{number}. {title}"
        if name not in counts:
            counts[name] = Counter()
            names.append(name)
        counts[name][current or ""] += 1
    labels = [(v.code, v.label) for v in scale.values] + [("", NOT_RATED)]
    return [
        AreaSummary(name, tuple((label, counts[name][code]) for code, label in labels))
        for name in names
    ]


def key_actions(
    plan: ImprovementPlan, quarter: Period
) -> tuple[list[KeyActionsOfArea], shown.ListState]:
    """The key actions for the quarter after ``quarter``, by area in area order (areas
    with none left out), and where their list stands: what the quarterly report for
    ``quarter`` carries."""
    keyed, state = priorities.key_actions_for(plan, quarter)
    areas = plan.areas.order_by("number")
    found = [KeyActionsOfArea(str(a), keyed[a.pk]) for a in areas if keyed.get(a.pk)]
    return found, state


def impact_lines(plan: ImprovementPlan, on: date) -> list[ImpactLine]:
    """Every action as it stood on ``on``: its delivery rating, stage, impact rating and
    the evidence of its current impact record. One query."""
    scale = SCALES[plan.scale]
    actions = plan_actions(plan, on).with_current_rating(on).with_impact(on)
    rows = actions.order_by("area__number", "id").values_list(
        "reference", "what", "current", "impact_stage", "impact_rating", "impact_evidence"
    )
    return [
        ImpactLine(
            ref, what, _value(scale, current) if current else None, s or "", i or "", e or ""
        )
        for ref, what, current, s, i, e in rows
    ]


def build(pack: BoardPack, today: date) -> Pack:
    """Everything the pack for ``pack``'s meeting shows."""
    plan = pack.plan
    previous = previous_pack(pack)
    since = previous.meeting_on if previous else None
    on = pack.meeting_on
    meeting_quarter = containing(on, "quarter")
    coming, state = key_actions(plan, meeting_quarter)
    return Pack(
        plan=plan,
        pack=pack,
        since=since,
        changes=rating_changes(plan, since, on),
        slipped=slipped_milestones(plan, on),
        risks=risks_by_severity(plan, on),
        kpis=kpi_panel(plan, min(on, today), today),
        feedback=feedback_since(plan, since, on),
        summary=rating_summary(plan, on),
        scale=SCALES[plan.scale],
        quarter=containing(min(on, today), "quarter"),
        coming=meeting_quarter.following(),
        key_actions=coming,
        key_actions_state=state,
        impact=impact_lines(plan, on),
    )


def add_board_pack(
    *, plan: ImprovementPlan, meeting_on: date, by: Any, title: str = ""
) -> BoardPack:
    """Record a board meeting the plan reports to (one pack per meeting date). Audited;
    only those who may change the plan may add one."""
    require_edit(by, plan)
    check_plausible(meeting_on, plan=plan, field="meeting_on")
    with transaction.atomic():
        if BoardPack.objects.filter(plan=plan, meeting_on=meeting_on).exists():
            raise ActionError("meeting_on", "There is already a board pack for that meeting date")
        pack = BoardPack.objects.create(plan=plan, meeting_on=meeting_on, title=title)
        audit.record(user=by, verb="write", obj=plan, summary=f"board pack {pack.pk} added")
    return pack
