"""Uploaded files (views, advice, reports): type checked by content, size capped, scanned
by ClamAV before anyone can open them, stored through Django's storage API and served
only through a permission-checked, audited view."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.models import Case


class Upload(models.Model):
    class Scan(models.TextChoices):
        UNSCANNED = "unscanned", "Not scanned: no virus scanner is configured"
        CLEAN = "clean", "Checked: no virus found"
        INFECTED = "infected", "Removed: a virus was found"
        FAILED = "failed", "The check could not be completed"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="uploads")
    report = models.ForeignKey(
        "portal.ReviewReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uploads",
    )
    advice_request = models.ForeignKey(
        "portal.AdviceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uploads",
    )
    plan_version = models.ForeignKey(
        "casework.PlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text="The issued plan's document (purpose 'plan').",
    )
    purpose = models.CharField(max_length=20, help_text="views, advice, report or other")
    file = models.FileField(upload_to="portal/%Y/%m/", blank=True)
    name = models.CharField(max_length=200, help_text="The uploader's file name, cleaned.")
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    scan = models.CharField(max_length=10, choices=Scan.choices)
    scanner = models.CharField(max_length=100, blank=True)
    scanned_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"Upload {self.pk}"

    @property
    def can_open(self) -> bool:
        """Only a clean file, or one held unscanned because no scanner is configured."""
        return bool(self.file) and self.scan in {self.Scan.CLEAN, self.Scan.UNSCANNED}
