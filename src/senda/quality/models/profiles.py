"""The quality audit of neurodevelopmental needs profiles (``portal.NeedsProfile``): a
sample of submitted profiles, each graded against the area's profile framework (a
``Framework`` of subject ``profile``, versioned like the others) criterion by criterion;
the grade is computed by ``quality.grading`` and the profile **meets the standard** when it
is Good or Outstanding (``quality.profiles``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.quality.models.grades import Grade


class ProfileAudit(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    profile = models.ForeignKey(
        "portal.NeedsProfile", on_delete=models.PROTECT, related_name="quality_audits"
    )
    framework = models.ForeignKey("quality.Framework", on_delete=models.PROTECT, related_name="+")
    sampled_on = models.DateField()
    seed = models.BigIntegerField(null=True, blank=True, help_text="The random draw's seed.")
    reason = models.CharField(max_length=300, help_text="Why it is in the sample.")
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    graded_on = models.DateField(null=True, blank=True)
    grade = models.PositiveSmallIntegerField(choices=Grade.choices, null=True, blank=True)
    meets_standard = models.BooleanField(null=True, blank=True)
    feedback = models.TextField(blank=True, help_text="For the setting.")

    class Meta:
        ordering = ["-sampled_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["profile"], name="profile_audited_once")]

    def __str__(self) -> str:
        return f"Profile audit {self.pk}"


class ProfileJudgement(models.Model):
    audit = models.ForeignKey(ProfileAudit, on_delete=models.CASCADE, related_name="judgements")
    criterion = models.ForeignKey("quality.Criterion", on_delete=models.PROTECT, related_name="+")
    met = models.CharField(max_length=8)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["audit", "id"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "criterion"], name="profile_judgement_once")
        ]

    def __str__(self) -> str:
        return f"Profile judgement {self.pk}"
