"""Each KPI's trajectory for a local area (baseline, milestones, targets, tolerance), the
status a person set over the derived one (with the reason), and the commentary history."""

from __future__ import annotations

from django.conf import settings
from django.db import models

STATUSES = (
    ("on-target", "On target"),
    ("close", "Close to trajectory"),
    ("off", "Currently off trajectory"),
    ("no-data", "Data not yet available"),
    ("establishing", "Working to establish definition and baseline"),
    ("complete", "Complete"),
)


class Trajectory(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.CASCADE, related_name="+")
    kpi = models.CharField(max_length=60)
    baseline_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_on = models.DateField(null=True, blank=True)
    baseline_note = models.CharField(max_length=200, blank=True, help_text="e.g. calendar 2024")
    tolerance = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=5,
        help_text="How far behind the trajectory still counts as close, in the KPI's unit.",
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["la", "kpi"], name="trajectory_one_per_kpi")]

    def __str__(self) -> str:
        return f"{self.kpi} trajectory"


class TrajectoryPoint(models.Model):
    class Kind(models.TextChoices):
        MILESTONE = "milestone", "Milestone"
        TARGET = "target", "Target"

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="points")
    on = models.DateField()
    low = models.DecimalField(max_digits=14, decimal_places=2)
    high = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="For a range (70–75%)."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MILESTONE)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["trajectory", "on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.on}: {self.low}"


class StatusOverride(models.Model):
    """A person's status for a KPI in a quarter, over the derived one; never edited."""

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.CASCADE, related_name="+")
    kpi = models.CharField(max_length=60)
    period_start = models.DateField(help_text="The quarter's first day.")
    status = models.CharField(max_length=12, choices=STATUSES)
    derived_status = models.CharField(max_length=12, choices=STATUSES)
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    withdrawn = models.BooleanField(
        default=False, help_text="A row that returns the quarter to the derived status."
    )

    class Meta:
        ordering = ["la", "kpi", "-period_start", "-at", "-id"]
        indexes = [models.Index(fields=["la", "kpi", "period_start"], name="override_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period_start}: {self.status}"


class Commentary(models.Model):
    """Analysis and mitigations for a KPI in a quarter; a new entry supersedes, all are kept."""

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.CASCADE, related_name="+")
    kpi = models.CharField(max_length=60)
    period_start = models.DateField(help_text="The quarter's first day.")
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["la", "kpi", "-period_start", "-at", "-id"]
        verbose_name_plural = "commentary"
        indexes = [models.Index(fields=["la", "kpi", "period_start"], name="commentary_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period_start} by {self.by_id}"
