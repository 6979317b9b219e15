"""Mediation and appeals to the SEND Tribunal: each step a date on one record, checked
and audited; orders (and their completion), costs and the review of a lost appeal.

The time limits the dates start are the clock's (``senda.clock.disagreements``, read by
``senda.casework.disagreements``). Mediation and appeals may be recorded on a closed case
(a refusal to assess, or a plan ceased, can be appealed). See ``docs/disagreements.md``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit
from senda.casework.actions.base import begin
from senda.casework.actions.complaints import check_money
from senda.casework.disagreements import LOST_OUTCOMES
from senda.casework.models import (
    Appeal,
    AppealCost,
    AppealOrder,
    Case,
    Issue,
    Mediation,
    RootCauseReview,
)
from senda.kernel import (
    WHOLE_FORM,
    ActionError,
    check_choice,
    check_not_before,
    check_not_future,
    required_text,
)

#: The dates of a mediation, each recorded once by :func:`record_mediation_step`, with
#: what it is called in a message.
MEDIATION_STEPS: dict[str, str] = {
    "adviser_contacted_on": "the family contacted the mediation adviser",
    "la_told_on": "the family told the council it wants mediation",
    "icb_notified_on": "the integrated care board was told",
    "notice_on": "the family was told the date and place",
    "meeting_on": "the mediation meeting",
    "ended_on": "the mediation ended",
    "cannot_arrange_on": "the council said it cannot arrange mediation in time",
}
#: The dates of an appeal, each recorded by :func:`record_appeal_step`. A hearing date
#: (``hearing_on``) and the tribunal's response direction may be in the future.
APPEAL_STEPS: dict[str, str] = {
    "registered_on": "the tribunal registered the appeal",
    "response_due_on": "the council's response is due",
    "response_on": "the council sent its response",
    "hearing_on": "the hearing",
}
FUTURE_APPEAL_STEPS = frozenset({"response_due_on", "hearing_on"})


def _audit(by: User, obj: Any, case: Case, what: str) -> None:
    audit.record(
        user=by, verb="write", obj=obj, child=case.child, summary=f"case {case.pk}: {what}"
    )


def _issues(codes: list[str], field: str) -> list[str]:
    if not codes:
        raise ActionError(field, "Choose at least one issue.")
    for code in codes:
        check_choice(code, Issue.values, field, "the issues")
    return list(dict.fromkeys(codes))


def _text(value: str, field: str, what: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise ActionError(field, f"{what} must be {limit:,} characters or fewer.")
    return text


# Mediation ------------------------------------------------------------------------------


@transaction.atomic
def open_mediation(
    *,
    case: Case,
    decision_on: date,
    issues: list[str],
    kind: str = Mediation.Kind.MEDIATION,
    health_sought: bool = False,
    by: User,
    today: date | None = None,
) -> Mediation:
    """A mediation (or, with no appeal right, a disagreement resolution) about the
    decision notice sent on ``decision_on``."""
    case, today = begin(case, by, today, may_be_closed=True)
    check_not_future(decision_on, today, field="decision_on")
    check_choice(kind, Mediation.Kind.values, "kind", "the kind of mediation")
    codes = _issues(issues, "issues")
    mediation = Mediation.objects.create(
        case=case,
        kind=kind,
        decision_on=decision_on,
        issues=codes,
        health_sought=health_sought or Issue.HEALTH in codes,
        recorded_by=by,
    )
    _audit(by, mediation, case, f"mediation {mediation.pk} opened")
    return mediation


def _mediation(mediation: Mediation, by: User, today: date | None) -> tuple[Mediation, date]:
    case, today = begin(mediation.case, by, today, may_be_closed=True)
    locked = Mediation.objects.select_for_update().get(pk=mediation.pk)
    locked.case = case
    return locked, today


def _save(obj: Any, by: User, what: str, **fields: Any) -> Any:
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save(update_fields=list(fields))
    _audit(by, obj, obj.case, what)
    return obj


#: Each mediation date may not be before these others (when they are recorded).
MEDIATION_AFTER: dict[str, tuple[str, ...]] = {
    "la_told_on": ("adviser_contacted_on",),
    "icb_notified_on": ("la_told_on",),
    "notice_on": ("la_told_on",),
    "meeting_on": ("la_told_on", "notice_on"),
    "ended_on": ("meeting_on", "la_told_on"),
    "cannot_arrange_on": ("la_told_on",),
}


@transaction.atomic
def record_mediation_step(
    *, mediation: Mediation, field: str, on: date, by: User, today: date | None = None
) -> Mediation:
    """One of the mediation's dates (:data:`MEDIATION_STEPS`), not before the decision,
    not in the future and in order with the dates already recorded."""
    mediation, today = _mediation(mediation, by, today)
    check_choice(field, list(MEDIATION_STEPS), "field", "the step")
    if getattr(mediation, field) is not None:
        raise ActionError(WHOLE_FORM, f"The date {MEDIATION_STEPS[field]} is already recorded.")
    check_not_future(on, today)
    check_not_before(on, mediation.decision_on, "the decision notice was sent")
    for earlier in MEDIATION_AFTER.get(field, ()):
        before = getattr(mediation, earlier)
        if before is not None:
            check_not_before(on, before, MEDIATION_STEPS[earlier])
    return _save(mediation, by, f"mediation {mediation.pk}: {field} recorded", **{field: on})


@transaction.atomic
def record_mediation_choice(
    *,
    mediation: Mediation,
    choice: str,
    arranged_by: str = "",
    by: User,
    today: date | None = None,
) -> Mediation:
    """Whether the family wants mediation, and who arranges it (the council, or the
    integrated care board where only health provision is in dispute)."""
    mediation, today = _mediation(mediation, by, today)
    check_choice(choice, Mediation.Choice.values, "choice", "whether the family wants mediation")
    if arranged_by:
        check_choice(arranged_by, Mediation.ArrangedBy.values, "arranged_by", "who arranges it")
    return _save(
        mediation,
        by,
        f"mediation {mediation.pk}: choice {choice}",
        choice=choice,
        arranged_by=arranged_by,
    )


@transaction.atomic
def record_mediation_outcome(
    *,
    mediation: Mediation,
    outcome: str,
    child_views: bool | None,
    how: str = "",
    by: User,
    today: date | None = None,
) -> Mediation:
    """What the mediation agreed, and whether (and how) the child's views were heard."""
    mediation, today = _mediation(mediation, by, today)
    check_choice(outcome, Mediation.Outcome.values, "outcome", "the outcome")
    if outcome != Mediation.Outcome.NOT_HELD and mediation.meeting_on is None:
        raise ActionError(WHOLE_FORM, "Record the date of the mediation meeting first.")
    how = _text(how, "how", "How the child's views were heard", 200)
    if child_views and not how:
        raise ActionError("how", "Enter how the child's views were heard.")
    return _save(
        mediation,
        by,
        f"mediation {mediation.pk}: outcome {outcome}",
        outcome=outcome,
        child_views=child_views,
        child_views_how=how,
    )


