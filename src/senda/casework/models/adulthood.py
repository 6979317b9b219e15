"""Preparing-for-adulthood outcomes recorded at an annual review from Year 9 (reg 20(6),
Code of Practice 8.9–8.12, 9.166): what the review agreed for employment, independent
living, friends and community, and good health.

One row per recording, appended: recording again for the same review ``replaces`` the
current row (the first is kept, no longer current). Written only by
``senda.casework.actions.adulthood`` — from the council's form or the setting's review
report when it is sent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.models.cases import Case
from senda.casework.models.records import Review

#: The four areas, in the order forms ask them: (field, label).
PFA_AREAS = (
    ("employment", "Employment, further or higher education"),
    ("independent_living", "Independent living"),
    ("community", "Friends, relationships and the community"),
    ("health", "Good health"),
)


class AdulthoodOutcomesQuerySet(models.QuerySet["AdulthoodOutcomes"]):
    def current(self) -> AdulthoodOutcomesQuerySet:
        return self.filter(replaced_by__isnull=True)


class AdulthoodOutcomes(models.Model):
    class Via(models.TextChoices):
        REPORT = "report", "The setting's review report"
        OFFICER = "officer", "Recorded by the council"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="adulthood_outcomes")
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="adulthood_outcomes")
    employment = models.TextField()
    independent_living = models.TextField()
    community = models.TextField()
    health = models.TextField()
    via = models.CharField(max_length=10, choices=Via.choices)
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text="The recording this one replaces, kept as first recorded.",
    )

    objects = AdulthoodOutcomesQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_on", "id"]
        verbose_name_plural = "adulthood outcomes"

    def __str__(self) -> str:
        return f"PfA outcomes {self.pk} of review {self.review_id}"

    def answers(self) -> list[tuple[str, str]]:
        """(label, text) for each of the four areas."""
        return [(label, getattr(self, field)) for field, label in PFA_AREAS]
