"""Samples of plans for audit: the frame (every live plan of the area), the draw
(``quality.sampling``, pure), purposive additions, and the check that a sample can be
drawn again from its recorded seed and frame (docs/quality/sampling.md).

    sample = draw_sample(la=la, label="December 2026", period_start=..., period_end=...,
                         share=period_share(0.05, 1), review_share=0.5, exclude_months=12,
                         strata=("phase", "need"), by=user)
    add_purposive(sample=sample, plan=plan, reason="Complaint-led", by=user)
    assert redraw_check(sample)
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery

from senda import audit as audit_log
from senda import kernel
from senda.casework.models import Plan, Review
from senda.kernel import ActionError, check_permission, required_text
from senda.people.models import SEN_TYPES
from senda.people.school_year import year_group
from senda.quality import sampling
from senda.quality.access import qa_lead
from senda.quality.models import Audit, Sample, SampleItem
from senda.quality.sampling import FrameRow, period_share

__all__ = ["add_purposive", "draw_sample", "frame", "period_share", "redraw", "redraw_check"]

NEED_NAMES = dict(SEN_TYPES)
LABEL_MAX = 100
REASON_MAX = 300
#: Seeds drawn for a sample are below this (readable on the page; any int64 may be given).
SEED_BELOW = 2**31
MAX_EXCLUDE_MONTHS = 120


def frame(la: Any, today: date) -> list[FrameRow]:
    """Every plan of ``la`` live ``today``, in order of plan id, with its child's phase
    and primary need, its officer and setting, its latest review meeting (on or before
    today) and the latest audit opened on it (not withdrawn): one query."""
    last_review = (
        Review.objects.filter(plan=OuterRef("pk"), meeting_on__lte=today)
        .order_by("-meeting_on")
        .values("meeting_on")[:1]
    )
    last_audit = (
        Audit.objects.filter(plan=OuterRef("pk"), withdrawn_on__isnull=True, opened_on__lte=today)
        .order_by("-opened_on")
        .values("opened_on")[:1]
    )
    rows = (
        Plan.objects.live(today)
        .filter(case__la_id=getattr(la, "pk", la))
        .annotate(review_on=Subquery(last_review), audited_on=Subquery(last_audit))
        .order_by("pk")
        .values_list(
            "pk",
            "case_id",
            "case__child__date_of_birth",
            "case__child__primary_need",
            "case__officer_id",
            "case__child__setting_id",
            "review_on",
            "audited_on",
        )
    )
    return [
        FrameRow(
            plan,
            case,
            sampling.phase_of(year_group(born, today) if born else None),
            need or "",
            officer,
            setting,
            review_on,
            audited_on,
        )
        for plan, case, born, need, officer, setting, review_on, audited_on in rows.iterator(
            chunk_size=5000
        )
    ]


def _share(value: Any, field: str, what: str, *, places: str, allow_zero: bool) -> Decimal:
    try:
        share = Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as error:
        raise ActionError(field, f"{what} must be a number") from error
    low_ok = share >= 0 if allow_zero else share > 0
    if not (low_ok and share <= 1):
        raise ActionError(field, f"{what} must be {'0' if allow_zero else 'more than 0'} to 100%")
    return share


def _check_strata(strata: Sequence[str]) -> tuple[str, ...]:
    unknown = [facet for facet in strata if facet not in sampling.FACETS]
    if unknown:
        raise ActionError("strata", "Choose the strata from the list")
    return tuple(facet for facet in sampling.FACETS if facet in strata)


def overlapping(la: Any, period_start: date, period_end: date) -> Any:
    """The area's samples whose period overlaps ``period_start`` to ``period_end``."""
    return Sample.objects.filter(
        la_id=getattr(la, "pk", la), period_start__lte=period_end, period_end__gte=period_start
    ).order_by("period_start", "pk")


def _check_no_sample_for(la: Any, period_start: date, period_end: date) -> None:
    existing = overlapping(la, period_start, period_end).first()
    if existing is not None:
        raise ActionError(
            "another",
            f"There is already a sample for this period ({existing.label}, "
            f"{kernel.long_date(existing.period_start)} to "
            f"{kernel.long_date(existing.period_end)}): to draw another, tick "
            "“Draw another sample for this period”",
        )


