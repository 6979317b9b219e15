"""What a council says on Senda's public pages: who controls the data and how to reach
its data protection officer (the privacy notice, ``/privacy/``), and where to report an
accessibility problem (the accessibility statement, ``/accessibility/``). Edited in the
admin, on the local authority (ADR 0038)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models

from senda.people.models.places import LocalAuthority


class PublicNotices(models.Model):
    la = models.OneToOneField(
        LocalAuthority, on_delete=models.CASCADE, related_name="public_notices"
    )
    controller = models.CharField(
        "Data controller",
        max_length=200,
        blank=True,
        help_text="The council's name as data controller (blank = the local authority's name).",
    )
    ico_registration = models.CharField(
        "ICO registration number", max_length=20, blank=True, help_text="For example Z1234567."
    )
    dpo_email = models.EmailField("Data protection officer's email", blank=True)
    dpo_address = models.TextField("Data protection officer's postal address", blank=True)
    retention_url = models.URLField(
        "Retention schedule",
        max_length=300,
        blank=True,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text="The council's published retention schedule for SEND records.",
    )
    privacy_url = models.URLField(
        "The council's own privacy notice",
        max_length=300,
        blank=True,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text="The council's SEND or corporate privacy notice, linked from Senda's.",
    )
    accessibility_email = models.EmailField(
        "Email for accessibility problems",
        blank=True,
        help_text="Where people report an accessibility problem or ask for another format.",
    )
    accessibility_phone = models.CharField(
        "Phone for accessibility problems", max_length=40, blank=True
    )
    reply_days = models.PositiveSmallIntegerField(
        "Working days to reply",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How soon the council replies to an accessibility problem or request.",
    )
    reviewed_on = models.DateField(
        "Last reviewed",
        null=True,
        blank=True,
        help_text="When the council last reviewed these notices.",
    )

    class Meta:
        verbose_name = "public notices"
        verbose_name_plural = "public notices"

    def __str__(self) -> str:
        return f"Public notices of {self.la.name}"

    @property
    def controller_name(self) -> str:
        return self.controller or self.la.name


def notices_for(la: LocalAuthority) -> PublicNotices:
    """The area's notices, or unsaved blank ones (the pages say what the council has not
    given yet)."""
    return PublicNotices.objects.filter(la=la).first() or PublicNotices(la=la)
