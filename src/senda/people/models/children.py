"""Children and young people (0–25) and the family members the service contacts."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from senda.people.identifiers import validate_nhs_number, validate_uln, validate_upn
from senda.people.models.places import LocalAuthority, Setting
from senda.people.school_year import year_group

#: SEN2 SEN type codes (DS from the 2025 return).
SEN_TYPES = (
    ("SPLD", "Specific learning difficulty"),
    ("MLD", "Moderate learning difficulty"),
    ("SLD", "Severe learning difficulty"),
    ("PMLD", "Profound and multiple learning difficulty"),
    ("SEMH", "Social, emotional and mental health"),
    ("SLCN", "Speech, language and communication needs"),
    ("HI", "Hearing impairment"),
    ("VI", "Vision impairment"),
    ("MSI", "Multi-sensory impairment"),
    ("PD", "Physical disability"),
    ("ASD", "Autistic spectrum disorder"),
    ("OTH", "Other difficulty or disability"),
    ("DS", "Down syndrome"),
)


#: SEN2's reasons a child has no unique pupil number (DfE common basic data set; SEN2
#: guide: UN1–UN10 as SEN2 uses them — docs/sen2.md).
UPN_UNKNOWN_REASONS = [
    ("UN1", "UN1: under 6 years old, not yet assigned"),
    ("UN2", "UN2: never attended a state-funded school in England"),
    ("UN3", "UN3: educated outside England"),
    ("UN5", "UN5: sources disagree, no reliable match"),
    ("UN8", "UN8: new to the local authority, not yet known"),
    ("UN9", "UN9: never attended a state school or FE setting in England"),
    ("UN10", "UN10: request ended with no further action before the number was known"),
]


class Child(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "F", "Female"
        MALE = "M", "Male"
        UNKNOWN = "U", "Not known"

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="children")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, blank=True)
    upn = models.CharField("UPN", max_length=13, blank=True, validators=[validate_upn])
    uln = models.CharField("ULN", max_length=10, blank=True, validators=[validate_uln])
    nhs_number = models.CharField(
        "NHS number", max_length=10, blank=True, validators=[validate_nhs_number]
    )
    upn_unknown = models.CharField(
        "Why there is no UPN",
        max_length=4,
        choices=UPN_UNKNOWN_REASONS,
        blank=True,
        help_text="SEN2's missing-UPN reason, when the child has no UPN.",
    )
    primary_need = models.CharField(max_length=4, choices=SEN_TYPES, blank=True)
    secondary_need = models.CharField(
        max_length=4,
        choices=SEN_TYPES,
        blank=True,
        help_text="SEN2's second need (SENtypeRank 2), if the plan names one.",
    )
    ethnicity = models.CharField(
        max_length=4,
        blank=True,
        help_text="DfE common basic data set ethnicity code (for example WBRI), as SEN2 asks.",
    )
    postcode = models.CharField(max_length=8, blank=True, help_text="Home postcode (SEN2).")
    elective_home_education = models.BooleanField(
        "Electively home educated",
        null=True,
        blank=True,
        help_text="Blank: not recorded.",
    )
    missing_education = models.BooleanField(
        "Child missing education",
        null=True,
        blank=True,
        help_text="Blank: not recorded.",
    )
    setting = models.ForeignKey(
        Setting, on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "children"
        constraints = [
            models.UniqueConstraint(
                fields=["la", "upn"], condition=~Q(upn=""), name="child_upn_unique_in_la"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def year_group(self, on: date) -> int | None:
        """National curriculum year on ``on`` (0 = Reception); None without a birth date."""
        return year_group(self.date_of_birth, on) if self.date_of_birth else None


class FamilyContact(models.Model):
    """A parent, carer or the young person themself: someone the service contacts about a
    child. With ``user`` set they have a family account (``senda.people.families`` says
    what it may see)."""

    class ContactBy(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"
        LETTER = "letter", "Letter"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=50, help_text="For example mother, carer, self.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="family_contacts",
        help_text="The parent's portal account, if they have one.",
    )
    parental_responsibility = models.BooleanField(
        default=True, help_text="Has parental responsibility (Children Act 1989 s3)."
    )
    is_young_person = models.BooleanField(
        default=False, help_text="This contact is the young person themself."
    )
    contact_by = models.CharField(max_length=6, choices=ContactBy.choices, default="email")
    address = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"
