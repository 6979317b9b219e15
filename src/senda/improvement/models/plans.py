"""A plan, its partners and members, improvement areas and aims, and sign-off."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.improvement.models.scales import SCALES


class ImprovementPlan(models.Model):
    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.PROTECT, related_name="improvement_plans"
    )
    title = models.CharField(max_length=200)
    scale = models.CharField(
        max_length=10,
        choices=[(code, scale.name) for code, scale in SCALES.items()],
        default="bragp",
        help_text="The rating scale every action of this plan uses.",
    )
    source_layout = models.CharField(
        max_length=12,
        blank=True,
        help_text="The spreadsheet layout the plan was imported from (the export uses it).",
    )
    inspected_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    risk_appetite = models.PositiveSmallIntegerField(
        default=2,
        help_text="The highest severity after mitigation the board accepts (1 low to 4 very "
        "high); an open risk above it is an exception.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Partner(models.Model):
    """An organisation in the partnership (council education, health, social care, the
    parent carer forum …). Actions name their lead and supporting partners."""

    class Kind(models.TextChoices):
        EDUCATION = "education", "Education (local authority)"
        HEALTH = "health", "Health"
        SOCIAL_CARE = "social_care", "Social care"
        PARENT_CARER_FORUM = "pcf", "Parent carer forum"
        SCHOOLS = "schools", "Schools and colleges"
        OTHER = "other", "Other"

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="partner_unique_name")]

    def __str__(self) -> str:
        return self.name


class PlanMember(models.Model):
    """A person's access to one plan. Council staff reach their LA's plans through their
    membership; partners (health, social care, the parent carer forum) only through this."""

    class Access(models.TextChoices):
        EDIT = "edit", "Update actions, ratings, milestones and risks"
        VIEW = "view", "View only"

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_memberships"
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    access = models.CharField(max_length=4, choices=Access.choices, default=Access.VIEW)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "user"], name="planmember_unique_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.plan}"


class ImprovementArea(models.Model):
    """An area for improvement: one of the inspection's findings."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    context = models.TextField(blank=True)
    lead = models.CharField(max_length=200, blank=True, help_text="Accountable lead.")
    co_production = models.TextField(blank=True, help_text="How families shaped this area.")

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="area_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Aim(models.Model):
    area = models.ForeignKey(ImprovementArea, on_delete=models.CASCADE, related_name="aims")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["area", "number"]

    def __str__(self) -> str:
        return self.text[:80]


class SignOff(models.Model):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="sign_offs")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="sign_offs")
    signed_by = models.CharField(max_length=200, help_text="Name and role of who signed.")
    signed_on = models.DateField()

    class Meta:
        ordering = ["signed_on", "id"]

    def __str__(self) -> str:
        return f"{self.partner} signed {self.signed_on:%Y-%m-%d}"
