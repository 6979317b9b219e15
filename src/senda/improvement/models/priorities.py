"""The partnership's priorities as the quarterly report shows them.

A plan's improvement areas are its **priorities**. Each has "I" and "We" statements
(``PriorityStatement``: a new row for every change, the latest is current, the rest its
history), a RAGB rating of progress with a narrative for each quarter (``PriorityRating``:
never changed, the latest for a quarter is that quarter's rating) and, for each quarter's
report, a list of **key actions for the coming quarter** (``KeyActionList`` and its
``KeyAction`` rows: drawn from the actions and milestones due that quarter, edited while
the list is a draft, frozen once published). A key action removed is withdrawn, not
deleted; a key action reworded is withdrawn and replaced by a row that names it
(``replaces``), so the list's history is kept.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.improvement.models.actions import Action, Milestone
from senda.improvement.models.plans import ImprovementArea, ImprovementPlan
from senda.improvement.models.withdrawal import Withdrawable

#: Newest first: the first is the current row, the rest its history.
NEWEST_FIRST = ("-recorded_at", "-id")


class PriorityStatement(models.Model):
    """A priority's "I" and "We" statements as someone wrote them, never changed."""

    area = models.ForeignKey(ImprovementArea, on_delete=models.CASCADE, related_name="statements")
    i_statement = models.TextField(help_text="What a child, young person or family will say.")
    we_statement = models.TextField(help_text="What the partnership will say it does.")
    written_on = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = list(NEWEST_FIRST)

    def __str__(self) -> str:
        return f"Statements of area {self.area_id} on {self.written_on:%Y-%m-%d}"


class PriorityRating(models.Model):
    """A priority's RAGB rating for one quarter (``quarter``: a period key such as
    ``2026-27-q2``) with its narrative, never changed: the latest for the quarter counts."""

    area = models.ForeignKey(
        ImprovementArea, on_delete=models.CASCADE, related_name="priority_ratings"
    )
    quarter = models.CharField(max_length=12)
    value = models.CharField(max_length=10, help_text="A code of the RAGB scale.")
    narrative = models.TextField()
    rated_on = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = list(NEWEST_FIRST)
        indexes = [models.Index(fields=["area", "quarter"], name="priorityrating_quarter_idx")]

    def __str__(self) -> str:
        return f"{self.value} for {self.quarter}"


class KeyActionList(models.Model):
    """The key actions for the coming quarter in the report for ``quarter`` (the report's
    quarter: the actions are due in the one after it). A draft until published."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="key_actions")
    quarter = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "quarter"], name="keyactionlist_unique")
        ]

    def __str__(self) -> str:
        return f"Key actions for the report of {self.quarter}"

    @property
    def published(self) -> bool:
        return self.published_on is not None


class KeyAction(Withdrawable):
    """One key action of a list: drawn from an action or a milestone, or written by a
    person (both empty)."""

    key_list = models.ForeignKey(KeyActionList, on_delete=models.CASCADE, related_name="items")
    area = models.ForeignKey(ImprovementArea, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    due_on = models.DateField(null=True, blank=True)
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    replaces = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area__number", models.F("due_on").asc(nulls_last=True), "id"]

    def __str__(self) -> str:
        return self.text[:80]
