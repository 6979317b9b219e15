"""A case's complaints, mediations and appeals with their time limits, as the clock
answers today (``senda.clock.disagreements``); and the queries other rooms use.

The clock is pure: it takes facts, not models. The adapters from a model to the clock's
facts (:func:`mediation_facts`, :func:`appeal_facts`, :func:`order_facts`,
:func:`complaint_deadlines`) are here, once; every room that wants a disagreement's
deadlines asks this module. See ``docs/disagreements.md``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet, Sum

from senda.casework import sen2_flags
from senda.casework.models import (
    Appeal,
    AppealCost,
    AppealOrder,
    Case,
    Complaint,
    Issue,
    Mediation,
    RootCauseReview,
)
from senda.clock import FAMILY_RULES, OPEN, RULES, Deadline
from senda.clock import disagreements as clock
from senda.people.models import LocalAuthority

T = TypeVar("T")

#: Appeal outcomes where the council lost (a root-cause review is asked for).
LOST_OUTCOMES = frozenset(
    {Appeal.Outcome.ALLOWED, Appeal.Outcome.ALLOWED_IN_PART, Appeal.Outcome.CONCEDED}
)


@dataclass(frozen=True)
class TimeLimit:
    """One deadline row as an officer's page shows it: the rule's title, its statement
    (the staff wording; families read ``Rule.plain`` on their own pages) and the citation
    beside the clock's due date and status."""

    rule: str
    title: str
    due: date
    done: date | None
    status: str
    citation: str
    statement: str

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_familys(self) -> bool:
        """The family's own limit (to contact the mediation adviser, to appeal): shown for
        information, never owed by the council (``clock.FAMILY_RULES``)."""
        return self.rule in FAMILY_RULES

    @classmethod
    def of(cls, row: Deadline) -> TimeLimit:
        rule = RULES.get(row.rule)
        return cls(
            rule=row.rule,
            title=rule.title if rule else row.rule,
            due=row.due,
            done=row.done,
            status=row.status,
            citation=row.citation,
            statement=rule.statement if rule else "",
        )


@dataclass(frozen=True)
class Tracked(Generic[T]):
    """A complaint, mediation, appeal or order with its time limits."""

    record: T
    limits: list[TimeLimit]
    parts: list[Tracked[Any]] = field(default_factory=list)

    @property
    def shown_limits(self) -> list[TimeLimit]:
        """The limits to show: all of them, except that a decided appeal no longer owes
        the steps before its decision (an open response or hearing limit is dropped, not
        shown as pending); its answer to recommendations still is."""
        record: Any = self.record
        if not (isinstance(record, Appeal) and record.outcome):
            return self.limits
        return [
            limit
            for limit in self.limits
            if not limit.is_open or limit.rule == "recommendations-response"
        ]

    @property
    def open_limits(self) -> list[TimeLimit]:
        """The limits the council still owes: not the family's own, none of a closed
        complaint, and of a decided appeal only its answer to recommendations."""
        record: Any = self.record
        if isinstance(record, Complaint) and not record.is_open:
            return []
        decided = isinstance(record, Appeal) and bool(record.outcome)
        return [
            limit
            for limit in self.limits
            if limit.is_open
            and not limit.is_familys
            and (not decided or limit.rule == "recommendations-response")
        ]


@dataclass(frozen=True)
class CaseDisagreements:
    complaints: list[Tracked[Complaint]]
    mediations: list[Tracked[Mediation]]
    appeals: list[Tracked[Appeal]]
    #: What an imported SEN2 return said of mediations and appeals Senda has no record of
    #: (``sen2_flags.returned``): (the request's or plan's day, the flags in plain words).
    returned: list[tuple[date, list[str]]] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.complaints or self.mediations or self.appeals)

    @property
    def open_limits(self) -> list[TimeLimit]:
        """Every time limit the council still owes, soonest first (orders' too)."""
        found = [
            limit
            for group in (self.complaints, self.mediations, self.appeals)
            for tracked in group
            for each in (tracked, *tracked.parts)
            for limit in each.open_limits
        ]
        return sorted(found, key=lambda limit: limit.due)


# The adapters: a model to the clock's facts --------------------------------------------


def _facts(cls: Any, record: Any, **extra: Any) -> Any:
    """``cls`` (a dataclass or NamedTuple of the clock) from ``record``'s fields of the
    same names, with ``extra`` overriding."""
    names = (
        [f.name for f in dataclasses.fields(cls)]
        if dataclasses.is_dataclass(cls)
        else list(cls._fields)
    )
    values = {name: getattr(record, name) for name in names if hasattr(record, name)}
    return cls(**(values | {k: v for k, v in extra.items() if k in names}))


