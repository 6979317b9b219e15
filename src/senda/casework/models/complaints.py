"""Complaints about a case: the triage score counts the open ones.

A complaint is recorded by staff or made by a family online; it carries its subject
category, the council's two stages (response times per local area, defaulting to the LGSCO
Complaint Handling Code's 10 and 20 working days), its outcome, the learning, and any
escalation to the Local Government and Social Care Ombudsman.
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

    class Category(models.TextChoices):
        REVIEW_TIMELINESS = "review_timeliness", "Annual reviews not on time"
        PLAN_UPDATES = "plan_updates", "Plan not updated"
        ASSESSMENT_DELAY = "assessment_delay", "Assessment or plan delayed"
        COMMUNICATION = "communication", "Communication"
        PROVISION = "provision", "Provision not delivered"
        OTHER = "other", "Other"

    class OmbudsmanDecision(models.TextChoices):
        UPHELD = "upheld", "Upheld (fault found)"
        NOT_UPHELD = "not_upheld", "Not upheld"
        NOT_INVESTIGATED = "not_investigated", "Not investigated"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="complaints")
    category = models.CharField(max_length=20, choices=Category.choices, default="other")
    made_online = models.BooleanField(default=False, help_text="Made by the family in Senda.")
    summary = models.TextField(blank=True, help_text="What the complaint is about.")
    received_on = models.DateField()
    stage = models.PositiveSmallIntegerField(choices=Stage.choices, default=Stage.STAGE_1)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=14, choices=Outcome.choices, blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    stage1_responded_on = models.DateField(null=True, blank=True)
    extended_to = models.DateField(
        null=True,
        blank=True,
        help_text="A stage 1 extension's new date (at most 10 more working days).",
    )
    extension_reason = models.TextField(blank=True)
    escalated_on = models.DateField(
        null=True, blank=True, help_text="When the family asked for stage 2."
    )
    stage2_responded_on = models.DateField(null=True, blank=True)
    learning = models.TextField(blank=True, help_text="What the service learned.")
    ombudsman_on = models.DateField(null=True, blank=True)
    ombudsman_reference = models.CharField(max_length=20, blank=True)
    ombudsman_decided_on = models.DateField(null=True, blank=True)
    ombudsman_decision = models.CharField(
        max_length=16, choices=OmbudsmanDecision.choices, blank=True
    )
    ombudsman_remedy = models.TextField(blank=True)
    ombudsman_payment = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
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
