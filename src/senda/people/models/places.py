"""Local authorities and the education settings in their area (GIAS URN / UKPRN)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q

from senda.people.identifiers import validate_la_code, validate_ukprn, validate_urn

#: A full-time case officer's caseload where the local area has not set its own.
DEFAULT_CASELOAD_TARGET = 120


class LocalAuthority(models.Model):
    code = models.CharField(
        "DfE LA number", max_length=3, unique=True, validators=[validate_la_code]
    )
    name = models.CharField(max_length=100)
    region = models.CharField(max_length=50, blank=True)
    review_logged_working_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        default=5,
        validators=[MinValueValidator(1)],
        help_text="Local standard: log a review within this many working days (blank = off).",
    )
    under_five_review_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        default=None,
        validators=[MinValueValidator(3), MaxValueValidator(6)],
        help_text=(
            "Guidance (SEND Code of Practice 9.178), not law: review plans of children under "
            "five every this many months (blank = off)"
        ),
    )
    complaint_stage1_days = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Working days to answer a stage 1 complaint (LGSCO Complaint Handling Code: 10).",
    )
    complaint_stage2_days = models.PositiveSmallIntegerField(
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Working days to answer a stage 2 complaint (LGSCO Complaint Handling Code: 20).",
    )
    message_reply_days = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text="Service standard: working days to reply to a family's message.",
    )
    caseload_target = models.PositiveSmallIntegerField(
        default=DEFAULT_CASELOAD_TARGET,
        validators=[MinValueValidator(1)],
        help_text=(
            "Open cases a full-time case officer is expected to hold. An officer's own "
            "target, where set on their membership, takes precedence."
        ),
    )
    local_offer_url = models.URLField(
        "Local Offer website",
        max_length=300,
        blank=True,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text=(
            "The address of the area's Local Offer (for example https://www.example.gov.uk/"
            "localoffer). Families' pages link to it; blank = they name it without a link."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Setting(models.Model):
    class Phase(models.TextChoices):
        EARLY_YEARS = "early_years", "Early years"
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        ALL_THROUGH = "all_through", "All-through"
        POST16 = "post16", "Post-16"
        SPECIAL = "special", "Special"
        AP = "ap", "Alternative provision"

    class Type(models.TextChoices):
        MAINTAINED = "maintained", "Maintained school"
        ACADEMY = "academy", "Academy or free school"
        SPECIAL = "special", "Special school"
        INDEPENDENT_SPECIAL = "independent_special", "Independent special school"
        FE_COLLEGE = "fe_college", "FE college"
        NURSERY = "nursery", "Nursery"
        AP = "ap", "Alternative provision"

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="settings")
    name = models.CharField(max_length=200)
    urn = models.CharField("URN", max_length=7, blank=True, validators=[validate_urn])
    ukprn = models.CharField("UKPRN", max_length=8, blank=True, validators=[validate_ukprn])
    phase = models.CharField(max_length=20, choices=Phase.choices)
    type = models.CharField(max_length=20, choices=Type.choices)
    locality = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["urn"], condition=~Q(urn=""), name="setting_urn_unique"
            ),
            models.UniqueConstraint(
                fields=["ukprn"], condition=~Q(ukprn=""), name="setting_ukprn_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.urn and not self.ukprn:
            raise ValidationError({"urn": "Enter a URN or a UKPRN (or both)."})
