"""Importing the NHS provider's waiting-list extract (CSV or XLSX): all or nothing.

    result = import_extract(data, filename="nd-extract.csv", la=la, by=user)

Each row is matched to a child of the area by NHS number **and** date of birth (a number
that matches a child with another birth date is a problem, never a guess). A row is the
same referral as one already in Senda when it has the same provider's reference on the same
pathway (or, without a reference, the same child, pathway and referral date). A new
referral is written with its steps; for one already here, each step the row gives is added
if missing, or corrected (the step as first recorded kept, the correction naming the file)
if its date or details differ. A step the row leaves blank is left as it is. Every problem
is listed with its row and column (:class:`senda.sheets.ImportFailed`) and nothing is
written; one audit entry records the import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from senda import audit, kernel
from senda.pathways.access import may_import
from senda.pathways.actions import project
from senda.pathways.extract import FIELDS, STEP_COLUMN, Row, parse_rows
from senda.pathways.models import ExtractImport, ExtractMapping, Referral, ReferralStep
from senda.pathways.steps import Fact, check, projection
from senda.people.models import Child, LocalAuthority, Setting
from senda.rows import insert_rows, unsaved
from senda.sheets import ImportFailed, Problem, Sheet, read_sheets

__all__ = ["ImportedExtract", "import_extract", "save_mapping", "saved_mapping"]


@dataclass(frozen=True)
class ImportedExtract:
    record: ExtractImport
    rows: int
    created: int
    steps: int

    @property
    def summary(self) -> str:
        return (
            f"Imported {self.rows:,} referrals from the extract: {self.created:,} new, "
            f"{self.steps:,} steps added or corrected."
        )


@dataclass
class _Plan:
    row: Row
    child_id: int
    setting_id: int | None
    referral: Referral | None
    add: list[Fact]
    correct: list[tuple[ReferralStep, Fact]]


def _sheet(sheets: list[Sheet]) -> Sheet:
    return next(s for s in sheets if any(any(c != "" for c in cells) for _, cells in s.rows))


def import_extract(
    data: bytes,
    *,
    filename: str,
    la: LocalAuthority,
    by: Any,
    mapping: Mapping[str, str] | None = None,
    today: date | None = None,
) -> ImportedExtract:
    """Import the extract in ``data``. PermissionDenied unless ``by`` is a team or service
    manager of ``la``; ImportFailed, with nothing written, if anything is wrong."""
    today = today or kernel.today()
    if not may_import(by, la):
        raise PermissionDenied("Only a team or service manager of the area may import it.")
    unknown = sorted(set(mapping or {}) - set(FIELDS))
    if unknown:
        raise ImportFailed([Problem(None, "", f"No field called {f!r}.") for f in unknown])
    sheet = _sheet(read_sheets(data, filename))
    rows, problems = parse_rows(sheet, mapping or {}, today)
    header = next(cells for _, cells in sheet.rows if any(c != "" for c in cells))
    column = _columns(header, mapping or {})
    plans = _plans(la, rows, sheet.name, column, problems)
    if problems:
        raise ImportFailed(sorted(problems, key=lambda p: (p.row or 0, p.column)))
    via = f"NHS extract {filename}"[:300]
    with transaction.atomic():
        created, steps = _write(la, plans, by, via, today)
        record = ExtractImport.objects.create(
            la=la,
            filename=filename[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            rows=len(rows),
            created=created,
            steps=steps,
            by=by,
        )
        audit.record(
            user=by,
            verb="write",
            obj=record,
            summary=f"nd extract import {record.pk} rows={len(rows)} new={created} steps={steps}",
        )
    return ImportedExtract(record, len(rows), created, steps)


def _columns(header: list[Any], mapping: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """Each field's (letter, heading), for problems found after the cells were read."""
    from senda.pathways.extract import find_columns
    from senda.sheets import column_letter

    found, _ = find_columns(header, mapping, 1, "")
    return {name: (column_letter(i), str(header[i])) for name, i in found.items()}


