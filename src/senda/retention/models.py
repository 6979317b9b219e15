"""An area's retention schedule (a rule per record type) and the records found past it
(``Disposal``: listed by the review, approved or rejected by a named officer, then done)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.retention.defaults import ACTIONS, CHOICES


class Rule(models.Model):
    """How long the area keeps one kind of record, what happens after, and why (its source)."""

    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.PROTECT, related_name="retention_rules"
    )
    record_type = models.CharField(max_length=20, choices=CHOICES)
    keep_years = models.PositiveSmallIntegerField(help_text="Years from the day counted from.")
    action = models.CharField(max_length=10, choices=ACTIONS)
    source = models.TextField(help_text="Where the period comes from: the schedule it follows.")
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The officer who approves disposals of this type (blank: any service manager).",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["la", "record_type"]
        constraints = [
            models.UniqueConstraint(fields=["la", "record_type"], name="retention_rule_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_record_type_display()}: {self.keep_years} years, {self.action}"


class DisposalQuerySet(models.QuerySet["Disposal"]):
    def pending(self) -> DisposalQuerySet:
        return self.filter(status=Disposal.Status.PENDING)


class Disposal(models.Model):
    """One record past its retention period: listed by the review, then approved (and the
    record anonymised or deleted at once) or rejected (kept; listed again a year later)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting approval"
        DONE = "done", "Approved and done"
        REJECTED = "rejected", "Rejected: kept"

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="disposals")
    record_type = models.CharField(max_length=20, choices=CHOICES)
    object_id = models.PositiveBigIntegerField()
    child = models.ForeignKey(
        "people.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=ACTIONS, help_text="As the rule said.")
    due_on = models.DateField(help_text="The day its retention period ended.")
    listed_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was rejected (kept).")
    done = models.TextField(blank=True, help_text="What was removed: record types and counts.")

    objects = DisposalQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["la", "status"], name="disposal_la_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "object_id"],
                condition=models.Q(status="pending"),
                name="disposal_pending_once",
            )
        ]

    def __str__(self) -> str:
        return f"Disposal {self.pk}: {self.record_type} {self.object_id}"
