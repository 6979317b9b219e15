"""Storing the clock's answer for a case as deadline rows (the case goes into the clock
through ``casework.clock_input``, the one adapter)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

import senda.clock as clock
from senda.casework.clock_input import case_deadlines
from senda.casework.models import Case, CaseEvent, DeadlineRow
from senda.casework.summary import SUMMARY_FIELDS, summarise
from senda.rows import unsaved


def deadline_rows(case: Case, deadlines: list[clock.Deadline], today: date) -> list[DeadlineRow]:
    """Unsaved rows holding the clock's answer for ``case`` as of ``today``."""
    return [
        unsaved(
            DeadlineRow,
            case_id=case.pk,
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
    deadlines = case_deadlines(case, events, today)
    summarise(case, events, deadlines, today=today)
    case.save(update_fields=SUMMARY_FIELDS)
    DeadlineRow.objects.filter(case=case).delete()
    return DeadlineRow.objects.bulk_create(deadline_rows(case, deadlines, today))


def live_deadlines(case: Case, events: Iterable[CaseEvent], today: date) -> list[clock.Deadline]:
    """The clock's answer as of today (pure, no query): statuses are right even on a day
    the stored deadline rows were not refreshed."""
    return case_deadlines(case, [e.as_clock_event() for e in events], today)
