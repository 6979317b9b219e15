"""A social care assessment offered to the family with every EHC plan and again at each
annual review (issue 18, area 5): the offer, the family's answer and its dates, tied to the
step it goes with (the final plan issued, or the review meeting).

Appended, never changed: a later answer, or a correction, is a new row that ``replaces``
the one before (kept, no longer current); ``SocialCareOffer.objects.current()`` is what
stands. Written only by ``casework.actions.social_care``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.models.cases import Case, CaseEvent

#: The steps an offer goes with, and what the page calls each.
OCCASIONS = {"final_plan_issued": "EHC plan issued", "review_meeting": "Annual review meeting"}


class SocialCareOfferQuerySet(models.QuerySet["SocialCareOffer"]):
    def current(self) -> SocialCareOfferQuerySet:
        return self.filter(replaced_by__isnull=True)


class SocialCareOffer(models.Model):
    class Answer(models.TextChoices):
        AWAITED = "awaited", "Offered: no answer yet"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        NOT_OFFERED = "not_offered", "Not offered"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="social_care_offers")
    event = models.ForeignKey(
        CaseEvent,
        on_delete=models.PROTECT,
        related_name="social_care_offers",
        help_text="The plan issued or review meeting the offer went with.",
    )
    offered_on = models.DateField(null=True, blank=True, help_text="Blank: not offered.")
    answer = models.CharField(max_length=12, choices=Answer.choices)
    answered_on = models.DateField(null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text="The row this one updates or corrects, kept as first recorded.",
    )
    why = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = SocialCareOfferQuerySet.as_manager()

    class Meta:
        ordering = ["event__on", "id"]

    def __str__(self) -> str:
        return f"Social care offer {self.pk}"

    @property
    def offered(self) -> bool:
        return self.answer != self.Answer.NOT_OFFERED