def _plans(
    la: LocalAuthority,
    rows: list[Row],
    sheet: str,
    column: dict[str, tuple[str, str]],
    problems: list[Problem],
) -> list[_Plan]:
    def problem(row: Row, name: str, message: str) -> None:
        letter, heading = column.get(name, ("", ""))
        problems.append(Problem(row.number, letter, message, heading, sheet))

    children: dict[str, list[tuple[int, date | None]]] = {}
    numbers = {row.nhs_number for row in rows}
    for pk, nhs, born in (
        Child.objects.filter(la=la, nhs_number__in=numbers)
        .values_list("pk", "nhs_number", "date_of_birth")
        .iterator()
    ):
        children.setdefault(nhs, []).append((pk, born))
    urns = {row.school_urn for row in rows if row.school_urn}
    settings = dict(Setting.objects.filter(urn__in=urns).values_list("urn", "pk"))
    existing = Referral.objects.of_area(la.pk)
    by_ref = {(r.pathway, r.provider_ref): r for r in existing.exclude(provider_ref="")}
    by_key = {(r.child_id, r.pathway, r.referred_on): r for r in existing}
    steps: dict[int, list[ReferralStep]] = {}
    for step in ReferralStep.objects.current().filter(referral__la=la):
        steps.setdefault(step.referral_id, []).append(step)
    seen_ref: dict[tuple[str, str], int] = {}
    seen_key: dict[tuple[int, str, date], int] = {}
    plans = []
    for row in rows:
        matches = children.get(row.nhs_number, [])
        if not matches:
            problem(row, "nhs_number", "No child of the area has this NHS number in Senda.")
            continue
        if len(matches) > 1:
            problem(row, "nhs_number", "More than one child of the area has this NHS number.")
            continue
        child_id, born = matches[0]
        if born != row.date_of_birth:
            problem(
                row,
                "date_of_birth",
                "The child with this NHS number has another date of birth in Senda: "
                "check both before importing.",
            )
            continue
        setting_id = None
        if row.school_urn:
            setting_id = settings.get(row.school_urn)
            if setting_id is None:
                problem(row, "school_urn", "No school or setting in Senda has this URN.")
                continue
        if row.provider_ref:
            first = seen_ref.setdefault((row.pathway, row.provider_ref), row.number)
            if first != row.number:
                problem(row, "provider_ref", f"Repeats the referral of row {first}.")
                continue
        key = (child_id, row.pathway, row.referred_on)
        first = seen_key.setdefault(key, row.number)
        if first != row.number:
            problem(row, "referred_on", f"Repeats the referral of row {first}.")
            continue
        referral = by_ref.get((row.pathway, row.provider_ref)) if row.provider_ref else None
        if referral is None:
            referral = by_key.get(key)
            if referral is not None and row.provider_ref and referral.provider_ref:
                referral = None  # another of the provider's referrals, the same day
        if referral is not None and referral.child_id != child_id:
            problem(row, "provider_ref", "This reference is another child's referral in Senda.")
            continue
        plan = _plan(row, child_id, setting_id, referral, steps.get(getattr(referral, "pk", 0)))
        found = check(_merged(plan, steps.get(getattr(referral, "pk", 0), [])))
        if found is not None:
            problem(row, STEP_COLUMN[found[0]], f"With the steps already in Senda: {found[2]}")
            continue
        plans.append(plan)
    return plans


def _fact(step: ReferralStep) -> Fact:
    return Fact(step.type, step.on, step.source, step.setting_id, step.reason, step.outcome)