@transaction.atomic
def record_certificate(
    *, mediation: Mediation, kind: str, on: date, by: User, today: date | None = None
) -> Mediation:
    """The mediation certificate (``kind``) was issued on ``on``: the family may appeal."""
    mediation, today = _mediation(mediation, by, today)
    check_choice(kind, Mediation.Certificate.values, "kind", "the kind of certificate")
    if mediation.certificate:
        raise ActionError(WHOLE_FORM, "The certificate is already recorded.")
    check_not_future(on, today)
    check_not_before(on, mediation.decision_on, "the decision notice was sent")
    if kind == Mediation.Certificate.AFTER and mediation.ended_on is not None:
        check_not_before(on, mediation.ended_on, MEDIATION_STEPS["ended_on"])
    return _save(
        mediation,
        by,
        f"mediation {mediation.pk}: certificate {kind}",
        certificate=kind,
        certificate_on=on,
    )


@transaction.atomic
def set_mediation_cost(
    *, mediation: Mediation, cost: Decimal, by: User, today: date | None = None
) -> Mediation:
    """What the mediation cost the council."""
    mediation, today = _mediation(mediation, by, today)
    check_money(cost, "cost", "the cost", positive=False)
    return _save(mediation, by, f"mediation {mediation.pk}: cost recorded", cost=cost)


