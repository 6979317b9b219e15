"""Notifications: every message Senda sends, whichever backend sends it (the outbox in
the database, or GOV.UK Notify). A message names no child: its reference is opaque and
its personalisation holds what to do and by when, the detail is behind sign-in."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.models import Case
from senda.people.models import LocalAuthority


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        DELIVERED = "delivered", "Delivered"
        TEMPORARY_FAILURE = "temporary-failure", "Failed for now: trying again"
        FAILED = "failed", "Failed"

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="messages")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="messages"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to = models.EmailField()
    template = models.CharField(max_length=40, help_text="Which message (portal.messages).")
    personalisation = models.JSONField(default=dict)
    reference = models.CharField(max_length=40, unique=True, help_text="Opaque, no personal data.")
    dedupe_key = models.CharField(
        max_length=120, blank=True, help_text="A reminder sent once per task and stage."
    )
    backend = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    provider_id = models.CharField(max_length=100, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"], condition=~models.Q(dedupe_key=""), name="message_once"
            )
        ]

    def __str__(self) -> str:
        return f"Message {self.reference}"


class ScheduledRun(models.Model):
    """A scheduled job (the nightly tick, the reminders) that has been queued for a day:
    the worker's scheduler queues each job once a day, however many workers run."""

    job = models.CharField(max_length=40)
    day = models.DateField()
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="scheduled_run_once")]

    def __str__(self) -> str:
        return f"{self.job} on {self.day:%Y-%m-%d}"
