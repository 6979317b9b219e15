"""The register of subject access requests: who the request is about, when it came, when
the answer is due (the statutory month, or three with an extension) and when it went."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models


class Subject(models.TextChoices):
    CHILD = "child", "A child (a parent or carer asks for the child's record)"
    YOUNG_PERSON = "young_person", "A young person (their own record)"
    PARENT = "parent", "A parent or carer (what Senda holds about them)"


class Request(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=12, choices=Subject.choices)
    child = models.ForeignKey(
        "people.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contact = models.ForeignKey(
        "people.FamilyContact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The parent or carer the request is about (subject: parent).",
    )
    requester = models.CharField(
        max_length=200, help_text="Who asked and how: for example the young person, by email."
    )
    received_on = models.DateField()
    due_on = models.DateField(help_text="One month from receipt (ICO's counting).")
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    logged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answered_on", "due_on", "id"]
        indexes = [models.Index(fields=["la", "due_on"], name="sar_la_due_idx")]

    def __str__(self) -> str:
        return f"Subject access request {self.pk}"

    @property
    def reference(self) -> str:
        return f"SAR-{self.pk:05d}"

    @property
    def due(self) -> date:
        """The day the answer is due: the extended day if extended, else the month's end."""
        return self.extended_to or self.due_on

    def status(self, today: date) -> str:
        if self.answered_on:
            return "Answered"
        return "Overdue" if today > self.due else "Open"
