"""The demo plan's stages and impact ratings (ADR 0034), beside its delivery ratings.

Most actions have a stage: planned (not started yet), in progress, or complete on the day
they were completed. The first action to complete has a history — in progress, complete,
then impact evidenced two weeks later, with families' feedback and an audit as evidence —
so the latest board pack shows impact as well as delivery; the next completed action is
impact evidenced citing its KPI; one action on track already shows some impact and one
that slipped shows limited impact. One record was corrected: it stays, marked, and the
correction counts. Nothing is random: the same plan gives the same records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from django.contrib.auth.models import User

from senda.improvement.models import Action, ImpactRecord
from senda.performance import kpis

#: ``add(row, stage, impact, on, evidence="", kpi_ids=())``: one record, kept to write.
Add = Callable[..., ImpactRecord]

FIRST_EVIDENCE = (
    "Families' feedback: 14 of 17 parents surveyed this term said they knew who to contact "
    "and heard back within a week (9 of 20 before the change). The SENCo network's audit of "
    "ten cases found the new letters used in every one."
)
KPI_EVIDENCE = (
    "“{kpi}” moved from 41% to 58% over two quarters; the workstream's audit of 12 "
    "decisions agrees."
)
SOME_EVIDENCE = (
    "Early signs: coordinators' caseloads are down in two localities of three; families' "
    "complaints about delays fell from 11 to 6 this quarter."
)
LIMITED_EVIDENCE = (
    "The training was delivered, but the audit of 15 plans found outcomes still vague in 9: "
    "little difference yet."
)
WRONG_EVIDENCE = "Audit of plans shows the change in every one."
CORRECTION = "The audit cited was of last year's plans, before this action: not evidence of it."


def write_impact(
    states: Sequence[str], rows: Sequence[Action], users: dict[str, User], today: date
) -> None:
    """Stage and impact records for the plan's actions (``states``: each action's state in
    the demo's words: done, ok, slip, late, future)."""
    fallback = users.get("service-manager")
    records: list[ImpactRecord] = []
    corrected: list[tuple[ImpactRecord, ImpactRecord]] = []
    done = sorted(
        (row for row, state in zip(rows, states, strict=True) if state == "done"),
        key=lambda row: (row.completed_on or today, row.pk),
    )
    shown = {"some": False, "limited": False}

    def add(
        row: Action,
        stage: str,
        impact: str,
        on: date,
        evidence: str = "",
        cited: tuple[str, ...] = (),
    ) -> ImpactRecord:
        record = ImpactRecord(
            action=row,
            stage=stage,
            impact=impact,
            evidence=evidence,
            kpi_ids=list(cited),
            recorded_on=min(on, today),
            author=row.lead_user or fallback,
        )
        records.append(record)
        return record

    for row, state in zip(rows, states, strict=True):
        if row.starts_on is None:
            continue  # its timescale is still to be resolved: no stage recorded yet
        began = row.starts_on + timedelta(days=14)
        if state == "future":
            add(row, "planned", "not-yet", today - timedelta(days=105))
        elif state in ("ok", "slip", "late"):
            on = min(began, today - timedelta(days=56))
            impact, evidence = "not-yet", ""
            if state == "ok" and row.kpi_ids and not shown["some"]:
                impact, evidence, shown["some"] = "some", SOME_EVIDENCE, True
            elif state == "slip" and not shown["limited"]:
                impact, evidence, shown["limited"] = "limited", LIMITED_EVIDENCE, True
            add(row, "in-progress", impact, on, evidence)
        elif state == "done" and row.completed_on is not None:
            _done(row, done.index(row), began, today, add, corrected)
    ImpactRecord.objects.bulk_create(records)
    for wrong, right in corrected:
        right.corrects = wrong
    ImpactRecord.objects.bulk_create([right for _, right in corrected])


def _done(
    row: Action,
    rank: int,
    began: date,
    today: date,
    add: Add,
    corrected: list[tuple[ImpactRecord, ImpactRecord]],
) -> None:
    """A completed action: in progress, complete; the first three then evidence impact
    (the third wrongly, corrected three days later)."""
    completed = row.completed_on or today
    add(row, "in-progress", "not-yet", min(began, completed - timedelta(days=30)))
    add(row, "complete", "not-yet", completed)
    evidenced = completed + timedelta(days=14)
    if rank == 0:
        add(row, "impact-evidenced", "clear", evidenced, FIRST_EVIDENCE)
    elif rank == 1 and row.kpi_ids:
        first = row.kpi_ids[0]
        name = kpis.names(row.area.plan.la_id, [first]).get(first, first)
        evidence = KPI_EVIDENCE.format(kpi=name)
        add(row, "impact-evidenced", "some", evidenced, evidence, (first,))
    elif rank == 2:
        wrong = add(row, "impact-evidenced", "clear", evidenced, WRONG_EVIDENCE)
        right = ImpactRecord(
            action=row,
            stage="complete",
            impact="not-yet",
            reason=CORRECTION,
            recorded_on=min(wrong.recorded_on + timedelta(days=3), today),
            author=wrong.author,
        )
        corrected.append((wrong, right))
