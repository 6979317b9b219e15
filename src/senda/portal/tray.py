"""The council's received tray: review reports the settings sent, waiting to be logged,
oldest first, with the ``review-logged`` deadline; and advice answered lately.

Logging a report records the ``review_logged`` step through casework (one path with the
officer's step form); returning it sends it back to the setting with the officer's reason
(kept as a :class:`~senda.portal.models.ReportReturn`) and tells the setting's staff.
Support and challenge for settings is in :mod:`senda.portal.support` (re-exported here).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from senda import audit, kernel
from senda.casework.actions import record_review_logged
from senda.casework.models import DeadlineRow
from senda.kernel import WHOLE_FORM, ActionError, check_permission, required_text
from senda.people.access import staff_of_setting
from senda.people.models import LocalAuthority, Membership
from senda.people.names import display_name
from senda.portal import notify
from senda.portal.models import AdviceRequest, ReportReturn, ReviewReport
from senda.portal.report_sections import SECTIONS
from senda.portal.reviews import answer_summary, plan_outcomes, sections_for
from senda.portal.support import (
    escalate,
    escalated_cases,
    late_cases,
    late_settings,
    record_support_contact,
    resolve_escalation,
    supported_settings,
)

__all__ = [
    "REASON_MAX",
    "RECENT_ADVICE_DAYS",
    "TrayEntry",
    "answered_advice",
    "escalate",
    "escalated_cases",
    "late_cases",
    "late_settings",
    "log_report",
    "logged_deadline",
    "received_tray",
    "record_support_contact",
    "resolve_escalation",
    "return_report",
    "setting_staff",
    "supported_settings",
]

#: The longest reason for returning a report (it goes in a message).
REASON_MAX = 500
#: Answered advice stays in the tray this many days.
RECENT_ADVICE_DAYS = 28
#: The clock's rule for logging a review (a local standard).
LOGGED_RULE = "review-logged"


@dataclass(frozen=True, slots=True)
class TrayEntry:
    """One report in the tray: when it came, how long since the meeting, when it must be
    logged by (None when the area has no such standard) and whether that has passed."""

    report: ReviewReport
    received_on: date | None
    days_since_meeting: int | None
    logged_due: date | None
    overdue: bool


def submitted_reports(la: LocalAuthority) -> QuerySet[ReviewReport]:
    """``la``'s reports sent by a setting and not yet logged or returned, oldest first."""
    return (
        ReviewReport.objects.filter(case__la=la, status=ReviewReport.Status.SUBMITTED)
        .select_related("case", "setting")
        .order_by("submitted_on", "submitted_at", "id")
    )


def received_tray(la: LocalAuthority, today: date) -> list[TrayEntry]:
    """The tray: every submitted report of ``la``, oldest first (two queries)."""
    reports = list(submitted_reports(la))
    rows: dict[int, list[DeadlineRow]] = defaultdict(list)
    for row in DeadlineRow.objects.filter(
        rule=LOGGED_RULE, case_id__in={r.case_id for r in reports}
    ).order_by("due"):
        rows[row.case_id].append(row)
    return [_entry(report, rows[report.case_id], today) for report in reports]


def _entry(report: ReviewReport, rows: list[DeadlineRow], today: date) -> TrayEntry:
    due = logged_deadline(report, rows)
    meeting = report.meeting_on
    return TrayEntry(
        report=report,
        received_on=report.submitted_on,
        days_since_meeting=(today - meeting).days if meeting else None,
        logged_due=due,
        overdue=due is not None and due < today,
    )


def logged_deadline(report: ReviewReport, rows: list[DeadlineRow]) -> date | None:
    """The ``review-logged`` due date for ``report``'s meeting: the first such row of the
    case due on or after the meeting (the clock gives one per meeting)."""
    meeting = report.meeting_on
    for row in rows:
        if meeting is None or row.due >= meeting:
            return row.due
    return None


def answered_advice(la: LocalAuthority, today: date) -> QuerySet[AdviceRequest]:
    """Advice answered in the last ``RECENT_ADVICE_DAYS`` days, oldest answer first."""
    return (
        AdviceRequest.objects.filter(
            case__la=la,
            status=AdviceRequest.Status.ANSWERED,
            answered_on__gte=today - timedelta(days=RECENT_ADVICE_DAYS),
            answered_on__lte=today,
        )
        .select_related("case", "team")
        .order_by("answered_on", "id")
    )


def check_casework_staff(by: User, la_id: int) -> None:
    """Refuse anyone but the area's case officers, team managers and service managers."""
    membership = Membership.objects.filter(user_id=by.pk).first()
    check_permission(
        membership is not None and membership.can_write_casework(la_id),
        "Only the council's casework staff can do this.",
    )


def _locked(report: ReviewReport) -> ReviewReport:
    return (
        ReviewReport.objects.select_for_update()
        .select_related("case__child", "case__la", "setting")
        .get(pk=report.pk)
    )