@transaction.atomic
def draw_sample(
    *,
    la: Any,
    label: str,
    period_start: date,
    period_end: date,
    share: Decimal | float,
    review_share: Decimal | float,
    exclude_months: int,
    strata: Sequence[str],
    by: Any,
    seed: int | None = None,
    another: bool = False,
    today: date | None = None,
) -> Sample:
    """Draw the sample for a period from every live plan of ``la`` and keep it with its
    seed (drawn at random when not given) and frame. QA leads of the area only. When the
    area already has a sample for a period overlapping this one, only with ``another``
    (the QA lead confirms a second sample)."""
    today = today or kernel.today()
    lead = qa_lead(by)
    check_permission(
        lead is not None and lead.la_id == la.pk, "Only a QA lead of this area can draw a sample."
    )
    label = required_text(label, "label", "Enter a name for the sample")
    if len(label) > LABEL_MAX:
        raise ActionError("label", f"The name must be {LABEL_MAX} characters or fewer")
    if period_start > period_end:
        raise ActionError("period_end", "The period must end on or after the day it starts")
    share_d = _share(share, "share", "The share", places="0.0001", allow_zero=False)
    review_d = _share(
        review_share, "review_share", "The review share", places="0.001", allow_zero=True
    )
    if not 0 <= exclude_months <= MAX_EXCLUDE_MONTHS:
        raise ActionError("exclude_months", f"Enter 0 to {MAX_EXCLUDE_MONTHS} months")
    chosen = _check_strata(strata)
    if not another:
        _check_no_sample_for(la, period_start, period_end)
    if seed is None:
        seed = secrets.randbelow(SEED_BELOW)
    elif not 0 <= seed < 2**63:
        raise ActionError("seed", "The seed must be a whole number from 0")
    rows = frame(la, today)
    result = sampling.draw(
        rows,
        share=float(share_d),
        review_share=float(review_d),
        exclude_months=exclude_months,
        strata=chosen,
        seed=seed,
        today=today,
        need_names=NEED_NAMES,
    )
    sample = Sample.objects.create(
        la=la,
        label=label,
        period_start=period_start,
        period_end=period_end,
        share=share_d,
        review_share=review_d,
        exclude_months=exclude_months,
        strata=" ".join(chosen),
        seed=seed,
        frame_size=result.frame_size,
        frame=sampling.pack_frame(rows),
        drawn_on=today,
        drawn_by=by,
    )
    SampleItem.objects.bulk_create(
        [
            SampleItem(
                sample=sample,
                plan_id=pick.plan_id,
                case_id=pick.case_id,
                stratum=pick.stratum[:200],
                reason=pick.reason[:REASON_MAX],
                includes_review=pick.includes_review,
            )
            for pick in result.picks
        ],
        batch_size=2000,
    )
    summary = (
        f"sample {sample.pk} drawn: {len(result.picks)} of {result.frame_size} plans "
        f"seed={seed} shifted={result.shifted}"
    )
    audit_log.record(user=by, verb="write", obj=sample, la_id=la.pk, summary=summary)
    return sample


@transaction.atomic
def add_purposive(*, sample: Sample, plan: Plan, reason: str, by: Any) -> SampleItem:
    """Add ``plan`` to ``sample`` on purpose (thematic, complaint-led): marked purposive and
    reported apart from the random draw."""
    lead = qa_lead(by)
    check_permission(
        lead is not None and lead.la_id == sample.la_id,
        "Only a QA lead of this area can add to a sample.",
    )
    reason = required_text(reason, "reason", "Enter why the plan is added")
    if len(reason) > REASON_MAX - 20:
        raise ActionError("reason", f"The reason must be {REASON_MAX - 20} characters or fewer")
    case = plan.case
    if case.la_id != sample.la_id or not plan.live_on():
        raise ActionError("plan", "Choose a live plan of this area")
    if SampleItem.objects.filter(sample=sample, plan=plan).exists():
        raise ActionError("plan", "This plan is already in the sample")
    item = SampleItem.objects.create(
        sample=sample,
        plan=plan,
        case=case,
        stratum="",
        reason=f"Added on purpose: {reason}",
        purposive=True,
    )
    audit_log.record(
        user=by,
        verb="write",
        obj=item,
        child=case.child,
        summary=f"sample {sample.pk}: case {case.pk} plan {plan.pk} added on purpose",
    )
    return item


def redraw(sample: Sample) -> sampling.Draw:
    """The draw again, from the sample's recorded frame, seed and choices."""
    return sampling.draw(
        sampling.unpack_frame(sample.frame),
        share=float(sample.share),
        review_share=float(sample.review_share),
        exclude_months=sample.exclude_months,
        strata=tuple(sample.strata.split()),
        seed=sample.seed,
        today=sample.drawn_on,
        need_names=NEED_NAMES,
    )


def redraw_check(sample: Sample) -> bool:
    """Whether drawing again with the recorded seed over the recorded frame gives the same
    plans as the sample's random items (purposive additions aside)."""
    again = redraw(sample)
    kept = set(sample.items.filter(purposive=False).values_list("plan_id", flat=True))
    return again.frame_size == sample.frame_size and {p.plan_id for p in again.picks} == kept
