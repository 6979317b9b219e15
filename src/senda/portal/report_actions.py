"""What a setting's staff do to a review report: start it, set the meeting date, record the
invitations, save each section as they go, send it to the council; and the one question
after sending. Keyword-only, atomic, audited; only the staff of the child's setting may
write (``senda.portal.access``). The statutory steps go through casework's own actions,
the ones an officer's form calls: one path, and the clock starts the council's steps.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from senda import audit, kernel
from senda.casework import actions as casework
from senda.casework.actions.adulthood import from_year_9
from senda.casework.models import Case, CaseEvent, DeadlineRow, Review
from senda.clock import OPEN, REVIEW_DUE_RULES
from senda.kernel import WHOLE_FORM, ActionError, check_not_future, check_permission
from senda.people.models import LocalAuthority
from senda.portal import feedback
from senda.portal.access import setting_ids
from senda.portal.models import PortalFeedback, ReviewReport
from senda.portal.report_sections import EARLIEST, LATEST, Section, clean_answers, questions_for
from senda.portal.report_sections import section as find_section
from senda.portal.reviews import (
    OPEN_REPORT,
    SENT,
    current_report,
    cycle_dates,
    cycle_events,
    live_plan,
    missing_sections,
    plan_outcomes,
    sections_for,
)

__all__ = [
    "record_feedback",
    "record_invitations_sent",
    "save_section",
    "set_meeting_date",
    "start_report",
    "submit",
]

NOT_STAFF = "Only the staff of the child's school or setting can work on this review."
LOCKED = "This report has been sent to the council: it can change only if the council returns it."


def _check_staff(case: Case, by: User) -> None:
    check_permission(case.child.setting_id in setting_ids(by), NOT_STAFF)


def _locked(report: ReviewReport, by: User) -> ReviewReport:
    """The report locked for writing, after checking ``by`` may write to it."""
    locked = ReviewReport.objects.select_for_update().get(pk=report.pk)
    case = Case.objects.select_related("child").get(pk=locked.case_id)
    _check_staff(case, by)
    check_permission(locked.setting_id in setting_ids(by), NOT_STAFF)
    return locked


def _editable(report: ReviewReport) -> None:
    if report.status not in OPEN_REPORT:
        raise ActionError(WHOLE_FORM, LOCKED)


def _audit(report: ReviewReport, by: User, what: str) -> None:
    audit.record(
        user=by,
        verb="write",
        obj=report,
        child=report.case.child,
        summary=f"case {report.case_id}: review report {report.pk} {what}",
    )


def _due_on(case: Case, today: date) -> date:
    """When the review is due: its open row in the clock's answer (else today: an interim
    review, or one the clock does not ask for yet)."""
    row = (
        DeadlineRow.objects.filter(case=case, rule__in=sorted(REVIEW_DUE_RULES), status__in=OPEN)
        .order_by("due")
        .first()
    )
    return row.due if row is not None else today


def _adopt(report: ReviewReport) -> list[str]:
    """Take the case's recorded steps of this review (an officer's or the history's) into
    the report: the recorded meeting's date, the recorded invitations' date. The fields
    changed (not saved)."""
    dates = cycle_dates(None, cycle_events(report.case))
    changed = []
    if dates.meeting_on is not None and report.meeting_on != dates.meeting_on:
        report.meeting_on = dates.meeting_on
        changed.append("meeting_on")
    if dates.invitations_on is not None and report.invitations_sent_on is None:
        report.invitations_sent_on = dates.invitations_on
        changed.append("invitations_sent_on")
    return changed


@transaction.atomic
def start_report(*, case: Case, by: User, today: date | None = None) -> ReviewReport:
    """The report of the case's review under way: the open (draft or returned) or sent one
    if there is one, else a new draft for the current plan. One at a time per review."""
    today = today or kernel.today()
    case = Case.objects.select_for_update().select_related("child").get(pk=case.pk)
    _check_staff(case, by)
    if not case.is_open:
        raise ActionError(WHOLE_FORM, "This case is closed: there is no review to report on.")
    existing = current_report(case)
    if existing is not None:
        if existing.status in OPEN_REPORT and (changed := _adopt(existing)):
            existing.save(update_fields=[*changed, "updated_at"])
            _audit(existing, by, "recorded steps adopted")
        return existing
    plan = live_plan(case, today)
    if plan is None:
        raise ActionError(WHOLE_FORM, "This child has no current EHC plan to review.")
    report = ReviewReport.objects.create(
        case=case,
        plan=plan,
        setting_id=case.child.setting_id,
        due_on=_due_on(case, today),
        created_by=by,
    )
    if changed := _adopt(report):
        report.save(update_fields=[*changed, "updated_at"])
    _audit(report, by, "started")
    return report


@transaction.atomic
def set_meeting_date(*, report: ReviewReport, on: date | None, by: User) -> ReviewReport:
    """The date of the review meeting (planned or held)."""
    report = _locked(report, by)
    _editable(report)
    on = kernel.required_date(on, "on", "Enter the date of the review meeting")
    if not EARLIEST <= on <= LATEST:
        raise ActionError("on", "The date of the review meeting must be a real date")
    if report.invitations_sent_on is not None and on < report.invitations_sent_on:
        raise ActionError(
            "on", "The date of the review meeting must be after the invitations were sent"
        )
    recorded = cycle_dates(None, cycle_events(report.case))
    if report.review_id is not None or recorded.meeting_recorded:
        raise ActionError("on", "The meeting is recorded: ask the council to correct its date")
    if recorded.invitations_on is not None and on < recorded.invitations_on:
        raise ActionError(
            "on", "The date of the review meeting must be after the invitations were sent"
        )
    report.meeting_on = on
    report.save(update_fields=["meeting_on", "updated_at"])
    _audit(report, by, "meeting date set")
    return report


@transaction.atomic
def record_invitations_sent(
    *, report: ReviewReport, on: date | None, by: User, today: date | None = None
) -> ReviewReport:
    """The invitations to the meeting went out on ``on``: recorded on the case through
    casework (the clock then checks the 2 weeks' notice, reg 20(3)). Invitations already
    recorded on the case for this review (by an officer, or in the history) are not
    recorded twice: the report takes their date, and ``on`` is not used."""
    today = today or kernel.today()
    report = _locked(report, by)
    _editable(report)
    if report.invitations_sent_on is not None:
        raise ActionError(
            "on",
            "The invitations are already recorded as sent on "
            f"{kernel.long_date(report.invitations_sent_on)}",
        )
    recorded = cycle_dates(None, cycle_events(report.case)).invitations_on
    if recorded is not None:
        report.invitations_sent_on = recorded
        report.save(update_fields=["invitations_sent_on", "updated_at"])
        _audit(report, by, "recorded invitations adopted")
        return report
    on = kernel.required_date(on, "on", "Enter the date the invitations were sent")
    if report.meeting_on is None:
        raise ActionError(WHOLE_FORM, "Set the date of the review meeting first")
    check_not_future(on, today)
    if on > report.meeting_on:
        raise ActionError("on", "The invitations must be sent before the meeting")
    casework.record_review_invitations(case=report.case, on=on, by=by, today=today)
    report.invitations_sent_on = on
    report.save(update_fields=["invitations_sent_on", "updated_at"])
    _audit(report, by, "invitations recorded")
    return report


def section_questions(report: ReviewReport, sec: Section) -> list[Any]:
    return questions_for(sec, plan_outcomes(report.plan))


@transaction.atomic
def save_section(
    *,
    report: ReviewReport,
    section: str,
    answers: dict[str, Any],
    done: bool,
    by: User,
    today: date | None = None,
) -> ReviewReport:
    """Save one section's answers as a draft; ``done`` marks it completed (then every
    required answer must be given). The first problem found is raised on its question."""
    today = today or kernel.today()
    report = _locked(report, by)
    _editable(report)
    sec = find_section(section)
    applicable = {s.slug for s in sections_for(report.case, today)}
    if sec is None or sec.slug not in applicable:
        raise ActionError(WHOLE_FORM, "This report has no such section.")
    clean, problems = clean_answers(section_questions(report, sec), answers, done=bool(done))
    if problems:
        question, message = next(iter(problems.items()))
        raise ActionError(question, message)
    report.answers = {**(report.answers or {}), sec.slug: clean}
    completed = [s for s in (report.completed_sections or []) if s != sec.slug]
    report.completed_sections = [*completed, sec.slug] if done else completed
    fields = ["answers", "completed_sections", "updated_at"]
    if sec.slug == "recommendation":
        report.recommendation = clean.get("recommendation", "")
        fields.append("recommendation")
    if sec.slug == "advice":
        report.health_advice = _yes(clean.get("health_advice"))
        report.social_care_advice = _yes(clean.get("social_care_advice"))
        fields += ["health_advice", "social_care_advice"]
    report.save(update_fields=fields)
    _audit(report, by, f"section {sec.slug} saved{' as completed' if done else ''}")
    return report


def _yes(answer: str | None) -> bool | None:
    return None if not answer else answer == "yes"


@transaction.atomic
def submit(*, report: ReviewReport, by: User, today: date | None = None) -> ReviewReport:
    """Send the report to the council. Records the meeting through casework if no review
    meeting of that date is recorded, then the report's receipt (today). Sending a report
    already sent changes nothing. A returned report is sent again; its receipt is recorded
    again only when none stands for that meeting (the clock allows one per review)."""
    today = today or kernel.today()
    report = _locked(report, by)
    if report.status in SENT:
        return report
    case = report.case
    missing = missing_sections(report, sections_for(case, today))
    if missing:
        names = ", ".join(s.title.lower() for s in missing)
        raise ActionError(WHOLE_FORM, f"Complete every section before sending: {names}")
    if report.meeting_on is None:
        raise ActionError(WHOLE_FORM, "Set the date of the review meeting before sending")
    if report.meeting_on > today:
        raise ActionError(WHOLE_FORM, "Send the report after the review meeting has taken place")
    review = case.reviews.filter(meeting_on=report.meeting_on).order_by("id").last()
    if review is None:
        casework.record_review_meeting(case=case, on=report.meeting_on, by=by, today=today)
        review = case.reviews.filter(meeting_on=report.meeting_on).order_by("id").last()
    received = CaseEvent.objects.current().filter(
        case=case, type="review_report_received", on__gte=report.meeting_on
    )
    if not received.exists():
        casework.record_review_report(case=case, on=today, by=by, today=today)
    _record_adulthood(report, review, by, today)
    report.status = ReviewReport.Status.SUBMITTED
    report.review = review
    report.submitted_at, report.submitted_on, report.submitted_by = timezone.now(), today, by
    report.save(
        update_fields=[
            "status",
            "review",
            "submitted_at",
            "submitted_on",
            "submitted_by",
            "updated_at",
        ]
    )
    _audit(report, by, "sent to the council")
    return report


def _record_adulthood(report: ReviewReport, review: Review | None, by: User, today: date) -> None:
    """The report's preparing-for-adulthood answers, recorded on the review through
    casework (so the council's KPI counts them) when the young person was in Year 9 or
    above at the meeting."""
    answers = (report.answers or {}).get("adulthood")
    if review is None or not answers:
        return
    if not from_year_9(report.case.child.date_of_birth, review.meeting_on):
        return
    casework.record_adulthood_outcomes(
        review=review, outcomes=answers, via="report", by=by, today=today
    )


def record_feedback(
    *, la: LocalAuthority, user: User, answer: int, about: str, today: date | None = None
) -> PortalFeedback:
    """One answer to "The portal was easy to use" (1 strongly disagree – 5 strongly agree),
    after a report was sent (``senda.portal.feedback``)."""
    return feedback.record_feedback(la=la, user=user, answer=answer, about=about, today=today)
