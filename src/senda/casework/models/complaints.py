"""Complaints about a case: the triage score counts the open ones.

Only the dates, the stage and the outcome are kept here; the complaint's own text lives in
the local area's complaints system, never in Senda's register.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.models.cases import Case


class Complaint(models.Model):
    class Stage(models.IntegerChoices):
        STAGE_1 = 1, "Stage 1 (local resolution)"
        STAGE_2 = 2, "Stage 2 (review)"
        OMBUDSMAN = 3, "Local Government and Social Care Ombudsman"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        PARTLY_UPHELD = "partly_upheld", "Partly upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"
        WITHDRAWN = "withdrawn", "Withdrawn"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="complaints")
    received_on = models.DateField()
    stage = models.PositiveSmallIntegerField(choices=Stage.choices, default=Stage.STAGE_1)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=14, choices=Outcome.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["case", "closed_on"], name="complaint_case_closed_idx")]

    def __str__(self) -> str:
        return f"Complaint {self.pk} received {self.received_on:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
