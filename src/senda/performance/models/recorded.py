"""Values of KPIs that Senda cannot compute (surveys, training, NEET …), entered per period
with their evidence. Never edited: a correction is a new row, and the latest counts."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RecordedValue(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.CASCADE, related_name="+")
    kpi = models.CharField(max_length=60)
    period = models.CharField(
        max_length=8,
        choices=[
            ("month", "Month"),
            ("quarter", "Quarter"),
            ("term", "Term"),
            ("year", "Academic year"),
        ],
    )
    period_start = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    numerator = models.IntegerField(null=True, blank=True)
    denominator = models.IntegerField(null=True, blank=True)
    evidence = models.TextField(help_text="Where the figure comes from (survey, register …).")
    evidence_url = models.URLField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["la", "kpi", "period_start", "-entered_at", "-id"]
        indexes = [
            models.Index(fields=["la", "kpi", "period", "period_start"], name="recorded_lookup_idx")
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period_start}: {self.value}"
