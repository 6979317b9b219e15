"""Reminders and chasers, queued each morning by the scheduled ``reminders`` job (ADR 0017).

- **Review coming up**: ``SENDA_REVIEW_REMINDER_WEEKS`` (default 8) before the clock's
  annual-review due date, to the staff of the child's setting.
- **Report due**: a report whose meeting is set and which has not been sent is due 2 weeks
  after the meeting (reg 20(7)); a reminder 3 days before, to the setting's staff.
- **Report chaser**: the day after it was due, then weekly, at most 3.
- **Advice reminder**: an open advice request due within 7 days, to the team's members;
  **advice chaser** when it is late, then weekly, at most 3.
- **Family survey**: a review or a plan issued in the last 7 days opens a survey
  (``senda.portal.surveys``); the child's family members with an account, who see the
  record and prefer email, are told once, unless they have answered already.

Each message has a ``dedupe_key`` (task, stage, recipient), so it goes once however often
the job runs; a task that is done (the review held, the report sent, the advice answered)
matches none of the queries, so its reminders stop. Messages never name the child: the
case reference (``R-…``) and a link into Senda, where the detail is behind sign-in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse

from senda.casework.models import Case, CaseEvent, DeadlineRow
from senda.clock import OPEN
from senda.people.access import staff_of_setting
from senda.people.models import FamilyContact
from senda.portal import notify, surveys
from senda.portal.models import AdviceRequest, Message, ReviewReport

__all__ = ["REPORT_DAYS", "run"]

#: The clock's rules for the next review meeting.
REVIEW_RULES = ("annual-review", "transfer-in-review")
#: The report reaches the council within 2 weeks of the meeting (reg 20(7), 21(7)).
REPORT_DAYS = 14
REPORT_REMINDER_DAYS = 3
ADVICE_REMINDER_DAYS = 7
CHASERS = 3


@dataclass(frozen=True, slots=True)
class Reminder:
    case: Case
    template: str
    key: str  # the task and stage; the recipient is added
    fields: dict[str, str]


def run(*, today: date) -> int:
    """Queue today's reminders and chasers; answers how many messages were queued."""
    queued = 0
    every = (*_reviews(today), *_reports(today), *_advice(today), *_surveys(today))
    for reminder, recipients in every:
        queued += _send(reminder, recipients)
    return queued


def _reviews(today: date) -> Iterator[tuple[Reminder, list[Any]]]:
    weeks = int(settings.SENDA_REVIEW_REMINDER_WEEKS)
    rows = DeadlineRow.objects.filter(
        rule__in=REVIEW_RULES,
        done__isnull=True,
        status__in=sorted(OPEN),
        due__gte=today,
        due__lte=today + timedelta(weeks=weeks),
        case__status=Case.Status.OPEN,
        case__child__setting__isnull=False,
    ).select_related("case__child")
    for row in rows:
        fields = {"due": _day(row.due)}
        key = f"review_coming_up:{row.case_id}:{row.due:%Y%m%d}"
        reminder = Reminder(row.case, "review_coming_up", key, fields)
        yield reminder, setting_staff(row.case.child.setting_id, today)


def _reports(today: date) -> Iterator[tuple[Reminder, list[Any]]]:
    reports = ReviewReport.objects.filter(
        status=ReviewReport.Status.DRAFT,
        meeting_on__isnull=False,
        meeting_on__gte=today - timedelta(days=REPORT_DAYS + 1 + 7 * CHASERS),
        meeting_on__lte=today - timedelta(days=REPORT_DAYS - REPORT_REMINDER_DAYS),
        case__status=Case.Status.OPEN,
    ).select_related("case")
    for report in reports:
        due = report.meeting_on + timedelta(days=REPORT_DAYS)
        fields = {"meeting": _day(report.meeting_on), "due": _day(due)}
        stage = _stage(today, due)
        template = "report_due" if stage == "due" else "report_chaser"
        key = f"{template}:{report.pk}:{stage}"
        yield Reminder(report.case, template, key, fields), setting_staff(report.setting_id, today)


def _advice(today: date) -> Iterator[tuple[Reminder, list[Any]]]:
    requests = AdviceRequest.objects.filter(
        status=AdviceRequest.Status.OPEN,
        due_on__gte=today - timedelta(days=1 + 7 * CHASERS),
        due_on__lte=today + timedelta(days=ADVICE_REMINDER_DAYS),
        case__status=Case.Status.OPEN,
    ).select_related("case", "team")
    for request in requests:
        fields = {"team": request.team.name, "due": _day(request.due_on)}
        stage = _stage(today, request.due_on)
        template = "advice_reminder" if stage == "due" else "advice_chaser"
        key = f"{template}:{request.pk}:{stage}"
        members = request.team.members.filter(is_active=True).exclude(email="")
        yield Reminder(request.case, template, key, fields), list(members)


#: A survey's step recorded this many days ago or less is announced (the job runs daily).
SURVEY_NOTICE_DAYS = 7


def _surveys(today: date) -> Iterator[tuple[Reminder, list[Any]]]:
    events = (
        CaseEvent.objects.current()
        .filter(
            type__in=list(surveys.SURVEY_EVENTS),
            on__gte=today - timedelta(days=SURVEY_NOTICE_DAYS),
            on__lte=today,
        )
        .select_related("case__child", "case__la")
    )
    for event in events:
        offered = [
            user
            for user in _family_users(event.case)
            if any(o.event.pk == event.pk for o in surveys.open_events(user, event.case, today))
        ]
        closes = event.on + timedelta(days=surveys.survey_days())
        fields = {"closes": _day(closes)}
        reminder = Reminder(event.case, "family_survey", f"family_survey:{event.pk}", fields)
        yield reminder, offered


def _family_users(case: Case) -> list[Any]:
    """The child's family members with an account and an email address who prefer email."""
    contacts = FamilyContact.objects.filter(
        child_id=case.child_id, user__isnull=False, user__is_active=True, contact_by="email"
    ).select_related("user")
    return list({c.user.pk: c.user for c in contacts if c.user.email}.values())


def survey_link(case: Case) -> str:
    return notify.site_link(reverse("web:family-survey", args=[case.pk]))


def _stage(today: date, due: date) -> str:
    """``due`` up to the due date; then ``chaser-1`` the day after, ``chaser-2`` a week
    later, ``chaser-3`` a week after that (the last)."""
    if today <= due:
        return "due"
    return f"chaser-{min((today - due).days - 1, 7 * (CHASERS - 1)) // 7 + 1}"


def setting_staff(setting_id: int | None, today: date) -> list[Any]:
    """Who works for the setting now (``people.access.staff_of_setting``), with an email
    address."""
    return list(staff_of_setting(setting_id, today).exclude(email=""))


def _send(reminder: Reminder, recipients: Iterable[Any]) -> int:
    case = reminder.case
    queued = 0
    for user in recipients:
        key = f"{reminder.key}:{user.pk}"
        if Message.objects.filter(dedupe_key=key).exists():
            continue
        message = notify.send(
            la=case.la,
            to=user.email,
            template=reminder.template,
            personalisation={
                "name": user.get_full_name() or user.username,
                "reference": notify.case_reference(case),
                "link": survey_link(case)
                if reminder.template == "family_survey"
                else case_link(case),
                **reminder.fields,
            },
            user=user,
            case=case,
            dedupe_key=key,
        )
        queued += message is not None
    return queued


def case_link(case: Case) -> str:
    """The case in Senda (its page asks who may see it)."""
    return notify.site_link(reverse("web:case-detail", args=[case.pk]))


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
