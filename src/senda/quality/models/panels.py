"""Decision panels: a multi-agency meeting with an agenda of cases; each item's decision
is written through the casework actions (one path), with reasons; learning from the
panel is shared with named partners and marked acted on."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senda.quality.models.grades import Organisation


class Panel(models.Model):
    la = models.ForeignKey("people.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100, help_text="e.g. 'Assessment panel'.")
    meets_on = models.DateField()
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    quorum_met = models.BooleanField(null=True, blank=True)
    held_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-meets_on", "-id"]

    def __str__(self) -> str:
        return f"Panel {self.pk}"


class PanelMember(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=12, choices=Organisation.choices)
    present = models.BooleanField(default=True)

    class Meta:
        ordering = ["panel", "id"]

    def __str__(self) -> str:
        return f"Panel member {self.pk}"


class PanelItem(models.Model):
    class Question(models.TextChoices):
        ASSESS = "assess", "Whether to carry out an EHC needs assessment"
        ISSUE = "issue", "Whether to issue an EHC plan"
        PLACEMENT = "placement", "Placement"
        TOP_UP = "top_up", "Top-up funding band"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="+")
    question = models.CharField(max_length=10, choices=Question.choices)
    order = models.PositiveSmallIntegerField(default=0)
    decision = models.CharField(max_length=300, blank=True)
    reasons = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    event = models.ForeignKey(
        "casework.CaseEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case_decision = models.ForeignKey(
        "casework.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    family_told_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["panel", "order", "id"]

    def __str__(self) -> str:
        return f"Panel item {self.pk}"


class PanelLearning(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="learning")
    text = models.TextField()
    partner = models.CharField(max_length=200, help_text="Who it is shared with.")
    team = models.ForeignKey(
        "people.AdviceTeam", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    shared_on = models.DateField(null=True, blank=True)
    acted_on = models.DateField(null=True, blank=True)
    acted_note = models.TextField(blank=True)

    class Meta:
        ordering = ["panel", "id"]

    def __str__(self) -> str:
        return f"Panel learning {self.pk}"
