"""Deadline rows: the clock's answer for a case, stored so lists and KPIs can query it."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from senda.casework.models.cases import Case
from senda.clock import EXCEPTED, OPEN


class DeadlineRow(models.Model):
    """Derived, never typed: ``refresh_deadlines`` replaces a case's rows on every change."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    rule = models.CharField(max_length=40)
    due = models.DateField()
    done = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10)
    citation = models.CharField(max_length=200)
    discipline = models.CharField(max_length=50, blank=True)
    evaluated_for = models.DateField(help_text="The 'today' the clock was asked about.")

    class Meta:
        ordering = ["due", "rule"]
        indexes = [
            models.Index(fields=["status", "due"], name="deadline_status_due_idx"),
            # KPIs select one rule's rows by when they were done or fell due.
            models.Index(fields=["rule", "done"], name="deadline_rule_done_idx"),
            models.Index(fields=["rule", "due"], name="deadline_rule_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} due {self.due:%Y-%m-%d} ({self.status})"


def overdue_on(day: date, via: str = "") -> Q:
    """The deadline rows that count as overdue on ``day``, on every page and in every KPI:
    due before ``day``, not done by then, still owed, of an open case.

    Still owed: a row not done yet is ``pending`` or ``overdue`` (not ``excepted``, not
    ``lapsed`` because its plan ceased, not a closed comment window); a row done after
    ``day`` counted then unless an exception applies. A closed case's deadlines count
    nowhere (its case status is read as it is now, for past days too). ``via``: the path
    from the model queried to its deadline rows, e.g. ``"deadlines__"`` from a case.
    :func:`row_overdue_on` is the same test without the case's status."""
    return row_overdue_on(day, via) & Q(**{f"{via}case__status": Case.Status.OPEN})


def row_overdue_on(day: date, via: str = "") -> Q:
    """:func:`overdue_on` less its case test: only for rows reached through open cases
    already (a ``FilteredRelation`` cannot reach back to the case)."""
    owed = Q(**{f"{via}done__isnull": True, f"{via}status__in": sorted(OPEN)})
    done_later = Q(**{f"{via}done__gt": day}) & ~Q(**{f"{via}status": EXCEPTED})
    return Q(**{f"{via}due__lt": day}) & (owed | done_later)