# Appeals --------------------------------------------------------------------------------


@transaction.atomic
def open_appeal(
    *,
    case: Case,
    decision_on: date,
    grounds: list[str],
    extended: bool = False,
    mediation: Mediation | None = None,
    reference: str = "",
    lodged_on: date | None = None,
    by: User,
    today: date | None = None,
) -> Appeal:
    """An appeal to the SEND Tribunal against the decision notice sent on ``decision_on``
    (``extended``: asking for recommendations on health or social care)."""
    case, today = begin(case, by, today, may_be_closed=True)
    check_not_future(decision_on, today, field="decision_on")
    codes = _issues(grounds, "grounds")
    if mediation is not None and mediation.case_id != case.pk:
        raise ActionError("mediation", "Choose a mediation of this case.")
    reference = _text(reference, "reference", "The tribunal's reference", 30)
    if lodged_on is not None:
        check_not_future(lodged_on, today, field="lodged_on")
        check_not_before(lodged_on, decision_on, "the decision notice was sent", "lodged_on")
    appeal = Appeal.objects.create(
        case=case,
        mediation=mediation,
        decision_on=decision_on,
        grounds=codes,
        extended=extended,
        reference=reference,
        lodged_on=lodged_on,
        recorded_by=by,
    )
    _audit(by, appeal, case, f"appeal {appeal.pk} opened")
    return appeal


def _appeal(appeal: Appeal, by: User, today: date | None) -> tuple[Appeal, date]:
    case, today = begin(appeal.case, by, today, may_be_closed=True)
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    locked.case = case
    return locked, today


@transaction.atomic
def record_appeal_step(
    *, appeal: Appeal, field: str, on: date, by: User, today: date | None = None
) -> Appeal:
    """One of the appeal's dates (:data:`APPEAL_STEPS`). The response's due date and the
    hearing may be in the future; the others not. A date may be re-recorded (a hearing
    moved): the old one stays in the audit log."""
    appeal, today = _appeal(appeal, by, today)
    check_choice(field, list(APPEAL_STEPS), "field", "the step")
    if field not in FUTURE_APPEAL_STEPS:
        check_not_future(on, today)
    start = appeal.lodged_on or appeal.decision_on
    check_not_before(on, start, "the appeal was lodged" if appeal.lodged_on else "the decision")
    if field in ("response_due_on", "response_on") and appeal.registered_on is not None:
        check_not_before(on, appeal.registered_on, APPEAL_STEPS["registered_on"])
    old = getattr(appeal, field)
    what = f"appeal {appeal.pk}: {field} {on}" + (f" (was {old})" if old else "")
    return _save(appeal, by, what, **{field: on})


@transaction.atomic
def record_concession(
    *, appeal: Appeal, concession: str, by: User, today: date | None = None
) -> Appeal:
    """The council conceded the appeal (``concession`` says when)."""
    appeal, today = _appeal(appeal, by, today)
    check_choice(concession, Appeal.Concession.values, "concession", "when it was conceded")
    return _save(appeal, by, f"appeal {appeal.pk}: conceded ({concession})", concession=concession)


@transaction.atomic
def decide_appeal(
    *, appeal: Appeal, outcome: str, decided_on: date, by: User, today: date | None = None
) -> Appeal:
    """The tribunal decided (or the appeal ended) on ``decided_on`` with ``outcome``."""
    appeal, today = _appeal(appeal, by, today)
    if appeal.outcome:
        raise ActionError(WHOLE_FORM, "The appeal's outcome is already recorded.")
    check_choice(outcome, Appeal.Outcome.values, "outcome", "the outcome")
    check_not_future(decided_on, today, field="decided_on")
    start = appeal.lodged_on or appeal.decision_on
    lodged = "the appeal was lodged" if appeal.lodged_on else "the decision"
    check_not_before(decided_on, start, lodged, field="decided_on")
    if appeal.registered_on is not None:
        check_not_before(
            decided_on, appeal.registered_on, APPEAL_STEPS["registered_on"], field="decided_on"
        )
    return _save(
        appeal,
        by,
        f"appeal {appeal.pk}: decided ({outcome})",
        outcome=outcome,
        decided_on=decided_on,
    )


