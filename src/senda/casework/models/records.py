"""Structured records kept beside the events (for SEN2 and lists): requests, plans, reviews.

Only actions write them, in the same transaction as the event they summarise.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from senda import kernel
from senda.casework.models.cases import Case


def returned_flags_field(of: str) -> models.CharField:
    """SEN2's mediation and tribunal flags a return imported from another system gave for
    a request or plan (``of``), kept by name: the import has none of the dates a mediation
    or appeal record needs (docs/sen2.md §11)."""
    return models.CharField(
        "mediation and tribunal flags returned before Senda",
        max_length=120,
        blank=True,
        default="",
        help_text=(
            f"SEN2's mediation and tribunal flags that were true for this {of} in a return "
            "imported from another system (names, space-separated): history Senda has no "
            "mediation or appeal records for. Senda's return gives them besides those its "
            "own records give."
        ),
    )


class AssessmentRequest(models.Model):
    class Source(models.IntegerChoices):
        PARENT_OR_YOUNG_PERSON = 1, "Young person or parent"
        SETTING = 2, "School or other setting"
        HEALTH = 3, "Health"
        SOCIAL_CARE = 4, "Social care"
        OTHER = 5, "Other"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="requests")
    received_on = models.DateField()
    source = models.PositiveSmallIntegerField(choices=Source.choices)
    assess_outcome = models.CharField(max_length=10, blank=True, help_text="assess / refuse")
    assess_decided_on = models.DateField(null=True, blank=True)
    issue_outcome = models.CharField(max_length=10, blank=True, help_text="issue / not-issue")
    issue_decided_on = models.DateField(null=True, blank=True)
    returned_flags = returned_flags_field("request")

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Request {self.pk} received {self.received_on:%Y-%m-%d}"


class PlanQuerySet(models.QuerySet["Plan"]):
    def live(self, today: date | None = None) -> PlanQuerySet:
        """Plans current ``today`` (the machine's date if not given): not ceased, or ending
        after today (a decision to cease ends the plan after the time to appeal, a day that
        may be ahead). A case's current plan (the actions keep at most one). The plan
        records decide whether a case has a current plan (a plan may predate the recorded
        events); the clock's ``case_state`` is told their answer."""
        return self.filter(Q(ceased_on__isnull=True) | Q(ceased_on__gt=today or kernel.today()))

    def in_force(self, day: date) -> PlanQuerySet:
        """Plans in force on ``day``: issued or transferred in on or before it, and not
        ceased by it (live on ``day``). The plans an area maintains on a census day."""
        started = Q(issued_on__lte=day) | Q(transferred_in_on__lte=day)
        return self.filter(started).live(day)


class Plan(models.Model):
    class CeaseReason(models.IntegerChoices):
        MAXIMUM_AGE = 1, "Reached maximum age"
        NEEDS_MET = 2, "Needs met without a plan"
        HIGHER_EDUCATION = 3, "Moved on to higher education"
        PAID_EMPLOYMENT = 4, "Moved on to paid employment"
        TRANSFERRED = 5, "Transferred to another LA"
        NOT_ENGAGING = 6, "No longer engaging in education or training"
        LEFT_ENGLAND = 7, "Moved outside England"
        DECEASED = 8, "Deceased"
        OTHER = 9, "Other"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    issued_on = models.DateField(null=True, blank=True, help_text="Blank if transferred in.")
    transferred_in_on = models.DateField(null=True, blank=True)
    transferred_from_la = models.CharField(
        "transferred in from (DfE LA number)",
        max_length=3,
        blank=True,
        default="",
        help_text="The 3-digit DfE number of the LA the plan came from; blank if not known.",
    )
    #: As ``AssessmentRequest.returned_flags``, for a plan a return gave with no request of
    #: its own (transferred in, or older than the records).
    returned_flags = returned_flags_field("plan")
    amended_on = models.DateField(null=True, blank=True, help_text="Latest amended plan.")
    ceased_on = models.DateField(null=True, blank=True)
    cease_reason = models.PositiveSmallIntegerField(
        choices=CeaseReason.choices, null=True, blank=True
    )
    # What SEN2's NamedPlan says of the plan (blank / None: not recorded).
    residential = models.CharField(
        max_length=1,
        choices=[("A", "Up to 38 weeks"), ("B", "39 to 52 weeks")],
        blank=True,
        help_text="A residential placement named in the plan (SEN2 PlanRes).",
    )
    work_based = models.BooleanField(
        null=True, blank=True, help_text="Work-based learning named (SEN2 PlanWBP)."
    )
    personal_budget = models.BooleanField(
        null=True, blank=True, help_text="A personal budget agreed (SEN2 PB)."
    )
    organised_arrangements = models.BooleanField(
        null=True, blank=True, help_text="Part of the budget as organised arrangements (SEN2 OA)."
    )
    direct_payments = models.BooleanField(
        null=True, blank=True, help_text="Part of the budget as direct payments (SEN2 DP)."
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Plan {self.pk}"

    @property
    def is_live(self) -> bool:
        """Current today (:meth:`live_on` the machine's date)."""
        return self.live_on()

    def live_on(self, today: date | None = None) -> bool:
        """Current ``today``: not ceased, or ending after today (:meth:`PlanQuerySet.live`,
        for one plan already read)."""
        return self.ceased_on is None or self.ceased_on > (today or kernel.today())

    @property
    def started_on(self) -> date | None:
        return self.issued_on or self.transferred_in_on


class Review(models.Model):
    class Outcome(models.TextChoices):
        MAINTAIN = "maintain", "Maintain"
        AMEND = "amend", "Amend"
        CEASE = "cease", "Cease"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reviews")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    meeting_on = models.DateField()
    report_received_on = models.DateField(null=True, blank=True)
    logged_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-meeting_on", "-id"]
        # The reviews met in a period (``casework.adulthood``'s KPI, ``senda tick``).
        indexes = [models.Index(fields=["meeting_on"], name="review_meeting_on_idx")]

    def __str__(self) -> str:
        return f"Review {self.pk} met {self.meeting_on:%Y-%m-%d}"


class PlanOutcome(models.Model):
    """One outcome of a plan's section E, held as data so the review report walks through
    each (and quality assurance grades them). Replacing a plan's outcomes supersedes the
    old ones (``superseded_on``), never deletes them."""

    class Area(models.TextChoices):
        COMMUNICATION = "communication", "Communication and interaction"
        LEARNING = "learning", "Cognition and learning"
        SEMH = "semh", "Social, emotional and mental health"
        PHYSICAL = "physical", "Sensory and/or physical"
        EMPLOYMENT = "employment", "Preparing for adulthood: employment"
        INDEPENDENCE = "independence", "Preparing for adulthood: independent living"
        COMMUNITY = "community", "Preparing for adulthood: community and friends"
        HEALTH = "health", "Preparing for adulthood: good health"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    number = models.PositiveSmallIntegerField()
    area = models.CharField(max_length=20, choices=Area.choices, blank=True)
    text = models.TextField()
    recorded_on = models.DateField()
    superseded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "number", "id"]

    def __str__(self) -> str:
        return f"Outcome {self.number} of plan {self.plan_id}"


class IncorporatedAdvice(models.Model):
    """When a plan (new or amended) was issued: whether health and social care advice was
    incorporated in it (the officer says; KPIs count it)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="incorporated_advice")
    issued_on = models.DateField(help_text="The date of the issued or amended plan.")
    amended = models.BooleanField(default=False)
    health = models.BooleanField(help_text="Health advice was incorporated.")
    social_care = models.BooleanField(help_text="Social care advice was incorporated.")

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "issued_on"], name="incorporated_advice_once_per_issue"
            )
        ]

    def __str__(self) -> str:
        return f"Advice incorporated in plan {self.plan_id} on {self.issued_on:%Y-%m-%d}"
