"""The annual review report as an online form: a draft the setting fills in section by
section (saved on the server as they go), submitted once, then logged or returned by
the council. What each section holds is in ``senda.portal.report_sections``."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.models import Case, Plan, Review
from senda.people.models import Setting as School


class ReviewReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Sent to the council"
        RETURNED = "returned", "Returned to the setting"
        LOGGED = "logged", "Logged by the council"

    class Recommendation(models.TextChoices):
        MAINTAIN = "maintain", "Keep the plan as it is"
        AMEND = "amend", "Amend the plan"
        CEASE = "cease", "Stop the plan"
        CHANGE_PLACEMENT = "change_placement", "Change of placement"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="review_reports")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="review_reports")
    setting = models.ForeignKey(School, on_delete=models.PROTECT, related_name="review_reports")
    review = models.ForeignKey(
        Review,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        help_text="The review meeting record, once the meeting is recorded.",
    )
    due_on = models.DateField(help_text="When the review is due by law (from the clock).")
    meeting_on = models.DateField(null=True, blank=True)
    invitations_sent_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict, blank=True, help_text="Section id → answers.")
    completed_sections = models.JSONField(default=list, blank=True)
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    health_advice = models.BooleanField(
        null=True, blank=True, help_text="Health advice was provided for the review."
    )
    social_care_advice = models.BooleanField(
        null=True, blank=True, help_text="Social care advice was provided for the review."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)
    logged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["setting", "status"], name="report_setting_status_idx"),
            models.Index(fields=["status", "submitted_at"], name="report_status_submitted_idx"),
        ]

    def __str__(self) -> str:
        return f"Review report {self.pk}"


class ReportReturn(models.Model):
    """Each time the council returned a report, and why (kept when it is sent again)."""

    report = models.ForeignKey(ReviewReport, on_delete=models.PROTECT, related_name="returns")
    reason = models.TextField()
    returned_at = models.DateTimeField(auto_now_add=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["returned_at", "id"]

    def __str__(self) -> str:
        return f"Return {self.pk} of report {self.report_id}"


class PortalFeedback(models.Model):
    """One answer to "the portal was easy to use" after a submission."""

    class Answer(models.IntegerChoices):
        STRONGLY_AGREE = 5, "Strongly agree"
        AGREE = 4, "Agree"
        NEITHER = 3, "Neither agree nor disagree"
        DISAGREE = 2, "Disagree"
        STRONGLY_DISAGREE = 1, "Strongly disagree"

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.PositiveSmallIntegerField(choices=Answer.choices)
    answered_on = models.DateField()
    about = models.CharField(max_length=20, help_text="review_report or advice")

    class Meta:
        ordering = ["-answered_on", "-id"]

    def __str__(self) -> str:
        return f"Feedback {self.pk}"
