"""Actions, their milestones, dated updates and the history of their ratings.

The questions asked of many actions live on their QuerySets: an action's **current rating**
is its latest ``Rating`` (by date rated, then when recorded: ``LATEST_FIRST``), and a
milestone is **overdue** on a day when it was due before that day and not done by then.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from senda.improvement.models.plans import Aim, ImprovementArea, Partner
from senda.improvement.models.withdrawal import InForce, Withdrawable

#: Ratings newest first: the first is the current rating, the rest its history.
LATEST_FIRST = ("-rated_on", "-recorded_at", "-id")


class ActionQuerySet(models.QuerySet["Action"]):
    def with_current_rating(self, on: date | None = None) -> ActionQuerySet:
        """Add ``current``: the code of each action's current rating (as it stood on
        ``on``, if given), or None if it has none. A subquery: the history is not loaded."""
        latest = Rating.objects.filter(action=OuterRef("pk")).order_by(*LATEST_FIRST)
        if on is not None:
            latest = latest.filter(rated_on__lte=on)
        return self.annotate(current=Subquery(latest.values("value")[:1]))

    def with_impact(self, on: date | None = None) -> ActionQuerySet:
        """Add ``impact_stage``, ``impact_rating`` and ``impact_evidence``: each action's
        current stage and impact rating (codes) and their evidence, from its newest standing
        ``ImpactRecord`` (as it stood on ``on``, if given); None where none is recorded.
        Subqueries: the history is not loaded."""
        from senda.improvement.models.impact import NEWEST_FIRST, ImpactRecord

        rows = ImpactRecord.objects.filter(action=OuterRef("pk")).standing(on)
        latest = rows.order_by(*NEWEST_FIRST)
        return self.annotate(
            impact_stage=Subquery(latest.values("stage")[:1]),
            impact_rating=Subquery(latest.values("impact")[:1]),
            impact_evidence=Subquery(latest.values("evidence")[:1]),
        )

    def with_overdue_milestones(self, today: date) -> ActionQuerySet:
        """Add ``overdue``: how many of each action's milestones are overdue ``today``."""
        late = Milestone.objects.overdue_on(today).filter(action=OuterRef("pk"))
        counted = late.order_by().values("action").annotate(n=Count("id")).values("n")
        overdue = Coalesce(Subquery(counted, output_field=IntegerField()), 0)
        return self.annotate(overdue=overdue)

    def with_status(self, today: date) -> ActionQuerySet:
        """Both: ``current`` (rating code or None) and ``overdue`` (count of milestones)."""
        return self.with_current_rating().with_overdue_milestones(today)

    def naming_kpi(self, la_id: int, kpi_id: str) -> list[Action]:
        """The actions of the area's improvement plans that name the KPI ``kpi_id`` among
        the KPIs they serve, in plan and area order. The JSON list is read here, not in SQL:
        SQLite has no containment lookup for JSON, and an area's plans hold a few hundred
        actions at most."""
        rows = self.filter(area__plan__la_id=la_id).select_related("area__plan")
        return [action for action in rows if kpi_id in (action.kpi_ids or [])]


class MilestoneQuerySet(models.QuerySet["Milestone"]):
    def overdue_on(self, day: date) -> MilestoneQuerySet:
        """Milestones due before ``day`` and not done by then."""
        return self.filter(due_on__lt=day).filter(Q(done_on__isnull=True) | Q(done_on__gt=day))


class Action(Withdrawable):
    """What the partnership will do: what, how, the measures, when and who.

    ``timescale`` keeps the plan's words verbatim; ``starts_on``/``ends_on`` hold what Senda
    could read from them (blank when it could not: ``timescale_resolved`` is then False and
    the action is listed for a person to resolve, never guessed).
    """

    area = models.ForeignKey(ImprovementArea, on_delete=models.CASCADE, related_name="actions")
    aim = models.ForeignKey(
        Aim, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    reference = models.CharField(max_length=20, help_text='The plan\'s own number, e.g. "2.3".')
    what = models.TextField()
    how = models.TextField(blank=True, help_text="Steps, one a line.")
    kpi_ids = models.JSONField(
        default=list, blank=True, help_text="Ids of catalogue KPIs this action serves."
    )
    measures = models.TextField(blank=True, help_text="Free-text measures and targets.")
    timescale = models.CharField(max_length=200, blank=True, help_text="As the plan says it.")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    timescale_resolved = models.BooleanField(default=True)
    ongoing = models.BooleanField(
        default=False, help_text="A person marked it ongoing: it has no end date on purpose."
    )
    lead = models.CharField(max_length=200, blank=True)
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_actions",
    )
    partners = models.ManyToManyField(Partner, blank=True, related_name="actions")
    capital_projects = models.ManyToManyField(
        "sufficiency.CapitalProject",
        blank=True,
        related_name="+",
        help_text="Projects of the area's capital programme that deliver this action.",
    )
    evidence = models.TextField(blank=True, help_text="Documents and links, one a line.")
    impact = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)

    objects = InForce.from_queryset(ActionQuerySet)()
    all_objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["area__number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["area", "reference"], name="action_unique_ref")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.what[:60]}"


class Milestone(Withdrawable):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = InForce.from_queryset(MilestoneQuerySet)()
    all_objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


class ActionUpdate(models.Model):
    """A dated, authored progress note on an action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True, help_text="When imported.")
    text = models.TextField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"Update on {self.on:%Y-%m-%d}"


class Rating(models.Model):
    """One rating of an action, never changed: the latest is the current rating, the rest
    its history. ``suggested`` is what Senda proposed at the time, with its reason."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="ratings")
    value = models.CharField(max_length=15, help_text="A code of the plan's scale.")
    rated_on = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rationale = models.TextField()
    suggested = models.CharField(max_length=15, blank=True)
    suggestion_reason = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = list(LATEST_FIRST)
        indexes = [models.Index(fields=["action", "rated_on"], name="rating_action_on_idx")]

    def __str__(self) -> str:
        return f"{self.value} on {self.rated_on:%Y-%m-%d}"

    @property
    def overrides_suggestion(self) -> bool:
        return bool(self.suggested) and self.suggested != self.value
