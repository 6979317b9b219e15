"""KPIs a partnership defines itself on the pages, without a release: kept as data for one
local area beside the catalogue's entries in code (ADR: local KPIs as data).

A ``LocalKpi`` is the KPI's identity (its id, ``local-…``, never reused); each
``LocalKpiVersion`` is one version of its definition. Versions are never edited: a change
is a new version, and the latest is the one in force. ``senda.performance.kpis`` turns the
latest version into a catalogue ``Entry``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

#: The prefix every local KPI's id starts with; no catalogue id does (a test checks).
PREFIX = "local-"

UNITS = (
    ("percent", "Percentage"),
    ("count", "Count"),
    ("number", "Number (a score or rate)"),
    ("days", "Days"),
    ("weeks", "Weeks"),
    ("pounds", "Pounds"),
)
PERIODS = (
    ("month", "Monthly"),
    ("quarter", "Quarterly (financial quarters)"),
    ("term", "Termly (school terms)"),
    ("year", "Yearly (academic year, September to August)"),
)


class LocalKpi(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.CASCADE, related_name="+")
    kpi = models.CharField(max_length=60, help_text="The KPI's id: local- and its name's words.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["la", "id"]
        constraints = [models.UniqueConstraint(fields=["la", "kpi"], name="local_kpi_one_id")]

    def __str__(self) -> str:
        return self.kpi


class LocalKpiVersion(models.Model):
    """One version of a local KPI's definition; the highest ``number`` is in force."""

    local_kpi = models.ForeignKey(LocalKpi, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    definition = models.TextField()
    numerator = models.TextField(blank=True)
    denominator = models.TextField(blank=True)
    unit = models.CharField(max_length=8, choices=UNITS)
    higher_is_better = models.BooleanField()
    period = models.CharField(max_length=8, choices=PERIODS)
    owner = models.CharField(max_length=120)
    data_source = models.CharField(max_length=300)
    area = models.CharField(max_length=20)
    establishing = models.BooleanField(
        default=False, help_text="Its definition and baseline are still being set."
    )
    change = models.TextField(blank=True, help_text="Why this version differs from the last.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["local_kpi", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["local_kpi", "number"], name="local_kpi_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.local_kpi_id} v{self.number}"
