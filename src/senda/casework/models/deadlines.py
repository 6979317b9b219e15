"""Deadline rows: the clock's answer for a case, stored so lists and KPIs can query it."""

from __future__ import annotations

from django.db import models

from senda.casework.models.cases import Case


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
