"""Support and challenge for settings: the council's contacts with a setting (calls,
visits, training) and escalations of persistent late returns, so "settings receiving
targeted support" and "cases escalated for persistent delays" are counted, not typed."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.people.models import LocalAuthority
from senda.people.models import Setting as School


class SupportContact(models.Model):
    class Kind(models.TextChoices):
        CALL = "call", "Phone call"
        VISIT = "visit", "Visit"
        TRAINING = "training", "Training"
        EMAIL = "email", "Email or letter"

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="+")
    setting = models.ForeignKey(School, on_delete=models.PROTECT, related_name="support")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"Support contact {self.pk}"


class Escalation(models.Model):
    class Level(models.TextChoices):
        TEAM_MANAGER = "team_manager", "Team manager"
        PARTNERSHIP = "partnership", "SEND partnership"

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="+")
    setting = models.ForeignKey(School, on_delete=models.PROTECT, related_name="escalations")
    level = models.CharField(max_length=20, choices=Level.choices)
    reason = models.TextField()
    cases = models.ManyToManyField("casework.Case", blank=True, related_name="escalations")
    on = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"Escalation {self.pk}"
