"""Governance bodies, their members and meetings, the decision and action logs, and
escalations.

Nothing is deleted: a member who leaves keeps their row (``left_on``), a decision corrected
keeps its row and the correction names it (``supersedes``), an action-log item done keeps
its row (``done_on``), and an escalation's decision to escalate further opens a new
escalation to the next body that names the one it came from (``escalated_from``), so the
history stays with the improvement action or KPI. No child-level data is held here.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q


class Body(models.Model):
    """A governance body of a local area's SEND partnership."""

    class Kind(models.TextChoices):
        DELIVERY_GROUP = "delivery_group", "Delivery group"
        PARTNERSHIP_BOARD = "partnership_board", "Partnership board"
        PATHWAY_BOARD = "pathway_board", "Pathway board"
        WORKSTREAM = "workstream", "Workstream"
        OTHER = "other", "Other"

    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.PROTECT, related_name="governance_bodies"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    terms_of_reference = models.TextField(
        help_text="Its purpose, what it decides, how often it meets, whom it reports to."
    )
    meets = models.CharField(
        max_length=200, blank=True, help_text='How often it meets, e.g. "every 6 to 8 weeks".'
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "bodies"
        constraints = [models.UniqueConstraint(fields=["la", "name"], name="body_unique_name")]

    def __str__(self) -> str:
        return self.name


class MemberQuerySet(models.QuerySet["Member"]):
    def current(self, on: date) -> MemberQuerySet:
        """Members who had joined by ``on`` and had not left by then."""
        return self.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))


class Member(models.Model):
    """A person on a body: with a Senda account (``user``: they may then record the body's
    meetings) or by name alone (a partner who has none)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="governance_memberships",
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, help_text="e.g. Chair, Designated Clinical Officer")
    organisation = models.CharField(max_length=200, blank=True)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    board_pack = models.ForeignKey(
        "improvement.BoardPack",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="The improvement plan's board pack the meeting considered.",
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.body} on {self.held_on:%Y-%m-%d}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=10, choices=Status.choices)

    class Meta:
        ordering = ["member__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.status}"


class DecisionQuerySet(models.QuerySet["Decision"]):
    def current(self) -> DecisionQuerySet:
        """Decisions no correction has superseded."""
        return self.filter(superseded_by__isnull=True)


class Decision(models.Model):
    """One entry of a meeting's decision log. A correction is a new decision that
    ``supersedes`` this one, with its reason; this row stays as it was."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    correction_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class LogItemQuerySet(models.QuerySet["LogItem"]):
    def open(self) -> LogItemQuerySet:
        return self.filter(done_on__isnull=True)

    def overdue_on(self, day: date) -> LogItemQuerySet:
        """Open items due before ``day``."""
        return self.open().filter(due_on__lt=day)

    def owned_by(self, user: object) -> LogItemQuerySet:
        return self.filter(owner=user).select_related("meeting__body")


class LogItem(models.Model):
    """One entry of a meeting's action log: what, whose, by when; done on a day."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="log_items")
    text = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="governance_actions"
    )
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    done_note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = LogItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    def overdue(self, day: date) -> bool:
        return self.done_on is None and self.due_on < day


class Escalation(models.Model):
    """An issue about an improvement action or a KPI raised to a body, with a reason.

    Exactly one of ``action`` and ``kpi_id`` (a catalogue id) is set. A decision to
    escalate further opens a new escalation to the next body, naming this one."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="escalations")
    action = models.ForeignKey(
        "improvement.Action",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalations",
    )
    kpi_id = models.CharField(max_length=60, blank=True)
    reason = models.TextField()
    raised_on = models.DateField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    escalated_from = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="escalated_to"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["raised_on", "recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(action__isnull=False) & Q(kpi_id=""))
                | (Q(action__isnull=True) & ~Q(kpi_id="")),
                name="escalation_action_or_kpi",
            )
        ]

    def __str__(self) -> str:
        return f"Escalation {self.pk} to {self.body}"


class EscalationDecision(models.Model):
    """What the body decided about an escalation: once, never changed."""

    class Outcome(models.TextChoices):
        ACCEPT = "accept", "Accept"
        RESEQUENCE = "resequence", "Re-sequence"
        CORRECTIVE = "corrective", "Corrective action"
        ESCALATE = "escalate", "Escalate further"

    escalation = models.OneToOneField(Escalation, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    note = models.TextField()
    decided_on = models.DateField()
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalation_decisions",
    )
    next_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {self.decided_on:%Y-%m-%d}"
