"""Published national statistics (DfE "Education, health and care plans") and each local
area's comparators: its region and statistical neighbours.

Figures are stored exactly as published (``raw``, e.g. ``57.9``, ``x``, ``c``, ``z``) with
their number where there is one; ``senda import dfe-ehcp PATH`` loads them.
"""

from __future__ import annotations

from django.db import models


class PublishedRelease(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text="The zip file's name.")
    year = models.PositiveSmallIntegerField(help_text="The reporting year of the release.")
    sha256 = models.CharField(max_length=64)
    licence = models.TextField(help_text="The licence note, as the release states it.")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.name


class PublishedArea(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", "National"
        REGIONAL = "regional", "Regional"
        LA = "la", "Local authority"

    code = models.CharField(max_length=9, unique=True, help_text="ONS code, e.g. E10000019.")
    old_code = models.CharField(max_length=3, blank=True, help_text="DfE's 3-digit LA code.")
    name = models.CharField(max_length=100)
    level = models.CharField(max_length=8, choices=Level.choices)
    region_code = models.CharField(max_length=9, blank=True)

    class Meta:
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


class PublishedFigure(models.Model):
    release = models.ForeignKey(PublishedRelease, on_delete=models.CASCADE, related_name="figures")
    measure = models.CharField(max_length=60, help_text="Senda's id for the published measure.")
    time_period = models.CharField(max_length=6, help_text="As published: 2024 or 202425.")
    area = models.ForeignKey(PublishedArea, on_delete=models.CASCADE, related_name="figures")
    raw = models.CharField(max_length=30, help_text="The cell exactly as published.")
    value = models.DecimalField(max_digits=16, decimal_places=6, null=True, blank=True)
    source = models.CharField(max_length=100, help_text="file:column the figure was read from.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["release", "measure", "time_period", "area"], name="figure_unique"
            )
        ]
        indexes = [models.Index(fields=["measure", "area"], name="figure_measure_area_idx")]

    def __str__(self) -> str:
        return f"{self.measure} {self.time_period} {self.area_id}: {self.raw}"


class Comparators(models.Model):
    """Whom a local area compares itself with in national data."""

    la = models.OneToOneField(
        "people.LocalAuthority", on_delete=models.CASCADE, related_name="comparators"
    )
    published_code = models.CharField(
        max_length=9, blank=True, help_text="The area's own ONS code in DfE data, if published."
    )
    region_code = models.CharField(max_length=9, blank=True)
    neighbour_codes = models.JSONField(default=list, blank=True, help_text="ONS codes.")

    class Meta:
        verbose_name_plural = "comparators"

    def __str__(self) -> str:
        return f"comparators of {self.la_id}"
