"""Fact rows: a computed KPI's figure for a period, by dimension, as known on a day.

``senda tick`` writes them (see ``senda.performance.tick``); dashboards and reports read
them, never live casework. A period's figure is the fact with ``on`` = the period's last
day (or the latest day ticked while the period runs), so "last quarter" and "a year ago"
are the figures as they stood then.
"""

from __future__ import annotations

from django.db import models

#: The dimension of a fact holding the whole local area's figure (its member is "").
ALL = "all"


class KpiFact(models.Model):
    class Period(models.TextChoices):
        MONTH = "month", "Month"
        QUARTER = "quarter", "Quarter"

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.CASCADE, related_name="+")
    kpi = models.CharField(max_length=60)
    on = models.DateField(help_text="The day the figure is as of (the clock's as-of).")
    period = models.CharField(max_length=8, choices=Period.choices)
    period_start = models.DateField()
    dimension = models.CharField(max_length=20, default=ALL)
    member = models.CharField(max_length=100, blank=True, default="")
    numerator = models.IntegerField(help_text="The count, for a KPI that is a plain count.")
    denominator = models.IntegerField(null=True, blank=True, help_text="None for a count.")
    numerator_with_exceptions = models.IntegerField(null=True, blank=True)
    denominator_with_exceptions = models.IntegerField(null=True, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["la", "kpi", "on", "period", "dimension", "member"],
                name="kpifact_unique_figure",
            )
        ]
        indexes = [
            models.Index(
                fields=["la", "kpi", "period", "dimension", "period_start", "on"],
                name="kpifact_lookup_idx",
            ),
            models.Index(fields=["la", "on"], name="kpifact_la_on_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period} {self.period_start} as of {self.on}"
