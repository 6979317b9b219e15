"""The partnership's neurodevelopmental (ND) needs profile: a configurable form a school or
setting completes about one child before referring them for an autism or ADHD assessment
(docs/pathways.md, "Needs profiles").

- The form is data per area: :class:`ProfileSection` and :class:`ProfileQuestion`, edited
  in the admin; a default set is installed by ``senda.portal.profiles.install_defaults``
  (the demo, or the first profile started in an area). A question is retired
  (``active=False``), never deleted once answered.
- A :class:`NeedsProfile` is started as a draft by the setting's staff, saved as often as
  they like and submitted. Each save *appends* :class:`ProfileAnswer` rows (the current
  answer to a question is its latest row), so every earlier answer is kept. A submitted
  profile is never changed: amending it starts a new draft that ``supersedes`` it.
- :class:`ProfilePilot` flags the settings taking part in the pilot, per area: the KPI of
  settings using the tool counts them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ProfileSection(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    hint = models.TextField(blank=True, help_text="Shown under the section's title.")
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Untick to retire the section.")

    class Meta:
        ordering = ["la", "order", "id"]

    def __str__(self) -> str:
        return self.title


class ProfileQuestion(models.Model):
    section = models.ForeignKey(ProfileSection, on_delete=models.PROTECT, related_name="questions")
    text = models.CharField(max_length=300)
    hint = models.TextField(blank=True)
    required = models.BooleanField(default=True, help_text="Must be answered to submit.")
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Untick to retire the question.")

    class Meta:
        ordering = ["section__order", "section_id", "order", "id"]

    def __str__(self) -> str:
        return self.text


class ProfilePilot(models.Model):
    """A setting taking part in the profiling tool's pilot."""

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    setting = models.ForeignKey("people.Setting", on_delete=models.PROTECT, related_name="+")
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["la", "setting__name"]
        constraints = [models.UniqueConstraint(fields=["la", "setting"], name="profile_pilot_once")]

    def __str__(self) -> str:
        return f"Pilot setting {self.setting_id}"


class NeedsProfileQuerySet(models.QuerySet["NeedsProfile"]):
    def submitted(self) -> NeedsProfileQuerySet:
        return self.filter(submitted_on__isnull=False)

    def current(self) -> NeedsProfileQuerySet:
        """Not superseded by an amendment."""
        return self.filter(superseded_by__isnull=True)


class NeedsProfile(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="+")
    setting = models.ForeignKey("people.Setting", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        help_text="The submitted profile this one amends (kept as it was).",
    )
    why = models.CharField(max_length=500, blank=True, help_text="Why it was amended.")
    started_on = models.DateField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = NeedsProfileQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["la", "submitted_on"], name="profile_la_submitted_idx")]

    def __str__(self) -> str:
        return f"Needs profile {self.pk}"

    @property
    def reference(self) -> str:
        """How a page names the profile: never the child's name."""
        return f"NP-{self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class ProfileAnswer(models.Model):
    """One answer as saved: appended, never changed (the latest per question is current)."""

    profile = models.ForeignKey(NeedsProfile, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(ProfileQuestion, on_delete=models.PROTECT, related_name="+")
    asked = models.CharField(max_length=300, help_text="The question as it was worded.")
    text = models.TextField(blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["profile", "id"]

    def __str__(self) -> str:
        return f"Profile answer {self.pk}"
