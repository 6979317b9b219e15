"""The neurodevelopmental waiting list: a child's referral for assessment on a pathway,
and the steps recorded on it.

A step is a :class:`ReferralStep`, appended and never changed: a correction is a new step
that ``replaces`` the one it corrects (kept, no longer current), a withdrawal a
replacement with ``withdrawn`` set. :class:`Referral` holds the identity of a referral and,
beside it, its current steps' dates and details (``project`` in ``actions`` rebuilds them
from the steps after every write), so the waits read one row a referral. Written only by
``senda.pathways.actions`` and the extract's import.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from senda.pathways.appended import Appended, AppendedQuerySet


class Pathway(models.TextChoices):
    AUTISM = "autism", "Autism"
    ADHD = "adhd", "ADHD"
    SALT = "salt", "Speech and language therapy"
    PAEDIATRICS = "paediatrics", "Community paediatrics"
    CAMHS = "camhs", "CAMHS"


class Source(models.TextChoices):
    SCHOOL = "school", "School or setting"
    GP = "gp", "GP"
    HEALTH_VISITOR = "health_visitor", "Health visitor"
    PARENT = "parent", "Parent or carer"
    OTHER = "other", "Other"


class RejectReason(models.TextChoices):
    INSUFFICIENT = "insufficient", "Not enough information"
    NO_DIAGNOSIS = "no_diagnosis", "Refused for want of a diagnosis"
    CRITERIA = "criteria", "Does not meet the pathway's criteria"
    DUPLICATE = "duplicate", "Already referred"
    OTHER = "other", "Other"


class Outcome(models.TextChoices):
    DIAGNOSED = "diagnosed", "Diagnosed"
    NOT_DIAGNOSED = "not_diagnosed", "Not diagnosed"
    INCONCLUSIVE = "inconclusive", "Inconclusive: review later"
    REFERRED_ON = "referred_on", "Referred to another service"


class CloseReason(models.TextChoices):
    WITHDRAWN = "withdrawn", "Withdrawn by the family"
    MOVED = "moved", "Moved away"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"
    OTHER = "other", "Other"


class StepType(models.TextChoices):
    REFERRED = "referred", "Referred"
    ACCEPTED = "accepted", "Accepted at triage"
    REJECTED = "rejected", "Rejected at triage"
    ASSESSED = "assessed", "First assessment appointment"
    OUTCOME = "outcome", "Diagnosis or outcome"
    CLOSED = "closed", "Left the list without an assessment"


class Status(models.TextChoices):
    TRIAGE = "triage", "Waiting for triage"
    WAITING = "waiting", "Accepted: waiting for assessment"
    REJECTED = "rejected", "Rejected at triage"
    ASSESSED = "assessed", "Assessed: waiting for the outcome"
    DONE = "done", "Outcome given"
    CLOSED = "closed", "Left the list"


class ReferralQuerySet(models.QuerySet["Referral"]):
    def of_area(self, la_id: int) -> ReferralQuerySet:
        return self.filter(la_id=la_id)

    def waiting_on(self, day: date) -> ReferralQuerySet:
        """Referred by ``day`` and, on ``day``, neither rejected, assessed nor closed: on
        the list (waiting for triage or, accepted, for the first assessment)."""
        return self.filter(referred_on__lte=day).exclude(
            Q(rejected_on__lte=day) | Q(assessed_on__lte=day) | Q(closed_on__lte=day)
        )

    def assessed_between(self, start: date, end: date) -> ReferralQuerySet:
        """First assessed from ``start`` to ``end``: the completed waits of the period."""
        return self.filter(assessed_on__gte=start, assessed_on__lte=end)


class Referral(models.Model):
    """A child's referral for assessment on one pathway."""

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="nd_referrals")
    pathway = models.CharField(max_length=20, choices=Pathway.choices)
    provider_ref = models.CharField(
        "provider's reference",
        max_length=40,
        blank=True,
        help_text="The NHS provider's id for the referral, as its extract gives it.",
    )
    # The current steps, projected from them (``actions.project``): never written otherwise.
    referred_on = models.DateField()
    source = models.CharField(max_length=20, choices=Source.choices)
    setting = models.ForeignKey(
        "people.Setting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The child's school or setting when referred.",
    )
    profile = models.ForeignKey(
        "portal.NeedsProfile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The needs profile the school completed before the referral, if named.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TRIAGE)
    accepted_on = models.DateField(null=True, blank=True)
    rejected_on = models.DateField(null=True, blank=True)
    reject_reason = models.CharField(max_length=20, choices=RejectReason.choices, blank=True)
    assessed_on = models.DateField(null=True, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["referred_on", "id"]
        indexes = [models.Index(fields=["la", "pathway", "referred_on"], name="referral_la_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["la", "pathway", "provider_ref"],
                condition=~Q(provider_ref=""),
                name="referral_provider_ref_unique",
            )
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk}"

    @property
    def reference(self) -> str:
        """How a page names the referral: never the child's name."""
        return f"ND-{self.pk}"


class ReferralStepQuerySet(AppendedQuerySet):
    pass


class ReferralStep(Appended):
    """One step on a referral, as recorded: appended, never changed."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="steps")
    type = models.CharField(max_length=10, choices=StepType.choices)
    on = models.DateField()
    source = models.CharField(max_length=20, choices=Source.choices, blank=True)
    setting = models.ForeignKey(
        "people.Setting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(
        max_length=20, blank=True, help_text="Why it was rejected or closed (a code)."
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    via = models.CharField(max_length=300, blank=True, help_text="form, or the extract's name.")

    objects = ReferralStepQuerySet.as_manager()

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.type} step {self.pk}"


class ExtractImport(models.Model):
    """One import of the NHS provider's waiting-list extract (identifiers and counts only)."""

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    created = models.PositiveIntegerField(help_text="New referrals.")
    steps = models.PositiveIntegerField(help_text="Steps added or corrected.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Extract import {self.pk}"


# --- Transition to adult services (preparing for adulthood) ------------------------------


class TransitionKind(models.TextChoices):
    RATING = "rating", "Complexity rating"
    ALLOCATED = "allocated", "Allocated to an adult social care worker"
    PLAN = "plan", "Transition plan to adult services"
    TRAVEL = "travel", "Travel training completed"
    HEALTH_PLAN = "health_plan", "Preparing-for-adulthood health action plan"
    HEALTH_CHECK = "health_check", "Annual health check"


class Complexity(models.TextChoices):
    RED = "red", "Red: complex needs, adult social care likely"
    AMBER = "amber", "Amber: some needs, adult services may be needed"
    GREEN = "green", "Green: universal or community services"


class TransitionRecordQuerySet(AppendedQuerySet):
    def of_area(self, la_id: int) -> TransitionRecordQuerySet:
        return self.filter(la_id=la_id)


class TransitionRecord(Appended):
    """One fact about a young person's transition to adult services, dated: a complexity
    rating (red, amber, green), allocation to an adult social care worker, the transition
    plan, travel training completed, the health action plan, an annual health check.
    Appended, never changed: a correction ``replaces`` the record (kept), a withdrawal is a
    replacement with ``withdrawn`` set. Written only by ``senda.pathways.transition_actions``."""

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, related_name="transition_records"
    )
    kind = models.CharField(max_length=20, choices=TransitionKind.choices)
    on = models.DateField()
    rating = models.CharField(max_length=5, choices=Complexity.choices, blank=True)
    worker = models.CharField(
        max_length=200, blank=True, help_text="The adult social care worker allocated (a name)."
    )

    objects = TransitionRecordQuerySet.as_manager()

    class Meta:
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["la", "kind"], name="transition_la_kind_idx")]

    def __str__(self) -> str:
        return f"{self.kind} record {self.pk}"


