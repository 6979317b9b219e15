"""Recording an action's stage and impact (ADR 0034): one keyword-only, atomic action that
checks permission, validates, writes a new ``ImpactRecord`` and audits; and the reads the
action's impact page needs.

The rules, each refused with a message on the field it is about (all at once, through
``kernel.Refusals``):

- the stage and the impact rating are chosen from their lists;
- "Impact evidenced" and "Sustained" claim an impact: they need the evidence written down
  and an impact rating other than "Not yet known";
- any impact rating other than "Not yet known" needs the evidence that shows it;
- "Sustained" only after "Impact evidenced" was recorded at an earlier review (a record
  since corrected does not count): impact lasts only once it has been shown;
- the stage may go back (work reopened, impact not held) only with a reason, and so may a
  correction of the latest record (what was wrong with it);
- the KPIs the evidence cites are KPIs the action names.

Who may record: whoever may rate the action (``access.can_rate_action``: the plan's
managers, and an editing partner for the actions their organisation leads).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit, kernel
from senda.improvement.access import can_edit_plan, can_rate_action
from senda.improvement.dates import check_plausible
from senda.improvement.models import Action, ImpactRating, ImpactRecord, Stage
from senda.improvement.models.impact import CLAIMS_IMPACT, NEWEST_FIRST, stage_order
from senda.kernel import WHOLE_FORM, ActionError, Refusals, check_permission, long_date

__all__ = ["Current", "current_of", "history_of", "record_impact"]

NO_PERMISSION = "You do not have permission to record this action's impact."
LONGEST = 4000


@dataclass(frozen=True)
class Current:
    """An action's current stage and impact, or ``record`` None if none is recorded."""

    record: ImpactRecord | None

    @property
    def stage(self) -> str | None:
        return self.record.stage if self.record else None

    @property
    def impact(self) -> str | None:
        return self.record.impact if self.record else None


def history_of(action: Action) -> list[ImpactRecord]:
    """Every record of the action, newest first, corrected ones too (with ``correction``)."""
    rows = ImpactRecord.objects.filter(action=action).select_related("author", "correction")
    return list(rows.order_by(*NEWEST_FIRST))


def current_of(history: Iterable[ImpactRecord]) -> Current:
    """The newest record of ``history`` (newest first) that no record corrects."""
    corrected = {row.corrects_id for row in history if row.corrects_id}
    return Current(next((row for row in history if row.pk not in corrected), None))


def _choice(value: str, allowed: list[str], field: str, message: str) -> None:
    if value not in allowed:
        raise ActionError(field, message)


def _text(value: str | None, field: str, what: str) -> str:
    text = (value or "").strip()
    if len(text) > LONGEST:
        raise ActionError(field, f"{what} must be {LONGEST:,} characters or fewer.")
    return text


def _label(stage: str) -> str:
    return str(Stage(stage).label)


