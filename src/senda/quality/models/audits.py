"""An audit of one plan against a framework version: each criterion judged with evidence
(``Judgement``), domain and overall grades computed from them (``quality.grading``), an
override only with a reason, strengths, areas to improve, who audited and from which
organisation (``AuditAuditor``: they, and only they among outsiders, see the plan while the
audit is open), and the actions it raised (``AuditAction``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.quality.models.grades import Grade, Met, Organisation


class AuditQuerySet(models.QuerySet["Audit"]):
    def submitted(self) -> AuditQuerySet:
        return self.filter(submitted_on__isnull=False)

    def open(self) -> AuditQuerySet:
        return self.filter(submitted_on__isnull=True, withdrawn_on__isnull=True)


class Audit(models.Model):
    class Kind(models.TextChoices):
        PLAN = "plan", "Plan audit"
        MODERATION = "moderation", "Moderation grading"

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="qa_audits")
    plan = models.ForeignKey("casework.Plan", on_delete=models.PROTECT, related_name="qa_audits")
    version = models.ForeignKey(
        "casework.PlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="qa_audits",
        help_text="The plan version read.",
    )
    framework = models.ForeignKey(
        "quality.Framework", on_delete=models.PROTECT, related_name="audits"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PLAN)
    sample_item = models.ForeignKey(
        "quality.SampleItem", on_delete=models.PROTECT, null=True, blank=True, related_name="audits"
    )
    round_plan = models.ForeignKey(
        "quality.RoundPlan", on_delete=models.PROTECT, null=True, blank=True, related_name="audits"
    )
    includes_review = models.BooleanField(default=False)
    review = models.ForeignKey(
        "casework.Review", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=500, blank=True)
    computed_grade = models.PositiveSmallIntegerField(choices=Grade.choices, null=True, blank=True)
    override_grade = models.PositiveSmallIntegerField(choices=Grade.choices, null=True, blank=True)
    override_reason = models.TextField(blank=True)
    outcome_grade = models.PositiveSmallIntegerField(choices=Grade.choices, null=True, blank=True)
    review_meets_standard = models.BooleanField(
        null=True,
        blank=True,
        help_text="Audits including a review: did the review meet the standard?",
    )
    strengths = models.TextField(blank=True)
    improvements = models.TextField(blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["la", "submitted_on"], name="audit_la_submitted_idx")]

    def __str__(self) -> str:
        return f"Audit {self.pk}"

    @property
    def grade(self) -> int | None:
        """The overall grade: the override if one was made with a reason, else computed."""
        return self.override_grade or self.computed_grade

    @property
    def is_open(self) -> bool:
        return self.submitted_on is None and self.withdrawn_on is None


class AuditAuditor(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="auditors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.CharField(max_length=12, choices=Organisation.choices)
    added_on = models.DateField()

    class Meta:
        ordering = ["audit", "id"]
        constraints = [models.UniqueConstraint(fields=["audit", "user"], name="auditor_once")]

    def __str__(self) -> str:
        return f"Auditor {self.pk}"


class Judgement(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="judgements")
    criterion = models.ForeignKey("quality.Criterion", on_delete=models.PROTECT, related_name="+")
    met = models.CharField(max_length=8, choices=Met.choices)
    evidence = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["audit", "criterion__domain__order", "criterion__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "criterion"], name="judgement_once")
        ]

    def __str__(self) -> str:
        return f"Judgement {self.pk}"


class DomainGrade(models.Model):
    """Kept when the audit is submitted: the computed grade of each domain."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="domain_grades")
    domain = models.ForeignKey("quality.Domain", on_delete=models.PROTECT, related_name="+")
    grade = models.PositiveSmallIntegerField(choices=Grade.choices)
    score = models.DecimalField(max_digits=4, decimal_places=3)

    class Meta:
        ordering = ["audit", "domain__order"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "domain"], name="domain_grade_once")
        ]

    def __str__(self) -> str:
        return f"Domain grade {self.pk}"


class AuditActionQuerySet(models.QuerySet["AuditAction"]):
    def open(self) -> AuditActionQuerySet:
        return self.filter(completed_on__isnull=True, cancelled_on__isnull=True)

    def overdue(self, today: object) -> AuditActionQuerySet:
        return self.open().filter(due_on__lt=today)


class AuditAction(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="actions")
    text = models.CharField(max_length=500)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="qa_actions"
    )
    due_on = models.DateField()
    raised_on = models.DateField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    completed_on = models.DateField(null=True, blank=True)
    completion_note = models.TextField(blank=True)
    cancelled_on = models.DateField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    early_review = models.ForeignKey(
        "casework.EarlyReview", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AuditActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"Audit action {self.pk}"