@transaction.atomic
def log_report(*, report: ReviewReport, by: User, today: date | None = None) -> ReviewReport:
    """Log a submitted report: the ``review_logged`` step on its case, dated ``today``.
    Logging a logged report again changes nothing."""
    report = _locked(report)
    check_casework_staff(by, report.case.la_id)
    if report.status == ReviewReport.Status.LOGGED:
        return report
    if report.status != ReviewReport.Status.SUBMITTED:
        raise ActionError(WHOLE_FORM, "Only a report the setting has sent can be logged.")
    today = today or kernel.today()
    review = report.review
    if review is None or review.logged_on is None:
        record_review_logged(case=report.case, on=today, by=by, today=today)
    report.status, report.logged_at = ReviewReport.Status.LOGGED, timezone.now()
    report.save(update_fields=["status", "logged_at", "updated_at"])
    audit.record(
        user=by,
        verb="write",
        obj=report,
        child=report.case.child,
        summary=f"case {report.case_id}: review report {report.pk} logged",
    )
    return report


def check_reason(reason: str, child: Any) -> str:
    """The officer's reason, stripped: required, at most ``REASON_MAX`` characters, and
    without the child's names (it goes in a message)."""
    text = required_text(reason, "reason", "Enter why you are returning the report")
    if len(text) > REASON_MAX:
        raise ActionError("reason", f"The reason must be {REASON_MAX} characters or fewer")
    for name in (child.given_name, child.family_name):
        name = (name or "").strip()
        if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            raise ActionError(
                "reason",
                "The reason must not name the child: it is sent by email, "
                "which must hold no personal details",
            )
    return text


@transaction.atomic
def return_report(
    *, report: ReviewReport, reason: str, by: User, today: date | None = None
) -> ReviewReport:
    """Send a submitted report back to its setting with ``reason``, and tell the
    setting's current staff (one message each; the reason, never the child's name)."""
    report = _locked(report)
    check_casework_staff(by, report.case.la_id)
    if report.status != ReviewReport.Status.SUBMITTED:
        raise ActionError(WHOLE_FORM, "Only a report the setting has sent can be returned.")
    text = check_reason(reason, report.case.child)
    today = today or kernel.today()
    ReportReturn.objects.create(report=report, reason=text, returned_by=by)
    report.status, report.returned_reason = ReviewReport.Status.RETURNED, text
    report.returned_at = timezone.now()
    report.save(update_fields=["status", "returned_reason", "returned_at", "updated_at"])
    audit.record(
        user=by,
        verb="write",
        obj=report,
        child=report.case.child,
        summary=f"case {report.case_id}: review report {report.pk} returned",
    )
    for person in setting_staff(report.setting_id, today):
        if person.email:
            notify.send(
                la=report.case.la,
                to=person.email,
                template="report_returned",
                personalisation={
                    "name": display_name(person),
                    "reference": notify.case_reference(report.case),
                    "reason": text,
                    "link": report_link(report),
                },
                user=person,
                case=report.case,
                by=by,
            )
    return report


def setting_staff(setting_id: int, today: date) -> list[User]:
    """The setting's current staff (``people.access.staff_of_setting``)."""
    return list(staff_of_setting(setting_id, today))


def report_link(report: ReviewReport) -> str:
    """A link into Senda for the setting's staff: the review's task list in the portal
    (``SENDA_SITE_URL`` and the path; the case id is opaque, the detail behind sign-in)."""
    return notify.site_link(reverse("web:portal-review", kwargs={"case_id": report.case_id}))


@dataclass(frozen=True, slots=True)
class AnswerSection:
    """One section of a report's answers, as rows of (question, answer) text."""

    id: str
    title: str
    rows: list[tuple[str, str]]


def report_answers(report: ReviewReport, today: date) -> list[AnswerSection]:
    """The report's answers section by section, read as the setting's check page reads them
    (``senda.portal.reviews.answer_summary``: the questions, the answers' text, "" for one
    not given): the sections the child's report has, and any other defined section it
    holds answers to; then any answers under a section the definitions do not know."""
    given = report.answers if isinstance(report.answers, dict) else {}
    wanted = {s.slug for s in sections_for(report.case, today)} | set(given)
    sections = [s for s in SECTIONS if s.slug in wanted]
    outcomes = plan_outcomes(report.plan)
    found = [
        AnswerSection(sec.slug, sec.title, rows)
        for sec, rows, _state in answer_summary(report, sections, outcomes)
    ]
    known = {s.slug for s in SECTIONS}
    found += [
        AnswerSection(str(key), _label(str(key)), _rows(value))
        for key, value in given.items()
        if key not in known
    ]
    return found


def _label(key: str) -> str:
    text = key.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def _text(value: Any) -> str:
    if value is None or value == "":
        return "Not provided"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value) or "Not provided"
    if isinstance(value, dict):
        return "; ".join(f"{_label(str(k))}: {_text(v)}" for k, v in value.items())
    return str(value)


def _rows(answers: Any) -> list[tuple[str, str]]:
    if isinstance(answers, dict):
        return [(_label(str(k)), _text(v)) for k, v in answers.items()]
    return [("Answer", _text(answers))]
