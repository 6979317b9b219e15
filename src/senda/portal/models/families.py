"""What families do in Senda: their and their child's views before a review, comments on a
draft plan or amendment notice, documents the council shares with them, secure messages
with their case officer, and surveys. See ``docs/families.md`` and ADR 0018."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.models import Case, CaseEvent, Plan
from senda.people.models import LocalAuthority
from senda.portal.models.uploads import Upload


class FamilyViews(models.Model):
    """ "All about me" and the family's views before a review: typed, or uploaded (a drawing,
    a recording's transcript, a letter). They reach the setting's review report."""

    class About(models.TextChoices):
        CHILD = "child", "The child or young person's views"
        PARENT = "parent", "The parent or carer's views"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="family_views")
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="family_views"
    )
    about = models.CharField(max_length=6, choices=About.choices)
    answers = models.JSONField(default=dict, blank=True, help_text="Question id → answer.")
    upload = models.ForeignKey(
        Upload, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    helped_by = models.CharField(max_length=100, blank=True, help_text="Who helped the child.")
    review_due_on = models.DateField(
        null=True, blank=True, help_text="The review these views are for (from the clock)."
    )
    given_on = models.DateField()
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name_plural = "family views"

    def __str__(self) -> str:
        return f"Views {self.pk} ({self.about})"


class Representation(models.Model):
    """The family's response to a draft plan (reg 13(1)) or an amendment notice (reg
    22(2)): comments by section, a school or college asked for (CFA 2014 s38(2)(b), from
    the s38(3) list), a meeting asked for. Made within the window the clock computes."""

    class SchoolCategory(models.TextChoices):
        MAINTAINED = "maintained", "Maintained school or nursery"
        ACADEMY = "academy", "Academy or free school"
        FE = "fe", "Further education or sixth-form college"
        NON_MAINTAINED_SPECIAL = "nmss", "Non-maintained special school"
        S41 = "s41", "Independent school approved under section 41"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="representations")
    event = models.ForeignKey(
        CaseEvent,
        on_delete=models.PROTECT,
        related_name="representations",
        help_text="The draft plan issued or amendment notice this answers.",
    )
    comments = models.JSONField(default=dict, blank=True, help_text="Section letter → comment.")
    school_name = models.CharField(max_length=200, blank=True)
    school_category = models.CharField(max_length=10, choices=SchoolCategory.choices, blank=True)
    meeting_requested = models.BooleanField(default=False)
    meeting_due_on = models.DateField(null=True, blank=True)
    finished = models.BooleanField(
        default=False, help_text="The family says they have nothing more to add."
    )
    made_on = models.DateField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-made_on", "-id"]

    def __str__(self) -> str:
        return f"Representation {self.pk}"


class SharedDocument(models.Model):
    """A document the council shares with the family (the plan, a draft, a decision letter,
    a review report), served through the audited file view."""

    class Kind(models.TextChoices):
        PLAN = "plan", "EHC plan"
        DRAFT = "draft", "Draft EHC plan"
        DECISION = "decision", "Decision letter"
        REVIEW_REPORT = "review_report", "Annual review report"
        AMENDMENT = "amendment", "Amendment notice"
        OTHER = "other", "Other document"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="shared_documents")
    upload = models.OneToOneField(Upload, on_delete=models.PROTECT, related_name="shared")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    title = models.CharField(max_length=200)
    shared_on = models.DateField()
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-shared_on", "-id"]

    def __str__(self) -> str:
        return f"Shared document {self.pk} ({self.kind})"


class CaseMessage(models.Model):
    """A secure message between the family and the case officer. A family's message is
    acknowledged at once and has a reply due (the area's service standard in working
    days); a missed reply shows to the team manager."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="case_messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_family = models.BooleanField()
    body = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)
    reply_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    reply_due_on = models.DateField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [models.Index(fields=["case", "sent_at"], name="casemessage_case_idx")]

    def __str__(self) -> str:
        return f"Case message {self.pk}"


class SurveyResponse(models.Model):
    """A family member's answers about one event (a review, a plan issued): one response
    per person per event. Reports never show who answered and suppress small numbers."""

    class About(models.TextChoices):
        REVIEW = "review", "An annual review"
        PLAN = "plan", "A plan being issued"

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="survey_responses")
    event = models.ForeignKey(CaseEvent, on_delete=models.PROTECT, related_name="+")
    about = models.CharField(max_length=6, choices=About.choices)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_on = models.DateField()
    clarity = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1–5")
    timeliness = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1–5")
    listened_to = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1–5")
    easy_to_use = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1–5")
    comment = models.TextField(blank=True)
    themes = models.JSONField(default=list, blank=True, help_text="Theme codes, set by staff.")

    class Meta:
        ordering = ["-answered_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "event"], name="one_survey_response_per_person_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"Survey response {self.pk}"


class FeedbackSummary(models.Model):
    """The termly feedback summary: themes counted from surveys and complaints, free text
    kept, produced for the QA and partnership meetings."""

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="+")
    term_starts = models.DateField()
    term_ends = models.DateField()
    produced_on = models.DateField()
    produced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    figures = models.JSONField(default=dict, help_text="Counts by theme and question.")

    class Meta:
        ordering = ["-term_starts", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["la", "term_starts"], name="one_summary_per_term")
        ]

    def __str__(self) -> str:
        return f"Feedback summary {self.term_starts:%Y-%m-%d}"
