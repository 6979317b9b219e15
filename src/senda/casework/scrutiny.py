"""Figures for scrutiny from the complaints, mediation and appeal records: what the KPI
catalogue's disagreement KPIs count (``senda tick``) and what the quarterly report's
"Complaints, mediation and appeals" section shows. Read from the records, never typed in.

    from senda.casework import scrutiny
    found = scrutiny.count("appeals-registered", la, start, end, as_of)
    found.numerator, found.denominator      # the figure
    found.counted, found.missed, found.open # the case ids behind it

Every measure reads the records as they stood on ``as_of`` as far as their dates allow: a
step dated after ``as_of`` has not happened yet, so ``senda tick`` can rebuild a past day. A
period still running is judged on ``as_of``; one that is over, on its last day. The ids
behind a figure are case ids, one per record counted (a case with two complaints appears
twice).

Time limits, "lost or conceded", the local area's records and its appeal costs are read
through ``senda.casework.disagreements`` (its adapters to the statutory clock,
``senda.clock.disagreements``), as the case page reads them: each tribunal
order's or concession's, the last day to appeal after mediation, and a complaint's stage 1
and stage 2 response dates (the local area's ``complaint_stage1_days`` and
``complaint_stage2_days``, or an agreed stage 1 extension's date).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from django.db.models import Q, QuerySet

from senda.casework.disagreements import (
    LOST_OUTCOMES,
    appeal_by,
    appeals_of,
    complaints_of,
    costs_of,
    mediations_of,
    order_due,
    orders_of,
    stage1_due,
    stage2_due,
)
from senda.casework.models import Appeal, AppealCost, Complaint, Mediation, Plan
from senda.people.models import LocalAuthority

#: The complaint subjects the families' "complaints about reviews" KPI counts.
REVIEW_CATEGORIES = (Complaint.Category.REVIEW_TIMELINESS, Complaint.Category.PLAN_UPDATES)
#: A mediation took place when its outcome is one of these (or a meeting date is recorded).
HELD = (Mediation.Outcome.FULL, Mediation.Outcome.PARTIAL, Mediation.Outcome.NONE)
AGREED = (Mediation.Outcome.FULL, Mediation.Outcome.PARTIAL)
#: Appeal outcomes, grouped as the scrutiny figures report them.
FOR_FAMILY = (Appeal.Outcome.ALLOWED, Appeal.Outcome.ALLOWED_IN_PART)
FOR_COUNCIL = (Appeal.Outcome.DISMISSED, Appeal.Outcome.STRUCK_OUT)
#: A root-cause review is due this long after the appeal was decided or conceded (local
#: standard).
REVIEW_WITHIN = timedelta(weeks=4)

Part = Literal["counted", "missed", "open"]


@dataclass(frozen=True)
class Found:
    """A measure's figure and the case ids behind it: ``counted`` (numerator, and
    denominator for a rate), ``missed`` (denominator only), ``open`` (left out: not due
    yet). ``rate``: False for a count. ``per``: a rate is per this many (100: a per cent;
    1,000: per 1,000 plans). ``amount``: a sum of money in whole pounds, the figure instead
    of the number of records (``counted`` are then the cases the money was spent on, and
    the denominator their number, so a sum resting on few children is suppressed).
    ``base``: a rate's denominator when it is not a list of cases (plans maintained)."""

    counted: tuple[int, ...]
    missed: tuple[int, ...] = ()
    open: tuple[int, ...] = ()
    rate: bool = True
    per: int = 100
    amount: int | None = None
    base: int | None = None
    of: str = "case"

    @property
    def numerator(self) -> int:
        return self.amount if self.amount is not None else len(self.counted)

    @property
    def denominator(self) -> int | None:
        if self.amount is not None:
            return len(self.counted)  # the cases behind a sum, for its suppression
        if not self.rate:
            return None
        return self.base if self.base is not None else len(self.counted) + len(self.missed)


@dataclass
class _Parts:
    parts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, part: str | None, case: int) -> None:
        if part is not None:
            self.parts[part].append(case)

    def found(self, **more: object) -> Found:
        return Found(
            tuple(sorted(self.parts["counted"])),
            tuple(sorted(self.parts["missed"])),
            tuple(sorted(self.parts["open"])),
            **more,  # type: ignore[arg-type]
        )