class SupportKind(models.TextChoices):
    SCHOOL = "school", "School-based interim support"
    PARENT_PROGRAMME = "parent_programme", "Parent or carer programme"
    MEDICATION_REVIEW = "medication_review", "Medication review"
    NO_DIAGNOSIS = "no_diagnosis", "Support without a diagnosis"
    SPECIALIST = "specialist", "Specialist support while waiting for a specialist school place"


class ProviderKind(models.TextChoices):
    SETTING = "setting", "The child's school or setting"
    HEALTH = "health", "An NHS or health team"
    COUNCIL = "council", "A council team"
    VOLUNTARY = "voluntary", "A voluntary or community organisation"
    OTHER = "other", "Other"


class SupportQuerySet(AppendedQuerySet):
    def running_on(self, day: date) -> SupportQuerySet:
        """Current support started by ``day`` and not ended before it."""
        return (
            self.current()
            .filter(starts_on__lte=day)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        )


class Support(Appended):
    """Support a child receives while waiting (issue 18), as recorded: appended, never
    changed. A correction is a new row that ``replaces`` the one it corrects (kept, no
    longer current), a withdrawal a replacement with ``withdrawn`` set, as for
    :class:`ReferralStep`. Held per child; ``referral`` is the one it was recorded from."""

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="nd_support")
    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="support"
    )
    kind = models.CharField(max_length=20, choices=SupportKind.choices)
    provider_kind = models.CharField(max_length=20, choices=ProviderKind.choices)
    provider = models.CharField(
        max_length=200, help_text="Who provides it: the organisation, setting or team."
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Blank while it continues.")

    objects = SupportQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "id"]
        indexes = [models.Index(fields=["la", "kind", "starts_on"], name="nd_support_la_idx")]

    def __str__(self) -> str:
        return f"Support {self.pk}"


