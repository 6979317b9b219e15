"""Advice moderation: a professional's advice (from the portal's advice request, or an
upload) graded against the advice framework of its discipline, with written feedback
delivered to the advice-giver through the portal, and learning themes. Learning summaries
twice a year, drafted by Senda from the grades and themes, edited and published."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.quality.models.grades import Grade

#: Learning themes a moderator may tag advice with (codes kept in the records).
ADVICE_THEMES: tuple[tuple[str, str], ...] = (
    ("functional-impact", "Needs described by their impact on learning"),
    ("quantified-provision", "Provision specified and quantified"),
    ("child-voice", "The child's voice"),
    ("outcomes", "Outcomes written"),
    ("within-expertise", "Stays within the writer's expertise"),
    ("health-vs-education", "Therapy that educates placed in F, not G"),
    ("social-care-enquiry", "Social care needs enquired into"),
    ("timely", "Returned on time and dated"),
    ("clear", "Clear and free of jargon"),
)


class AdviceModeration(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="+")
    advice_request = models.ForeignKey(
        "portal.AdviceRequest", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    upload = models.ForeignKey(
        "portal.Upload", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey("people.AdviceTeam", on_delete=models.PROTECT, related_name="+")
    discipline = models.CharField(max_length=20)
    framework = models.ForeignKey("quality.Framework", on_delete=models.PROTECT, related_name="+")
    sampled_on = models.DateField()
    seed = models.BigIntegerField(null=True, blank=True, help_text="The random draw's seed.")
    reason = models.CharField(max_length=300, blank=True, help_text="Why it is in the sample.")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    moderated_on = models.DateField(null=True, blank=True)
    grade = models.PositiveSmallIntegerField(choices=Grade.choices, null=True, blank=True)
    meets_criteria = models.BooleanField(null=True, blank=True)
    themes = models.JSONField(default=list, blank=True)
    good_practice = models.BooleanField(default=False, help_text="An example worth sharing.")
    feedback = models.TextField(blank=True)
    feedback_sent_on = models.DateField(null=True, blank=True)
    feedback_read_on = models.DateField(null=True, blank=True, help_text="Opened in the portal.")
    resample_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resamples",
        help_text="Repeat sampling: the earlier moderation of the same team's advice.",
    )

    class Meta:
        ordering = ["-sampled_on", "-id"]

    def __str__(self) -> str:
        return f"Advice moderation {self.pk}"


class AdviceJudgement(models.Model):
    moderation = models.ForeignKey(
        AdviceModeration, on_delete=models.CASCADE, related_name="judgements"
    )
    criterion = models.ForeignKey("quality.Criterion", on_delete=models.PROTECT, related_name="+")
    met = models.CharField(max_length=8)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["moderation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["moderation", "criterion"], name="advice_judgement_once"
            )
        ]

    def __str__(self) -> str:
        return f"Advice judgement {self.pk}"


class LearningSummary(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    body = models.TextField(help_text="Drafted by Senda, edited by the QA lead (plain text).")
    examples = models.ManyToManyField(AdviceModeration, blank=True, related_name="+")
    drafted_on = models.DateField()
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-period_end", "-id"]

    def __str__(self) -> str:
        return f"Learning summary {self.pk}"
