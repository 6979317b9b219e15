"""A child's case and its dated statutory steps (case events), the clock's only input."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.clock_input import EVENT_FIELDS, clock_event, clock_events
from senda.clock.model import EVENT_TYPES, Event


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="cases")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="cases")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField()

    # Summary columns, derived (casework/summary.py) whenever the deadlines are refreshed.
    stage = models.CharField(max_length=10, default="requested", editable=False)
    next_rule = models.CharField(max_length=40, blank=True, editable=False)
    next_due = models.DateField(null=True, blank=True, editable=False)
    last_review_on = models.DateField(null=True, blank=True, editable=False)
    plan_started_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["la", "status"], name="case_la_status_idx"),
            models.Index(fields=["la", "status", "next_due"], name="case_la_next_due_idx"),
            models.Index(
                fields=["officer", "status", "next_due"], name="case_officer_next_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"Case {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def clock_events(self) -> list[Event]:
        """This case's current events (docs/recording-steps.md: corrections) as the clock's
        plain values, in the order they happened."""
        return clock_events(self.events.current().order_by("on", "recorded_at", "id"))


class CaseEventQuerySet(models.QuerySet["CaseEvent"]):
    def current(self) -> CaseEventQuerySet:
        """The events that stand: neither superseded by a correction nor withdrawn. Every
        reader of a case's steps (the clock, summary, triage, next step, KPIs) reads these;
        only the timeline shows the others, struck through."""
        return self.filter(correction__isnull=True)


class CaseEvent(models.Model):
    """One dated statutory step. Only the field named for the type is filled in.

    A recorded event is never changed or deleted: a correction supersedes it with a new
    event, a withdrawal takes it out of the record (``EventCorrection``, linked to it)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=40, choices=[(t, t.replace("_", " ")) for t in EVENT_TYPES])
    on = models.DateField()
    outcome = models.CharField(max_length=20, blank=True)
    discipline = models.CharField(max_length=50, blank=True)
    ground = models.CharField(max_length=40, blank=True)
    applies_to = models.JSONField(null=True, blank=True, help_text="Rule ids; null = default.")
    kind = models.CharField(max_length=10, blank=True)
    last_review = models.DateField(null=True, blank=True)
    source = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="request_received: who made the request (SEN2 1–5)."
    )
    cease_reason = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="plan_ceased: why the plan ceased (SEN2 1–9)."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["on", "recorded_at", "id"]
        indexes = [models.Index(fields=["case", "on"], name="caseevent_case_on_idx")]

    def __str__(self) -> str:
        return f"{self.type} on {self.on:%Y-%m-%d}"

    def as_clock_event(self) -> Event:
        """This step as the clock's event (``casework.clock_input``, the one adapter)."""
        return clock_event(*(getattr(self, name) for name in EVENT_FIELDS))
