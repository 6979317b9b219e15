"""The quality assurance KPIs, counted from the QA records (audits, moderation rounds,
audit actions, advice moderation, learning summaries, termly reports): what the KPI
catalogue's quality KPIs count (``senda tick``), shaped as ``senda.casework.scrutiny``.

    from senda.quality import measures
    found = measures.count("plans-good-outstanding", la, start, end, as_of)
    found.numerator, found.denominator      # the figure
    found.counted, found.missed, found.open # the ids behind it (``found.of``)

As in scrutiny, a step dated after ``as_of`` has not happened yet, and a period still
running is judged on ``as_of`` (one that is over, on its last day). Things with a due date
(audit actions, reports, recommendations) are those due in the period, judged as they stood
on ``as_of``: one done late after the period ended is late, not "not due yet". The ids
behind a figure are case ids (``of="case"``) wherever a record belongs to a case — an
audit, a moderated plan, an audit action, a piece of advice — so each figure links to the
cases behind it;
otherwise ``of`` names the record: ``round`` (moderation rounds), ``summary`` (learning
summaries), ``report`` (termly QA reports; a recommendation is listed by its report).

The rules (``docs/quality/measures.md``):

- an **audit** counts when it is a plan audit (``Audit.kind == "plan"``; moderation
  gradings are measured by agreement only), submitted (``submitted_on``, by ``as_of``) and
  not withdrawn; its overall grade is ``override_grade or computed_grade``;
- **Good or Outstanding**: grade ``Grade.GOOD`` (3) or above;
- **represented**: among an audit's auditors' organisations (``AuditAuditor``) education
  (the council's SEND service, or a school or college: a school counts as education),
  health and social care are all found;
- **agreement** (percentage agreement, the seeds' measure): on moderation rounds held in the
  period (``Round.held_on``), a moderated plan (``RoundPlan``) with two or more moderation
  gradings (``Audit.kind == "moderation"``, ``round_plan``) submitted by the day of the
  meeting (the grades given before discussion) agrees when every rater's overall grade is
  the same; plans graded by fewer than two raters are left out;
- **advice meeting criteria** is the moderator's ``AdviceModeration.meets_criteria``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from django.db.models import QuerySet

from senda.casework.models import PlanVersion
from senda.casework.scrutiny import Found, _Parts, by, judged, on_time, plans_maintained
from senda.people.models import LocalAuthority
from senda.quality import moderation
from senda.quality.agreement import agrees
from senda.quality.models import (
    AdviceModeration,
    Audit,
    AuditAction,
    Grade,
    LearningSummary,
    Organisation,
    PanelItem,
    PanelLearning,
    ProfileAudit,
    QARecommendation,
    QAReport,
    Round,
)

Measure = Callable[[LocalAuthority, date, date, date], Found]

#: The lowest grade counted as "Good or Outstanding".
GOOD = Grade.GOOD
#: The organisations an audit needs for cross-organisation representation; a school
#: counts as education.
REPRESENTED = {
    Organisation.EDUCATION: "education",
    Organisation.SCHOOL: "education",
    Organisation.HEALTH: "health",
    Organisation.SOCIAL_CARE: "social_care",
}
NEEDED = {"education", "health", "social_care"}
#: Audit coverage looks back this far from the day judged.
COVERAGE_YEAR = timedelta(days=365)


def fy_start(day: date) -> date:
    """The first day (1 April) of the financial year ``day`` falls in."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def grade_of(audit: Audit) -> int | None:
    """The audit's overall grade: an override (made with a reason) or the computed one."""
    return audit.override_grade or audit.computed_grade


def plan_audits(la: LocalAuthority, start: date, end: date, as_of: date) -> QuerySet[Audit]:
    """Plan audits submitted in the period, to the day judged, not withdrawn by then."""
    day = judged(end, as_of)
    return (
        Audit.objects.filter(la=la, kind=Audit.Kind.PLAN)
        .filter(submitted_on__gte=start, submitted_on__lte=day)
        .exclude(withdrawn_on__lte=day)
        .order_by("case_id", "pk")
    )


