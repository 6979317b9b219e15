"""Impact, not only activity: an action's stage and the difference it has made.

The delivery rating (``Rating``, BRAG(P)) says whether an action is being done on time.
An ``ImpactRecord`` says where the action stands from plan to lasting change (its
**stage**: planned, in progress, complete, impact evidenced, sustained) and how much
difference the evidence shows for children and families (its **impact rating**, a scale
of its own: not yet known, limited, some, clear), with the evidence that shows it (a
KPI's movement, audit findings, families' feedback) and the KPIs it cites. ADR 0034.

Records are never changed or deleted. Each review adds a row; the newest row that no
later row corrects is the action's **current** stage and impact. A mistake is put right
by a row that ``corrects`` it: the corrected row stays in the history, marked so, and no
longer counts.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef

from senda.improvement.models.actions import Action


class Stage(models.TextChoices):
    """An action's stage, in order: each comes after the one before it."""

    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in-progress", "In progress"
    COMPLETE = "complete", "Complete"
    IMPACT_EVIDENCED = "impact-evidenced", "Impact evidenced"
    SUSTAINED = "sustained", "Sustained"


#: What each stage means, as the form's hints say it.
STAGE_MEANINGS = {
    Stage.PLANNED: "Agreed in the plan; work has not started.",
    Stage.IN_PROGRESS: "Work has started and is not finished.",
    Stage.COMPLETE: "The work is done; its impact is not yet shown.",
    Stage.IMPACT_EVIDENCED: "Evidence shows the difference it has made.",
    Stage.SUSTAINED: "The difference has lasted since impact was first evidenced.",
}

#: Stages that claim an impact: they need evidence.
CLAIMS_IMPACT = frozenset({Stage.IMPACT_EVIDENCED, Stage.SUSTAINED})


def stage_order(stage: str) -> int:
    """The position of ``stage`` from planned (0) to sustained (4)."""
    return list(Stage.values).index(stage)


class ImpactRating(models.TextChoices):
    """How much difference the evidence shows, apart from how delivery is going."""

    NOT_YET = "not-yet", "Not yet known"
    LIMITED = "limited", "Limited"
    SOME = "some", "Some"
    CLEAR = "clear", "Clear"


IMPACT_MEANINGS = {
    ImpactRating.NOT_YET: "Too early to tell: no evidence either way yet.",
    ImpactRating.LIMITED: "The evidence shows little or no difference yet.",
    ImpactRating.SOME: "The evidence shows some difference, not yet all that was intended.",
    ImpactRating.CLEAR: "The evidence shows the difference the action set out to make.",
}

#: Newest first: the first standing row is the current one, the rest its history.
NEWEST_FIRST = ("-recorded_on", "-recorded_at", "-id")


class ImpactRecordQuerySet(models.QuerySet["ImpactRecord"]):
    def standing(self, on: date | None = None) -> ImpactRecordQuerySet:
        """Rows (recorded by ``on``, if given) that no row recorded by then corrects."""
        corrections = ImpactRecord.objects.filter(corrects=OuterRef("pk"))
        if on is not None:
            corrections = corrections.filter(recorded_on__lte=on)
            return self.filter(recorded_on__lte=on).exclude(Exists(corrections))
        return self.exclude(Exists(corrections))


class ImpactRecord(models.Model):
    """One review of an action's stage and impact, never changed."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="impact_records")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    impact = models.CharField(max_length=10, choices=ImpactRating.choices)
    evidence = models.TextField(
        blank=True, help_text="What shows it: a KPI's movement, audit findings, feedback."
    )
    kpi_ids = models.JSONField(
        default=list, blank=True, help_text="Ids of the action's KPIs the evidence cites."
    )
    reason = models.TextField(
        blank=True, help_text="Why the stage went back, or why a record is corrected."
    )
    corrects = models.OneToOneField(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="correction",
        help_text="The earlier record this one puts right: it stays, and no longer counts.",
    )
    recorded_on = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ImpactRecordQuerySet.as_manager()

    class Meta:
        ordering = list(NEWEST_FIRST)
        indexes = [models.Index(fields=["action", "recorded_on"], name="impact_action_on_idx")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} on {self.recorded_on:%Y-%m-%d}"
