"""Corrections and withdrawals of recorded steps, and which days' KPI facts they made stale.

A correction never changes or deletes the step it corrects: the original ``CaseEvent``
stays, linked here, and stops being current (``CaseEvent.objects.current()``); a
correction's replacement is a new event. Written only by ``casework.actions.corrections``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.models.cases import Case, CaseEvent


class EventCorrection(models.Model):
    """One recorded step corrected (superseded by ``replacement``) or withdrawn.

    Kept for the timeline (who, when, why) and for counting errors in recording steps
    (for example annual reviews) by month: ``la``, ``event_type`` and ``at`` are copied
    here so that count needs no join.
    """

    class Kind(models.TextChoices):
        CORRECTED = "corrected", "Corrected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="corrections")
    event = models.OneToOneField(
        CaseEvent,
        on_delete=models.PROTECT,
        related_name="correction",
        help_text="The step as first recorded: no longer current.",
    )
    replacement = models.OneToOneField(
        CaseEvent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        help_text="The step as corrected (none for a withdrawal).",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    event_type = models.CharField(max_length=40, help_text="The step's event type.")
    was_on = models.DateField(help_text="The step's date as first recorded.")
    now_on = models.DateField(null=True, blank=True, help_text="Its corrected date.")
    affected_from = models.DateField(
        help_text="The earliest day whose figures may change: the earlier of the two dates."
    )
    reason = models.TextField(max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    needed_manager = models.BooleanField(
        default=False, help_text="The step was recorded longer ago than officers may correct."
    )

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["la", "event_type", "at"], name="correction_la_type_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} event {self.event_id} {self.kind}"


class StaleFacts(models.Model):
    """The earliest day of an area whose stored KPI facts a correction may have changed.

    ``senda tick`` rebuilds the days from ``since`` and then clears the mark (only if no
    correction marked it again meanwhile: ``marked_at`` tells)."""

    la = models.OneToOneField(
        "people.LocalAuthority", on_delete=models.CASCADE, related_name="stale_facts"
    )
    since = models.DateField()
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "stale facts"

    def __str__(self) -> str:
        return f"facts stale since {self.since:%Y-%m-%d}"