def judged(end: date, as_of: date) -> date:
    """The day a period is judged on: its last day, or ``as_of`` while it runs."""
    return min(end, as_of)


def by(day: date | None, as_of: date) -> date | None:
    """A step's date as known on ``as_of`` (None: it had not happened by then)."""
    return day if day is not None and day <= as_of else None


def within(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def on_time(due: date, done: date | None, as_of: date) -> Part:
    """``counted`` (done by the due date), ``missed`` (done late, or not done and the due
    date passed) or ``open`` (not done, not due yet) as of ``as_of``."""
    done = by(done, as_of)
    if done is not None:
        return "counted" if done <= due else "missed"
    return "missed" if due < as_of else "open"


# --- complaints -------------------------------------------------------------------------------


def withdrawn_unanswered(complaint: Complaint, answered: date | None, as_of: date) -> bool:
    """Withdrawn (closed) before it was answered: no time limit is owed."""
    closed = by(complaint.closed_on, as_of)
    return (
        complaint.outcome == Complaint.Outcome.WITHDRAWN
        and closed is not None
        and by(answered, as_of) is None
    )


def complaints_about_reviews(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Complaints received in the period about annual reviews not on time or plans not
    updated (a count)."""
    rows = (
        complaints_of(la)
        .filter(category__in=REVIEW_CATEGORIES)
        .filter(received_on__gte=start, received_on__lte=judged(end, as_of))
        .values_list("case_id", flat=True)
    )
    return Found(tuple(sorted(rows)), rate=False)


def _answered_on_time(
    rows: QuerySet[Complaint],
    due: Callable[[Complaint], date | None],
    answered: str,
    start: date,
    end: date,
    as_of: date,
) -> Found:
    """Of ``rows``, those whose response (the date field ``answered``) fell ``due`` in the
    period, answered by then; one not answered whose date has not passed is left out, as
    is one withdrawn unanswered."""
    parts = _Parts()
    for complaint in rows.select_related("case__la"):
        day = due(complaint)
        if day is None or not within(day, start, end):
            continue
        done = getattr(complaint, answered)
        if withdrawn_unanswered(complaint, done, as_of):
            continue
        parts.add(on_time(day, done, as_of), complaint.case_id)
    return parts.found()


def stage1_on_time(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Complaints whose stage 1 response fell due in the period, answered by then; one not
    answered whose date has not passed is left out, as is one withdrawn unanswered."""
    rows = complaints_of(la).filter(
        received_on__lte=judged(end, as_of), received_on__gte=start - timedelta(days=60)
    )
    return _answered_on_time(rows, stage1_due, "stage1_responded_on", start, end, as_of)


def stage2_on_time(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Complaints whose stage 2 response fell due in the period, answered by then."""
    rows = complaints_of(la).filter(
        escalated_on__isnull=False,
        escalated_on__lte=judged(end, as_of),
        escalated_on__gte=start - timedelta(days=60),
    )
    return _answered_on_time(rows, stage2_due, "stage2_responded_on", start, end, as_of)


# --- appeals ----------------------------------------------------------------------------------


def registered_on(appeal: Appeal) -> date | None:
    """When the tribunal registered the appeal (the day it received it where registration
    is not recorded)."""
    return appeal.registered_on or appeal.lodged_on


def registered(la: LocalAuthority, start: date, end: date, as_of: date) -> list[Appeal]:
    """Appeals the tribunal registered in the period (to the day judged)."""
    last = judged(end, as_of)
    rows = appeals_of(la).filter(
        Q(registered_on__gte=start, registered_on__lte=last)
        | Q(registered_on__isnull=True, lodged_on__gte=start, lodged_on__lte=last)
    )
    return list(rows.order_by("case_id", "pk"))


def appeals_registered(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Appeals registered by the tribunal in the period (a count)."""
    return Found(tuple(a.case_id for a in registered(la, start, end, as_of)), rate=False)


def plans_maintained(la: LocalAuthority, day: date) -> int:
    """EHC plans the local area maintained on ``day``."""
    return Plan.objects.in_force(day).filter(case__la=la).count()


def appeals_per_plans(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Appeals registered in the period per 1,000 plans maintained on the day judged (the
    denominator is the number of plans: no cases are listed for it)."""
    appeals = tuple(a.case_id for a in registered(la, start, end, as_of))
    return Found(appeals, per=1000, base=plans_maintained(la, judged(end, as_of)))


def concluded(la: LocalAuthority, start: date, end: date, as_of: date) -> list[Appeal]:
    """Appeals with an outcome dated in the period (decided, conceded, withdrawn or struck
    out), to the day judged."""
    rows = (
        appeals_of(la)
        .filter(decided_on__gte=start, decided_on__lte=judged(end, as_of))
        .exclude(outcome="")
    )
    return list(rows.order_by("case_id", "pk"))


def _outcome_share(outcomes: Iterable[str]) -> Callable[..., Found]:
    wanted = set(outcomes)

    def measure(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
        parts = _Parts()
        for appeal in concluded(la, start, end, as_of):
            parts.add("counted" if appeal.outcome in wanted else "missed", appeal.case_id)
        return parts.found()

    measure.__doc__ = f"Appeals concluded in the period with outcome {sorted(wanted)}, of all."
    return measure


appeals_conceded = _outcome_share([Appeal.Outcome.CONCEDED])
appeals_withdrawn = _outcome_share([Appeal.Outcome.WITHDRAWN])
appeals_for_family = _outcome_share(FOR_FAMILY)
appeals_for_council = _outcome_share(FOR_COUNCIL)


def orders_on_time(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Tribunal orders and concessions (recommendations too) whose time limit fell in the
    period, done by then; one not done whose time limit has not passed is left out."""
    parts = _Parts()
    rows = (
        orders_of(la)
        .filter(
            made_on__lte=judged(end, as_of),
            made_on__gte=start - timedelta(days=120),
        )
        .select_related("appeal")
    )
    for order in rows:
        due = order_due(order)
        if due is None or not within(due, start, end):
            continue
        parts.add(on_time(due, order.done_on, as_of), order.appeal.case_id)
    return parts.found()


def review_due(appeal: Appeal) -> date | None:
    """When the root-cause review of a lost or conceded appeal is due (None: not owed)."""
    if appeal.outcome not in LOST_OUTCOMES or appeal.decided_on is None:
        return None
    return appeal.decided_on + REVIEW_WITHIN


def root_cause_reviews(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Appeals lost or conceded whose root-cause review fell due in the period (4 weeks
    after the decision or concession), reviewed by the day judged; a review not done whose
    4 weeks have not passed is left out."""
    parts = _Parts()
    rows = (
        appeals_of(la)
        .filter(outcome__in=LOST_OUTCOMES, decided_on__isnull=False)
        .filter(decided_on__gte=start - REVIEW_WITHIN, decided_on__lte=end)
        .select_related("root_cause")
    )
    day = judged(end, as_of)
    for appeal in rows:
        due = review_due(appeal)
        if due is None or not within(due, start, end):
            continue
        review = getattr(appeal, "root_cause", None)
        done = by(review.reviewed_on if review is not None else None, day)
        if done is not None:
            parts.add("counted", appeal.case_id)
        else:
            parts.add("missed" if due < as_of else "open", appeal.case_id)
    return parts.found()


def costs(la: LocalAuthority, start: date, end: date, as_of: date) -> list[AppealCost]:
    """Appeal costs dated in the period (to the day judged)."""
    return list(costs_of(la, start, judged(end, as_of)).select_related("appeal"))


def pounds(amount: Decimal) -> int:
    """Whole pounds, halves rounded up."""
    return int(amount.quantize(Decimal(1), ROUND_HALF_UP))


def tribunal_costs(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """What appeals to the tribunal cost in the period (every cost line), in whole pounds;
    the cases behind it are those of the appeals with a cost."""
    found = costs(la, start, end, as_of)
    total = sum((cost.amount for cost in found), Decimal(0))
    cases = tuple(sorted({cost.appeal.case_id for cost in found}))
    return Found(cases, rate=False, amount=pounds(total))


# --- mediation --------------------------------------------------------------------------------


def held(la: LocalAuthority, start: date, end: date, as_of: date) -> list[Mediation]:
    """Mediations (not disagreement resolution) held in the period: a meeting dated in it,
    or, without one recorded, an outcome dated (ended) in it."""
    last = judged(end, as_of)
    rows = (
        mediations_of(la)
        .filter(kind=Mediation.Kind.MEDIATION)
        .filter(
            Q(meeting_on__gte=start, meeting_on__lte=last)
            | Q(meeting_on__isnull=True, outcome__in=HELD, ended_on__gte=start, ended_on__lte=last)
        )
    )
    return list(rows.order_by("case_id", "pk"))


def mediations_held(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Mediations held in the period (a count)."""
    return Found(tuple(m.case_id for m in held(la, start, end, as_of)), rate=False)


def mediation_agreement(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Mediations held in the period that reached agreement on some or every issue, of
    those held whose outcome was recorded by the day judged (no outcome yet: left out)."""
    parts = _Parts()
    day = judged(end, as_of)
    for mediation in held(la, start, end, as_of):
        if not mediation.outcome or (mediation.ended_on and mediation.ended_on > day):
            parts.add("open", mediation.case_id)
        else:
            parts.add("counted" if mediation.outcome in AGREED else "missed", mediation.case_id)
    return parts.found()


def went_to_appeal(mediation: Mediation, appeals: Iterable[Appeal], as_of: date) -> bool:
    """An appeal about the same decision reached the tribunal by ``as_of``: one linked to
    the mediation, or one on the same case about a decision sent the same day."""
    for appeal in appeals:
        if appeal.case_id != mediation.case_id:
            continue
        if appeal.mediation_id != mediation.pk and appeal.decision_on != mediation.decision_on:
            continue
        if by(appeal.lodged_on or appeal.registered_on, as_of) is not None:
            return True
    return False


def mediations_to_appeal(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Mediations held whose time to appeal ended in the period, after which the family
    appealed (by the day judged), of all of them. Counted when the time to appeal is over,
    so the figure does not change as late appeals arrive."""
    day = judged(end, as_of)
    rows = (
        mediations_of(la)
        .filter(kind=Mediation.Kind.MEDIATION, decision_on__lte=end)
        .filter(
            Q(decision_on__gte=start - timedelta(days=100))
            | Q(certificate_on__gte=start - timedelta(days=50))
        )
        .filter(
            Q(meeting_on__isnull=False, meeting_on__lte=day)
            | Q(meeting_on__isnull=True, outcome__in=HELD, ended_on__lte=day)
        )
    )
    mediations = [m for m in rows.order_by("case_id", "pk") if within(appeal_by(m), start, end)]
    appeals = list(appeals_of(la).filter(case_id__in={m.case_id for m in mediations}))
    parts = _Parts()
    for mediation in mediations:
        if went_to_appeal(mediation, appeals, day):
            parts.add("counted", mediation.case_id)
        else:
            parts.add("missed" if appeal_by(mediation) < as_of else "open", mediation.case_id)
    return parts.found()


Measure = Callable[[LocalAuthority, date, date, date], Found]

#: Every measure, by the id of the catalogue KPI that shows it.
MEASURES: dict[str, Measure] = {
    "review-timeliness-complaints": complaints_about_reviews,
    "complaints-stage1-on-time": stage1_on_time,
    "complaints-stage2-on-time": stage2_on_time,
    "appeals-registered": appeals_registered,
    "appeals-per-1000-plans": appeals_per_plans,
    "appeals-conceded": appeals_conceded,
    "appeals-withdrawn": appeals_withdrawn,
    "appeals-for-family": appeals_for_family,
    "appeals-for-council": appeals_for_council,
    "tribunal-orders-on-time": orders_on_time,
    "mediations-held": mediations_held,
    "mediation-agreement": mediation_agreement,
    "mediations-to-appeal": mediations_to_appeal,
    "tribunal-costs": tribunal_costs,
    "appeal-root-cause-reviews": root_cause_reviews,
}


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return MEASURES[name](la, start, end, as_of)


# --- the quarterly report's figures ------------------------------------------------------


@dataclass(frozen=True)
class Quarter:
    """Everything the report's "Complaints, mediation and appeals" section shows for a
    period, unsuppressed (the report suppresses). Counters are keyed by the records' codes."""

    appeals: Found
    per_plans: Found
    grounds: Counter[str]
    outcomes: Counter[str]
    concessions: Counter[str]
    before_hearing: Counter[str]  # conceded, withdrawn: before a hearing (or without one)
    concluded: int
    orders: Found
    held: Found
    agreement: Found
    certificates: Counter[str]
    to_appeal: Found
    spend: dict[str, tuple[int, int]]  # cost line: (whole pounds, appeals with a cost)
    spend_total: tuple[int, int]
    received: Counter[str]  # stage 1 complaints received, stage 2 asked for, referred to
    # the Ombudsman in the period
    subjects: Counter[str]
    stage1: Found
    stage2: Found
    ombudsman: Counter[str]  # decisions made in the period
    ombudsman_paid: tuple[int, int]  # (whole pounds, decisions with a payment)


def quarter(la: LocalAuthority, start: date, end: date, as_of: date) -> Quarter:
    """The report section's figures for the period as of ``as_of``."""
    day = judged(end, as_of)
    appeals = registered(la, start, end, as_of)
    grounds: Counter[str] = Counter(g for a in appeals for g in dict.fromkeys(a.grounds or ()))
    done = concluded(la, start, end, as_of)
    outcomes = Counter(a.outcome for a in done)
    concessions = Counter(a.concession or "unrecorded" for a in done if a.outcome == "conceded")
    before = Counter(
        a.outcome
        for a in done
        if a.outcome in (Appeal.Outcome.CONCEDED, Appeal.Outcome.WITHDRAWN)
        and (a.hearing_on is None or a.decided_on is None or a.decided_on < a.hearing_on)
        and a.concession != Appeal.Concession.AT_HEARING
    )
    certificates = Counter(
        mediations_of(la)
        .filter(certificate_on__gte=start, certificate_on__lte=day)
        .values_list("certificate", flat=True)
    )
    certificates.pop("", None)
    spent = costs(la, start, end, as_of)
    by_line: dict[str, tuple[int, int]] = {}
    for line in AppealCost.Line.values:
        mine = [c for c in spent if c.line == line]
        if mine:
            total = pounds(sum((c.amount for c in mine), Decimal(0)))
            by_line[line] = (total, len({c.appeal_id for c in mine}))
    all_total = pounds(sum((c.amount for c in spent), Decimal(0)))
    complaints = list(complaints_of(la).filter(received_on__gte=start, received_on__lte=day))
    received: Counter[str] = Counter(stage1=len(complaints))
    for stage, step in (("stage2", "escalated_on"), ("ombudsman", "ombudsman_on")):
        dated = {f"{step}__gte": start, f"{step}__lte": day}
        received[stage] = complaints_of(la).filter(**dated).count()
    decided = list(
        complaints_of(la).filter(ombudsman_decided_on__gte=start, ombudsman_decided_on__lte=day)
    )
    paid = [c for c in decided if c.ombudsman_payment]
    return Quarter(
        appeals=Found(tuple(a.case_id for a in appeals), rate=False),
        per_plans=appeals_per_plans(la, start, end, as_of),
        grounds=grounds,
        outcomes=outcomes,
        concessions=concessions,
        before_hearing=before,
        concluded=len(done),
        orders=orders_on_time(la, start, end, as_of),
        held=mediations_held(la, start, end, as_of),
        agreement=mediation_agreement(la, start, end, as_of),
        certificates=certificates,
        to_appeal=mediations_to_appeal(la, start, end, as_of),
        spend=by_line,
        spend_total=(all_total, len({c.appeal_id for c in spent})),
        received=received,
        subjects=Counter(c.category for c in complaints),
        stage1=stage1_on_time(la, start, end, as_of),
        stage2=stage2_on_time(la, start, end, as_of),
        ombudsman=Counter(c.ombudsman_decision for c in decided if c.ombudsman_decision),
        ombudsman_paid=(
            pounds(sum((c.ombudsman_payment or Decimal(0) for c in paid), Decimal(0))),
            len(paid),
        ),
    )