def mediation_facts(mediation: Mediation) -> clock.MediationFacts:
    """The clock's facts of ``mediation``: only health provision in dispute (so the
    integrated care board arranges it, reg 36) when it says so or health is the only issue."""
    health_only = mediation.arranged_by == Mediation.ArrangedBy.ICB or list(mediation.issues) == [
        Issue.HEALTH
    ]
    facts: clock.MediationFacts = _facts(clock.MediationFacts, mediation, health_only=health_only)
    return facts


def appeal_facts(appeal: Appeal) -> clock.AppealFacts:
    """The clock's facts of ``appeal``: the mediation certificate (which can give the family
    longer to appeal) from the mediation it follows; the council's answer to the tribunal's
    recommendations from the recommendation orders, once every one is done."""
    mediation = appeal.mediation
    recommendations = [o for o in appeal.orders.all() if o.kind == AppealOrder.Kind.RECOMMENDATION]
    answered = (
        max(o.done_on for o in recommendations if o.done_on)
        if recommendations and all(o.done_on for o in recommendations)
        else None
    )
    facts: clock.AppealFacts = _facts(
        clock.AppealFacts,
        appeal,
        certificate_on=mediation.certificate_on if mediation else None,
        recommendations_answered_on=answered,
    )
    return facts


def appeal_by(mediation: Mediation) -> date:
    """The last day the family may appeal the decision ``mediation`` was about (the clock's
    ``appeal_deadline``: the later of 2 months after the decision and 1 month after the
    mediation certificate, moved as the tribunal's rules move it)."""
    return clock.appeal_deadline(mediation.decision_on, mediation.certificate_on)


def order_facts(order: AppealOrder) -> clock.OrderFacts:
    facts: clock.OrderFacts = _facts(clock.OrderFacts, order)
    return facts


def order_due(order: AppealOrder) -> date | None:
    """The time limit of a tribunal order or concession (for an order to make a plan, the
    final plan's, the latest of its two); None when the clock sets none."""
    dues = [row.due for row in clock.order_deadlines(order_facts(order), order.made_on)]
    return max(dues) if dues else None


def mediation_limits(mediation: Mediation, today: date) -> list[TimeLimit]:
    return [
        TimeLimit.of(row) for row in clock.mediation_deadlines(mediation_facts(mediation), today)
    ]


def appeal_limits(appeal: Appeal, today: date) -> list[TimeLimit]:
    """The appeal's own limits; the answer to the tribunal's recommendations is shown on
    each recommendation order instead, where there are any."""
    rows = clock.appeal_deadlines(appeal_facts(appeal), today)
    if any(o.kind == AppealOrder.Kind.RECOMMENDATION for o in appeal.orders.all()):
        rows = [row for row in rows if row.rule != "recommendations-response"]
    return [TimeLimit.of(row) for row in rows]


def order_limits(order: AppealOrder, today: date) -> list[TimeLimit]:
    return [TimeLimit.of(row) for row in clock.order_deadlines(order_facts(order), today)]


def complaint_deadlines(complaint: Complaint, today: date) -> list[Deadline]:
    """The clock's rows for ``complaint``, with its area's working days for each stage."""
    la = complaint.case.la
    return list(
        clock.complaint_deadlines(
            received_on=complaint.received_on,
            acknowledged_on=complaint.acknowledged_on,
            stage1_responded_on=complaint.stage1_responded_on,
            extended_to=complaint.extended_to,
            escalated_on=complaint.escalated_on,
            stage2_responded_on=complaint.stage2_responded_on,
            stage1_days=la.complaint_stage1_days,
            stage2_days=la.complaint_stage2_days,
            today=today,
        )
    )


def complaint_limits(complaint: Complaint, today: date) -> list[TimeLimit]:
    return [TimeLimit.of(row) for row in complaint_deadlines(complaint, today)]


def _complaint_dues(complaint: Complaint) -> dict[str, date]:
    """The due date of each of the complaint's limits, by rule (a due date does not depend
    on the day it is asked on)."""
    return {row.rule: row.due for row in complaint_deadlines(complaint, complaint.received_on)}


def stage1_due(complaint: Complaint) -> date:
    """When the stage 1 response is due (``complaint-stage1``): the area's working days
    after receipt, or the agreed extension's date (up to 10 more working days)."""
    return _complaint_dues(complaint)["complaint-stage1"]