class ExtractMapping(models.Model):
    """The column headings an area's NHS extract uses, saved by the upload page so the next
    month's upload needs none. Appended: the latest row of an area is its mapping."""

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    columns = models.JSONField(default=dict, help_text="Field name → the extract's heading.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Extract mapping {self.pk}"


# --- Preparing for adulthood: destinations (issue 18; docs/pathways.md "Destinations") ---


class Send(models.TextChoices):
    """The young person's SEND status as the council's participation extract gives it."""

    EHCP = "ehcp", "EHC plan"
    SEN_SUPPORT = "sen_support", "SEN support"


class ParticipationImport(models.Model):
    """One import of the council's monthly participation extract (identifiers and counts)."""

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="The extract's month (its first day).")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(help_text="Rows in the file.")
    kept = models.PositiveIntegerField(help_text="Rows of young people with SEND.")
    added = models.PositiveIntegerField(help_text="Young people new to the month.")
    changed = models.PositiveIntegerField(help_text="Records superseded by a changed activity.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Participation import {self.pk}"


class ParticipationQuerySet(models.QuerySet["Participation"]):
    def current(self) -> ParticipationQuerySet:
        """Records not superseded by a later import of the same month."""
        return self.filter(replaced_by__isnull=True)

    def of_young_person(self, record: Participation) -> ParticipationQuerySet:
        """Every record (superseded ones too) of ``record``'s young person: the same
        council's reference in the same area, month by month."""
        return self.filter(la_id=record.la_id, person_ref=record.person_ref).order_by("month", "id")


class Participation(models.Model):
    """A young person's activity in one month, as the council's extract gave it: appended,
    never changed. A re-import of the month that gives another activity (or SEND status)
    adds a record that ``replaces`` this one, which is kept."""

    # Its own index would only repeat the first column of (la, month): one fewer to write.
    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    month = models.DateField(help_text="The extract's month (its first day).")
    person_ref = models.CharField(
        "council's reference", max_length=40, help_text="The young person's id in the extract."
    )
    child = models.ForeignKey(
        "people.Child",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participation",
        help_text="The child in Senda, when matched (by UPN, or name and date of birth).",
    )
    date_of_birth = models.DateField()
    cohort = models.PositiveSmallIntegerField(
        help_text="The year the young person left (or leaves) Year 11, from the birth date."
    )
    send = models.CharField(max_length=12, choices=Send.choices)
    activity = models.CharField(max_length=3, help_text="The NCCIS current activity code.")
    activity_start = models.DateField(null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text="The record of the same month this one supersedes.",
    )
    source = models.ForeignKey(ParticipationImport, on_delete=models.PROTECT, related_name="+")

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["month", "id"]
        indexes = [models.Index(fields=["la", "month"], name="participation_la_month_idx")]

    def __str__(self) -> str:
        return f"Participation {self.pk}"


class OpportunityKind(models.TextChoices):
    INTERNSHIP = "internship", "Supported internship"
    APPRENTICESHIP = "apprenticeship", "Apprenticeship"


class Opportunity(models.Model):
    """Places the partnership created for young people with SEND in an academic year: the
    small register behind "created" (what was filled comes from the extracts)."""

    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=OpportunityKind.choices)
    year = models.PositiveSmallIntegerField(help_text="The academic year's first calendar year.")
    places = models.SmallIntegerField(help_text="Places added (negative: taken back in error).")
    provider = models.CharField(max_length=200, help_text="The employer or provider.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "kind", "id"]

    def __str__(self) -> str:
        return f"Opportunity {self.pk}"


# The disabled children's register (its own module, loaded with the app's models).
from senda.pathways.disabled.models import DisabledChild, RegisterRecord  # noqa: E402, F401