@transaction.atomic
def add_order(
    *,
    appeal: Appeal,
    kind: str,
    made_on: date,
    by_concession: bool = False,
    note: str = "",
    by: User,
    today: date | None = None,
) -> AppealOrder:
    """Something the tribunal ordered (or the council conceded) on ``made_on``: its time
    limit to comply is the clock's."""
    appeal, today = _appeal(appeal, by, today)
    check_choice(kind, AppealOrder.Kind.values, "kind", "what was ordered")
    check_not_future(made_on, today, field="made_on")
    check_not_before(made_on, appeal.decision_on, "the decision notice was sent", "made_on")
    if not by_concession and kind != AppealOrder.Kind.RECOMMENDATION and not appeal.decided_on:
        raise ActionError(WHOLE_FORM, "Record the tribunal's decision first.")
    order = AppealOrder.objects.create(
        appeal=appeal,
        kind=kind,
        made_on=made_on,
        by_concession=by_concession,
        note=_text(note, "note", "The note", 200),
    )
    _audit(by, order, appeal.case, f"appeal {appeal.pk}: order {order.pk} ({kind})")
    return order


@transaction.atomic
def complete_order(
    *, order: AppealOrder, done_on: date, by: User, today: date | None = None
) -> AppealOrder:
    """The council did what was ordered on ``done_on``."""
    appeal, today = _appeal(order.appeal, by, today)
    locked = AppealOrder.objects.select_for_update().get(pk=order.pk)
    if locked.done_on is not None:
        raise ActionError(WHOLE_FORM, "This order is already done.")
    check_not_future(done_on, today, field="done_on")
    check_not_before(done_on, locked.made_on, "the order was made", field="done_on")
    locked.done_on = done_on
    locked.save(update_fields=["done_on"])
    _audit(by, locked, appeal.case, f"appeal {appeal.pk}: order {locked.pk} done")
    return locked


@transaction.atomic
def add_appeal_cost(
    *,
    appeal: Appeal,
    line: str,
    amount: Decimal,
    on: date,
    note: str = "",
    by: User,
    today: date | None = None,
) -> AppealCost:
    """A cost of the appeal to the council (more than £0, at most £10,000,000)."""
    appeal, today = _appeal(appeal, by, today)
    check_choice(line, AppealCost.Line.values, "line", "the kind of cost")
    check_money(amount, "amount", "the amount", positive=True)
    check_not_future(on, today)
    cost = AppealCost.objects.create(
        appeal=appeal,
        line=line,
        amount=amount,
        on=on,
        note=_text(note, "note", "The note", 200),
        recorded_by=by,
    )
    _audit(by, cost, appeal.case, f"appeal {appeal.pk}: cost {cost.pk} ({line}) {amount}")
    return cost


@transaction.atomic
def record_root_cause(
    *,
    appeal: Appeal,
    themes: list[str],
    what_happened: str,
    learning: str = "",
    by: User,
    today: date | None = None,
) -> RootCauseReview:
    """Why the council lost (or conceded) the appeal: only for an appeal allowed, allowed
    in part or conceded; once per appeal."""
    appeal, today = _appeal(appeal, by, today)
    if appeal.outcome not in LOST_OUTCOMES:
        raise ActionError(
            WHOLE_FORM,
            "A root-cause review is only for an appeal the council lost or conceded.",
        )
    if RootCauseReview.objects.filter(appeal=appeal).exists():
        raise ActionError(WHOLE_FORM, "This appeal's root-cause review is already recorded.")
    if not themes:
        raise ActionError("themes", "Choose at least one theme.")
    for theme in themes:
        check_choice(theme, RootCauseReview.Theme.values, "themes", "the themes")
    text = required_text(what_happened, "what_happened", "Enter what happened.")
    review = RootCauseReview.objects.create(
        appeal=appeal,
        reviewed_on=today,
        themes=list(dict.fromkeys(themes)),
        what_happened=text,
        learning=(learning or "").strip(),
        reviewed_by=by,
    )
    _audit(by, review, appeal.case, f"appeal {appeal.pk}: root-cause review {review.pk}")
    return review