def stage2_due(complaint: Complaint) -> date | None:
    """When the stage 2 response is due (``complaint-stage2``): the area's working days
    after the family asked for stage 2 (None: it has not)."""
    return _complaint_dues(complaint).get("complaint-stage2")


# The case page ---------------------------------------------------------------------------


def case_disagreements(case: Case, today: date) -> CaseDisagreements:
    """The case's complaints, mediations and appeals (newest first), each with its time
    limits today; an appeal's orders are its ``parts``."""
    complaints = case.complaints.select_related("case__la")
    mediations = case.mediations.all()
    appeals = case.appeals.prefetch_related("orders", "costs").select_related(
        "root_cause", "mediation"
    )
    return CaseDisagreements(
        returned=sen2_flags.returned(case),
        complaints=[Tracked(c, complaint_limits(c, today)) for c in complaints],
        mediations=[Tracked(m, mediation_limits(m, today)) for m in mediations],
        appeals=[
            Tracked(
                a,
                appeal_limits(a, today),
                [Tracked(o, order_limits(o, today)) for o in a.orders.all()],
            )
            for a in appeals
        ],
    )


def needs_root_cause(appeal: Appeal) -> bool:
    """The council lost or conceded ``appeal`` and no root-cause review is recorded."""
    return (
        appeal.outcome in LOST_OUTCOMES
        and not RootCauseReview.objects.filter(appeal=appeal).exists()
    )


# For other rooms -------------------------------------------------------------------------


def complaints_of(la: LocalAuthority) -> QuerySet[Complaint]:
    return Complaint.objects.filter(case__la=la)


def open_complaints(la: LocalAuthority) -> QuerySet[Complaint]:
    return complaints_of(la).filter(closed_on__isnull=True)


def mediations_of(la: LocalAuthority) -> QuerySet[Mediation]:
    return Mediation.objects.filter(case__la=la)


def open_mediations(la: LocalAuthority) -> QuerySet[Mediation]:
    """Mediations with no outcome and no certificate yet."""
    return mediations_of(la).filter(outcome="", certificate="")


def appeals_of(la: LocalAuthority) -> QuerySet[Appeal]:
    return Appeal.objects.filter(case__la=la)


def open_appeals(la: LocalAuthority) -> QuerySet[Appeal]:
    """Appeals with no outcome yet."""
    return appeals_of(la).filter(outcome="")


def lost_appeals(la: LocalAuthority) -> QuerySet[Appeal]:
    """Appeals the council lost or conceded."""
    return appeals_of(la).filter(outcome__in=LOST_OUTCOMES)


def appeals_without_review(la: LocalAuthority) -> QuerySet[Appeal]:
    """Lost or conceded appeals still waiting for their root-cause review."""
    return lost_appeals(la).filter(root_cause__isnull=True)


def orders_of(la: LocalAuthority) -> QuerySet[AppealOrder]:
    """The tribunal's orders (and the council's concessions) in the area's appeals."""
    return AppealOrder.objects.filter(appeal__case__la=la)


def outstanding_orders(la: LocalAuthority) -> QuerySet[AppealOrder]:
    """Orders (and concessions) the council has not yet done."""
    return orders_of(la).filter(done_on__isnull=True)


def costs_of(la: LocalAuthority, start: date, end: date) -> QuerySet[AppealCost]:
    """The area's appeal cost lines dated between ``start`` and ``end`` (inclusive)."""
    return AppealCost.objects.filter(appeal__case__la=la, on__gte=start, on__lte=end)


def appeal_costs(la: LocalAuthority, start: date, end: date) -> Decimal:
    """What appeals cost the council between ``start`` and ``end`` (inclusive)."""
    total = costs_of(la, start, end).aggregate(total=Sum("amount"))["total"]
    return total or Decimal("0")


def root_cause_counts(la: LocalAuthority, start: date, end: date) -> dict[str, int]:
    """How many root-cause reviews made from ``start`` to ``end`` named each theme
    (``RootCauseReview.Theme``), for the termly feedback summary's recommendations."""
    counts = dict.fromkeys(RootCauseReview.Theme.values, 0)
    reviews = RootCauseReview.objects.filter(
        appeal__case__la=la, reviewed_on__gte=start, reviewed_on__lte=end
    ).values_list("themes", flat=True)
    for themes in reviews:
        for code in set(themes or []):
            if code in counts:
                counts[code] += 1
    return counts
