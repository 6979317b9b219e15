"""Adapting a case into the pure clock and storing its answer as deadline rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

import senda.clock as clock
from senda.casework.models import Case, CaseEvent, DeadlineRow
from senda.casework.summary import SUMMARY_FIELDS, summarise


def clock_child(case: Case) -> clock.Child:
    return clock.Child(date_of_birth=case.child.date_of_birth)


def clock_policy(case: Case) -> clock.LocalPolicy:
    return clock.LocalPolicy(review_logged_working_days=case.la.review_logged_working_days)


def deadline_rows(case: Case, deadlines: list[clock.Deadline], today: date) -> list[DeadlineRow]:
    """Unsaved rows holding the clock's answer for ``case`` as of ``today``."""
    return [
        DeadlineRow(
            case=case,
            rule=d.rule,
            due=d.due,
            done=d.done,
            status=d.status,
            citation=d.citation,
            discipline=d.discipline or "",
            evaluated_for=today,
        )
        for d in deadlines
    ]


@transaction.atomic
def refresh_deadlines(case: Case, *, today: date) -> list[DeadlineRow]:
    """Ask the clock about ``case`` as of ``today``; replace its deadline rows and summary."""
    events = case.clock_events()
    deadlines = clock.evaluate(events, today, child=clock_child(case), policy=clock_policy(case))
    summarise(case, events, deadlines)
    case.save(update_fields=SUMMARY_FIELDS)
    DeadlineRow.objects.filter(case=case).delete()
    return DeadlineRow.objects.bulk_create(deadline_rows(case, deadlines, today))


def live_deadlines(case: Case, events: Iterable[CaseEvent], today: date) -> list[clock.Deadline]:
    """The clock's answer as of today (pure, no query): statuses are right even on a day
    the stored deadline rows were not refreshed."""
    return clock.evaluate(
        [e.as_clock_event() for e in events],
        today,
        child=clock_child(case),
        policy=clock_policy(case),
    )
