"""A QA framework the council configures and versions: domains, criteria with "what good
looks like", weights, which criteria are legal requirements, and the score thresholds of
the grade scale. A published version is never changed (an audit keeps the version it
used); editing makes a new draft version (``quality.frameworks``)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from senda.quality.models.grades import Grade


class Framework(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "In use"
        RETIRED = "retired", "Replaced"

    class Subject(models.TextChoices):
        PLAN = "plan", "EHC plans"
        ADVICE = "advice", "Professionals' advice"
        PROFILE = "profile", "Neurodevelopmental needs profiles"

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=8, choices=Subject.choices, default=Subject.PLAN)
    discipline = models.CharField(
        max_length=20, blank=True, help_text="Advice frameworks: the discipline they judge."
    )
    name = models.CharField(max_length=200)
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    #: Weighted share of criteria met (0–1) at or above which each grade is given.
    outstanding_from = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal("0.9"))
    good_from = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal("0.7"))
    requires_improvement_from = models.DecimalField(
        max_digits=4, decimal_places=3, default=Decimal("0.5")
    )
    #: The highest grade a plan can get when a legal requirement is not met.
    statutory_cap = models.PositiveSmallIntegerField(
        choices=Grade.choices, default=Grade.REQUIRES_IMPROVEMENT
    )
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["subject", "discipline", "name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["la", "subject", "discipline", "name", "version"],
                name="framework_version_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class Domain(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    sections = models.CharField(
        max_length=40, blank=True, help_text="The plan sections it reads, e.g. 'E' or 'F G H1 H2'."
    )
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("1"))
    order = models.PositiveSmallIntegerField(default=0)
    is_outcomes = models.BooleanField(
        default=False, help_text="Its grade is the audit's outcome quality grade."
    )

    class Meta:
        ordering = ["framework", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="domain_code_once")
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(max_length=40)
    text = models.CharField(max_length=300)
    good_looks_like = models.TextField(blank=True)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("1"))
    statutory = models.BooleanField(
        default=False, help_text="A legal requirement: not met caps the grade."
    )
    citation = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["domain", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["domain", "code"], name="criterion_code_once")
        ]

    def __str__(self) -> str:
        return self.text
