"""Advice requests: the council asks a team for advice on one child (for an assessment,
reg 6–8, six weeks; or for a review). The team sees a task, answers with a form and/or
files, and that records ``advice_received`` through the casework action."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.models import Case, CaseEvent
from senda.people.models import AccessGrant, AdviceTeam


class AdviceRequest(models.Model):
    class Kind(models.TextChoices):
        ASSESSMENT = "assessment", "EHC needs assessment"
        REVIEW = "review", "Annual review"

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for advice"
        ANSWERED = "answered", "Advice sent"
        DECLINED = "declined", "Not involved"
        WITHDRAWN = "withdrawn", "Withdrawn by the council"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="advice_requests")
    team = models.ForeignKey(AdviceTeam, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    question = models.TextField(help_text="What the council asks the team to advise on.")
    requested_on = models.DateField()
    due_on = models.DateField()
    requested_event = models.ForeignKey(
        CaseEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    grant = models.OneToOneField(
        AccessGrant, on_delete=models.PROTECT, related_name="advice_request"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_event = models.ForeignKey(
        CaseEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["team", "status"], name="advice_team_status_idx")]

    def __str__(self) -> str:
        return f"Advice request {self.pk}"
