"""Families' rights and who acts: a young person's delegations to a parent, capacity
decisions and the alternative person, and family members' changes to their own details
waiting for an officer to confirm. See ``docs/families.md`` and ADR 0018."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.people.models.children import Child, FamilyContact


class Delegation(models.Model):
    """A young person lets a family member see their record, or see it and act with them
    (come to meetings, comment, send messages). Withdrawn, it stays as history."""

    class Scope(models.TextChoices):
        SEE = "see", "See my record and documents"
        ACT = "act", "See my record and act with me"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="delegations")
    contact = models.ForeignKey(FamilyContact, on_delete=models.CASCADE, related_name="delegations")
    scope = models.CharField(max_length=4, choices=Scope.choices)
    granted_on = models.DateField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-granted_on", "-id"]

    def __str__(self) -> str:
        return f"Delegation {self.pk} ({self.scope})"


class CapacityDecision(models.Model):
    """A capacity assessment about one decision (Mental Capacity Act 2005 ss1–3: capacity is
    presumed and decision-specific). Where the young person lacks capacity, the alternative
    person acts for that decision (CFA 2014 s80; SEND Regulations 2014 reg 64, Schedule 3).
    A later record about the same decision supersedes an earlier one; both are kept."""

    class Decision(models.TextChoices):
        ALL = "all", "All decisions about the EHC plan"
        REPRESENTATIONS = "representations", "Comments on a draft or amended plan"
        SCHOOL = "school", "Asking for a school or college"
        MEDIATION = "mediation", "Mediation"
        APPEAL = "appeal", "Appeal to the tribunal"
        ASSESSMENT = "assessment", "Asking for an assessment"

    class Outcome(models.TextChoices):
        HAS = "has", "Has capacity for this decision"
        LACKS = "lacks", "Lacks capacity for this decision"

    class Basis(models.TextChoices):
        DEPUTY = "deputy", "Deputy appointed by the Court of Protection"
        ATTORNEY = "attorney", "Lasting power of attorney"
        PARENT = "parent", "Parent (SEND Regulations 2014, Schedule 3)"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="capacity_decisions")
    decision = models.CharField(max_length=16, choices=Decision.choices)
    assessed_on = models.DateField()
    assessed_by = models.CharField(max_length=200, help_text="Name and role of the assessor.")
    outcome = models.CharField(max_length=5, choices=Outcome.choices)
    alternative_person = models.ForeignKey(
        FamilyContact, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    basis = models.CharField(max_length=8, choices=Basis.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"Capacity decision {self.pk} ({self.decision}: {self.outcome})"


class ContactChange(models.Model):
    """A family member's change to their own contact details or how they want to hear from
    the service: it waits for an officer to confirm before the record changes."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the officer"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Not accepted"

    contact = models.ForeignKey(FamilyContact, on_delete=models.CASCADE, related_name="changes")
    changes = models.JSONField(help_text="Field name → new value.")
    requested_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Contact change {self.pk} ({self.status})"
