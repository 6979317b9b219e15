"""The termly QA report: when it was due and published (on time is a KPI), and the
recommendations it made with whether each was implemented."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class QAReport(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    term = models.CharField(max_length=40, help_text="e.g. 'Autumn 2026'.")
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField()
    summary = models.TextField(blank=True, help_text="The QA lead's narrative.")
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["la", "period_start"], name="qa_report_once")
        ]

    def __str__(self) -> str:
        return f"QA report {self.pk}"


class QARecommendation(models.Model):
    report = models.ForeignKey(QAReport, on_delete=models.PROTECT, related_name="recommendations")
    text = models.CharField(max_length=500)
    owner = models.CharField(max_length=200)
    due_on = models.DateField()
    implemented_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return f"Q a recommendation {self.pk}"
