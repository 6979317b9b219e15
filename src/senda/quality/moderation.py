"""Moderation rounds (docs/quality/moderation.md): a set of plans graded independently by
several raters, each grading an ``Audit`` of kind moderation, blind to the others until
they submit; then the meeting records the agreed grade per plan and the themes. Agreement
is computed from the grades submitted before discussion, never from the agreed grade.

    round_ = open_round(la=la, name="February 2027", framework=f, plans=[p1, p2],
                        raters=[(ann, "education"), (bea, "health")],
                        grading_due_on=d1, meeting_on=d2, by=lead)
    visible_grades(user, round_plan)      # the submitted audits ``user`` may see
    record_agreed(round_plan=rp, grade=3, note="…", by=lead)
    hold_meeting(round=round_, held_on=d2, themes="…", by=lead)
    round_agreement(round_)               # percent agreement, kappa, per domain
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from senda import audit as audit_log
from senda import kernel
from senda.casework.models import Plan
from senda.kernel import ActionError, check_choice, check_permission
from senda.people.models import Membership
from senda.quality import agreement
from senda.quality.access import qa_lead, qa_staff
from senda.quality.agreement import Agreement, Kappa
from senda.quality.audits import open_audit
from senda.quality.models import (
    Audit,
    AuditAuditor,
    DomainGrade,
    Framework,
    Grade,
    Organisation,
    Round,
    RoundPlan,
)

NAME_MAX = 100
NOTE_MAX = 4000
THEMES_MAX = 8000
MAX_PLANS = 50
MAX_RATERS = 12


def _write(by: Any, obj: Any, summary: str, *, child: Any = None, la_id: int | None = None) -> None:
    audit_log.record(user=by, verb="write", obj=obj, child=child, la_id=la_id, summary=summary)


def _check_lead(by: Any, la_id: int, what: str) -> None:
    lead = qa_lead(by)
    check_permission(
        lead is not None and lead.la_id == la_id, f"Only a QA lead of this area can {what}."
    )


# Actions ------------------------------------------------------------------------------


@transaction.atomic
def open_round(
    *,
    la: Any,
    name: str,
    framework: Framework,
    plans: Sequence[Plan],
    raters: Sequence[tuple[Any, str]],
    grading_due_on: date,
    meeting_on: date,
    by: Any,
    today: date | None = None,
) -> Round:
    """Open a round: ``plans`` of the area, each to be graded by every one of ``raters``
    (a user and the organisation they rate for): one moderation audit per rater per plan."""
    today = today or kernel.today()
    _check_lead(by, la.pk, "open a moderation round")
    name = kernel.required_text(name, "name", "Enter a name for the round")
    if len(name) > NAME_MAX:
        raise ActionError("name", f"The name must be {NAME_MAX} characters or fewer")
    if framework.la_id != la.pk or framework.subject != "plan":
        raise ActionError("framework", "Choose a plan framework of this area")
    if framework.status != Framework.Status.PUBLISHED:
        raise ActionError("framework", "Choose a framework that is in use")
    unique_plans = list({plan.pk: plan for plan in plans}.values())
    if not unique_plans:
        raise ActionError("plans", "Choose at least one plan to moderate")
    if len(unique_plans) > MAX_PLANS:
        raise ActionError("plans", f"A round can have at most {MAX_PLANS} plans")
    if any(plan.case.la_id != la.pk for plan in unique_plans):
        raise ActionError("plans", "Choose plans of this area")
    seen: set[int] = set()
    for user, organisation in raters:
        check_choice(organisation, Organisation.values, "raters", "the rater's organisation")
        if user.pk in seen:
            raise ActionError("raters", "Name each rater once")
        seen.add(user.pk)
    if len(seen) < 2:
        raise ActionError("raters", "Choose at least two raters: agreement needs two")
    if len(seen) > MAX_RATERS:
        raise ActionError("raters", f"A round can have at most {MAX_RATERS} raters")
    members = set(
        Membership.objects.filter(user_id__in=seen, la=la).values_list("user_id", flat=True)
    )
    if members != seen:
        raise ActionError("raters", "Choose raters who work in or with this area")
    if grading_due_on < today:
        raise ActionError("grading_due_on", "The date grading is due must be today or later")
    if meeting_on < grading_due_on:
        raise ActionError(
            "meeting_on", "The date of the meeting must be on or after the date grading is due"
        )
    round_ = Round.objects.create(
        la=la,
        name=name,
        framework=framework,
        opened_on=today,
        grading_due_on=grading_due_on,
        meeting_on=meeting_on,
        opened_by=by,
    )
    for plan in unique_plans:
        round_plan = RoundPlan.objects.create(round=round_, plan=plan, case=plan.case)
        for user, organisation in raters:
            open_audit(
                la=la,
                plan=plan,
                framework=framework,
                lead=user,
                by=by,
                organisation=organisation,
                due_on=grading_due_on,
                round_plan=round_plan,
                today=today,
            )
    _write(
        by,
        round_,
        f"round {round_.pk} opened: {len(unique_plans)} plans, {len(seen)} raters",
        la_id=la.pk,
    )
    return round_


def grading_finished(round_plan: RoundPlan) -> bool:
    """Every rater of the plan has submitted (withdrawn gradings do not count)."""
    audits = round_plan.audits.filter(withdrawn_on__isnull=True)
    return audits.exists() and not audits.filter(submitted_on__isnull=True).exists()


@transaction.atomic
def record_agreed(*, round_plan: RoundPlan, grade: int, note: str, by: Any) -> RoundPlan:
    """The grade the meeting agreed for one plan: only once every rater has submitted or
    the meeting has been held (it never changes the raters' grades)."""
    round_plan = (
        RoundPlan.objects.select_for_update().select_related("round", "case").get(pk=round_plan.pk)
    )
    _check_lead(by, round_plan.round.la_id, "record the agreed grade")
    if round_plan.round.held_on is None and not grading_finished(round_plan):
        raise ActionError(
            kernel.WHOLE_FORM,
            "Wait until every rater has submitted their grades, or the meeting is held",
        )
    try:
        grade = int(grade)
    except (TypeError, ValueError):
        raise ActionError("grade", "Choose the agreed grade") from None
    check_choice(grade, Grade.values, "grade", "the agreed grade")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ActionError("note", f"The note must be {NOTE_MAX} characters or fewer")
    round_plan.agreed_grade = grade
    round_plan.agreed_note = note
    round_plan.save(update_fields=["agreed_grade", "agreed_note"])
    _write(
        by,
        round_plan,
        f"round {round_plan.round_id}: case {round_plan.case_id} agreed grade {grade}",
        la_id=round_plan.round.la_id,
    )
    return round_plan


@transaction.atomic
def hold_meeting(
    *, round: Round, held_on: date, themes: str, by: Any, today: date | None = None
) -> Round:
    """Record that the moderation meeting was held, and its themes."""
    today = today or kernel.today()
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    _check_lead(by, round_.la_id, "record the meeting")
    kernel.check_not_future(held_on, today, "held_on")
    if held_on < round_.opened_on:
        raise ActionError("held_on", "The date of the meeting must be on or after the round opened")
    themes = (themes or "").strip()
    if len(themes) > THEMES_MAX:
        raise ActionError("themes", f"The themes must be {THEMES_MAX} characters or fewer")
    round_.held_on = held_on
    round_.themes = themes
    round_.save(update_fields=["held_on", "themes"])
    _write(by, round_, f"round {round_.pk}: meeting held {held_on.isoformat()}", la_id=round_.la_id)
    return round_


# Reads --------------------------------------------------------------------------------


def rounds_for(user: Any) -> QuerySet[Round]:
    """Rounds ``user`` may open on the ``qa-round*`` pages: council QA staff, their area's."""
    staff = qa_staff(user)
    if staff is None:
        return Round.objects.none()
    return Round.objects.filter(la_id=staff.la_id)


def round_audits(round_plan: RoundPlan) -> list[Audit]:
    """The plan's moderation audits (one per rater), withdrawn ones left out."""
    return list(
        round_plan.audits.filter(withdrawn_on__isnull=True)
        .select_related("lead")
        .prefetch_related("auditors")
        .order_by("id")
    )


def visible_grades(user: Any, round_plan: RoundPlan) -> list[Audit]:
    """The submitted moderation audits whose grades ``user`` may see. Blind: a rater sees
    the others' grades only once they have submitted their own for this plan; anyone else
    of the area's QA staff once every rater has submitted or the meeting has been held.
    Until then only who has submitted is shown (``round_audits``)."""
    audits = round_audits(round_plan)
    submitted = [a for a in audits if a.submitted_on is not None]
    user_id = getattr(user, "pk", None)
    mine = [a for a in audits if a.lead_id == user_id]
    if mine:
        return submitted if all(a.submitted_on is not None for a in mine) else []
    la_id, held_on = Round.objects.values_list("la_id", "held_on").get(pk=round_plan.round_id)
    staff = qa_staff(user)
    if staff is None or staff.la_id != la_id:
        return []
    if held_on is not None or (audits and len(submitted) == len(audits)):
        return submitted
    return []


def is_rater(user: Any, round_: Round) -> bool:
    return AuditAuditor.objects.filter(
        audit__round_plan__round=round_, user_id=getattr(user, "pk", None)
    ).exists()


@dataclass(frozen=True)
class DomainAgreement:
    name: str
    agreement: Agreement
    kappa: Kappa


@dataclass(frozen=True)
class RoundAgreement:
    raters: int
    plans: int
    submitted: int
    expected: int
    overall: Agreement
    kappa: Kappa
    domains: list[DomainAgreement]
    after_meeting: int  # gradings submitted after the meeting: left out

    @property
    def available(self) -> bool:
        return self.overall.plans > 0


def _pre_discussion(round_: Round) -> QuerySet[Audit]:
    """The round's gradings submitted before discussion (on or before the meeting day,
    if held)."""
    audits = Audit.objects.filter(
        round_plan__round=round_, kind=Audit.Kind.MODERATION, withdrawn_on__isnull=True
    ).submitted()
    if round_.held_on is not None:
        audits = audits.filter(submitted_on__lte=round_.held_on)
    return audits


def _matrix(
    plan_ids: Sequence[int], rater_ids: Sequence[int], grades: dict[tuple[int, int], int]
) -> list[list[int | None]]:
    return [[grades.get((p, r)) for r in rater_ids] for p in plan_ids]


def round_agreement(round_: Round) -> RoundAgreement:
    """Agreement on the overall grade (override if made, else computed) and per domain
    (``DomainGrade``), from the gradings submitted before discussion — never the agreed
    grade."""
    all_audits = list(
        Audit.objects.filter(
            round_plan__round=round_, kind=Audit.Kind.MODERATION, withdrawn_on__isnull=True
        )
        .order_by("id")
        .values("id", "round_plan_id", "lead_id", "submitted_on")
    )
    rater_ids = list(dict.fromkeys(a["lead_id"] for a in all_audits))
    plan_ids = list(RoundPlan.objects.filter(round=round_).values_list("id", flat=True))
    pre = list(
        _pre_discussion(round_).values(
            "id", "round_plan_id", "lead_id", "computed_grade", "override_grade"
        )
    )
    overall = {
        (a["round_plan_id"], a["lead_id"]): a["override_grade"] or a["computed_grade"]
        for a in pre
        if (a["override_grade"] or a["computed_grade"]) is not None
    }
    ratings = _matrix(plan_ids, rater_ids, overall)
    by_audit = {a["id"]: (a["round_plan_id"], a["lead_id"]) for a in pre}
    per_domain: dict[int, dict[tuple[int, int], int]] = defaultdict(dict)
    for audit_id, domain_id, grade in DomainGrade.objects.filter(audit_id__in=by_audit).values_list(
        "audit_id", "domain_id", "grade"
    ):
        per_domain[domain_id][by_audit[audit_id]] = grade
    domains = []
    for domain in round_.framework.domains.order_by("order"):
        rows = _matrix(plan_ids, rater_ids, per_domain.get(domain.pk, {}))
        domains.append(
            DomainAgreement(domain.name, agreement.percent_agreement(rows), agreement.kappa(rows))
        )
    submitted = sum(1 for a in all_audits if a["submitted_on"] is not None)
    return RoundAgreement(
        raters=len(rater_ids),
        plans=len(plan_ids),
        submitted=submitted,
        expected=len(all_audits),
        overall=agreement.percent_agreement(ratings),
        kappa=agreement.kappa(ratings),
        domains=domains,
        after_meeting=submitted - len(pre),
    )


def rounds_held(la: Any, start: date, end: date) -> QuerySet[Round]:
    """Rounds of ``la`` whose meeting was held between ``start`` and ``end`` (inclusive)."""
    return Round.objects.filter(la=la, held_on__gte=start, held_on__lte=end)


def pre_discussion_grades(rounds: Iterable[Round]) -> dict[int, tuple[int, list[int]]]:
    """Each moderated plan's (``RoundPlan`` id) case and its raters' overall grades, from
    the moderation gradings submitted by the day its round's meeting was held (the grades
    given before discussion; a round not held yet: by today)."""
    held = {r.pk: r.held_on for r in rounds}
    rows = (
        Audit.objects.filter(kind=Audit.Kind.MODERATION, round_plan__round_id__in=list(held))
        .filter(submitted_on__isnull=False, withdrawn_on__isnull=True)
        .order_by("round_plan_id", "pk")
        .values_list(
            "round_plan_id",
            "round_plan__round_id",
            "case_id",
            "submitted_on",
            "override_grade",
            "computed_grade",
        )
    )
    grades: dict[int, list[int]] = defaultdict(list)
    cases: dict[int, int] = {}
    for round_plan, round_id, case, submitted_on, override, computed in rows:
        cases[round_plan] = case
        meeting = held[round_id]
        grade = override or computed
        if grade is not None and (meeting is None or submitted_on <= meeting):
            grades[round_plan].append(grade)
    return {round_plan: (case, grades[round_plan]) for round_plan, case in cases.items()}


def _overall_rows(round_: Round) -> list[list[int | None]]:
    """The round's plans' pre-discussion overall grades (plans with none left out)."""
    found = pre_discussion_grades([round_]).values()
    return [list[int | None](grades) for _, grades in found if grades]


def round_percent(round_: Round) -> Agreement:
    """Percent agreement on the overall grade of one round (no kappa: for lists)."""
    return agreement.percent_agreement(_overall_rows(round_))


def agreement_for(la: Any, start: date, end: date) -> Agreement:
    """Percent agreement on the overall grade, pooled over the plans of every round whose
    meeting was held in the period (pre-discussion grades only): the KPI."""
    rows: list[list[int | None]] = []
    for round_ in rounds_held(la, start, end):
        rows.extend(_overall_rows(round_))
    return agreement.percent_agreement(rows)


def progress(round_: Round) -> tuple[int, int]:
    """Gradings submitted, and expected, in the round."""
    audits = Audit.objects.filter(round_plan__round=round_, withdrawn_on__isnull=True)
    return audits.submitted().count(), audits.count()


def plans_by_reference(la: Any, references: Iterable[str]) -> tuple[list[Plan], list[str]]:
    """The live plan of each case reference ("123" or "Case 123") of ``la``, and the
    references that name no case of the area with a plan."""
    found: list[Plan] = []
    missing: list[str] = []
    for reference in references:
        text = reference.strip().lower().removeprefix("case").strip()
        plan = None
        if text.isascii() and text.isdigit() and len(text) <= 9:
            plan = (
                Plan.objects.filter(case_id=int(text), case__la=la)
                .select_related("case")
                .order_by("-issued_on", "-id")
                .first()
            )
        if plan is None:
            missing.append(reference.strip())
        else:
            found.append(plan)
    return found, missing
