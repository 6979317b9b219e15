"""A sample of plans for audit: drawn reproducibly (the seed and the frame's size are
kept), stratified, with the reason each plan is in it. Purposive additions (thematic,
complaint-led) are marked and reported apart from the random draw."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models


class Sample(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    label = models.CharField(max_length=100, help_text="e.g. 'December 2026'.")
    period_start = models.DateField()
    period_end = models.DateField()
    #: Share of live plans drawn for this period (5% a year over 12 monthly samples:
    #: 0.417% a month); the form offers a yearly share and the period.
    share = models.DecimalField(max_digits=6, decimal_places=4, default=Decimal("0.0042"))
    review_share = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal("0.5"))
    exclude_months = models.PositiveSmallIntegerField(
        default=12, help_text="Leave out plans audited in this many months."
    )
    strata = models.CharField(max_length=100, default="phase need officer setting")
    seed = models.BigIntegerField()
    frame_size = models.PositiveIntegerField(default=0)
    #: The frame drawn from (every live plan, with its facets, last review and last audit),
    #: packed by ``quality.sampling.pack_frame``, so the draw can be repeated.
    frame = models.TextField(blank=True, editable=False)
    drawn_on = models.DateField()
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-period_start", "-id"]

    def __str__(self) -> str:
        return f"Sample {self.pk}"


class SampleItem(models.Model):
    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="items")
    plan = models.ForeignKey("casework.Plan", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="+")
    stratum = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=300, help_text="Why this plan is in the sample.")
    includes_review = models.BooleanField(default=False)
    purposive = models.BooleanField(default=False)

    class Meta:
        ordering = ["sample", "id"]
        constraints = [models.UniqueConstraint(fields=["sample", "plan"], name="sample_plan_once")]

    def __str__(self) -> str:
        return f"Sample item {self.pk}"