def represented(organisations: Iterable[str]) -> bool:
    """Education (a school counts), health and social care are all among them."""
    found = {REPRESENTED.get(o, o) for o in organisations}  # type: ignore[call-overload]
    return found >= NEEDED


# --- audits -----------------------------------------------------------------------------


def audit_coverage(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Plans audited (a submitted plan audit) in the 12 months to the day judged, as a
    share of plans maintained that day. One case per plan, however often it was audited."""
    day = judged(end, as_of)
    rows = plan_audits(la, day - COVERAGE_YEAR + timedelta(days=1), day, as_of)
    plans = dict(rows.values_list("plan_id", "case_id"))
    return Found(tuple(sorted(plans.values())), base=plans_maintained(la, day))


def audits_completed(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Plan audits submitted in the period (a count)."""
    return Found(
        tuple(plan_audits(la, start, end, as_of).values_list("case_id", flat=True)), rate=False
    )


def sample_with_review(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Plan audits submitted in the period that included the plan's annual review."""
    parts = _Parts()
    for case, includes in plan_audits(la, start, end, as_of).values_list(
        "case_id", "includes_review"
    ):
        parts.add("counted" if includes else "missed", case)
    return parts.found()


def good_or_outstanding(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Plan audits submitted in the period graded Good or Outstanding overall (an audit
    with no grade is left out)."""
    parts = _Parts()
    for audit in plan_audits(la, start, end, as_of):
        grade = grade_of(audit)
        parts.add(
            None if grade is None else "counted" if grade >= GOOD else "missed", audit.case_id
        )
    return parts.found()


def outcomes_good_or_outstanding(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Plan audits submitted in the period whose outcome quality grade (``outcome_grade``)
    is Good or Outstanding (an audit with none is left out)."""
    parts = _Parts()
    for case, grade in plan_audits(la, start, end, as_of).values_list("case_id", "outcome_grade"):
        parts.add(None if grade is None else "counted" if grade >= GOOD else "missed", case)
    return parts.found()


def reviews_meet_standard(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Plan audits submitted in the period that included a review: the review met the
    quality standard (``review_meets_standard``); one not judged is left out (``open``)."""
    parts = _Parts()
    rows = plan_audits(la, start, end, as_of).filter(includes_review=True)
    for case, meets in rows.values_list("case_id", "review_meets_standard"):
        parts.add("open" if meets is None else "counted" if meets else "missed", case)
    return parts.found()


def cross_organisation(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Plan audits submitted in the period with education (a school counts), health and
    social care among their auditors."""
    parts = _Parts()
    for audit in plan_audits(la, start, end, as_of).prefetch_related("auditors"):
        ok = represented(a.organisation for a in audit.auditors.all())
        parts.add("counted" if ok else "missed", audit.case_id)
    return parts.found()


def new_plans_good(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Plan audits submitted in the period of a new plan (the version read is of kind
    ``new``) with every domain graded Good or above (the county's "level 2 or above in all
    domains", read as Good on Senda's four-point scale). An audit with no domain grades is
    left out."""
    parts = _Parts()
    rows = plan_audits(la, start, end, as_of).filter(version__kind=PlanVersion.Kind.NEW)
    for audit in rows.prefetch_related("domain_grades"):
        grades = [g.grade for g in audit.domain_grades.all()]
        if not grades:
            parts.add("open", audit.case_id)
        else:
            parts.add("counted" if min(grades) >= GOOD else "missed", audit.case_id)
    return parts.found()


# --- moderation -------------------------------------------------------------------------


def rounds_held(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Moderation rounds whose meeting was held in the financial year to the day judged
    (a count of rounds)."""
    day = judged(end, as_of)
    rows = Round.objects.filter(la=la, held_on__gte=fy_start(day), held_on__lte=day)
    return Found(tuple(rows.order_by("pk").values_list("pk", flat=True)), rate=False, of="round")


def agreement(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Plans moderated in rounds held in the period on whose overall grade every rater
    agreed before discussion, of those with two or more raters (per plan: a plan in two
    rounds counts twice)."""
    day = judged(end, as_of)
    rounds = Round.objects.filter(la=la, held_on__gte=start, held_on__lte=day)
    parts = _Parts()
    found = moderation.pre_discussion_grades(rounds)
    for _round_plan, (case, grades) in sorted(found.items()):
        same = agrees(grades)
        parts.add(None if same is None else "counted" if same else "missed", case)
    return parts.found()


# --- audit actions ----------------------------------------------------------------------


def actions_on_time(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Audit actions due in the period completed by their due date; one not done whose
    date has not passed is left out, as is one cancelled (by ``as_of``)."""
    parts = _Parts()
    rows = AuditAction.objects.filter(audit__la=la, due_on__gte=start, due_on__lte=end)
    for action in rows.select_related("audit").order_by("audit__case_id", "pk"):
        if by(action.cancelled_on, as_of) is not None and by(action.completed_on, as_of) is None:
            continue
        part = on_time(action.due_on, action.completed_on, as_of)
        parts.add(part, action.audit.case_id)
    return parts.found()


# --- advice -----------------------------------------------------------------------------


def advice_with_feedback(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Advice sampled for moderation in the period that was moderated and had written
    feedback sent to its author by the day judged; while the period runs, one not yet
    done is left out (``open``), after it, it is missed."""
    parts = _Parts()
    day = judged(end, as_of)
    rows = AdviceModeration.objects.filter(la=la, sampled_on__gte=start, sampled_on__lte=day)
    for advice in rows.order_by("case_id", "pk"):
        done = (
            by(advice.moderated_on, day) is not None
            and by(advice.feedback_sent_on, day) is not None
            and advice.feedback.strip() != ""
        )
        parts.add("counted" if done else "open" if as_of <= end else "missed", advice.case_id)
    return parts.found()


def advice_meets_criteria(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Advice moderated in the period that meets the quality criteria
    (``meets_criteria``); one moderated without that judgement is left out."""
    parts = _Parts()
    day = judged(end, as_of)
    rows = AdviceModeration.objects.filter(la=la, moderated_on__gte=start, moderated_on__lte=day)
    for case, meets in rows.order_by("case_id", "pk").values_list("case_id", "meets_criteria"):
        parts.add(None if meets is None else "counted" if meets else "missed", case)
    return parts.found()


def social_care_advice_meets_criteria(
    la: LocalAuthority, start: date, end: date, as_of: date
) -> Found:
    """Social care advice moderated in the period that meets the quality criteria (issue
    18, area 5): :func:`advice_meets_criteria` for the social care discipline alone."""
    parts = _Parts()
    day = judged(end, as_of)
    rows = AdviceModeration.objects.filter(
        la=la, discipline="social care", moderated_on__gte=start, moderated_on__lte=day
    )
    for case, meets in rows.order_by("case_id", "pk").values_list("case_id", "meets_criteria"):
        parts.add(None if meets is None else "counted" if meets else "missed", case)
    return parts.found()


def summaries_published(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Learning summaries published in the financial year to the day judged (a count)."""
    day = judged(end, as_of)
    rows = LearningSummary.objects.filter(
        la=la, published_on__gte=fy_start(day), published_on__lte=day
    )
    return Found(tuple(rows.order_by("pk").values_list("pk", flat=True)), rate=False, of="summary")


def advice_improved(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Repeat sampling after feedback: advice moderated again in the period (a resample of
    an earlier moderation graded below Good) now graded Good or Outstanding. A resample of
    advice already Good or better is left out: it had nothing to improve."""
    parts = _Parts()
    day = judged(end, as_of)
    rows = AdviceModeration.objects.filter(
        la=la,
        resample_of__isnull=False,
        resample_of__grade__lt=GOOD,
        moderated_on__gte=start,
        moderated_on__lte=day,
        grade__isnull=False,
    )
    for case, grade in rows.order_by("case_id", "pk").values_list("case_id", "grade"):
        parts.add("counted" if grade >= GOOD else "missed", case)
    return parts.found()


# --- decision panels --------------------------------------------------------------------


def panel_decisions_shared(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Panel decisions made in the period that the family has been told (``family_told_on``
    by the day judged)."""
    parts = _Parts()
    day = judged(end, as_of)
    rows = PanelItem.objects.filter(
        panel__la=la, decided_on__gte=start, decided_on__lte=day
    ).order_by("case_id", "pk")
    for case, told in rows.values_list("case_id", "family_told_on"):
        parts.add("counted" if told is not None and told <= day else "missed", case)
    return parts.found()


def panel_learning_acted_on(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Learning from panels held in the period, shared with the partner named and marked
    acted on by the day judged (listed by panel)."""
    parts = _Parts()
    day = judged(end, as_of)
    rows = PanelLearning.objects.filter(
        panel__la=la, panel__held_on__gte=start, panel__held_on__lte=day
    ).order_by("panel_id", "pk")
    for panel, shared, acted in rows.values_list("panel_id", "shared_on", "acted_on"):
        done = shared is not None and acted is not None and acted <= day
        parts.add("counted" if done else "missed", panel)
    return parts.found(of="panel")


# --- termly reports ---------------------------------------------------------------------


def reports_on_time(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Termly QA reports due in the period published by their due date; one not published
    whose date has not passed is left out."""
    parts = _Parts()
    rows = QAReport.objects.filter(la=la, due_on__gte=start, due_on__lte=end).order_by("pk")
    for report in rows:
        parts.add(on_time(report.due_on, report.published_on, as_of), report.pk)
    return parts.found(of="report")


def recommendations_implemented(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Termly report recommendations due in the period implemented by the day judged; one
    not implemented whose date has not passed is left out. Listed by their report."""
    parts = _Parts()
    rows = QARecommendation.objects.filter(report__la=la, due_on__gte=start, due_on__lte=end)
    for rec in rows.order_by("report_id", "pk"):
        if by(rec.implemented_on, as_of) is not None:
            parts.add("counted", rec.report_id)
        else:
            parts.add("missed" if rec.due_on < as_of else "open", rec.report_id)
    return parts.found(of="report")


MEASURES: dict[str, Measure] = {
    "audit-coverage": audit_coverage,
    "audits-completed": audits_completed,
    "audit-sample-with-review": sample_with_review,
    "plans-good-outstanding": good_or_outstanding,
    "plans-outcomes-good-outstanding": outcomes_good_or_outstanding,
    "new-plans-level-2": new_plans_good,
    "reviews-meet-standard": reviews_meet_standard,
    "audit-cross-agency": cross_organisation,
    "moderation-rounds": rounds_held,
    "moderation-agreement": agreement,
    "audit-actions-on-time": actions_on_time,
    "advice-moderated": advice_with_feedback,
    "advice-quality": advice_meets_criteria,
    "social-care-advice-quality": social_care_advice_meets_criteria,
    "learning-summaries": summaries_published,
    "qa-reports-on-time": reports_on_time,
    "qa-recommendations-implemented": recommendations_implemented,
    "advice-improved-after-feedback": advice_improved,
    "panel-decisions-shared": panel_decisions_shared,
    "panel-learning-acted-on": panel_learning_acted_on,
}


def profiles_meet_standard(la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """Needs profiles graded in the period (``ProfileAudit.graded_on``) meeting the standard
    (Good or Outstanding), listed by their audit (``of="profile-audit"``)."""
    day = judged(end, as_of)
    rows = ProfileAudit.objects.filter(la=la, graded_on__gte=start, graded_on__lte=day).values_list(
        "pk", "meets_standard"
    )
    counted = tuple(pk for pk, meets in rows if meets)
    missed = tuple(pk for pk, meets in rows if not meets)
    return Found(counted, missed, of="profile-audit")


#: The ND needs profiles' audit (a pathways KPI, counted from the QA room's records).
PROFILE_MEASURES: dict[str, Measure] = {"nd-profiles-meeting-standard": profiles_meet_standard}


def count(name: str, la: LocalAuthority, start: date, end: date, as_of: date) -> Found:
    """The measure ``name`` for the period ``start``–``end`` as of ``as_of``."""
    return (MEASURES | PROFILE_MEASURES)[name](la, start, end, as_of)


__all__ = ["MEASURES", "PROFILE_MEASURES", "Found", "count"]
