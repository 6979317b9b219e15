"""Moderation rounds: a set of plans graded independently by several auditors (each an
``Audit`` of kind moderation, blind to the others until they submit), then the meeting's
agreed grade per plan and the round's themes. Agreement is computed from the grades
recorded before discussion (``quality.agreement``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.quality.models.grades import Grade


class Round(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100, help_text="e.g. 'February 2026'.")
    framework = models.ForeignKey("quality.Framework", on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField()
    grading_due_on = models.DateField()
    meeting_on = models.DateField()
    held_on = models.DateField(null=True, blank=True, help_text="When the meeting was held.")
    themes = models.TextField(blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-meeting_on", "-id"]

    def __str__(self) -> str:
        return f"Moderation round {self.pk}"


class RoundPlan(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="plans")
    plan = models.ForeignKey("casework.Plan", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="+")
    agreed_grade = models.PositiveSmallIntegerField(choices=Grade.choices, null=True, blank=True)
    agreed_note = models.TextField(blank=True)

    class Meta:
        ordering = ["round", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "plan"], name="round_plan_once")]

    def __str__(self) -> str:
        return f"Round plan {self.pk}"