@transaction.atomic
def record_impact(
    *,
    action: Action,
    stage: str,
    impact: str,
    evidence: str = "",
    kpi_ids: Iterable[str] = (),
    reason: str = "",
    correct: bool = False,
    by: User,
    on: date | None = None,
) -> ImpactRecord:
    """Record ``action``'s stage and impact rating as a new row; ``correct`` puts right
    the current record (it stays in the history and no longer counts)."""
    plan = action.area.plan
    today = kernel.today()
    check_permission(can_edit_plan(by, plan) and can_rate_action(by, action), NO_PERMISSION)
    if action.withdrawn_on is not None:
        withdrawn = long_date(action.withdrawn_on)
        raise ActionError(WHOLE_FORM, f"This action was withdrawn on {withdrawn}.")
    on = on or today
    kernel.check_not_future(on, today, "on")
    check_plausible(on, plan=plan, field="on")
    history = list(ImpactRecord.objects.filter(action=action).order_by(*NEWEST_FIRST))
    current = current_of(history).record
    if correct and current is None:
        raise ActionError("correct", "There is no record of this action's impact to correct.")
    earlier = _standing(history, corrected=current if correct else None)
    before = earlier[0] if earlier else None
    refusals = Refusals()
    with refusals.check():
        _choice(stage, Stage.values, "stage", "Select the action's stage.")
    with refusals.check():
        _choice(impact, ImpactRating.values, "impact", "Select the impact rating.")
    with refusals.check():
        evidence = _text(evidence, "evidence", "The evidence")
    with refusals.check():
        reason = _text(reason, "reason", "The reason")
    with refusals.check():
        ids = _kpis(action, kpi_ids)
    if not refusals.refused("stage") and not refusals.refused("impact"):
        for check in (_evidence_rule, _claim_rule, _sustained_rule, _back_rule):
            with refusals.check():
                check(stage, impact, evidence, reason, earlier, before, correct)
    refusals.raise_any()
    row = ImpactRecord.objects.create(
        action=action,
        stage=stage,
        impact=impact,
        evidence=evidence,
        kpi_ids=ids,
        reason=reason,
        corrects=current if correct else None,
        recorded_on=on,
        author=by,
    )
    what = f"corrected impact record {current.pk} by" if correct and current else "recorded"
    audit.record(
        user=by,
        verb="write",
        obj=row,
        summary=f"plan {plan.pk}: {what} impact record {row.pk} of action {action.pk}",
        la_id=plan.la_id,
    )
    return row


def _standing(history: list[ImpactRecord], corrected: ImpactRecord | None) -> list[ImpactRecord]:
    """The records that count, newest first, leaving out ``corrected`` (being put right)."""
    gone = {row.corrects_id for row in history if row.corrects_id}
    if corrected is not None:
        gone.add(corrected.pk)
    return [row for row in history if row.pk not in gone]


def _kpis(action: Action, kpi_ids: Iterable[str]) -> list[str]:
    ids = list(dict.fromkeys(str(k) for k in kpi_ids))
    named = set(action.kpi_ids or ())
    if any(k not in named for k in ids):
        raise ActionError("kpi_ids", "Choose only KPIs this action names.")
    return ids


def _evidence_rule(stage: str, impact: str, evidence: str, *_: object) -> None:
    """A claim of impact, by stage or by rating, needs the evidence that shows it."""
    if stage in CLAIMS_IMPACT and not evidence:
        raise ActionError(
            "evidence",
            f"Enter the evidence of impact: an action cannot be recorded as “{_label(stage)}” "
            "without saying what shows it.",
        )
    if impact != ImpactRating.NOT_YET and not evidence:
        raise ActionError("evidence", "Enter the evidence that shows this impact.")


def _claim_rule(stage: str, impact: str, *_: object) -> None:
    """A stage that claims an impact needs a rating that says what the evidence shows."""
    if stage in CLAIMS_IMPACT and impact == ImpactRating.NOT_YET:
        raise ActionError(
            "impact",
            f"Choose what difference the evidence shows: “{_label(stage)}” cannot go with "
            "“Not yet known”.",
        )


def _sustained_rule(
    stage: str, impact: str, evidence: str, reason: str, earlier: list[ImpactRecord], *_: object
) -> None:
    """Sustained only after impact was evidenced at an earlier review."""
    if stage != Stage.SUSTAINED:
        return
    if not any(row.stage in CLAIMS_IMPACT for row in earlier):
        raise ActionError(
            "stage",
            "An action's impact can be recorded as sustained only after it has been recorded "
            "as “Impact evidenced” at an earlier review. Record “Impact evidenced” first.",
        )


def _back_rule(
    stage: str,
    impact: str,
    evidence: str,
    reason: str,
    earlier: list[ImpactRecord],
    before: ImpactRecord | None,
    correct: bool,
) -> None:
    """Going back a stage, or correcting a record, needs a reason."""
    if reason:
        return
    if correct:
        raise ActionError("reason", "Enter why you are correcting the latest record.")
    if before is not None and stage_order(stage) < stage_order(before.stage):
        raise ActionError(
            "reason",
            f"Enter why the action has gone back from “{_label(before.stage)}” to "
            f"“{_label(stage)}”.",
        )
