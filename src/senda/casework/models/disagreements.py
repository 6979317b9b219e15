"""Mediation and appeals to the SEND Tribunal: the records behind their statutory time
limits (``senda.clock.disagreements``), their costs and the review of each lost or conceded
appeal. See ``docs/disagreements.md`` and ADR 0018.

One record per mediation and per appeal; steps are dates on it, filled in as they happen
through ``casework.actions.disagreements`` (each write audited; a date is changed only by
a correction that keeps the old value in the audit log).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.casework.models.cases import Case


class Issue(models.TextChoices):
    """What a disagreement is about (CFA 2014 s51(2) appeal grounds, and health or social
    care for mediation and extended appeals)."""

    REFUSAL_TO_ASSESS = "refusal_to_assess", "Refusal to assess"
    REFUSAL_TO_ISSUE = "refusal_to_issue", "Refusal to issue a plan"
    SECTION_B = "section_b", "Needs in the plan (section B)"
    SECTION_F = "section_f", "Provision in the plan (section F)"
    SECTION_I = "section_i", "School or placement named (section I)"
    REFUSAL_TO_REASSESS = "refusal_to_reassess", "Refusal to re-assess"
    REFUSAL_TO_AMEND = "refusal_to_amend", "Refusal to amend the plan"
    CEASE = "cease", "Decision to cease the plan"
    HEALTH = "health", "Health provision (sections C and G)"
    SOCIAL_CARE = "social_care", "Social care provision (sections D and H)"


class Mediation(models.Model):
    class Kind(models.TextChoices):
        MEDIATION = "mediation", "Mediation (appeal right)"
        DISAGREEMENT = "disagreement", "Disagreement resolution (no appeal right)"

    class Choice(models.TextChoices):
        MEDIATE = "mediate", "Wants mediation"
        DECLINE = "decline", "Does not want mediation"

    class ArrangedBy(models.TextChoices):
        LA = "la", "The council"
        ICB = "icb", "The integrated care board (health only)"

    class Outcome(models.TextChoices):
        FULL = "full", "Agreement on every issue"
        PARTIAL = "partial", "Agreement on some issues"
        NONE = "none", "No agreement"
        NOT_HELD = "not_held", "Not held in time (certificate issued)"

    class Certificate(models.TextChoices):
        DECLINED = "declined", "Family declined mediation (reg 34)"
        AFTER = "after", "After mediation (reg 39)"
        DEEMED = "deemed", "Could not be arranged in time (reg 37)"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="mediations")
    kind = models.CharField(max_length=12, choices=Kind.choices, default="mediation")
    decision_on = models.DateField(help_text="When the decision notice was sent.")
    issues = models.JSONField(default=list, help_text="Issue codes (Issue).")
    adviser_contacted_on = models.DateField(null=True, blank=True)
    choice = models.CharField(max_length=7, choices=Choice.choices, blank=True)
    la_told_on = models.DateField(
        null=True, blank=True, help_text="When the family told the council it wants mediation."
    )
    health_sought = models.BooleanField(default=False)
    icb_notified_on = models.DateField(null=True, blank=True)
    arranged_by = models.CharField(max_length=3, choices=ArrangedBy.choices, blank=True)
    notice_on = models.DateField(
        null=True, blank=True, help_text="When the family was told the date and place."
    )
    meeting_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    cannot_arrange_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the council told the adviser it cannot arrange it in time.",
    )
    child_views = models.BooleanField(null=True, blank=True)
    child_views_how = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, blank=True)
    certificate = models.CharField(max_length=8, choices=Certificate.choices, blank=True)
    certificate_on = models.DateField(null=True, blank=True)
    cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decision_on", "-id"]

    def __str__(self) -> str:
        return f"Mediation {self.pk}"


class Appeal(models.Model):
    class Concession(models.TextChoices):
        BEFORE_RESPONSE = "before_response", "Conceded before the response (unopposed, reg 45)"
        CONSENT_ORDER = "consent_order", "Conceded after the response (consent order)"
        AT_HEARING = "at_hearing", "Conceded at the hearing"

    class Outcome(models.TextChoices):
        DISMISSED = "dismissed", "Dismissed (council's decision stands)"
        ALLOWED_IN_PART = "allowed_in_part", "Allowed in part"
        ALLOWED = "allowed", "Allowed"
        CONCEDED = "conceded", "Conceded by the council"
        WITHDRAWN = "withdrawn", "Withdrawn by the family"
        STRUCK_OUT = "struck_out", "Struck out"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="appeals")
    mediation = models.ForeignKey(
        Mediation, on_delete=models.PROTECT, null=True, blank=True, related_name="appeals"
    )
    reference = models.CharField(max_length=30, blank=True, help_text="The tribunal's reference.")
    decision_on = models.DateField(help_text="When the decision notice appealed was sent.")
    grounds = models.JSONField(default=list, help_text="Issue codes (Issue).")
    extended = models.BooleanField(
        default=False, help_text="Asks for recommendations on health or social care."
    )
    representation = models.CharField(max_length=100, blank=True)
    lodged_on = models.DateField(null=True, blank=True, help_text="When the tribunal received it.")
    registered_on = models.DateField(null=True, blank=True)
    response_due_on = models.DateField(
        null=True, blank=True, help_text="The tribunal's direction for the council's response."
    )
    response_on = models.DateField(null=True, blank=True)
    hearing_on = models.DateField(null=True, blank=True)
    concession = models.CharField(max_length=15, choices=Concession.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=15, choices=Outcome.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decision_on", "-id"]

    def __str__(self) -> str:
        return f"Appeal {self.pk}"

    @property
    def is_open(self) -> bool:
        return not self.outcome


class AppealOrder(models.Model):
    """One thing the tribunal ordered (or the council conceded, reg 45), or one
    recommendation on health or social care, with its time limit from the clock."""

    class Kind(models.TextChoices):
        ASSESS = "assess", "Assess or re-assess"
        MAKE_PLAN = "make_plan", "Make and maintain a plan"
        AMEND_CONTENTS = "amend_contents", "Amend the plan's contents"
        CHANGE_SCHOOL = "change_school", "Name the family's school"
        CHANGE_SCHOOL_AND_CONTENTS = "school_and_contents", "Name the school and amend contents"
        CONTINUE = "continue", "Continue to maintain the plan"
        CEASE = "cease", "Cease the plan"
        RECOMMENDATION = "recommendation", "Recommendation on health or social care"

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="orders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    made_on = models.DateField(help_text="The order's date, or the council's notice of concession.")
    by_concession = models.BooleanField(default=False)
    done_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["made_on", "id"]

    def __str__(self) -> str:
        return f"Order {self.pk} ({self.kind})"


class AppealCost(models.Model):
    class Line(models.TextChoices):
        LEGAL = "legal", "Legal (solicitors)"
        COUNSEL = "counsel", "Counsel"
        EXPERTS = "experts", "Expert witnesses"
        CONSULTANTS = "consultants", "Consultants"
        OFFICER_TIME = "officer_time", "Officer time"
        PLACEMENT = "placement", "Placement following the decision"
        OTHER = "other", "Other"

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="costs")
    line = models.CharField(max_length=12, choices=Line.choices)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    on = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"Cost {self.pk} ({self.line})"


class RootCauseReview(models.Model):
    """Why an appeal was lost or conceded, and the themes that feed improvement actions."""

    class Theme(models.TextChoices):
        ADVICE_QUALITY = "advice_quality", "Quality or lateness of advice"
        PROVISION_UNSPECIFIED = "provision_unspecified", "Provision not specified or quantified"
        PLACEMENT_SUFFICIENCY = "placement_sufficiency", "No suitable place available"
        DECISION_MAKING = "decision_making", "Panel or decision-making"
        EVIDENCE = "evidence", "Evidence not considered"
        TIMELINESS = "timeliness", "Delay"
        COMMUNICATION = "communication", "Communication with the family"
        OTHER = "other", "Other"

    appeal = models.OneToOneField(Appeal, on_delete=models.CASCADE, related_name="root_cause")
    reviewed_on = models.DateField()
    themes = models.JSONField(default=list, help_text="Theme codes.")
    what_happened = models.TextField()
    learning = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Root-cause review of appeal {self.appeal_id}"
