"""The plan itself: recording an issued version of a case's EHC plan (new, amended, after a
phase transfer) with its sections A–K as text, and correcting one. A version is never
edited: a correction is a new version that supersedes it and says why.

Section E's outcomes are set on the plan through ``set_plan_outcomes`` (one outcome model,
shared with the review report): the ones given, or else one per line or numbered item of
section E's text. The document itself is kept by ``senda.portal.plan_documents`` (casework
may not import the portal)."""

from __future__ import annotations

import re
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from senda import audit, kernel
from senda.casework.actions.outcomes import set_plan_outcomes
from senda.casework.models import Plan, PlanSection, PlanVersion
from senda.casework.models.plan_text import SECTION_LETTERS
from senda.kernel import ActionError, check_choice, check_not_future, check_permission
from senda.people.models import Membership

#: At most this many characters in one section (a long plan's F runs to a few pages).
SECTION_MAX = 50_000
REASON_MAX = 300
ITEM_START = re.compile(r"^\s*(?:\(?\d+[.)]|\(?[a-z][.)]|[-*•–])\s*", re.IGNORECASE)


def split_outcomes(text: str) -> list[str]:
    """Section E's text as outcomes: one a non-empty line or numbered item, its number or
    bullet taken off."""
    items = (ITEM_START.sub("", line, count=1).strip() for line in (text or "").splitlines())
    return [item for item in items if item]


def _check_staff(by: User, plan: Plan) -> None:
    membership = Membership.objects.filter(user_id=by.pk).first()
    check_permission(
        membership is not None and membership.can_write_casework(plan.case.la_id),
        "Only the council's casework staff can record a plan.",
    )


def check_sections(sections: dict[str, str]) -> dict[str, str]:
    """The sections stripped, by letter (A–K, H1 and H2); at least one holds text."""
    clean: dict[str, str] = {}
    for letter, text in (sections or {}).items():
        if letter not in SECTION_LETTERS:
            raise ActionError("sections", f"There is no section {str(letter)[:5]} in a plan")
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > SECTION_MAX:
            raise ActionError(
                letter, f"Section {letter} must be {SECTION_MAX:,} characters or fewer"
            )
        if text:
            clean[letter] = text
    if not clean:
        raise ActionError("A", "Enter the text of at least one section")
    return clean


def _check_issued(plan: Plan, issued_on: date | None, today: date) -> date:
    if issued_on is None:
        raise ActionError("issued_on", "Enter the date the plan was issued")
    check_not_future(issued_on, today, field="issued_on")
    if plan.started_on is not None and issued_on < plan.started_on:
        raise ActionError(
            "issued_on",
            "The date the plan was issued must be on or after "
            f"{kernel.long_date(plan.started_on)}, when the plan started",
        )
    return issued_on


def _write(
    plan: Plan,
    *,
    kind: str,
    issued_on: date,
    source: str,
    sections: dict[str, str],
    outcomes: list[str] | None,
    by: User,
    today: date,
    supersedes: PlanVersion | None = None,
    reason: str = "",
) -> PlanVersion:
    version = PlanVersion.objects.create(
        plan=plan,
        case=plan.case,
        kind=kind,
        issued_on=issued_on,
        source=source,
        supersedes=supersedes,
        correction_reason=reason,
        recorded_by=by,
    )
    PlanSection.objects.bulk_create(
        PlanSection(version=version, letter=letter, text=sections[letter])
        for letter in SECTION_LETTERS
        if letter in sections
    )
    items = outcomes if outcomes is not None else split_outcomes(sections.get("E", ""))
    items = [item.strip() for item in items if item and item.strip()]
    if items:
        try:
            set_plan_outcomes(plan=plan, outcomes=[("", t) for t in items], by=by, today=today)
        except ActionError as error:
            raise ActionError("E" if outcomes is None else "outcomes", error.message) from None
    what = f"corrects version {supersedes.pk}" if supersedes else f"{kind} {issued_on:%Y-%m-%d}"
    audit.record(
        user=by,
        verb="write",
        obj=version,
        child=plan.case.child,
        summary=f"case {plan.case_id}: plan {plan.pk} version {version.pk} ({what}), "
        f"sections {','.join(sorted(sections))}, {len(items)} outcomes",
    )
    return version


@transaction.atomic
def record_plan_version(
    *,
    plan: Plan,
    kind: str,
    issued_on: date,
    sections: dict[str, str],
    by: User,
    source: str = "typed",
    outcomes: list[str] | None = None,
    today: date | None = None,
) -> PlanVersion:
    """Record the plan as issued on ``issued_on`` (not in the future, not before the plan
    started): its ``kind`` (``PlanVersion.Kind``), ``sections`` by letter, where the text
    came from (``source``) and, when given, section E's outcomes."""
    plan = Plan.objects.select_for_update().select_related("case__child").get(pk=plan.pk)
    _check_staff(by, plan)
    today = today or kernel.today()
    check_choice(kind, PlanVersion.Kind.values, "kind", "the kind of plan")
    check_choice(source, PlanVersion.Source.values, "source", "where the text came from")
    issued_on = _check_issued(plan, issued_on, today)
    clean = check_sections(sections)
    return _write(
        plan,
        kind=kind,
        issued_on=issued_on,
        source=source,
        sections=clean,
        outcomes=outcomes,
        by=by,
        today=today,
    )


@transaction.atomic
def correct_plan_version(
    *,
    version: PlanVersion,
    sections: dict[str, str],
    reason: str,
    by: User,
    today: date | None = None,
) -> PlanVersion:
    """Correct a version's text: a new version of the same kind and date that supersedes
    it, with the reason; the old one is kept. A version is corrected once (correct the
    newest)."""
    version = PlanVersion.objects.select_for_update().select_related("plan").get(pk=version.pk)
    plan = Plan.objects.select_related("case__child").get(pk=version.plan_id)
    _check_staff(by, plan)
    today = today or kernel.today()
    reason = kernel.required_text(reason, "reason", "Enter why the plan's text is corrected")
    if len(reason) > REASON_MAX:
        raise ActionError("reason", f"The reason must be {REASON_MAX} characters or fewer")
    if PlanVersion.objects.filter(supersedes=version).exists():
        raise ActionError("reason", "This version is corrected already: correct the newest one")
    clean = check_sections(sections)
    return _write(
        plan,
        kind=version.kind,
        issued_on=version.issued_on,
        source=version.source,
        sections=clean,
        outcomes=None,
        by=by,
        today=today,
        supersedes=version,
        reason=reason,
    )