def _plan(
    row: Row,
    child_id: int,
    setting_id: int | None,
    referral: Referral | None,
    current: list[ReferralStep] | None,
) -> _Plan:
    facts = [
        Fact(f.type, f.on, f.source, setting_id, f.reason, f.outcome) if f.type == "referred" else f
        for f in row.facts
    ]
    if referral is None:
        return _Plan(row, child_id, setting_id, None, facts, [])
    have = {step.type: step for step in current or []}
    add, correct = [], []
    for fact in facts:
        step = have.get(fact.type)
        if step is None:
            add.append(fact)
        elif _fact(step) != fact:
            correct.append((step, fact))
    return _Plan(row, child_id, setting_id, referral, add, correct)


def _merged(plan: _Plan, current: list[ReferralStep]) -> list[Fact]:
    if plan.referral is None:
        return plan.add
    replaced = {step.pk for step, _ in plan.correct}
    kept = [_fact(s) for s in current if s.pk not in replaced]
    return [*kept, *(fact for _, fact in plan.correct), *plan.add]


def _write(
    la: LocalAuthority, plans: list[_Plan], by: Any, via: str, today: date
) -> tuple[int, int]:
    """Write the new referrals (their rows at once) and the changes to those already here."""
    new = [plan for plan in plans if plan.referral is None]
    referrals = [
        unsaved(
            Referral,
            la_id=la.pk,
            child_id=plan.child_id,
            pathway=plan.row.pathway,
            provider_ref=plan.row.provider_ref,
            **projection(plan.add),
        )
        for plan in new
    ]
    insert_rows(referrals, ids_where={"la_id": la.pk})
    steps = [
        unsaved(
            ReferralStep,
            referral_id=referral.pk,
            type=fact.type,
            on=fact.on,
            source=fact.source,
            setting_id=fact.setting_id,
            reason=fact.reason,
            outcome=fact.outcome,
            replaces_id=None,
            withdrawn=False,
            why="",
            via=via,
            recorded_by_id=by.pk,
        )
        for plan, referral in zip(new, referrals, strict=True)
        for fact in plan.add
    ]
    insert_rows(steps)
    changed = 0
    for plan in plans:
        if plan.referral is None or not (plan.add or plan.correct):
            continue
        for fact in plan.add:
            ReferralStep.objects.create(
                referral=plan.referral, recorded_by=by, via=via, **_fields(fact)
            )
        for step, fact in plan.correct:
            ReferralStep.objects.create(
                referral=plan.referral,
                replaces=step,
                why=f"Changed in the {via}"[:500],
                recorded_by=by,
                via=via,
                **_fields(fact),
            )
        project(plan.referral)
        changed += len(plan.add) + len(plan.correct)
    return len(new), len(steps) + changed


def _fields(fact: Fact) -> dict[str, Any]:
    return {
        "type": fact.type,
        "on": fact.on,
        "source": fact.source,
        "setting_id": fact.setting_id,
        "reason": fact.reason,
        "outcome": fact.outcome,
    }


def saved_mapping(la: LocalAuthority) -> dict[str, str]:
    """The column headings last saved for ``la``'s extract (field → heading), or none."""
    latest = ExtractMapping.objects.filter(la=la).first()
    return dict(latest.columns) if latest is not None else {}


@transaction.atomic
def save_mapping(*, la: LocalAuthority, columns: Mapping[str, str], by: Any) -> bool:
    """Save ``columns`` as ``la``'s extract mapping (appended: the latest row is the
    mapping), if they differ from the saved one; True if saved. Who may import saves."""
    if not may_import(by, la):
        raise PermissionDenied("Only a team or service manager of the area may import it.")
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise kernel.ActionError("columns", f"No field called {unknown[0]!r}.")
    wanted = {name: str(heading).strip()[:200] for name, heading in columns.items() if heading}
    if wanted == saved_mapping(la):
        return False
    record = ExtractMapping.objects.create(la=la, columns=wanted, by=by)
    audit.record(
        user=by,
        verb="write",
        obj=record,
        summary=f"nd extract mapping {record.pk} fields={len(wanted)}",
    )
    return True
