"""The plan's risk register and its "You said, we did" log."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.improvement.models.plans import ImprovementPlan
from senda.improvement.models.withdrawal import Withdrawable


class Risk(Withdrawable):
    class Severity(models.IntegerChoices):
        LOW = 1, "Low"
        MEDIUM = 2, "Medium"
        HIGH = 3, "High"
        VERY_HIGH = 4, "Very high"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField()
    raised_on = models.DateField()
    owner = models.CharField(max_length=200)
    severity_before = models.PositiveSmallIntegerField(choices=Severity.choices)
    severity_after = models.PositiveSmallIntegerField(
        choices=Severity.choices, help_text="After mitigation."
    )
    mitigation = models.TextField(blank=True)
    progress = models.TextField(blank=True)
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["-severity_after", "-severity_before", "raised_on", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class RiskReview(models.Model):
    """A risk's severities and status as someone rated them on a day, never changed: the
    latest is what the risk register shows (``Risk`` keeps a copy), the rest its history."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    severity_before = models.PositiveSmallIntegerField(choices=Risk.Severity.choices)
    severity_after = models.PositiveSmallIntegerField(choices=Risk.Severity.choices)
    status = models.CharField(max_length=6, choices=Risk.Status.choices)
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"Risk {self.risk_id} reviewed {self.reviewed_on:%Y-%m-%d}"


class Feedback(models.Model):
    """ "You said, we did": what families and young people told the partnership, what
    changed in response and when that was published back to them."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="feedback")
    source = models.CharField(max_length=200, help_text="e.g. parent carer forum survey")
    received_on = models.DateField()
    theme = models.CharField(max_length=200)
    you_said = models.TextField()
    we_did = models.TextField(blank=True)
    changed_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    recommendation = models.ForeignKey(
        "improvement.Recommendation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="you_said_we_did",
    )

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.theme} ({self.received_on:%Y-%m-%d})"


class Recommendation(models.Model):
    """A recommendation drawn from families' feedback (a theme of the termly summary, of
    complaints or of appeals' root-cause reviews) and the improvement action that carries
    it out: the closed loop of "You said, we did"."""

    plan = models.ForeignKey(
        ImprovementPlan, on_delete=models.CASCADE, related_name="recommendations"
    )
    source = models.CharField(
        max_length=20, help_text="feedback, complaints or appeals: where the theme was counted."
    )
    theme = models.CharField(max_length=40, help_text="The theme's code where it was counted.")
    text = models.TextField()
    made_on = models.DateField()
    action = models.ForeignKey(
        "improvement.Action",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    implemented_on = models.DateField(null=True, blank=True)
    not_adopted_reason = models.TextField(
        blank=True, help_text="Why it will not be done: said back to families."
    )

    class Meta:
        ordering = ["-made_on", "-id"]

    def __str__(self) -> str:
        return f"Recommendation {self.pk} ({self.theme})"


class BoardPack(models.Model):
    """A board meeting the plan reports to. A pack shows what changed since the previous
    meeting's pack (the latest earlier ``meeting_on``)."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="board_packs")
    meeting_on = models.DateField()
    title = models.CharField(max_length=200, blank=True, help_text="e.g. SEND Partnership Board")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-meeting_on"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "meeting_on"], name="boardpack_unique_date")
        ]

    def __str__(self) -> str:
        return f"Board pack for {self.meeting_on:%Y-%m-%d}"


class Proposal(models.Model):
    """What the owner of an exception proposes to the board, appended: the latest for a
    ``subject`` is shown, the earlier ones kept. ``subject`` names what the exception is
    about (``senda.improvement.exceptions``): ``kpi:<id>``, ``action:<id>``,
    ``milestone:<id>``, ``risk:<id>`` or ``overdue:<officer id>``."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="proposals")
    subject = models.CharField(max_length=80)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "subject", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["plan", "subject"], name="proposal_plan_subject")]

    def __str__(self) -> str:
        return f"{self.subject}: {self.text[:60]}"
